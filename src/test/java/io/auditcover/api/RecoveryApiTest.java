package io.auditcover.api;

import static io.auditcover.api.ApiTest.assertError;
import static io.auditcover.api.ServiceFixture.BUYER;
import static io.auditcover.api.ServiceFixture.ORACLE;
import static io.auditcover.api.ServiceFixture.POOL;
import static io.auditcover.api.ServiceFixture.PROTOCOL;
import static io.auditcover.api.ServiceFixture.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditcover.chain.IncidentStatements;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.engine.Command;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recoveries and spent pools over HTTP: the operator records funds recovered for a settled incident, the claim, the incident,
 * the pool and the ledger show them; a pool short at settlement shows what it owes, refuses deposits and purchases while
 * spent, and reopens at the operator's word; bad input is refused with its code and changes nothing.
 */
class RecoveryApiTest {
    @TempDir
    Path directory;

    private static String recovery(String amount, String asset, String evidence) {
        return "{\"amount\":{\"amount\":\"" + amount + "\",\"asset\":\"" + asset + "\"},\"evidence\":\"" + evidence + "\"}";
    }

    private static String head(ServiceFixture service) {
        return service.get("/api/log/head", null).body().get("hash").asText();
    }

    @Test
    void the_operator_records_a_recovery_which_returns_to_the_pool_and_shows_on_the_claim_the_incident_and_the_ledger() {
        try (var service = new ServiceFixture(directory)) {
            String ops = service.operatorKey;
            String buyer = service.signIn(BUYER);
            String path = "/api/incidents/fixture-exploit/recoveries";
            String good = recovery("400", "USDC", "funds returned by the attacker, tx 0x" + "ab".repeat(32));
            String before = head(service);
            assertError(service.post(path, buyer, good, null), 403, "forbidden");
            assertError(service.post(path, ops, recovery("1000.000001", "USDC", "e"), null), 422, "recovery_exceeds_paid");
            assertError(service.post(path, ops, recovery("0", "USDC", "e"), null), 422, "amount_not_positive");
            assertError(service.post(path, ops, recovery("-5", "USDC", "e"), null), 400, "malformed_request");
            assertError(service.post(path, ops, recovery("5", "ETH", "e"), null), 422, "asset_mismatch");
            assertError(service.post(path, ops, recovery("5", "USDC", ""), null), 400, "malformed_request");
            assertError(service.post(path, ops, "{\"amount\":{\"amount\":\"5\",\"asset\":\"USDC\"}}", null), 400, "malformed_request");
            assertError(service.post("/api/incidents/nowhere/recoveries", ops, good, null), 404, "not_found");
            var open = service.incident("still-open", Cause.REENTRANCY);
            service.submit(new Command.ReportIncident("report-open", open));
            before = head(service);
            assertError(service.post("/api/incidents/still-open/recoveries", ops, good, null), 422, "incident_not_settled");
            assertThat(head(service)).as("refusals change nothing").isEqualTo(before);
            Money capital = Money.parse(USDC, service.get("/api/pools/" + POOL, null).body().at("/capital/amount").asText());

            var written = service.post(path, ops, good, "recovery-1");

            assertThat(written.status()).as("%s", written.body()).isEqualTo(201);
            assertThat(written.body().get("id").asLong()).isEqualTo(1);
            assertThat(written.body().at("/pools/0/pool_id").asText()).isEqualTo(POOL);
            assertThat(written.body().at("/pools/0/amount/amount").asText()).isEqualTo("400.000000");
            assertThat(written.body().at("/claims/0/claim_id").asLong()).isEqualTo(service.claimId);
            assertThat(service.post(path, ops, good, "recovery-1").body()).as("a retry gets the same answer").isEqualTo(written.body());
            assertThat(Money.parse(USDC, service.get("/api/pools/" + POOL, null).body().at("/capital/amount").asText()))
                    .isEqualTo(capital.plus(Money.whole(USDC, 400)));
            JsonNode claim = service.get("/api/claims/" + service.claimId, ops).body();
            assertThat(claim.at("/recoveries/0/recovery_id").asLong()).isEqualTo(1);
            assertThat(claim.at("/recoveries/0/to_pool/amount").asText()).isEqualTo("400.000000");
            assertThat(claim.at("/unpaid/amount").asText()).isEqualTo("0.000000");
            JsonNode incident = service.get("/api/incidents/fixture-exploit", null).body();
            assertThat(incident.at("/recoveries/0/evidence").asText()).startsWith("funds returned by the attacker");
            JsonNode transfers = service.get("/api/ledger/transfers", ops).body().get("items");
            assertThat(transfers.toString()).contains("recovery 1 for incident fixture-exploit");
            var second = service.post(path, ops, recovery("600.000001", "USDC", "more"), null);
            assertError(second, 422, "recovery_exceeds_paid");
            assertThat(second.body().at("/details/recoverable").asText()).isEqualTo("600.000000");
        }
    }

    @Test
    void a_pool_short_at_settlement_shows_what_it_owes_refuses_deposits_while_spent_and_reopens_at_the_operators_word() {
        try (var service = new ServiceFixture(directory)) {
            String ops = service.operatorKey;
            service.submit(new Command.CreatePool("tiny-1", "tiny", USDC, new PoolRules(Ratio.whole(4), Ratio.ONE, Duration.ofDays(7))));
            service.submit(new Command.ListProtocol("tiny-2", "tiny", PROTOCOL, 250));
            service.submit(new Command.SetClaimTerms("tiny-3", "tiny", PROTOCOL, ClaimTerms.parametric(Ratio.ONE, Money.zero(USDC))));
            service.submit(new Command.Deposit("tiny-4", "tiny", "ada", Money.whole(USDC, 1_000)));
            service.submit(new Command.BuyCover("tiny-5", ServiceFixture.address(BUYER), "tiny", PROTOCOL, Money.whole(USDC, 1_500), 90));
            service.clock.advance(Duration.ofHours(1));
            var incident = service.incident("tiny-exploit", Cause.REENTRANCY);
            service.submit(new Command.ReportIncident("tiny-6", incident));
            service.submit(new Command.AttestIncident("tiny-7", incident.id(), IncidentStatements.sign(ServiceFixture.DEPLOYMENT, incident, true,
                    ORACLE.getEcKeyPair())));
            service.submit(new Command.SettleIncident("tiny-8", incident.id()));

            JsonNode pool = service.get("/api/pools/tiny", null).body();
            assertThat(pool.get("status").asText()).isEqualTo("spent");
            Money owed = Money.parse(USDC, pool.at("/unpaid_claims/amount").asText());
            assertThat(owed.isPositive()).isTrue();
            String underwriter = service.signIn(ServiceFixture.UNDERWRITER);
            String deposit = "{\"amount\":{\"amount\":\"5000\",\"asset\":\"USDC\"}}";
            String before = head(service);
            assertError(service.post("/api/pools/tiny/deposits", underwriter, deposit, null), 409, "pool_spent");
            assertError(service.post("/api/pools/tiny/reopen", service.signIn(BUYER), "{}", null), 403, "forbidden");
            assertError(service.post("/api/pools/nowhere/reopen", ops, "{}", null), 404, "pool_not_found");
            assertThat(head(service)).as("refusals change nothing").isEqualTo(before);

            var reopened = service.post("/api/pools/tiny/reopen", ops, "{}", "reopen-tiny");
            assertThat(reopened.status()).as("%s", reopened.body()).isEqualTo(201);
            assertThat(reopened.body().at("/incident_ids/0").asText()).isEqualTo("tiny-exploit");
            assertThat(service.get("/api/pools/tiny", null).body().get("status").asText()).isEqualTo("open");
            assertError(service.post("/api/pools/tiny/reopen", ops, "{}", null), 409, "pool_not_spent");

            var deposited = service.post("/api/pools/tiny/deposits", underwriter, deposit, "after-reopen");
            assertThat(deposited.status()).as("%s", deposited.body()).isEqualTo(201);
            Money paidFirst = Money.parse(USDC, deposited.body().at("/unpaid_claims_paid/0/amount/amount").asText());
            assertThat(paidFirst).as("the deposit paid the unpaid claim first").isEqualTo(owed);
            JsonNode after = service.get("/api/pools/tiny", null).body();
            assertThat(after.at("/unpaid_claims/amount").asText()).isEqualTo("0.000000");
            assertThat(Money.parse(USDC, after.at("/capital/amount").asText())).isEqualTo(Money.whole(USDC, 5_000).minus(owed));
            long claimId = deposited.body().at("/unpaid_claims_paid/0/claim_id").asLong();
            JsonNode claim = service.get("/api/claims/" + claimId, ops).body();
            assertThat(claim.at("/unpaid/amount").asText()).isEqualTo("0.000000");
            assertThat(claim.at("/paid_later/0/source").asText()).isEqualTo("deposit");
            assertThat(claim.at("/paid/amount").asText()).isEqualTo(claim.at("/approved/amount").asText());
        }
    }
}
