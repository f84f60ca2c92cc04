package io.auditcover.api;

import static io.auditcover.api.ApiTest.assertError;
import static io.auditcover.api.ServiceFixture.BUYER;
import static io.auditcover.api.ServiceFixture.CONTRACT;
import static io.auditcover.api.ServiceFixture.ORACLE;
import static io.auditcover.api.ServiceFixture.PROTOCOL;
import static io.auditcover.api.ServiceFixture.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditcover.chain.IncidentStatements;
import io.auditcover.claims.Cause;
import io.auditcover.claims.Incident;
import io.auditcover.engine.Command;
import io.auditcover.money.Money;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eligibility without a node over HTTP: an operator records a code observation or a scope check, and a parametric cover pays. */
class ScopeCheckApiTest {
    private static final String ADDRESS = CONTRACT.substring(2);
    private static final String CODE_HASH = "0x" + "ab".repeat(32);
    @TempDir
    Path directory;
    ServiceFixture service;

    @BeforeEach
    void start() {
        service = new ServiceFixture(directory);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    /** Buys a fresh parametric cover, then an incident at block 50, before the watcher's first observation (100), confirmed. */
    private void incidentAtAnUnobservedBlock(String id) {
        String buyer = service.signIn(BUYER);
        assertThat(service.post("/api/covers", buyer, ApiTest.coverBody("2000", 60), "buy-" + id).status()).isEqualTo(201);
        service.clock.advance(Duration.ofHours(1));
        var incident = new Incident(id, PROTOCOL, List.of(CONTRACT), 50, 51, service.clock.instant().minus(Duration.ofMinutes(30)),
                Cause.REENTRANCY, Money.whole(USDC, 1_000_000), List.of("0x" + "aa".repeat(32)));
        service.submit(new Command.ReportIncident("report-" + id, incident));
        service.submit(new Command.AttestIncident("attest-" + id, id, IncidentStatements.sign(ServiceFixture.DEPLOYMENT, incident, true,
                ORACLE.getEcKeyPair())));
    }

    @Test
    void a_recorded_code_observation_lets_a_parametric_cover_pay_with_no_node_behind_the_server() {
        incidentAtAnUnobservedBlock("early");
        String buyer = service.signIn(BUYER);
        assertError(service.post("/api/incidents/early/settlement", buyer, "{}", null), 422, "assessors_unavailable");

        String observation = "{\"chain_id\":1,\"block\":50,\"block_hash\":\"0x" + "5".repeat(64) + "\",\"address\":\"" + ADDRESS
                + "\",\"code_hash\":\"" + CODE_HASH + "\",\"matched_audit_id\":\"lendwell-audit-1\",\"observer\":\"ops\","
                + "\"evidence\":\"chain check at block 50 against an archive node\"}";
        assertThat(service.post("/api/code-observations", buyer, observation, null).status()).as("operators only").isEqualTo(403);
        var recorded = service.post("/api/code-observations", service.operatorKey, observation, "observe-50");
        assertThat(recorded.status()).as("%s", recorded.body()).isEqualTo(201);

        var settled = service.post("/api/incidents/early/settlement", buyer, "{}", "settle-early");
        assertThat(settled.status()).as("%s", settled.body()).isEqualTo(201);
        assertThat(settled.body().get("claims_paid").asLong()).as("the fixture's cover and the fresh one").isEqualTo(2);
        JsonNode contract = service.get("/api/protocols/" + PROTOCOL, null).body().at("/contracts/0");
        assertThat(contract.at("/scope_checks/0/block").asLong()).isEqualTo(50);
        assertThat(contract.at("/scope_checks/0/source").asText()).isEqualTo("chain_check");
        assertThat(contract.at("/scope_checks/0/audit_id").asText()).isEqualTo("lendwell-audit-1");
    }

    @Test
    void an_operator_scope_check_out_of_scope_denies_with_its_code() {
        incidentAtAnUnobservedBlock("early");
        String check = "{\"chain_id\":1,\"address\":\"" + ADDRESS + "\",\"block\":50,\"in_scope\":false,\"reason\":\"self_destructed\","
                + "\"evidence\":\"the post-mortem: the pool was redeployed\"}";
        var recorded = service.post("/api/scope-checks", service.operatorKey, check, "check-50");
        assertThat(recorded.status()).as("%s", recorded.body()).isEqualTo(201);
        String buyer = service.signIn(BUYER);
        var settled = service.post("/api/incidents/early/settlement", buyer, "{}", "settle-early");
        assertThat(settled.status()).as("%s", settled.body()).isEqualTo(201);
        assertThat(settled.body().get("claims_paid").asLong()).isZero();
        JsonNode claims = service.get("/api/claims", buyer).body().get("items");
        JsonNode denied = claims.get(claims.size() - 1);
        assertThat(denied.get("reason_code").asText()).isEqualTo("code_out_of_audited_scope");
        JsonNode explanation = service.get("/api/claims/" + denied.get("id").asLong() + "/explanation", buyer).body();
        assertThat(explanation.at("/scope_checks/0/reason").asText()).isEqualTo("self_destructed");
        assertThat(explanation.at("/scope_checks/0/evidence").asText()).isEqualTo("the post-mortem: the pool was redeployed");
        JsonNode contract = service.get("/api/protocols/" + PROTOCOL, null).body().at("/contracts/0");
        assertThat(contract.at("/scope_checks/0/source").asText()).isEqualTo("operator");
        assertThat(contract.at("/scope_checks/0/checked_by").asText()).as("the operator key's name").isEqualTo("ops");
    }

    @Test
    void bad_scope_records_get_clear_codes_and_change_nothing() {
        long head = service.get("/api/log/head", null).body().get("sequence").asLong();
        String ops = service.operatorKey;
        assertError(service.post("/api/scope-checks", ops, "{\"chain_id\":1,\"address\":\"" + ADDRESS + "\",\"block\":50,\"in_scope\":true,"
                + "\"evidence\":\"no audit named\"}", null), 400, "invalid_command");
        assertError(service.post("/api/scope-checks", ops, "{\"chain_id\":1,\"address\":\"" + ADDRESS + "\",\"block\":50,\"in_scope\":false,"
                + "\"reason\":\"gremlins\",\"evidence\":\"x\"}", null), 400, "malformed_request");
        assertError(service.post("/api/scope-checks", ops, "{\"chain_id\":1,\"address\":\"0x" + "ee".repeat(20) + "\",\"block\":50,"
                + "\"in_scope\":false,\"evidence\":\"x\"}", null), 422, "contract_not_found");
        assertError(service.post("/api/scope-checks", ops, "{\"chain_id\":1,\"address\":\"" + ADDRESS + "\",\"block\":50,\"in_scope\":false}",
                null), 400, "malformed_request");
        assertError(service.post("/api/code-observations", ops, "{\"chain_id\":1,\"block\":50,\"block_hash\":\"0x" + "5".repeat(64)
                + "\",\"address\":\"" + ADDRESS + "\",\"code_hash\":\"0x" + "99".repeat(32) + "\",\"matched_audit_id\":\"lendwell-audit-1\","
                + "\"observer\":\"ops\",\"evidence\":\"a match the audit does not back\"}", null), 400, "invalid_command");
        assertError(service.post("/api/code-observations", ops, "{\"chain_id\":1,\"block\":50,\"block_hash\":\"0x12\",\"address\":\"" + ADDRESS
                + "\",\"code_hash\":\"" + CODE_HASH + "\",\"observer\":\"ops\",\"evidence\":\"x\"}", null), 400, "invalid_command");
        assertThat(service.get("/api/log/head", null).body().get("sequence").asLong()).isEqualTo(head);
    }
}
