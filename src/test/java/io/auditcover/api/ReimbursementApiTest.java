package io.auditcover.api;

import static io.auditcover.api.ApiTest.assertError;
import static io.auditcover.api.ApiTest.coverBody;
import static io.auditcover.api.ServiceFixture.ASSESSOR;
import static io.auditcover.api.ServiceFixture.BUYER;
import static io.auditcover.api.ServiceFixture.ORACLE;
import static io.auditcover.api.ServiceFixture.OTHER_BUYER;
import static io.auditcover.api.ServiceFixture.POOL;
import static io.auditcover.api.ServiceFixture.PROTOCOL;
import static io.auditcover.api.ServiceFixture.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditcover.chain.IncidentStatements;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.LossEvidence;
import io.auditcover.engine.Command;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reimbursements and the minimum loss share over HTTP: the holder and the operator declare what was repaid, the claim is
 * paid net of it less the deductible, the explanation lists each one, and bad input is refused with its code, changing nothing.
 */
class ReimbursementApiTest {
    /** The chain shows the insured wallet lost 4,000 USDC in the incident. */
    static final LossEvidenceSource LOST_4000 = (wallet, asset, incident) -> Optional.of(new LossEvidence(Money.whole(asset, 4_000),
            Money.zero(asset), 149, 152));

    @TempDir
    Path directory;

    private static String reimbursement(String incidentId, String amount, String asset, String source, String evidence) {
        return "{\"incident_id\":\"" + incidentId + "\",\"amount\":{\"amount\":\"" + amount + "\",\"asset\":\"" + asset + "\"},\"source\":\""
                + source + "\",\"evidence\":\"" + evidence + "\"}";
    }

    @Test
    void the_holder_and_the_operator_declare_reimbursements_and_the_claim_is_paid_the_net_loss_less_the_deductible() {
        try (var service = new ServiceFixture(directory, LOST_4000)) {
            String ops = service.operatorKey;
            String pool = "/api/pools/" + POOL;
            String head = service.get("/api/log/head", null).body().get("hash").asText();
            String terms = "{\"protocol_id\":\"" + PROTOCOL + "\",\"trigger\":\"indemnity\",\"deductible\":{\"amount\":\"300\",\"asset\":\"USDC\"}";
            assertError(service.post(pool + "/claim-terms", ops, terms + ",\"minimum_loss_share\":\"1.5\"}", null), 400, "validation_failed");
            assertError(service.post(pool + "/claim-terms", ops, terms + ",\"minimum_loss_share\":\"0\"}", null), 400, "validation_failed");
            assertError(service.post(pool + "/claim-terms", ops, terms + ",\"minimum_loss_share\":\"a tenth\"}", null), 400, "malformed_request");
            assertError(service.post(pool + "/claim-terms", ops, terms + ",\"minimum_loss_share\":0.1}", null), 400, "malformed_request");
            assertThat(service.get("/api/log/head", null).body().get("hash").asText()).as("bad terms change nothing").isEqualTo(head);
            assertThat(service.post(pool + "/claim-terms", ops, terms + ",\"minimum_loss_share\":\"0.1\"}", null).status()).isEqualTo(201);
            assertThat(service.engine.read(s -> s.listingClaimTerms().get(POOL + "/" + PROTOCOL)).join())
                    .isEqualTo(ClaimTerms.indemnity(Money.whole(USDC, 300)).withMinimumLossShare(Ratio.of(1, 10)));

            String buyer = service.signIn(BUYER);
            long coverId = service.post("/api/covers", buyer, coverBody("10000", 60), "buy-indemnity").body().get("id").asLong();
            service.clock.advance(Duration.ofHours(1));
            buyer = service.signIn(BUYER);
            var incident = service.incident("api-exploit", Cause.REENTRANCY);
            service.submit(new Command.ReportIncident("report-api-exploit", incident));
            service.submit(new Command.AttestIncident("attest-api-exploit", incident.id(),
                    IncidentStatements.sign(ServiceFixture.DEPLOYMENT, incident, true, ORACLE.getEcKeyPair())));

            String path = "/api/covers/" + coverId + "/reimbursements";
            String good = reimbursement("api-exploit", "1000", "USDC", "protocol", "treasury refund tx 0xabc");
            head = service.get("/api/log/head", null).body().get("hash").asText();
            assertError(service.post(path, null, good, null), 401, "unauthenticated");
            assertError(service.post(path, service.signIn(OTHER_BUYER), good, null), 403, "forbidden");
            assertError(service.post(path, service.signIn(ASSESSOR), good, null), 403, "forbidden");
            assertError(service.post("/api/covers/999/reimbursements", ops, good, null), 404, "not_found");
            assertError(service.post(path, buyer, good.substring(0, good.length() - 1) + ",\"note\":\"x\"}", null), 400, "malformed_request");
            assertError(service.post(path, buyer, reimbursement("api-exploit", "1000", "USDC", "a friend", "e"), null), 400, "malformed_request");
            assertError(service.post(path, buyer, reimbursement("api-exploit", "1000", "USDC", "protocol", ""), null), 400, "malformed_request");
            assertError(service.post(path, buyer, reimbursement("api-exploit", "-5", "USDC", "protocol", "e"), null), 400, "malformed_request");
            assertError(service.post(path, buyer, reimbursement("api-exploit", "0", "USDC", "protocol", "e"), null), 400, "invalid_command");
            assertError(service.post(path, buyer, reimbursement("api-exploit", "1000", "ETH", "protocol", "e"), null), 422, "asset_mismatch");
            assertError(service.post(path, buyer, reimbursement("nope", "1000", "USDC", "protocol", "e"), null), 404, "incident_not_found");
            assertError(service.post("/api/covers/" + service.buyerCoverId + "/reimbursements", buyer, good, null), 400, "invalid_command");
            assertThat(service.get("/api/log/head", null).body().get("hash").asText()).as("refusals change nothing").isEqualTo(head);

            var byHolder = service.post(path, buyer, good, "reimbursed-1");
            assertThat(byHolder.status()).as("%s", byHolder.body()).isEqualTo(201);
            assertThat(byHolder.body().get("declared_by").asText()).isEqualTo(ServiceFixture.address(BUYER));
            assertThat(byHolder.body().at("/amount/amount").asText()).isEqualTo("1000.000000");
            var byOperator = service.post(path, ops, reimbursement("api-exploit", "500", "USDC", "bounty_negotiation", "whitehat deal"), "reimbursed-2");
            assertThat(byOperator.status()).as("%s", byOperator.body()).isEqualTo(201);
            assertThat(byOperator.body().get("declared_by").asText()).isEqualTo("operator");
            assertThat(byOperator.body().get("source").asText()).isEqualTo("bounty_negotiation");

            String claim = "{\"cover_id\":" + coverId + ",\"incident_id\":\"api-exploit\",\"claimed_loss\":{\"amount\":\"4000\",\"asset\":\"USDC\"}}";
            var filed = service.post("/api/claims", buyer, claim, "claim-1");
            assertThat(filed.status()).as("%s", filed.body()).isEqualTo(201);
            assertThat(filed.body().get("reason_code").asText()).isEqualTo("approved");
            assertThat(filed.body().at("/approved/amount").asText()).as("4,000 − 1,500 reimbursed − 300").isEqualTo("2200.000000");
            long claimId = filed.body().get("id").asLong();

            var settled = service.post("/api/incidents/api-exploit/settlement", buyer, "{}", "settle");
            assertThat(settled.status()).as("%s", settled.body()).isEqualTo(201);
            assertThat(service.get("/api/claims/" + claimId, buyer).body().at("/paid/amount").asText()).isEqualTo("2200.000000");
            JsonNode rules = service.get("/api/claims/" + claimId + "/explanation", buyer).body().get("rules");
            JsonNode reimbursed = null;
            JsonNode minimum = null;
            for (JsonNode rule : rules) {
                if (rule.get("rule").asText().equals("loss_not_fully_reimbursed")) {
                    reimbursed = rule.get("facts");
                }
                if (rule.get("rule").asText().equals("loss_at_least_minimum_share")) {
                    minimum = rule.get("facts");
                }
            }
            assertThat(reimbursed.get("reimbursed").asText()).isEqualTo(Money.whole(USDC, 1_500).toString());
            assertThat(reimbursed.get("net_loss").asText()).isEqualTo(Money.whole(USDC, 2_500).toString());
            assertThat(reimbursed.get("reimbursement 001").asText()).contains("from protocol", "treasury refund tx 0xabc");
            assertThat(reimbursed.get("reimbursement 002").asText()).contains("from bounty_negotiation", "declared by operator");
            assertThat(minimum.get("minimum_loss").asText()).isEqualTo(Money.whole(USDC, 1_000).toString());

            assertError(service.post(path, ops, reimbursement("api-exploit", "1", "USDC", "other_insurer", "late"), null), 409,
                    "incident_already_settled");
        }
    }
}
