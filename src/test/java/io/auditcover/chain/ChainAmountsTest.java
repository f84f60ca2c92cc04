package io.auditcover.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Rounding;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ChainAmountsTest {
    static final Asset ETH = new Asset("ETH", 9);
    static final Asset USDC = new Asset("USDC", 6);

    @Test
    void wei_become_gwei_rounded_down_for_what_the_pool_pays_and_up_for_what_it_receives() {
        BigInteger wei = new BigInteger("1500000000000000001");
        assertThat(ChainAmounts.toMoney(wei, 18, ETH, Rounding.POOL_PAYS)).isEqualTo(Money.ofUnits(ETH, 1_500_000_000L));
        assertThat(ChainAmounts.toMoney(wei, 18, ETH, Rounding.POOL_RECEIVES)).isEqualTo(Money.ofUnits(ETH, 1_500_000_001L));
    }

    @Test
    void a_token_with_fewer_decimals_than_the_asset_scale_converts_exactly() {
        assertThat(ChainAmounts.toMoney(BigInteger.valueOf(250), 2, USDC, Rounding.POOL_PAYS)).isEqualTo(Money.parse(USDC, "2.5"));
    }

    @Test
    void an_amount_beyond_the_books_range_is_refused() {
        assertThatThrownBy(() -> ChainAmounts.toMoney(BigInteger.TEN.pow(40), 0, USDC, Rounding.POOL_PAYS))
                .isInstanceOf(ArithmeticException.class);
    }
}
