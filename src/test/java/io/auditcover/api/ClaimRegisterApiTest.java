package io.auditcover.api;

import static io.auditcover.api.ApiTest.assertError;
import static io.auditcover.api.ServiceFixture.ASSESSOR;
import static io.auditcover.api.ServiceFixture.BUYER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claims register and loss development triangle over HTTP, for operators only. */
class ClaimRegisterApiTest {
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

    @Test
    void the_register_lists_every_claim_with_its_dates_amounts_and_reason_code() {
        var answer = service.get("/api/claims/register", service.operatorKey);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        JsonNode items = answer.body().get("items");
        assertThat(items).hasSize(1);
        JsonNode claim = items.get(0);
        assertThat(claim.get("claim_id").asLong()).isEqualTo(service.claimId);
        assertThat(claim.get("incident_id").asText()).isEqualTo("fixture-exploit");
        assertThat(claim.get("trigger").asText()).isEqualTo("parametric");
        assertThat(claim.get("stage").asText()).isEqualTo("decided");
        assertThat(claim.get("reason_code").asText()).isEqualTo("approved");
        assertThat(claim.get("asset").asText()).isEqualTo("USDC");
        // The fixture reports at 01:00, the incident occurred at 00:30, one signature confirms and the settlement pays at once.
        assertThat(claim.at("/dates/occurred").asText()).isEqualTo("2026-03-02T00:30:00Z");
        assertThat(claim.at("/dates/reported").asText()).isEqualTo("2026-03-02T01:00:00Z");
        assertThat(claim.at("/dates/confirmed").asText()).isEqualTo("2026-03-02T01:00:00Z");
        assertThat(claim.at("/dates/filed").asText()).as("the confirmation files a parametric claim").isEqualTo("2026-03-02T01:00:00Z");
        assertThat(claim.at("/dates/decided").asText()).isEqualTo("2026-03-02T01:00:00Z");
        assertThat(claim.at("/dates/paid").asText()).isEqualTo("2026-03-02T01:00:00Z");
        assertThat(claim.at("/amounts/claimed").isNull()).as("a parametric claim claims nothing").isTrue();
        assertThat(claim.at("/amounts/proven").isNull()).isTrue();
        assertThat(claim.at("/amounts/approved").asText()).isEqualTo("1000.000000");
        assertThat(claim.at("/amounts/paid").asText()).isEqualTo("1000.000000");
        assertThat(claim.at("/amounts/deductible").asText()).isEqualTo("0.000000");
        assertThat(claim.at("/amounts/shortfall").asText()).isEqualTo("0.000000");
        assertThat(claim.at("/amounts/recovered").asText()).isEqualTo("0.000000");
        assertThat(answer.body().get("next_after").isNull()).isTrue();
    }

    @Test
    void the_loss_development_triangle_shows_cumulative_paid_by_incident_and_development_month() {
        service.clock.advance(java.time.Duration.ofDays(40));
        var answer = service.get("/api/claims/register/loss-development", service.operatorKey);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        JsonNode triangle = answer.body().at("/triangles/0");
        assertThat(triangle.get("asset").asText()).isEqualTo("USDC");
        assertThat(triangle.get("valuation_month").asText()).isEqualTo("2026-04");
        assertThat(triangle.get("development_months").asInt()).isEqualTo(2);
        assertThat(triangle.at("/rows/0/incident_month").asText()).isEqualTo("2026-03");
        assertThat(triangle.at("/rows/0/cumulative_paid")).extracting(JsonNode::asText).containsExactly("1000.000000", "1000.000000");
    }

    @Test
    void the_register_and_its_triangle_download_as_csv() {
        var register = service.get("/api/claims/register.csv", service.operatorKey);
        assertThat(register.status()).isEqualTo(200);
        assertThat(register.headers().firstValue("Content-Type")).hasValue(RegisterCsv.TEXT_CSV);
        var lines = register.body().get("not_json").asText().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo(String.join(",", RegisterCsv.REGISTER_HEADER));
        assertThat(lines[1]).startsWith(service.claimId + ",").contains(",fixture-exploit,parametric,decided,approved,USDC,2026-03-02T00:30:00Z,")
                .endsWith(",,,1000.000000,1000.000000,0.000000,0.000000,0.000000");

        service.clock.advance(java.time.Duration.ofDays(40));
        var development = service.get("/api/claims/register/loss-development.csv", service.operatorKey);
        assertThat(development.status()).isEqualTo(200);
        assertThat(development.body().get("not_json").asText().split("\r\n")).containsExactly(
                "asset,incident_month,development_month_0,development_month_1", "USDC,2026-03,1000.000000,1000.000000");
    }

    @Test
    void only_operators_read_the_register() {
        String wallet = service.signIn(BUYER);
        String assessor = service.signIn(ASSESSOR);
        for (String path : java.util.List.of("/api/claims/register", "/api/claims/register/loss-development", "/api/claims/register.csv",
                "/api/claims/register/loss-development.csv")) {
            assertThat(service.get(path, null).status()).isEqualTo(401);
            assertThat(service.get(path, wallet).status()).isEqualTo(403);
            assertThat(service.get(path, assessor).status()).isEqualTo(403);
        }
        assertError(service.get("/api/claims/register?limit=0", service.operatorKey), 400, "malformed_request");
    }
}
