package io.auditcover.cover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CoverTest {
    static final Asset USDC = new Asset("USDC", 6);
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    static Cover cover(Money premium, int days) {
        return new Cover(1, "buyer", "alpha", "lendwell", Money.whole(USDC, 10_000), START, Cover.endOf(START, days), premium,
                new CoverTerms(250, days), Money.zero(USDC), Money.zero(USDC), CoverStatus.ACTIVE, null);
    }

    @Test
    void premium_is_amount_times_rate_times_days_over_a_year_rounded_up() {
        assertThat(Cover.premiumFor(Money.whole(USDC, 10_000), 250, 365)).isEqualTo(Money.whole(USDC, 250));
        assertThat(Cover.premiumFor(Money.ofUnits(USDC, 1), 1, 28).units()).isEqualTo(1);
    }

    @Test
    void premium_is_earned_by_whole_days_and_fully_at_the_end() {
        Cover cover = cover(Money.ofUnits(USDC, 1_000), 30);
        assertThat(cover.earnedBy(START.plus(Duration.ofHours(23))).units()).isZero();
        assertThat(cover.earnedBy(START.plus(Duration.ofDays(1))).units()).isEqualTo(33);
        assertThat(cover.earnedBy(START.plus(Duration.ofDays(30)))).isEqualTo(Money.ofUnits(USDC, 1_000));
        assertThat(cover.earnedBy(START.plus(Duration.ofDays(400)))).isEqualTo(Money.ofUnits(USDC, 1_000));
    }

    @Test
    void periods_outside_28_to_365_days_are_refused() {
        assertThatThrownBy(() -> new CoverTerms(100, 27)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoverTerms(100, 366)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_cover_can_never_have_paid_more_than_its_amount() {
        Cover cover = cover(Money.ofUnits(USDC, 1_000), 30);
        assertThatThrownBy(() -> cover.withPaid(Money.whole(USDC, 10_001))).isInstanceOf(IllegalStateException.class);
    }
}
