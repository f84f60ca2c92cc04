package io.auditcover.api;

import static io.auditcover.api.ServiceFixture.BUYER;
import static io.auditcover.api.ServiceFixture.POOL;
import static io.auditcover.api.ServiceFixture.PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.engine.Command;
import io.auditcover.evidence.CodeObservation;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTest {
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

    static String coverBody(String amount, int days) {
        return "{\"pool_id\":\"" + POOL + "\",\"protocol_id\":\"" + PROTOCOL + "\",\"amount\":{\"amount\":\"" + amount
                + "\",\"asset\":\"USDC\"},\"period_days\":" + days + "}";
    }

    @Test
    void a_signed_in_buyer_buys_cover_at_the_quoted_premium_and_sees_it_listed() {
        var quote = service.get("/api/quotes?pool_id=" + POOL + "&protocol_id=" + PROTOCOL + "&amount=5000&asset=USDC&period_days=60", null);
        assertThat(quote.status()).isEqualTo(200);
        var bought = service.post("/api/covers", buyer, coverBody("5000", 60), "buy-1");
        assertThat(bought.status()).isEqualTo(201);
        assertThat(bought.body().get("premium")).isEqualTo(quote.body().get("premium"));
        assertThat(bought.body().get("amount").get("amount").asText()).isEqualTo("5000.000000");
        assertThat(bought.body().get("holder").asText()).isEqualTo(ServiceFixture.address(BUYER));
        var mine = service.get("/api/covers", buyer);
        assertThat(mine.body().get("items")).extracting(item -> item.get("id").asLong())
                .contains(bought.body().get("id").asLong(), service.buyerCoverId);
    }

    @Test
    void a_quote_handed_back_buys_at_exactly_its_premium_and_a_tampered_one_is_refused() {
        var quote = service.get("/api/quotes?pool_id=" + POOL + "&protocol_id=" + PROTOCOL + "&amount=4000&asset=USDC&period_days=90", null)
                .body();
        assertThat(quote.get("quote_id").asText()).hasSize(32);
        assertThat(quote.get("factors").size()).isPositive();
        assertThat(quote.get("model").asText()).startsWith("risk-model/");
        String reference = "\"quote\":{\"quote_id\":\"" + quote.get("quote_id").asText() + "\",\"premium\":" + quote.get("premium")
                + ",\"valid_until\":\"" + quote.get("valid_until").asText() + "\",\"parameters_version\":\""
                + quote.get("parameters_version").asText() + "\"}";
        String body = coverBody("4000", 90);
        String tampered = body.substring(0, body.length() - 1) + "," + reference.replace(quote.get("quote_id").asText(), "0".repeat(32)) + "}";
        assertError(service.post("/api/covers", buyer, tampered, "buy-tampered"), 422, "quote_invalid");
        var bought = service.post("/api/covers", buyer, body.substring(0, body.length() - 1) + "," + reference + "}", "buy-quoted");
        assertThat(bought.status()).isEqualTo(201);
        assertThat(bought.body().get("premium")).isEqualTo(quote.get("premium"));
    }

    @Test
    void a_protocol_shows_its_contracts_eligibility_as_the_chain_showed_it_block_by_block() {
        String key = "1:0x" + "cd".repeat(20);
        String audited = "0x" + "ab".repeat(32);
        String unaudited = "0x" + "ee".repeat(32);
        service.engine.submit(new Command.ObserveChain("chain-100", 1, 100, "0x" + "01".repeat(32),
                List.of(new CodeObservation(key, audited, true, null, "lendwell-audit-1", null)))).join();
        service.engine.submit(new Command.ObserveChain("chain-105", 1, 105, "0x" + "02".repeat(32),
                List.of(new CodeObservation(key, unaudited, true, null, null, null)))).join();
        var protocol = service.get("/api/protocols/" + PROTOCOL, null).body();
        var periods = protocol.get("contracts").get(0).get("eligibility");
        assertThat(periods).extracting(p -> p.get("from_block").asLong()).containsExactly(100L, 105L);
        assertThat(periods.get(0).get("in_scope").asBoolean()).isTrue();
        assertThat(periods.get(1).get("reason").asText()).isEqualTo("unknown_code");
        assertThat(protocol.get("coverage_status").asText()).isEqualTo("out_of_audited_scope_on_chain");
    }

    @Test
    void a_retry_with_the_same_idempotency_key_returns_the_first_answer_and_buys_nothing_more() {
        var first = service.post("/api/covers", buyer, coverBody("1000", 30), "retry-me");
        String hashAfterFirst = service.engine.stateHash();
        var second = service.post("/api/covers", buyer, coverBody("1000", 30), "retry-me");
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.replayed()).isEqualTo("true");
        assertThat(service.engine.stateHash()).isEqualTo(hashAfterFirst);
    }

    @Test
    void the_same_idempotency_key_with_another_body_is_a_conflict_that_changes_nothing() {
        service.post("/api/covers", buyer, coverBody("1000", 30), "key-1");
        String before = service.engine.stateHash();
        var reused = service.post("/api/covers", buyer, coverBody("2000", 30), "key-1");
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.body().get("error").asText()).isEqualTo("idempotency_key_reused");
        assertThat(service.engine.stateHash()).isEqualTo(before);
    }

    @Test
    void errors_have_one_shape_and_the_right_status() {
        assertError(service.get("/api/nothing-here", null), 404, "route_not_found");
        var wrongMethod = service.post("/api/claims/register", service.operatorKey, "{}", null);
        assertError(wrongMethod, 405, "method_not_allowed");
        assertThat(wrongMethod.body().at("/details/allow").asText()).isEqualTo("GET");
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
        assertError(service.get("/api/claims/7/appeal", buyer), 405, "method_not_allowed");
        assertError(service.get("/api/claims/7/appeal/more", buyer), 404, "route_not_found");
        assertError(service.post("/api/covers", buyer, "{not json", null), 400, "malformed_request");
        assertError(service.post("/api/covers", buyer, coverBody("1.1234567", 30), null), 400, "malformed_request");
        assertError(service.post("/api/covers", buyer, coverBody("1000", 30).replace("}", ",\"extra\":1}"), null), 400,
                "malformed_request");
        assertError(service.post("/api/covers", buyer, coverBody("1000", 30).replace("\"1000\"", "1000"), null), 400,
                "malformed_request");
        var notAnObject = service.post("/api/covers", buyer, coverBody("1000", 30).replaceFirst("\\{\"amount\":\"1000\",\"asset\":\"USDC\"}",
                "\"1000\""), null);
        assertError(notAnObject, 400, "malformed_request");
        assertThat(notAnObject.body().at("/details/field").asText()).as("the nested object is named as its field").isEqualTo("amount");
        assertError(service.post("/api/covers", buyer, coverBody("1000", 7), null), 422, "period_out_of_range");
        assertError(service.post("/api/covers", buyer, coverBody("900000000", 30), null), 422, "insufficient_capacity");
        assertError(service.post("/api/covers", null, coverBody("1000", 30), null), 401, "unauthenticated");
        assertError(service.post("/api/protocols", buyer, "{}", null), 403, "forbidden");
        assertError(service.get("/api/covers/999", buyer), 404, "not_found");
        assertError(service.post("/api/protocols", service.operatorKey, "{\"id\":\"" + PROTOCOL + "\",\"name\":\"L\",\"category\":\"x\"}",
                null), 409, "already_exists");
        var capacity = service.post("/api/covers", buyer, coverBody("900000000", 30), null);
        assertThat(capacity.body().get("details").get("max_amount").asText()).matches("[0-9]+\\.[0-9]{6}");
    }

    @Test
    void a_rejected_or_malformed_request_changes_nothing() {
        String before = service.engine.stateHash();
        service.post("/api/covers", buyer, coverBody("900000000", 30), null);
        service.post("/api/covers", buyer, "[]", null);
        service.post("/api/pools/" + POOL + "/deposits", buyer, "{\"amount\":{\"amount\":\"-5\",\"asset\":\"USDC\"}}", null);
        assertThat(service.engine.stateHash()).isEqualTo(before);
    }

    @Test
    void an_operator_sets_up_a_protocol_and_pool_through_the_api() {
        String key = service.operatorKey;
        assertThat(service.post("/api/protocols", key, "{\"id\":\"swapline\",\"name\":\"Swapline\",\"category\":\"dex\"}", "p1").status())
                .isEqualTo(201);
        assertThat(service.post("/api/protocols/swapline/contracts", key, "{\"chain_id\":1,\"address\":\"0x" + "ef".repeat(20)
                + "\",\"code_hash\":\"0x" + "12".repeat(32) + "\"}", "c1").status()).isEqualTo(201);
        assertThat(service.post("/api/protocols/swapline/audits", key, "{\"id\":\"swap-a1\",\"auditor\":\"OpenZeppelin\",\"date\":"
                + "\"2025-07-01\",\"commit\":\"abcdef1\",\"scope_code_hashes\":[\"0x" + "12".repeat(32) + "\"],\"findings\":"
                + "[{\"id\":\"m-1\",\"severity\":\"medium\",\"status\":\"acknowledged\"}]}", "a1").status()).isEqualTo(201);
        assertThat(service.post("/api/pools", key, "{\"id\":\"frontier\",\"asset\":{\"code\":\"ETH\",\"scale\":9},\"leverage\":\"3\","
                + "\"max_protocol_share\":\"0.4\",\"notice_period_days\":30}", "pool1").status()).isEqualTo(201);
        assertThat(service.post("/api/pools/frontier/listings", key, "{\"protocol_id\":\"swapline\",\"annual_rate_bps\":390}", "l1")
                .status()).isEqualTo(201);
        var protocol = service.get("/api/protocols/swapline", null).body();
        assertThat(protocol.get("coverage_status").asText()).isEqualTo("audited");
        assertThat(protocol.get("listings").get(0).get("annual_rate_bps").asLong()).isEqualTo(390);
        var pool = service.get("/api/pools/frontier", null).body();
        assertThat(pool.get("capital").get("asset").asText()).isEqualTo("ETH");
    }

    @Test
    void an_operator_sets_a_risk_profile_and_puts_a_calibration_into_service_and_quotes_name_each_factors_source() {
        String key = service.operatorKey;
        var profile = "{\"tvl_usd\":80000000,\"bounty_usd\":1000000,\"launch_date\":\"2023-05-01\",\"upgradeable\":false,"
                + "\"admin_key\":\"timelock_multisig\",\"audit_kind\":\"firm\"}";
        assertThat(service.post("/api/protocols/" + PROTOCOL + "/risk-profile", key, profile, "rp1").status()).isEqualTo(201);
        assertError(service.post("/api/protocols/" + PROTOCOL + "/risk-profile", key, profile.replace("timelock_multisig", "nobody"), "rp2"),
                400, "validation_failed");
        var bundled = io.auditcover.engine.PricingFile.bundled();
        String parameters = io.auditcover.engine.PricingFile.toJson(bundled.withCalibration("api-calibration", bundled.calibration()));
        assertThat(service.post("/api/pricing-parameters", key, parameters, "pp1").status()).isEqualTo(201);
        assertThat(service.post("/api/pricing-parameters", key, "{\"version\":\"x\"}", "pp2").status()).isEqualTo(400);
        var quote = service.get("/api/quotes?pool_id=" + POOL + "&protocol_id=" + PROTOCOL + "&amount=4000&asset=USDC&period_days=90", null)
                .body();
        assertThat(quote.get("parameters_version").asText()).isEqualTo("api-calibration");
        for (var factor : quote.get("factors")) {
            assertThat(factor.get("source").asText()).matches("^(fitted|prior): .+");
        }
        assertThat(quote.get("breakdown").toString()).contains("90% interval");
    }

    @Test
    void a_risk_profile_carries_the_listing_the_fitted_factors_read_and_quotes_state_each_group() {
        String key = service.operatorKey;
        var profile = "{\"tvl_usd\":80000000,\"bounty_usd\":1000000,\"launch_date\":\"2023-05-01\",\"upgradeable\":false,"
                + "\"admin_key\":\"timelock_multisig\",\"audit_kind\":\"firm\",\"listing\":{\"category\":\"Lending\","
                + "\"chains\":[\"Ethereum\",\"Arbitrum\"],\"forked_from\":\"Compound V2\",\"audit_flag\":\"2\",\"listed_date\":\"2023-05-01\"}}";
        assertThat(service.post("/api/protocols/" + PROTOCOL + "/risk-profile", key, profile, "rp1").status()).isEqualTo(201);
        assertError(service.post("/api/protocols/" + PROTOCOL + "/risk-profile", key, profile.replace("\"audit_flag\"", "\"flag\""), "rp2"),
                400, "malformed_request");
        var quote = service.get("/api/quotes?pool_id=" + POOL + "&protocol_id=" + PROTOCOL + "&amount=4000&asset=USDC&period_days=90", null)
                .body();
        var sources = new java.util.TreeMap<String, String>();
        quote.get("factors").forEach(factor -> sources.put(factor.get("name").asText(), factor.get("source").asText()));
        assertThat(sources).containsKeys("category", "chain", "fork_family", "listing_audit_flag", "age_since_listing", "audit_history", "normalisation")
                .doesNotContainKeys("days_live_without_incident", "listing_unknown");
        assertThat(sources.get("category")).startsWith("fitted: category Lending x").contains("incidents over");
        assertThat(sources.get("chain")).contains("Ethereum x").contains("Arbitrum x").contains("the geometric mean of its 2");
        assertThat(sources.get("fork_family")).startsWith("fitted: fork Compound V2 x");
        assertThat(sources.get("admin_key")).startsWith("prior: ");
    }

    @Test
    void the_log_is_readable_and_verifies() {
        var head = service.get("/api/log/head", null).body();
        assertThat(head.get("hash").asText()).hasSize(64);
        var record = service.get("/api/log/records/" + head.get("sequence").asLong(), service.operatorKey);
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.body().get("hash").asText()).isEqualTo(head.get("hash").asText());
        var verification = service.get("/api/log/verify", service.operatorKey).body();
        assertThat(verification.get("ok").asBoolean()).isTrue();
        assertThat(verification.get("good_records").asLong()).isEqualTo(head.get("sequence").asLong());
    }

    @Test
    void ledger_balances_sum_to_zero_per_asset() {
        var accounts = service.get("/api/ledger/accounts", null).body().get("items");
        var sum = new java.math.BigDecimal(0);
        for (var account : accounts) {
            sum = sum.add(new java.math.BigDecimal(account.get("balance").get("amount").asText()));
        }
        assertThat(sum.signum()).isZero();
    }

    @Test
    void cross_origin_requests_get_no_cors_permission() {
        var preflight = service.send(HttpRequest.newBuilder(service.uri("/api/pools")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST"), null, null);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        var simple = service.send(HttpRequest.newBuilder(service.uri("/api/pools")).header("Origin", "https://evil.example"), null, null);
        assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void health_readiness_and_metrics_are_served() {
        assertThat(service.get("/health", null).status()).isEqualTo(200);
        assertThat(service.get("/ready", null).body().get("status").asText()).isEqualTo("ready");
        service.post("/api/covers", buyer, coverBody("900000000", 30), null);
        String metrics = service.get("/metrics", null).body().get("not_json").asText();
        assertThat(metrics).contains("auditcover_commands_total", "auditcover_queue_depth", "auditcover_log_commit_seconds_count",
                "auditcover_rejections_total{code=\"insufficient_capacity\"} 1.0", "auditcover_http_requests_seconds",
                "auditcover_batch_events");
    }

    @Test
    void a_client_over_its_rate_limit_is_told_to_slow_down_while_others_are_served(@TempDir Path other) {
        try (var limited = new ServiceFixture(other, ApiServer.Settings.local(0).withRateLimit(0.001, 3))) {
            String token = limited.signIn(BUYER);
            for (int i = 0; i < 3; i++) {
                assertThat(limited.get("/api/me", token).status()).isEqualTo(200);
            }
            assertError(limited.get("/api/me", token), 429, "rate_limited");
            assertThat(limited.get("/api/me", limited.operatorKey).status()).isEqualTo(200);
        }
    }

    static void assertError(ServiceFixture.Answer answer, int status, String code) {
        assertThat(answer.status()).as("status of " + answer.body()).isEqualTo(status);
        assertThat(answer.body().get("error").asText()).isEqualTo(code);
        assertThat(answer.body().get("message").isTextual()).isTrue();
        assertThat(answer.body().get("details").isObject()).isTrue();
    }
}
