package io.auditcover.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolTest {
    static final Asset USDC = new Asset("USDC", 6);
    static final PoolRules LEVERAGE_2 = new PoolRules(Ratio.whole(2), Ratio.of(1, 2), Duration.ofDays(14));

    @Test
    void the_first_deposit_mints_one_share_per_unit_and_later_ones_mint_at_nav() {
        Pool pool = Pool.open("alpha", USDC, LEVERAGE_2).deposited(Money.whole(USDC, 100), Money.whole(USDC, 100).units());
        pool = pool.premiumEarned(Money.whole(USDC, 0)).withCapital(Money.whole(USDC, 200));
        assertThat(pool.sharesFor(Money.whole(USDC, 100))).isEqualTo(Money.whole(USDC, 50).units());
        assertThat(pool.navPerShare()).isEqualTo(Money.whole(USDC, 2));
    }

    @Test
    void capacity_is_capital_times_leverage_and_the_protocol_cap_a_share_of_it() {
        Pool pool = Pool.open("alpha", USDC, LEVERAGE_2).deposited(Money.whole(USDC, 1_000), 1);
        assertThat(pool.capacity()).isEqualTo(Money.whole(USDC, 2_000));
        assertThat(pool.protocolCapacity()).isEqualTo(Money.whole(USDC, 1_000));
    }

    @Test
    void active_cover_locks_capital_by_leverage_and_never_more_than_the_capital() {
        Pool pool = Pool.open("alpha", USDC, LEVERAGE_2).deposited(Money.whole(USDC, 1_000), 1)
                .coverSold(Money.whole(USDC, 1_500), Money.whole(USDC, 10));
        assertThat(pool.locked()).isEqualTo(Money.whole(USDC, 750));
        assertThat(pool.free()).isEqualTo(Money.whole(USDC, 250));
        Pool afterLoss = pool.paid(Money.whole(USDC, 900));
        assertThat(afterLoss.locked()).isEqualTo(afterLoss.capital());
        assertThat(afterLoss.free().isZero()).isTrue();
    }

    @Test
    void a_loss_lowers_what_every_share_is_worth() {
        Pool pool = Pool.open("alpha", USDC, LEVERAGE_2).deposited(Money.whole(USDC, 1_000), 1_000)
                .coverSold(Money.whole(USDC, 500), Money.zero(USDC)).paid(Money.whole(USDC, 100));
        assertThat(pool.valueOf(500)).isEqualTo(Money.whole(USDC, 450));
    }
}
