package io.auditcover.claims;

import io.auditcover.reinsurance.ExcessOfLoss;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.Seeds;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SettlementTest {
    static final Asset USDC = new Asset("USDC", 6);

    static List<Money> usdc(List<Long> units) {
        return units.stream().map(unit -> Money.ofUnits(USDC, unit)).toList();
    }

    @Test
    void a_pool_that_can_pay_everything_pays_everything() {
        var settlement = Settlement.of(Money.whole(USDC, 100), usdc(List.of(30_000_000L, 70_000_000L)));
        assertThat(settlement.paid()).containsExactlyElementsOf(usdc(List.of(30_000_000L, 70_000_000L)));
        assertThat(settlement.shortfall().isZero()).isTrue();
    }

    @Test
    void a_pool_that_cannot_pay_in_full_pays_every_claim_the_same_share_and_records_the_shortfall() {
        var settlement = Settlement.of(Money.whole(USDC, 50), usdc(List.of(20_000_000L, 80_000_000L)));
        assertThat(settlement.paid()).containsExactlyElementsOf(usdc(List.of(10_000_000L, 40_000_000L)));
        assertThat(settlement.shortfall()).isEqualTo(Money.whole(USDC, 50));
    }

    /** Seeded random cases (see {@link Seeds}). */
    static final long[] SEEDS = {1, 2, 3, 4};
    static final int CASES = 500;

    static LongStream seeds() {
        return Seeds.of(SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void pro_rata_pays_exactly_what_there_is_never_more_than_approved_and_ignores_arrival_order(long seed) {
        var random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            var approvedUnits = new ArrayList<Long>();
            int claims = 1 + random.nextInt(40);
            for (int c = 0; c < claims; c++) {
                approvedUnits.add(random.nextInt(10) == 0 ? 0 : random.nextLong(1, 1_000_000_000_000L));
            }
            long availableUnits = random.nextLong(0, 10_000_000_000_000L);
            try {
                checkProRata(approvedUnits, availableUnits);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ", case " + i + " " + Seeds.rerun(seed) + ": " + e.getMessage(), e);
            }
        }
    }

    private static void checkProRata(List<Long> approvedUnits, long availableUnits) {
        var approved = usdc(approvedUnits);
        var settlement = Settlement.of(Money.ofUnits(USDC, availableUnits), approved);
        long approvedTotal = approvedUnits.stream().mapToLong(Long::longValue).sum();
        long paidTotal = settlement.paid().stream().mapToLong(Money::units).sum();
        assertThat(paidTotal).isEqualTo(Math.min(approvedTotal, availableUnits));
        assertThat(settlement.shortfall().units()).isEqualTo(approvedTotal - paidTotal);
        for (int i = 0; i < approved.size(); i++) {
            assertThat(settlement.paid().get(i).units()).isBetween(0L, approved.get(i).units());
        }
        var reversed = new ArrayList<>(approved);
        Collections.reverse(reversed);
        var reversedSettlement = Settlement.of(Money.ofUnits(USDC, availableUnits), reversed);
        long reversedTotal = reversedSettlement.paid().stream().mapToLong(Money::units).sum();
        assertThat(reversedTotal).isEqualTo(paidTotal);
        for (int i = 0; i < approved.size(); i++) {
            long share = settlement.paid().get(i).units();
            long sameClaimReversed = reversedSettlement.paid().get(approved.size() - 1 - i).units();
            assertThat(Math.abs(share - sameClaimReversed)).as("one unit of rounding at most").isLessThanOrEqualTo(1);
        }
    }

    @Test
    void a_reinsurance_layer_pays_above_the_retention_up_to_its_limit() {
        var layer = new ExcessOfLoss(Money.whole(USDC, 1_000), Money.whole(USDC, 5_000));
        assertThat(layer.recovery(Money.whole(USDC, 800)).isZero()).isTrue();
        assertThat(layer.recovery(Money.whole(USDC, 3_000))).isEqualTo(Money.whole(USDC, 2_000));
        assertThat(layer.recovery(Money.whole(USDC, 90_000))).isEqualTo(Money.whole(USDC, 5_000));
    }
}
