package io.auditcover.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyTest {
    static final Asset USDC = new Asset("USDC", 6);
    static final Asset ETH = new Asset("ETH", 9);

    @Test
    void parsing_keeps_every_decimal_exactly() {
        assertThat(Money.parse(USDC, "1250.5").units()).isEqualTo(1_250_500_000L);
        assertThat(Money.parse(USDC, "0.000001").units()).isEqualTo(1L);
        assertThat(Money.parse(USDC, "1250.500000").toDecimalString()).isEqualTo("1250.500000");
    }

    @Test
    void more_decimals_than_the_asset_keeps_is_an_error_not_a_rounding() {
        assertThatThrownBy(() -> Money.parse(USDC, "1.0000001")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 6 decimals");
    }

    @Test
    void amounts_beyond_a_long_are_refused() {
        assertThatThrownBy(() -> Money.parse(ETH, "99999999999999999999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofUnits(USDC, Long.MAX_VALUE).plus(Money.ofUnits(USDC, 1)))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void assets_never_mix() {
        assertThatThrownBy(() -> Money.whole(USDC, 1).plus(Money.whole(ETH, 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_asset_scale_above_nine_is_refused() {
        assertThatThrownBy(() -> new Asset("WEI", 18)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void what_the_pool_receives_rounds_up_and_what_it_pays_rounds_down() {
        Money ten = Money.ofUnits(USDC, 10);
        assertThat(ten.times(Ratio.of(1, 3), Rounding.POOL_RECEIVES).units()).isEqualTo(4);
        assertThat(ten.times(Ratio.of(1, 3), Rounding.POOL_PAYS).units()).isEqualTo(3);
    }

    @Test
    void scaling_huge_amounts_is_exact_past_sixty_four_bits() {
        Money big = Money.ofUnits(USDC, Long.MAX_VALUE / 2);
        assertThat(big.scaled(3, 3, Rounding.POOL_PAYS)).isEqualTo(big);
        assertThat(big.scaled(1_000_000, 2_000_000, Rounding.POOL_PAYS).units()).isEqualTo(Long.MAX_VALUE / 4);
    }

    @Test
    void allocation_by_weights_adds_up_to_the_whole_amount() {
        var parts = Money.ofUnits(USDC, 100).allocate(List.of(1L, 1L, 1L));
        assertThat(parts).extracting(Money::units).containsExactly(34L, 33L, 33L);
        var uneven = Money.ofUnits(USDC, 1_000_003).allocate(List.of(7L, 0L, 13L, 5L));
        assertThat(uneven.stream().mapToLong(Money::units).sum()).isEqualTo(1_000_003);
        assertThat(uneven.get(1).units()).isZero();
    }

    @Test
    void ratios_parse_exactly_and_compare_by_value() {
        assertThat(Ratio.parse("25%")).isEqualTo(Ratio.of(1, 4));
        assertThat(Ratio.parse("0.5")).isEqualTo(Ratio.of(2, 4));
        assertThat(Ratio.bps(250).compareTo(Ratio.of(1, 40))).isZero();
    }
}
