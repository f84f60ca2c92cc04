package io.auditcover.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClaimTest {
    static final Asset USDC = new Asset("USDC", 6);
    static final Money USDC_1000 = Money.whole(USDC, 1_000);
    static final Instant PAID_AT = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void a_claim_records_what_was_paid_on_which_cover_from_which_pool() {
        var claim = new Claim(1, 7, "blue-chip", USDC_1000, PAID_AT, "exploit of bridgeport");
        assertThat(claim.amount()).isEqualTo(USDC_1000);
        assertThat(claim.coverId()).isEqualTo(7);
        assertThat(claim.poolId()).isEqualTo("blue-chip");
    }

    @Test
    void a_claim_of_nothing_or_less_is_refused() {
        assertThatThrownBy(() -> new Claim(1, 7, "blue-chip", Money.zero(USDC), PAID_AT, "nothing"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Claim(1, 7, "blue-chip", Money.ofUnits(USDC, -1), PAID_AT, "negative"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_reason_longer_than_the_limit_is_refused() {
        String tooLong = "x".repeat(Claim.REASON_LENGTH_MAX + 1);
        assertThatThrownBy(() -> new Claim(1, 7, "blue-chip", USDC_1000, PAID_AT, tooLong))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Claim(1, 7, "blue-chip", USDC_1000, PAID_AT, "x".repeat(Claim.REASON_LENGTH_MAX)).reason())
                .hasSize(Claim.REASON_LENGTH_MAX);
    }
}
