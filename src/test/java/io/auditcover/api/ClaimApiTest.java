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
import io.auditcover.claims.AssessmentRules;
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

        assertError(attest("api-exploit", IncidentStatements.sign(incident, true, OTHER_BUYER.getEcKeyPair())), 422, "unknown_oracle");
        assertError(attest("api-exploit", "0x1234"), 422, "invalid_signature");
        assertError(attest("no-such-incident", IncidentStatements.sign(incident, true, ORACLE.getEcKeyPair())), 404, "not_found");
        assertThat(attest("api-exploit", IncidentStatements.sign(incident, true, ORACLE.getEcKeyPair())).status()).isEqualTo(201);
        assertError(attest("api-exploit", IncidentStatements.sign(incident, true, ORACLE.getEcKeyPair())), 409, "duplicate_attestation");
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
        service.submit(new Command.SetClaimTerms("terms", POOL, PROTOCOL, ClaimTerms.indemnity(Money.zero(ServiceFixture.USDC))));
        service.submit(new Command.RegisterAssessor("assessor", ServiceFixture.address(ASSESSOR), 1, 1));
        service.submit(new Command.ConfigureAssessment("assessment", new AssessmentRules(Duration.ofDays(3), Duration.ofDays(1),
                Duration.ofDays(1), 1, Duration.ofDays(1), 2)));
        var bought = service.post("/api/covers", buyer, coverBody("2000", 60), "buy-indemnity");
        long coverId = bought.body().get("id").asLong();
        service.clock.advance(Duration.ofHours(1));
        buyer = service.signIn(BUYER);
        assertThat(report("api-exploit").status()).isEqualTo(201);
        attest("api-exploit", IncidentStatements.sign(service.incident("api-exploit", Cause.REENTRANCY), true, ORACLE.getEcKeyPair()));

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
    void bad_incident_reports_are_refused_with_their_codes_and_change_nothing() {
        String head = service.get("/api/log/head", null).body().get("hash").asText();
        assertError(service.post("/api/incidents", service.operatorKey, reportBody("x", "meteor", "[]"), null), 400, "malformed_request");
        assertError(service.post("/api/incidents", service.operatorKey, reportBody("x", "reentrancy", "[\"0x12\"]"), null), 400,
                "validation_failed");
        assertError(service.post("/api/incidents", service.operatorKey, reportBody("x", "reentrancy", "[]")
                .replace("\"USDC\"", "\"DOGE\""), null), 422, "asset_mismatch");
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
