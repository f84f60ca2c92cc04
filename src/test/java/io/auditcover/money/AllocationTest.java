package io.auditcover.money;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.Seeds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Money#allocate} against the rule as written (round each part down, then one unit at a time to the largest remainder
 * left, ties to the earlier weight), over seeded random weights (see {@link Seeds}).
 */
class AllocationTest {
    static final Asset USDC = new Asset("USDC", 6);
    static final long[] SEEDS = {1, 2, 3, 4};
    static final int ROUNDS = 500;

    static LongStream seeds() {
        return Seeds.of(SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void allocation_matches_the_largest_remainder_rule_for_random_weights(long seed) {
        var random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            int count = 1 + random.nextInt(random.nextBoolean() ? 5 : 300);
            var weights = new ArrayList<Long>(count);
            long limit = random.nextBoolean() ? 1_000 : Long.MAX_VALUE / count;
            for (int i = 0; i < count; i++) {
                weights.add(random.nextInt(8) == 0 ? 0 : random.nextLong(limit));
            }
            if (weights.stream().allMatch(weight -> weight == 0)) {
                weights.set(0, 1L);
            }
            long units = random.nextBoolean() ? random.nextLong(10_000) : random.nextLong(Long.MAX_VALUE);
            assertThat(Money.ofUnits(USDC, units).allocate(weights)).as("seed %d, round %d %s", seed, round, Seeds.rerun(seed))
                    .isEqualTo(largestRemainder(units, weights));
        }
    }

    @Test
    void a_hundred_thousand_weights_share_an_amount_that_does_not_divide_evenly() {
        long units = 40_000_000_000_003L;
        var weights = new ArrayList<Long>();
        for (int i = 0; i < 100_000; i++) {
            weights.add(500_000_000L + i * 7919L % 1_000_003L);
        }
        List<Money> parts = Money.ofUnits(USDC, units).allocate(weights);

        assertThat(parts.stream().mapToLong(Money::units).sum()).isEqualTo(units);
        long total = weights.stream().mapToLong(Long::longValue).sum();
        long lowestBumped = Long.MAX_VALUE;
        long highestNotBumped = -1;
        for (int i = 0; i < weights.size(); i++) {
            BigInteger[] exact = BigInteger.valueOf(units).multiply(BigInteger.valueOf(weights.get(i))).divideAndRemainder(BigInteger.valueOf(total));
            long bump = parts.get(i).units() - exact[0].longValueExact();
            assertThat(bump).as("part %d", i).isBetween(0L, 1L);
            long remainder = exact[1].longValueExact();
            if (bump == 1) {
                lowestBumped = Math.min(lowestBumped, remainder);
            } else {
                highestNotBumped = Math.max(highestNotBumped, remainder);
            }
        }
        assertThat(lowestBumped).as("the units left over go to the largest remainders").isGreaterThanOrEqualTo(highestNotBumped);
    }

    /** The rule one unit at a time: slow (a scan per unit left), and plainly what the documentation says. */
    static List<Money> largestRemainder(long units, List<Long> weights) {
        BigInteger total = BigInteger.valueOf(weights.stream().mapToLong(Long::longValue).sum());
        int count = weights.size();
        long[] parts = new long[count];
        BigInteger[] remainders = new BigInteger[count];
        long left = units;
        for (int i = 0; i < count; i++) {
            BigInteger[] split = BigInteger.valueOf(units).multiply(BigInteger.valueOf(weights.get(i))).divideAndRemainder(total);
            parts[i] = split[0].longValueExact();
            remainders[i] = split[1];
            left -= parts[i];
        }
        for (; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < count; i++) {
                if (remainders[i].compareTo(remainders[best]) > 0) {
                    best = i;
                }
            }
            parts[best]++;
            remainders[best] = BigInteger.valueOf(-1);
        }
        var result = new ArrayList<Money>(count);
        for (long part : parts) {
            result.add(Money.ofUnits(USDC, part));
        }
        return result;
    }
}
