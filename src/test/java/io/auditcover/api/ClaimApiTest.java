package io.auditcover.api;

import static io.auditcover.api.ApiTest.assertError;
import static io.auditcover.api.ApiTest.coverBody;
import static io.auditcover.api.ServiceFixture.ASSESSOR;
import static io.auditcover.api.ServiceFixture.BUYER;
import static io.auditcover.api.ServiceFixture.ORACLE;
import static io.auditcover.api.ServiceFixture.OTHER_BUYER;
import static io.auditcover.api.ServiceFixture.POOL;
import static io.auditcover.api.ServiceFixture.PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditcover.chain.IncidentStatements;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.Rule;
import io.auditcover.engine.Command;
import io.auditcover.money.Money;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incidents and claims over HTTP: an operator reports, an oracle signs, anyone signed in settles, holders claim, assessors vote. */
class ClaimApiTest {
    @TempDir
    Path directory;
    ServiceFixture service;
    String buyer;

    @BeforeEach
    void start() {
        service = new ServiceFixture(directory);
        buyer = service.signIn(BUYER);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void an_incident_the_oracle_signs_pays_every_parametric_cover_at_settlement_and_explains_each_rule() {
        var reported = report("api-exploit");
        assertThat(reported.status()).as("%s", reported.body()).isEqualTo(201);
        assertThat(reported.body().get("status").asText()).isEqualTo("pending");
        JsonNode statement = service.get("/api/incidents/api-exploit/statement?confirms=true", null).body();
        assertThat(statement.get("primaryType").asText()).isEqualTo("IncidentStatement");
        assertThat(statement.at("/message/incidentId").asText()).isEqualTo("api-exploit");
        var incident = service.incident("api-exploit", Cause.REENTRANCY);

        assertError(attest("api-exploit", IncidentStatements.sign(ServiceFixture.DEPLOYMENT, incident, true, OTHER_BUYER.getEcKeyPair())), 422, "unknown_oracle");
        assertError(attest("api-exploit", "0x1234"), 422, "invalid_signature");
        assertError(attest("no-such-incident", IncidentStatements.sign(ServiceFixture.DEPLOYMENT, incident, true, ORACLE.getEcKeyPair())), 404, "not_found");
        assertThat(attest("api-exploit", IncidentStatements.sign(ServiceFixture.DEPLOYMENT, incident, true, ORACLE.getEcKeyPair())).status()).isEqualTo(201);
        assertError(attest("api-exploit", IncidentStatements.sign(ServiceFixture.DEPLOYMENT, incident, true, ORACLE.getEcKeyPair())), 409, "duplicate_attestation");
        JsonNode confirmed = service.get("/api/incidents/api-exploit", null).body();
        assertThat(confirmed.get("status").asText()).isEqualTo("final");
        assertThat(confirmed.get("signers")).extracting(JsonNode::asText).containsExactly(ServiceFixture.address(ORACLE));

        var settled = service.post("/api/incidents/api-exploit/settlement", buyer, "{}", "settle-1");
        assertThat(settled.status()).as("%s", settled.body()).isEqualTo(201);
        assertThat(settled.body().get("claims_paid").asLong()).isEqualTo(1);
        assertError(service.post("/api/incidents/api-exploit/settlement", buyer, "{}", "settle-2"), 409, "incident_already_settled");

        JsonNode claims = service.get("/api/claims", buyer).body().get("items");
        assertThat(claims).hasSize(2);
        JsonNode paid = claims.get(1);
        assertThat(paid.get("kind").asText()).isEqualTo("parametric");
        assertThat(paid.get("stage").asText()).isEqualTo("decided");
        assertThat(paid.get("reason_code").asText()).isEqualTo("approved");
        assertThat(paid.at("/paid/amount").asText()).isEqualTo("1000.000000");
        String explanationPath = "/api/claims/" + paid.get("id").asLong() + "/explanation";
        JsonNode explanation = service.get(explanationPath, buyer).body();
        var rules = new ArrayList<String>();
        explanation.get("rules").forEach(rule -> {
            rules.add(rule.get("rule").asText());
            assertThat(rule.get("verdict").asText()).isEqualTo("passed");
            assertThat(rule.get("facts").size()).isPositive();
        });
        assertThat(rules).containsExactlyElementsOf(Arrays.stream(Rule.values()).map(Rule::wire).toList());
        assertThat(service.get(explanationPath, service.signIn(OTHER_BUYER)).status()).isEqualTo(403);
    }

    @Test
    void an_unproven_indemnity_claim_goes_to_the_assessors_who_vote_over_the_api_and_settlement_pays_it() {
        String ops = service.operatorKey;
        assertThat(service.post("/api/pools/" + POOL + "/claim-terms", ops, "{\"protocol_id\":\"" + PROTOCOL + "\",\"trigger\":\"indemnity\"}",
                null).status()).isEqualTo(201);
        assertThat(service.post("/api/assessors", ops, "{\"address\":\"" + ServiceFixture.address(ASSESSOR) + "\",\"weight\":1,\"tier\":1}",
                null).status()).isEqualTo(201);
        assertThat(service.post("/api/assessment-rules", ops, "{\"voting_period_hours\":72,\"final_stretch_hours\":24,"
                + "\"extension_hours\":24,\"quorum_weight\":1,\"cooldown_hours\":24,\"escalation_panel_growth_min\":2}", null).status())
                .isEqualTo(201);
        var bought = service.post("/api/covers", buyer, coverBody("2000", 60), "buy-indemnity");
        long coverId = bought.body().get("id").asLong();
        service.clock.advance(Duration.ofHours(1));
        buyer = service.signIn(BUYER);
        assertThat(report("api-exploit").status()).isEqualTo(201);
        attest("api-exploit", IncidentStatements.sign(ServiceFixture.DEPLOYMENT, service.incident("api-exploit", Cause.REENTRANCY), true, ORACLE.getEcKeyPair()));

        String claimBody = "{\"cover_id\":" + coverId + ",\"incident_id\":\"api-exploit\",\"claimed_loss\":{\"amount\":\"500\",\"asset\":\"USDC\"}}";
        assertThat(service.post("/api/claims", service.signIn(OTHER_BUYER), claimBody, null).status()).isEqualTo(403);
        var filed = service.post("/api/claims", buyer, claimBody, "claim-1");
        assertThat(filed.status()).as("%s", filed.body()).isEqualTo(201);
        assertThat(filed.body().get("stage").asText()).isEqualTo("in_assessment");
        assertThat(filed.body().get("proven_loss").isNull()).isTrue();
        assertThat(filed.body().at("/deposit/amount").asText()).isEqualTo("5.000000");
        assertError(service.post("/api/claims", buyer, claimBody, "claim-2"), 409, "already_exists");
        long claimId = filed.body().get("id").asLong();

        String assessor = service.signIn(ASSESSOR);
        String votes = "/api/claims/" + claimId + "/votes";
        assertThat(service.post(votes, buyer, "{\"accept\":true}", null).status()).isEqualTo(403);
        assertThat(service.post(votes, assessor, "{\"accept\":true}", "vote-1").status()).isEqualTo(201);
        assertError(service.post(votes, assessor, "{\"accept\":false}", "vote-2"), 409, "already_voted");
        assertError(service.post("/api/claims/" + claimId + "/vote-undos", service.operatorKey,
                "{\"assessors\":[\"" + ServiceFixture.address(ASSESSOR) + "\"]}", null), 422, "not_in_cooldown");
        assertError(service.post("/api/claims/" + claimId + "/escalation", buyer, "{}", null), 422, "voting_not_over");
        JsonNode inAssessment = service.get("/api/claims/" + claimId, assessor).body();
        assertThat(inAssessment.at("/assessment/phase").asText()).isEqualTo("voting");
        assertThat(inAssessment.at("/assessment/accept_weight").asLong()).isEqualTo(1);
        assertError(service.post("/api/incidents/api-exploit/settlement", buyer, "{}", null), 422, "assessment_open");

        service.clock.advance(Duration.ofDays(5));
        buyer = service.signIn(BUYER);
        assertThat(service.post("/api/time/advance", service.operatorKey, "{}", null).status()).isEqualTo(201);
        var settled = service.post("/api/incidents/api-exploit/settlement", buyer, "{}", "settle");
        assertThat(settled.status()).as("%s", settled.body()).isEqualTo(201);
        JsonNode decided = service.get("/api/claims/" + claimId, buyer).body();
        assertThat(decided.get("stage").asText()).isEqualTo("decided");
        assertThat(decided.get("reason_code").asText()).isEqualTo("assessors_accept");
        assertThat(decided.at("/paid/amount").asText()).isEqualTo("500.000000");
        assertThat(service.get("/api/claims/" + claimId + "/explanation", buyer).body().get("rules_reason_code").asText())
                .isEqualTo("needs_assessment");
    }

    @Test
    void an_operator_sets_oracles_claim_terms_reinsurance_and_assessors_and_bad_settings_change_nothing() {
        String ops = service.operatorKey;
        String pool = "/api/pools/" + POOL;
        String head = service.get("/api/log/head", null).body().get("hash").asText();
        assertError(service.post(pool + "/claim-terms", ops, "{\"protocol_id\":\"" + PROTOCOL + "\",\"trigger\":\"vibes\"}", null), 400,
                "malformed_request");
        assertError(service.post(pool + "/claim-terms", ops, "{\"protocol_id\":\"" + PROTOCOL + "\",\"trigger\":\"parametric\","
                + "\"payout_ratio\":\"1.5\"}", null), 400, "validation_failed");
        assertError(service.post("/api/pools/nowhere/claim-terms", ops, "{\"protocol_id\":\"" + PROTOCOL + "\",\"trigger\":\"indemnity\"}",
                null), 404, "pool_not_found");
        assertError(service.post(pool + "/claim-terms", ops, "{\"protocol_id\":\"nothing\",\"trigger\":\"indemnity\"}", null), 422,
                "protocol_not_listed");
        assertError(service.post("/api/oracles", ops, "{\"oracles\":[\"0x" + "ab".repeat(20) + "\"],\"threshold\":2,"
                + "\"attestation_window_hours\":48,\"dispute_window_hours\":24}", null), 400, "validation_failed");
        assertError(service.post(pool + "/reinsurance", ops, "{\"retention\":{\"amount\":\"10\",\"asset\":\"USDC\"}}", null), 400,
                "malformed_request");
        assertError(service.post("/api/assessors", ops, "{\"address\":\"ana\",\"weight\":1,\"tier\":1}", null), 400, "malformed_request");
        assertThat(service.get("/api/log/head", null).body().get("hash").asText()).isEqualTo(head);

        String terms = "{\"protocol_id\":\"" + PROTOCOL + "\",\"trigger\":\"parametric\",\"payout_ratio\":\"0.5\","
                + "\"exclusions\":[\"phishing\"],\"waiting_period_days\":7,\"claim_window_days\":60}";
        assertThat(service.post(pool + "/claim-terms", ops, terms, null).status()).isEqualTo(201);
        assertThat(service.post("/api/oracles", ops, "{\"oracles\":[\"0x" + "ab".repeat(20) + "\",\"" + ServiceFixture.address(ORACLE)
                + "\"],\"threshold\":2,\"attestation_window_hours\":48,\"dispute_window_hours\":24}", null).status()).isEqualTo(201);
        assertThat(service.post(pool + "/reinsurance", ops, "{\"retention\":{\"amount\":\"10000\",\"asset\":\"USDC\"},"
                + "\"limit\":{\"amount\":\"50000\",\"asset\":\"USDC\"}}", null).status()).isEqualTo(201);
        assertThat(service.post("/api/assessors", ops, "{\"address\":\"" + ServiceFixture.address(OTHER_BUYER) + "\",\"weight\":3,\"tier\":2}",
                null).status()).isEqualTo(201);
        var state = service.engine.read(s -> new Object[] {s.listingClaimTerms().get(POOL + "/" + PROTOCOL), s.attestationRules(),
                s.reinsurance().get(POOL), s.assessors().get(ServiceFixture.address(OTHER_BUYER))}).join();
        var frozen = (ClaimTerms) state[0];
        assertThat(frozen.payoutRatio()).isEqualTo(io.auditcover.money.Ratio.of(1, 2));
        assertThat(frozen.exclusions()).containsExactly(Cause.PHISHING);
        assertThat(frozen.waitingPeriod()).isEqualTo(Duration.ofDays(7));
        assertThat(((io.auditcover.claims.AttestationRules) state[1]).threshold()).isEqualTo(2);
        assertThat(((io.auditcover.reinsurance.ExcessOfLoss) state[2]).limit()).isEqualTo(Money.whole(ServiceFixture.USDC, 50_000));
        assertThat(state[3]).isNotNull();
        assertThat(service.get("/api/me", service.signIn(OTHER_BUYER)).body().get("role").asText()).isEqualTo("assessor");
        assertThat(service.post(pool + "/reinsurance", ops, "{}", null).status()).isEqualTo(201);
        assertThat(service.engine.read(s -> s.reinsurance().containsKey(POOL)).join()).isFalse();
    }

    @Test
    void bad_incident_reports_are_refused_with_their_codes_and_change_nothing() {
        String head = service.get("/api/log/head", null).body().get("hash").asText();
        assertError(service.post("/api/incidents", service.operatorKey, reportBody("x", "meteor", "[]"), null), 400, "malformed_request");
        assertError(service.post("/api/incidents", service.operatorKey, reportBody("x", "reentrancy", "[\"0x12\"]"), null), 400,
                "validation_failed");
        assertError(service.post("/api/incidents", service.operatorKey, reportBody("x", "reentrancy", "[]")
                .replace("\"USDC\"", "\"DOGE\""), null), 422, "asset_mismatch");
        assertError(service.post("/api/incidents", service.operatorKey, reportBody("x", "reentrancy", "[]")
                .replace(ServiceFixture.CONTRACT, "1:0x" + "99".repeat(20)), null), 422, "contract_not_found");
        assertThat(service.get("/api/log/head", null).body().get("hash").asText()).isEqualTo(head);
        assertThat(report("fixture-exploit").status()).isEqualTo(409);
    }

    private ServiceFixture.Answer report(String id) {
        return service.post("/api/incidents", service.operatorKey, reportBody(id, "reentrancy", "[\"0x" + "aa".repeat(32) + "\"]"), null);
    }

    /** The same fields as the fixture's incident, so the oracle's signature over {@link ServiceFixture#incident} matches. */
    private String reportBody(String id, String cause, String transactions) {
        var incident = service.incident(id, Cause.REENTRANCY);
        return "{\"id\":\"" + id + "\",\"protocol_id\":\"" + PROTOCOL + "\",\"contracts\":[\"" + ServiceFixture.CONTRACT + "\"],"
                + "\"from_block\":150,\"to_block\":151,\"occurred_at\":\"" + incident.occurredAt() + "\",\"cause\":\"" + cause + "\","
                + "\"estimated_loss\":{\"amount\":\"1000000\",\"asset\":\"USDC\"},\"transactions\":" + transactions + "}";
    }

    private ServiceFixture.Answer attest(String incidentId, String signature) {
        return service.post("/api/incidents/" + incidentId + "/attestations", null, "{\"signature\":\"" + signature + "\"}", null);
    }

}
