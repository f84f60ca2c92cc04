package io.auditcover.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.Seeds;
import io.auditcover.money.Ratio;
import io.auditcover.money.Rounding;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChargeTest {
    static final long[] SEEDS = {3};

    static LongStream seeds() {
        return Seeds.of(SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void the_fast_multiply_divide_rounds_up_exactly_like_the_money_ratio(long seed) {
        var random = new Random(seed);
        for (int i = 0; i < 200_000; i++) {
            long value = random.nextInt(4) == 0 ? random.nextLong(0, 1_000_000) : random.nextLong(0, 100_000_000_000_000_000L);
            long factor = random.nextLong(0, 5 * PriceBreakdown.RATE_RESOLUTION);
            long expected = Ratio.scale(value, factor, PriceBreakdown.RATE_RESOLUTION, Rounding.POOL_RECEIVES);
            assertThat(PriceBreakdown.multiplyDivideUp(value, factor, PriceBreakdown.RATE_RESOLUTION)).as(value + " x " + factor + " " + Seeds.rerun(seed)).isEqualTo(expected);
        }
    }
}
