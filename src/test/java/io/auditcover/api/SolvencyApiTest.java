package io.auditcover.api;

import static io.auditcover.api.ApiTest.assertError;
import static io.auditcover.api.ServiceFixture.POOL;
import static io.auditcover.api.ServiceFixture.PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Solvency over HTTP: the figures of the last run with the run they came from, operators' policies, dependencies and runs,
 * the gate's refusal of a purchase with the largest amount that fits, and bad input answered with a stable code, changing
 * nothing.
 */
class SolvencyApiTest {
    @TempDir
    Path directory;

    @Test
    void a_run_on_demand_is_recorded_and_every_figure_names_it() {
        try (var service = new ServiceFixture(directory)) {
            assertThat(service.get("/api/solvency", null).body().get("run").isNull()).isTrue();
            var run = service.post("/api/solvency/runs", service.operatorKey, "{\"years\":2000,\"seed\":9}", null);
            assertThat(run.status()).as("%s", run.body()).isEqualTo(201);
            String runId = run.body().get("run_id").asText();

            var solvency = service.get("/api/solvency", null).body();
            assertThat(solvency.get("run").get("run_id").asText()).isEqualTo(runId);
            assertThat(solvency.get("run").get("seed").asLong()).isEqualTo(9);
            var pool = service.get("/api/pools/" + POOL + "/solvency", null).body();
            assertThat(pool.get("run").get("run_id").asText()).isEqualTo(runId);
            assertThat(pool.get("figures").get("scr").get("asset").asText()).isEqualTo("USDC");
            assertThat(pool.get("figures").get("aggregate_exceedance")).isNotEmpty();
            assertThat(pool.get("capital_by_listing").get(0).get("protocol_id").asText()).isEqualTo(PROTOCOL);
            assertThat(solvency.get("correlations")).hasSize(5);

            String metrics = service.get("/metrics", null).body().get("not_json").asText();
            assertThat(metrics).contains("auditcover_pool_solvency_ratio{asset=\"USDC\",pool=\"" + POOL + "\",run=\"" + runId + "\"}",
                    "auditcover_pool_scr{asset=\"USDC\",pool=\"" + POOL + "\",run=\"" + runId + "\"}",
                    "auditcover_pool_capital_over_required{asset=\"USDC\",pool=\"" + POOL + "\"}",
                    "auditcover_pool_required_capital{asset=\"USDC\",pool=\"" + POOL + "\"}");
        }
    }

    @Test
    void stress_scenarios_give_each_pools_loss_and_whether_it_survives() {
        try (var service = new ServiceFixture(directory)) {
            var scenarios = service.get("/api/solvency/stress", null).body().get("scenarios");
            assertThat(scenarios).isNotEmpty();
            var protocol = java.util.stream.StreamSupport.stream(scenarios.spliterator(), false)
                    .filter(s -> s.get("scenario").asText().equals("protocol " + PROTOCOL)).findFirst().orElseThrow();
            var pool = protocol.get("pools").get(0);
            assertThat(pool.get("pool_id").asText()).isEqualTo(POOL);
            assertThat(pool.get("gross_loss").get("amount").asText()).isNotEqualTo("0.000000");
            assertThat(pool.get("survives").asBoolean()).isTrue();
            assertThat(protocol.get("every_pool_survives").asBoolean()).isTrue();
        }
    }

    @Test
    void the_gate_refuses_a_purchase_its_capital_cannot_back_and_names_the_largest_that_fits() {
        try (var service = new ServiceFixture(directory)) {
            var policy = service.post("/api/pools/" + POOL + "/solvency-policy", service.operatorKey,
                    "{\"minimum_solvency_ratio\":\"10\",\"dependency_caps\":{\"fork\":\"0.5\"}}", null);
            assertThat(policy.status()).as("%s", policy.body()).isEqualTo(201);
            String buyer = service.signIn(ServiceFixture.BUYER);
            // before any run a cover consumes its whole amount: capital 1 000 000 at a ratio of 10 backs 100 000, less what is sold
            var refused = service.post("/api/covers", buyer, ApiTest.coverBody("200000", 30), null);
            assertError(refused, 422, "solvency_capital_exceeded");
            assertThat(refused.body().get("details").get("minimum_solvency_ratio").asText()).isEqualTo("10");
            String room = refused.body().get("details").get("max_amount").asText();
            assertThat(service.post("/api/covers", buyer, ApiTest.coverBody(room, 30), null).status()).isEqualTo(201);
            assertThat(service.get("/api/pools/" + POOL + "/solvency", null).body().get("now").get("capital_over_required").asText())
                    .isEqualTo("10");
        }
    }

    @Test
    void bad_solvency_input_gets_a_stable_code_and_changes_nothing() {
        try (var service = new ServiceFixture(directory)) {
            String head = service.get("/api/log/head", null).body().get("hash").asText();
            assertError(service.post("/api/solvency/runs", service.operatorKey, "{\"years\":5}", null), 400, "solvency_input_invalid");
            assertError(service.post("/api/protocols/" + PROTOCOL + "/dependencies", service.operatorKey, "{\"custodian\":\"X\"}", null),
                    400, "solvency_input_invalid");
            assertError(service.post("/api/protocols/" + PROTOCOL + "/dependencies", service.operatorKey, "{\"fork\":\" \"}", null),
                    400, "solvency_input_invalid");
            assertError(service.post("/api/pools/" + POOL + "/solvency-policy", service.operatorKey,
                    "{\"minimum_solvency_ratio\":\"-1\"}", null), 400, "solvency_input_invalid");
            assertError(service.post("/api/pools/" + POOL + "/solvency-policy", service.operatorKey,
                    "{\"dependency_caps\":{\"custodian\":\"0.5\"}}", null), 400, "solvency_input_invalid");
            assertError(service.post("/api/pools/" + POOL + "/solvency-policy", service.operatorKey,
                    "{\"dependency_caps\":{\"fork\":\"0\"}}", null), 400, "solvency_input_invalid");
            assertError(service.get("/api/pools/nowhere/solvency", null), 404, "pool_not_found");
            assertThat(service.get("/api/log/head", null).body().get("hash").asText()).isEqualTo(head);
        }
    }
}
