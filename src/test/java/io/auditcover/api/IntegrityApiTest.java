package io.auditcover.api;

import static io.auditcover.api.ApiTest.assertError;
import static io.auditcover.api.ServiceFixture.POOL;
import static io.auditcover.api.ServiceFixture.PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Cause;
import io.auditcover.engine.Command;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sales and pool rules that keep cover from being sold when it cannot pay, over HTTP: stable codes, nothing written. */
class IntegrityApiTest {
    @TempDir
    Path directory;

    @Test
    void cover_is_neither_quoted_nor_sold_while_an_incident_on_its_protocol_is_open() {
        try (var service = new ServiceFixture(directory)) {
            String buyer = service.signIn(ServiceFixture.BUYER);
            assertThat(service.post("/api/covers", buyer, ApiTest.coverBody("100", 30), null).status()).isEqualTo(201);
            service.submit(new Command.ReportIncident("open-exploit", service.incident("open-exploit", Cause.REENTRANCY)));
            String head = service.get("/api/log/head", null).body().get("hash").asText();

            var refused = service.post("/api/covers", buyer, ApiTest.coverBody("100", 30), null);
            assertError(refused, 422, "incident_open");
            assertThat(refused.body().get("details").get("incident_id").asText()).isEqualTo("open-exploit");
            assertError(service.get("/api/quotes?pool_id=" + POOL + "&protocol_id=" + PROTOCOL + "&amount=100&asset=USDC&period_days=30",
                    null), 422, "incident_open");
            assertThat(service.get("/api/log/head", null).body().get("hash").asText()).isEqualTo(head);
        }
    }

    @Test
    void a_pools_incident_report_window_is_checked_and_shown() {
        try (var service = new ServiceFixture(directory)) {
            String head = service.get("/api/log/head", null).body().get("hash").asText();
            for (String window : new String[] {"0", "91", "-1", "\"7\"", "1e3"}) {
                var answer = service.post("/api/pools", service.operatorKey, pool("gamma", window), null);
                assertThat(answer.status()).as("window " + window).isEqualTo(400);
            }
            assertThat(service.get("/api/log/head", null).body().get("hash").asText()).isEqualTo(head);

            var created = service.post("/api/pools", service.operatorKey, pool("gamma", "14"), null);
            assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
            assertThat(service.get("/api/pools/gamma", null).body().get("rules").get("incident_report_window_days").asLong()).isEqualTo(14);
        }
    }

    @Test
    void a_paid_withdrawal_says_what_is_held_back_and_until_when_and_only_its_underwriter_sees_it() {
        try (var service = new ServiceFixture(directory)) {
            service.clock.advance(java.time.Duration.ofDays(60));
            service.submit(new Command.AdvanceTime("tick"));
            String underwriter = service.signIn(ServiceFixture.UNDERWRITER);

            var paid = service.post("/api/withdrawal-requests/" + service.withdrawalRequestId + "/withdraw", underwriter, "{}", null);

            assertThat(paid.status()).as("%s", paid.body()).isEqualTo(201);
            String until = service.clock.instant().plus(java.time.Duration.ofDays(7)).toString();
            assertThat(paid.body().toString()).contains("\"held_until\":\"" + until + "\"");
            var held = service.get("/api/held-withdrawals", underwriter).body().get("items");
            assertThat(held).hasSize(1);
            assertThat(held.get(0).get("held_until").asText()).isEqualTo(until);
            assertThat(held.get(0).get("held").get("amount").asText()).isNotEqualTo("0");
            assertThat(service.get("/api/held-withdrawals", service.signIn(ServiceFixture.BUYER)).body().get("items")).isEmpty();
        }
    }

    private static String pool(String id, String window) {
        return "{\"id\":\"" + id + "\",\"asset\":{\"code\":\"USDC\",\"scale\":6},\"leverage\":\"2\",\"max_protocol_share\":\"1\","
                + "\"notice_period_days\":7,\"incident_report_window_days\":" + window + "}";
    }
}
