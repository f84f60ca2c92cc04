package io.auditcover.api;

import static io.auditcover.api.ApiTest.assertError;
import static io.auditcover.api.ApiTest.coverBody;
import static io.auditcover.api.ServiceFixture.ASSESSOR;
import static io.auditcover.api.ServiceFixture.BUYER;
import static io.auditcover.api.ServiceFixture.ORACLE;
import static io.auditcover.api.ServiceFixture.POOL;
import static io.auditcover.api.ServiceFixture.PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditcover.chain.IncidentStatements;
import io.auditcover.claims.Assessment;
import io.auditcover.claims.Cause;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assessment and appeals over HTTP: a listing's assessor group, a holder's appeal of the rules' denial with a bond, votes with
 * their rationale, stakes slashed and reversed, a stake withdrawn after its notice, an assessor removed from the panels; bad
 * input answers with stable codes.
 */
class AssessmentApiTest {
    @TempDir
    Path directory;
    ServiceFixture service;
    String ops;

    @BeforeEach
    void start() {
        service = new ServiceFixture(directory);
        ops = service.operatorKey;
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void a_claim_the_rules_denied_is_appealed_with_a_bond_decided_by_the_listing_group_with_rationales_and_paid() {
        String assessorAddress = ServiceFixture.address(ASSESSOR);
        assertThat(service.post("/api/pools/" + POOL + "/claim-terms", ops, "{\"protocol_id\":\"" + PROTOCOL + "\",\"trigger\":\"indemnity\"}",
                null).status()).isEqualTo(201);
        assertThat(service.post("/api/assessors", ops, "{\"address\":\"" + assessorAddress + "\",\"weight\":1,\"tier\":1}", null).status())
                .isEqualTo(201);
        assertThat(service.post("/api/assessment-rules", ops, "{\"voting_period_hours\":72,\"final_stretch_hours\":24,"
                + "\"extension_hours\":24,\"quorum_weight\":1,\"cooldown_hours\":24,\"escalation_panel_growth_min\":2}", null).status())
                .isEqualTo(201);
        String listing = "/api/pools/" + POOL + "/listing-assessors";
        assertError(service.post(listing, ops, "{\"protocol_id\":\"" + PROTOCOL + "\",\"group\":[\"0x" + "cd".repeat(20) + "\"]}", null),
                404, "assessor_not_found");
        assertThat(service.post(listing, ops, "{\"protocol_id\":\"" + PROTOCOL + "\",\"group\":[\"" + assessorAddress + "\"]}", null).status())
                .isEqualTo(201);
        String buyer = service.signIn(BUYER);
        long coverId = service.post("/api/covers", buyer, coverBody("2000", 60), "buy").body().get("id").asLong();
        service.clock.advance(Duration.ofHours(1));
        buyer = service.signIn(BUYER);
        var incident = service.incident("key-leak", Cause.KEY_COMPROMISE);
        assertThat(service.post("/api/incidents", ops, "{\"id\":\"key-leak\",\"protocol_id\":\"" + PROTOCOL + "\",\"contracts\":[\""
                + ServiceFixture.CONTRACT + "\"],\"from_block\":150,\"to_block\":151,\"occurred_at\":\"" + incident.occurredAt()
                + "\",\"cause\":\"key_compromise\",\"estimated_loss\":{\"amount\":\"1000000\",\"asset\":\"USDC\"},\"transactions\":[\"0x"
                + "aa".repeat(32) + "\"]}", null).status()).isEqualTo(201);
        assertThat(service.post("/api/incidents/key-leak/attestations", null, "{\"signature\":\""
                + IncidentStatements.sign(ServiceFixture.DEPLOYMENT, incident, true, ORACLE.getEcKeyPair()) + "\"}", null).status()).isEqualTo(201);

        var filed = service.post("/api/claims", buyer, "{\"cover_id\":" + coverId
                + ",\"incident_id\":\"key-leak\",\"claimed_loss\":{\"amount\":\"500\",\"asset\":\"USDC\"}}", "claim");
        assertThat(filed.body().get("reason_code").asText()).isEqualTo("cause_excluded");
        long claimId = filed.body().get("id").asLong();
        String appeal = "/api/claims/" + claimId + "/appeal";
        var tooSmall = service.post(appeal, buyer, "{\"bond\":{\"amount\":\"24.99\",\"asset\":\"USDC\"}}", null);
        assertError(tooSmall, 422, "bond_too_small");
        assertThat(tooSmall.body().at("/details/bond_min").asText()).isEqualTo("25.000000");
        var appealed = service.post(appeal, buyer, "{\"bond\":{\"amount\":\"25\",\"asset\":\"USDC\"}}", "appeal-1");
        assertThat(appealed.status()).as("%s", appealed.body()).isEqualTo(201);
        assertError(service.post(appeal, buyer, "{\"bond\":{\"amount\":\"25\",\"asset\":\"USDC\"}}", "appeal-2"), 422, "voting_not_over");

        String assessor = service.signIn(ASSESSOR);
        String votes = "/api/claims/" + claimId + "/votes";
        String tooLong = "r".repeat(Assessment.RATIONALE_LENGTH_MAX + 1);
        assertError(service.post(votes, assessor, "{\"accept\":true,\"rationale\":\"" + tooLong + "\"}", null), 422, "rationale_too_long");
        assertThat(service.post(votes, assessor, "{\"accept\":true,\"rationale\":\"the leaked key was the protocol's deployer\"}", "vote")
                .status()).isEqualTo(201);
        JsonNode inAssessment = service.get("/api/claims/" + claimId, buyer).body();
        assertThat(inAssessment.get("stage").asText()).isEqualTo("in_assessment");
        assertThat(inAssessment.at("/appeals/0/bond/amount").asText()).isEqualTo("25.000000");
        assertThat(inAssessment.at("/assessment/rationales/" + assessorAddress).asText()).isEqualTo("the leaked key was the protocol's deployer");
        assertThat(inAssessment.at("/assessment/outcome").asText()).isEqualTo("accept");
        String metrics = service.get("/metrics", null).body().get("not_json").asText();
        assertThat(metrics).containsPattern("auditcover_claims_assessed\\{outcome=\"accept\"} 1(\\.0)?\n")
                .containsPattern("auditcover_claims_assessed\\{outcome=\"deny\"} 0(\\.0)?\n")
                .containsPattern("auditcover_claims_assessed\\{outcome=\"draw\"} 0(\\.0)?\n");

        service.clock.advance(Duration.ofDays(5));
        buyer = service.signIn(BUYER);
        assertThat(service.post("/api/time/advance", ops, "{}", null).status()).isEqualTo(201);
        assertThat(service.post("/api/incidents/key-leak/settlement", buyer, "{}", "settle").status()).isEqualTo(201);
        JsonNode decided = service.get("/api/claims/" + claimId, buyer).body();
        assertThat(decided.get("reason_code").asText()).isEqualTo("assessors_accept");
        assertThat(decided.at("/paid/amount").asText()).isEqualTo("500.000000");
        assertError(service.post(appeal, buyer, "{\"bond\":{\"amount\":\"25\",\"asset\":\"USDC\"}}", "appeal-3"), 409, "incident_already_settled");
    }

    @Test
    void an_operator_stakes_slashes_and_reverses_and_removes_an_assessor_whose_sign_in_goes_with_it() {
        String assessorAddress = ServiceFixture.address(ASSESSOR);
        String stakes = "/api/assessors/" + assessorAddress + "/stakes";
        assertError(service.post(stakes, ops, "{\"amount\":{\"amount\":\"100\",\"asset\":\"USDC\"}}", null), 404, "assessor_not_found");
        assertThat(service.post("/api/assessors", ops, "{\"address\":\"" + assessorAddress + "\",\"weight\":1,\"tier\":1}", null).status())
                .isEqualTo(201);
        assertThat(service.post(stakes, ops, "{\"amount\":{\"amount\":\"100\",\"asset\":\"USDC\"}}", null).status()).isEqualTo(201);
        String slashes = "/api/assessors/" + assessorAddress + "/slashes";
        assertError(service.post(slashes, ops, "{\"claim_id\":1,\"amount\":{\"amount\":\"100\",\"asset\":\"USDC\"},\"evidence\":\"tx\"}", null),
                404, "claim_not_found");
        assertError(service.post("/api/slashes/1/reversal", ops, "{}", null), 404, "slash_not_found");
        JsonNode listed = service.get("/api/assessors", ops).body();
        assertThat(listed.at("/stakes/" + assessorAddress + "/amount").asText()).isEqualTo("100.000000");
        assertThat(service.get("/api/me", service.signIn(ASSESSOR)).body().get("role").asText()).isEqualTo("assessor");

        String removal = "/api/assessors/" + assessorAddress + "/removal";
        assertError(service.post("/api/assessors/0x" + "cd".repeat(20) + "/removal", ops, "{}", null), 404, "assessor_not_found");
        assertThat(service.post(removal, ops, "{}", null).status()).isEqualTo(201);
        assertError(service.post(removal, ops, "{}", null), 404, "assessor_not_found");
        assertThat(service.get("/api/me", service.signIn(ASSESSOR)).body().get("role").asText()).isNotEqualTo("assessor");
        assertThat(service.get("/api/assessors", ops).body().get("removed")).extracting(JsonNode::asText).containsExactly(assessorAddress);
    }

    @Test
    void an_operator_withdraws_part_of_an_assessors_stake_to_its_wallet_after_the_notice() {
        String assessorAddress = ServiceFixture.address(ASSESSOR);
        String requests = "/api/assessors/" + assessorAddress + "/stake-withdrawal-requests";
        String withdrawals = "/api/assessors/" + assessorAddress + "/stake-withdrawals";
        assertError(service.post(requests, ops, "{\"amount\":{\"amount\":\"40\",\"asset\":\"USDC\"}}", null), 404, "assessor_not_found");
        assertThat(service.post("/api/assessors", ops, "{\"address\":\"" + assessorAddress + "\",\"weight\":1,\"tier\":1}", null).status())
                .isEqualTo(201);
        assertThat(service.post("/api/assessors/" + assessorAddress + "/stakes", ops, "{\"amount\":{\"amount\":\"100\",\"asset\":\"USDC\"}}",
                null).status()).isEqualTo(201);
        assertError(service.post(withdrawals, ops, "{}", null), 404, "withdrawal_not_found");
        var tooMuch = service.post(requests, ops, "{\"amount\":{\"amount\":\"101\",\"asset\":\"USDC\"}}", null);
        assertError(tooMuch, 422, "stake_withdrawal_exceeds_free_stake");
        assertThat(tooMuch.body().at("/details/free_stake").asText()).isEqualTo("100.000000");
        assertError(service.post(requests, ops, "{\"amount\":{\"amount\":\"-1\",\"asset\":\"USDC\"}}", null), 400, "malformed_request");
        assertThat(service.post(requests, ops, "{\"amount\":{\"amount\":\"40\",\"asset\":\"USDC\"}}", null).status()).isEqualTo(201);
        var early = service.post(withdrawals, ops, "{}", null);
        assertError(early, 422, "notice_period_not_over");
        String availableAt = service.get("/api/assessors", ops).body().at("/stake_withdrawals/0/available_at").asText();
        assertThat(early.body().at("/details/available_at").asText()).isEqualTo(availableAt);

        service.clock.advance(Duration.ofDays(1));
        assertThat(service.post(withdrawals, ops, "{}", null).status()).isEqualTo(201);

        JsonNode listed = service.get("/api/assessors", ops).body();
        assertThat(listed.at("/stakes/" + assessorAddress + "/amount").asText()).isEqualTo("60.000000");
        assertThat(listed.get("stake_withdrawals")).isEmpty();
        JsonNode accounts = service.get("/api/ledger/accounts", ops).body();
        assertThat(accounts.toString()).contains("wallet/" + assessorAddress);
    }
}
