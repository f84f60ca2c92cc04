package io.auditcover.api;

import static io.auditcover.api.ApiTest.assertError;
import static io.auditcover.api.ServiceFixture.POOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pool's reinsurance treaty over HTTP: set by an operator, shown on the pool with where its year stands; bad terms refused. */
class ReinsuranceApiTest {
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

    private ServiceFixture.Answer setLayer(String body) {
        return service.post("/api/pools/" + POOL + "/reinsurance", service.operatorKey, body, null);
    }

    private static String money(String amount) {
        return "{\"amount\":\"" + amount + "\",\"asset\":\"USDC\"}";
    }

    @Test
    void a_treaty_is_set_and_the_pool_shows_its_aggregate_and_premium() {
        var set = setLayer("{\"retention\":" + money("10000") + ",\"limit\":" + money("50000") + ",\"annual_premium\":" + money("3650")
                + ",\"reinstatements\":2,\"reinstatement_premium\":\"0.5\",\"reinsurer\":\"northsea-re\"}");
        assertThat(set.status()).as("%s", set.body()).isEqualTo(201);
        JsonNode layer = service.get("/api/pools/" + POOL, null).body().get("reinsurance");
        assertThat(layer.get("treaty").asBoolean()).isTrue();
        assertThat(layer.at("/limit/amount").asText()).isEqualTo("50000.000000");
        assertThat(layer.at("/aggregate_limit/amount").asText()).isEqualTo("150000.000000");
        assertThat(layer.get("reinstatements").asInt()).isEqualTo(2);
        assertThat(layer.get("reinstatement_premium").asText()).isEqualTo("1/2");
        assertThat(layer.get("reinsurer_account").asText()).isEqualTo("reinsurer/northsea-re");
        assertThat(layer.at("/treaty_year/year").asInt()).isZero();
        assertThat(layer.at("/treaty_year/aggregate_left/amount").asText()).isEqualTo("150000.000000");
        assertThat(layer.at("/premium_owed/amount").asText()).isEqualTo("0.000000");

        assertThat(setLayer("{}").status()).isEqualTo(201);
        assertThat(service.get("/api/pools/" + POOL, null).body().has("reinsurance")).isFalse();
    }

    @Test
    void terms_a_treaty_cannot_have_are_refused_and_change_nothing() {
        String head = service.get("/api/log/head", null).body().get("hash").asText();
        String layer = "\"retention\":" + money("10000") + ",\"limit\":" + money("50000");
        assertError(setLayer("{" + layer + ",\"reinstatement_premium\":\"1\"}"), 400, "validation_failed");
        assertError(setLayer("{" + layer + ",\"annual_premium\":" + money("60000") + "}"), 400, "validation_failed");
        assertError(setLayer("{" + layer + ",\"annual_premium\":" + money("100") + ",\"reinstatements\":101}"), 400, "malformed_request");
        assertError(setLayer("{" + layer + ",\"annual_premium\":" + money("100") + ",\"reinsurer\":\"North Sea\"}"), 400, "validation_failed");
        assertError(setLayer("{" + layer + ",\"annual_premium\":" + money("100") + ",\"rate_on_line\":\"0.1\"}"), 400, "malformed_request");
        assertError(setLayer("{\"annual_premium\":" + money("100") + "}"), 400, "malformed_request");
        assertThat(service.get("/api/log/head", null).body().get("hash").asText()).isEqualTo(head);
    }
}
