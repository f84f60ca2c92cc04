package io.auditcover.engine;

import io.auditcover.claims.ClaimDecided;
import io.auditcover.claims.PoolSettled;
import io.auditcover.claims.DepositSettled;
import io.auditcover.claims.SharesAtReport;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.money.Money;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settlement event's stored shape: each decided claim as a compact array that reads back exactly. */
class SettlementCodecTest {
    static final Instant SETTLED_AT = Instant.parse("2026-03-02T10:15:30.123456789Z");

    static Event.IncidentSettled settled() {
        var claims = List.of(
                new ClaimDecided(1, 7, "approved", 500_000_000, 400_000_000, 1_000_000_000),
                new ClaimDecided(2, 8, "cause_excluded", 0, 0, 0),
                new ClaimDecided(Long.MAX_VALUE, Long.MAX_VALUE - 1, "needs_assessment", Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
        var pool = new PoolSettled("alpha", Money.whole(USDC, 500), Money.zero(USDC), Money.whole(USDC, 400), Money.whole(USDC, 100),
                List.of(new SharesAtReport("alpha", "ann", 12)), List.of());
        var deposit = new DepositSettled(2, "alpha", Money.whole(USDC, 50), true);
        return new Event.IncidentSettled("inc-1", SETTLED_AT, List.of(pool), claims, List.of(deposit), List.of("alpha"), true);
    }

    @Test
    void a_settlement_reads_back_equal_to_what_was_written() {
        var event = settled();
        byte[] bytes = Codec.encode(event);

        assertThat(Codec.decodeJsonEvent(Codec.type(event), bytes)).isEqualTo(event);
        assertThat(Codec.encode(Codec.decodeJsonEvent(Codec.type(event), bytes))).isEqualTo(bytes);
    }

    @Test
    void a_decided_claim_is_stored_as_an_array_in_component_order() {
        String json = new String(Codec.encode(settled()), StandardCharsets.UTF_8);

        assertThat(json).contains("\"claims\":[[1,7,\"approved\",500000000,400000000,1000000000],[2,8,\"cause_excluded\",0,0,0],");
    }

    @Test
    void a_decided_claim_with_a_missing_extra_or_mistyped_element_is_refused() {
        String good = new String(Codec.encode(settled()), StandardCharsets.UTF_8);
        String claim = "[2,8,\"cause_excluded\",0,0,0]";
        for (String bad : new String[] {"[2,8,\"cause_excluded\",0,0]", "[2,8,\"cause_excluded\",0,0,0,9]", "[2,8,3,0,0,0]",
            "[2,\"8\",\"cause_excluded\",0,0,0]", "[2,8,\"cause_excluded\",0.5,0,0]", "{\"claimId\":2}", "[]"}) {
            byte[] payload = good.replace(claim, bad).getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> Codec.decodeJsonEvent("IncidentSettled", payload)).as(bad).isInstanceOf(UncheckedIOException.class);
        }
    }
}
