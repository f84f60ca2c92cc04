package io.auditcover.api;

import static io.auditcover.api.ServiceFixture.POOL;
import static io.auditcover.api.ServiceFixture.PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auditcover.Seeds;
import io.auditcover.access.Principal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ten thousand malformed and hostile requests from a seeded generator against a real server: none may
 * get a 5xx, every answer must be in the error shape, and the engine's state must not change.
 */
class HostileInputTest {
    static final int REQUESTS = 10_000;
    static final int IN_FLIGHT_MAX = 16;
    static final long[] SEEDS = {20_261_124L};
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    record Attack(String kind, String method, String path, String body, String token, String idempotencyKey) {
    }

    static LongStream seeds() {
        return Seeds.of(SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void hostile_requests_get_clean_errors_and_change_nothing(long seed) throws Exception {
        try (var service = new ServiceFixture(directory)) {
            String buyer = service.signIn(ServiceFixture.BUYER);
            String other = service.signIn(ServiceFixture.OTHER_BUYER);
            String assessor = service.signIn(ServiceFixture.ASSESSOR);
            var accepted = service.post("/api/covers", buyer, ApiTest.coverBody("100", 30), "used-key");
            assertThat(accepted.status()).isEqualTo(201);
            String expired = service.server.sessions().issue(new Principal.Wallet(ServiceFixture.address(ServiceFixture.BUYER), false),
                    service.clock.instant().minus(Duration.ofHours(3)));
            String hashBefore = service.engine.stateHash();
            long headBefore = service.server.view().headSequence();
            var generator = new Generator(new Random(seed), service, buyer, other, assessor, expired);
            var failures = new ConcurrentLinkedQueue<String>();
            var byKind = new ConcurrentHashMap<String, AtomicInteger>();
            var gate = new Semaphore(IN_FLIGHT_MAX);
            var pending = new ArrayList<CompletableFuture<?>>();
            for (int i = 0; i < REQUESTS; i++) {
                Attack attack = generator.next();
                byKind.computeIfAbsent(attack.kind(), k -> new AtomicInteger()).incrementAndGet();
                gate.acquire();
                pending.add(service.http.sendAsync(request(service, attack), HttpResponse.BodyHandlers.ofByteArray())
                        .whenComplete((response, error) -> {
                            gate.release();
                            String problem = error != null ? "no answer: " + error : check(response);
                            if (problem != null) {
                                failures.add(attack.kind() + " " + attack.method() + " " + shorten(attack.path()) + " body "
                                        + shorten(attack.body()) + " -> " + problem);
                            }
                        }));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            assertThat(failures).as("seed " + seed + " " + Seeds.rerun(seed)).isEmpty();
            assertThat(service.engine.stateHash()).as("state hash, seed " + seed + " " + Seeds.rerun(seed)).isEqualTo(hashBefore);
            assertThat(service.server.view().headSequence()).isEqualTo(headBefore);
            assertThat(new TreeMap<>(byKind)).hasSizeGreaterThanOrEqualTo(10);
        }
    }

    private static HttpRequest request(ServiceFixture service, Attack attack) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.server.port() + attack.path()))
                .timeout(Duration.ofSeconds(30))
                .method(attack.method(), attack.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(attack.body()));
        if (attack.body() != null) {
            builder.header("Content-Type", "application/json");
        }
        if (attack.token() != null) {
            builder.header("Authorization", attack.token().startsWith("RAW:") ? attack.token().substring(4) : "Bearer " + attack.token());
        }
        if (attack.idempotencyKey() != null) {
            builder.header("Idempotency-Key", attack.idempotencyKey());
        }
        return builder.build();
    }

    /** Null when the answer is a clean 4xx in the error shape. */
    private static String check(HttpResponse<byte[]> response) {
        if (response.statusCode() < 400 || response.statusCode() >= 500) {
            return "status " + response.statusCode() + " " + shorten(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            boolean shaped = body != null && body.isObject() && body.path("error").isTextual() && body.path("message").isTextual()
                    && body.path("details").isObject() && body.size() == 3;
            return shaped ? null : "not in the error shape: " + shorten(body == null ? "" : body.toString());
        } catch (java.io.IOException e) {
            return "not JSON: " + shorten(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String shorten(String text) {
        return text == null ? "-" : text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }

    /** Seeded hostile requests of many kinds; none can be a valid write. */
    static final class Generator {
        private final Random random;
        private final ServiceFixture service;
        private final String buyer;
        private final String other;
        private final String assessor;
        private final String expired;
        private final List<String> postPaths;

        Generator(Random random, ServiceFixture service, String buyer, String other, String assessor, String expired) {
            this.random = random;
            this.service = service;
            this.buyer = buyer;
            this.other = other;
            this.assessor = assessor;
            this.expired = expired;
            this.postPaths = List.of("/api/protocols", "/api/protocols/" + PROTOCOL + "/contracts", "/api/protocols/" + PROTOCOL + "/audits",
                    "/api/pools", "/api/pools/" + POOL + "/listings", "/api/pools/" + POOL + "/deposits", "/api/withdrawal-requests",
                    "/api/covers", "/api/claims", "/api/auth/siwe");
        }

        Attack next() {
            return switch (random.nextInt(17)) {
                case 14 -> strangersWallet();
                case 15 -> signInForElsewhere();
                case 16 -> new Attack("bad_consent_query", "GET", "/api/consents/statement?" + badConsentQuery(), null, anyToken(), null);
                case 0 -> new Attack("random_json", "POST", pick(postPaths), randomJson(0), anyToken(), null);
                case 1 -> new Attack("wrong_types", "POST", "/api/covers", wrongTypes(), buyer, null);
                case 2 -> new Attack("huge_or_negative_numbers", "POST", "/api/covers", coverWith(pick(List.of("-1", "-0.000001",
                        "99999999999999999999999", "1e9", "0x10", "NaN", "Infinity", "1" + "0".repeat(40))), period()), buyer, null);
                case 3 -> new Attack("too_many_decimals", "POST", "/api/pools/" + POOL + "/deposits",
                        "{\"amount\":{\"amount\":\"1." + "1".repeat(7 + random.nextInt(20)) + "\",\"asset\":\"USDC\"}}", buyer, null);
                case 4 -> new Attack("unknown_fields", "POST", "/api/covers", ApiTest.coverBody("100", 30)
                        .replace("}", ",\"" + word(8) + "\":" + randomJson(2) + "}"), buyer, null);
                case 5 -> overlong();
                case 6 -> new Attack("replayed_key_other_body", "POST", "/api/covers", ApiTest.coverBody(Integer.toString(101 + random.nextInt(900)),
                        30), buyer, "used-key");
                case 7 -> othersResources();
                case 8 -> badSignature();
                case 9 -> new Attack("expired_or_forged_token", pick(List.of("GET", "POST")), pick(List.of("/api/covers", "/api/me")),
                        "{}", pick(List.of(expired, buyer.substring(0, buyer.length() - 3) + "AAA", "ac_" + safeWord(43), safeWord(30))), null);
                case 10 -> new Attack("garbage_authorization", "GET", "/api/me", null,
                        "RAW:" + pick(List.of("Basic Zm9vOmJhcg==", "Bearer", "Bearer ", "Bearer  ", "Token " + buyer, safeWord(400), "Bearer " + "x".repeat(300))), null);
                case 11 -> new Attack("bad_query", "GET", "/api/quotes?" + badQuery(), null, null, null);
                case 12 -> new Attack("bad_idempotency_key", "POST", "/api/covers", ApiTest.coverBody("100", 30), buyer,
                        pick(List.of("has space", "x".repeat(49), "percent%20key", "semi;colon", "")));
                default -> new Attack("unknown_route_or_method", pick(List.of("PUT", "DELETE", "PATCH", "GET")),
                        pick(List.of("/api/" + safeWord(6), "/api/covers/" + safeWord(5), "/api/pools/" + POOL + "/" + safeWord(4), "/api/covers/-1",
                                "/api/covers/99999999999999999999", "/api/log/records/0x10", "/../etc/passwd")), null, anyToken(), null);
            };
        }

        private Attack overlong() {
            return switch (random.nextInt(4)) {
                case 0 -> new Attack("overlong_strings", "POST", "/api/protocols", "{\"id\":\"" + "a".repeat(65 + random.nextInt(5000))
                        + "\",\"name\":\"x\",\"category\":\"dex\"}", service.operatorKey, null);
                case 1 -> new Attack("overlong_strings", "POST", "/api/claims", "{\"cover_id\":" + service.buyerCoverId
                        + ",\"amount\":{\"amount\":\"1\",\"asset\":\"USDC\"},\"reason\":\"" + "r".repeat(501 + random.nextInt(2000)) + "\"}",
                        service.operatorKey, null);
                case 2 -> new Attack("overlong_body", "POST", "/api/covers", "{\"pad\":\"" + "p".repeat(70_000) + "\"}", buyer, null);
                default -> new Attack("overlong_strings", "GET", "/api/pools/" + "p".repeat(300), null, null, null);
            };
        }

        /** A cover insuring someone else's wallet: no consent, a forged or expired one, or an address with wrong capitals. */
        private Attack strangersWallet() {
            String stranger = pick(List.of("0x" + "ab".repeat(20), ServiceFixture.address(ServiceFixture.OTHER_BUYER),
                    "0x" + SignInTest.flipCase(org.web3j.crypto.Keys.toChecksumAddress(ServiceFixture.OTHER_BUYER.getAddress()).substring(2)),
                    "0xAB" + "ab".repeat(19), "0x" + "ab".repeat(19)));
            String consent = switch (random.nextInt(5)) {
                case 0 -> "";
                case 1 -> ",\"wallet_consent\":{\"signature\":\"0x" + "ab".repeat(65) + "\",\"valid_until\":\"2030-01-01T00:00:00Z\"}";
                case 2 -> ",\"wallet_consent\":{\"signature\":\"" + ServiceFixture.sign(ServiceFixture.OTHER_BUYER, "consent")
                        + "\",\"valid_until\":\"2020-01-01T00:00:00Z\"}";
                case 3 -> ",\"wallet_consent\":" + randomJson(2);
                default -> ",\"wallet_consent\":{\"signature\":" + quote(word(20)) + ",\"valid_until\":" + quote(word(10)) + "}";
            };
            String body = ApiTest.coverBody("100", 30).replaceFirst("}$", ",\"wallet\":" + quote(stranger) + consent + "}");
            return new Attack("strangers_wallet", "POST", "/api/covers", body, buyer, null);
        }

        /** A correctly signed sign-in for another chain, another site's URI, or issued years ahead. */
        private Attack signInForElsewhere() {
            var now = service.clock.instant();
            String checksum = org.web3j.crypto.Keys.toChecksumAddress(ServiceFixture.BUYER.getAddress());
            String message = switch (random.nextInt(3)) {
                case 0 -> io.auditcover.access.SiweMessage.format(service.domain(), checksum, "Sign in.", "http://" + service.domain(),
                        1 + random.nextInt(1_000), "abcdef0123456789", now, now.plusSeconds(300));
                case 1 -> io.auditcover.access.SiweMessage.format(service.domain(), checksum, "Sign in.", pick(List.of("https://evil.example/",
                        "http://" + service.domain() + ".evil.example/", "javascript:alert(1)", "//" + service.domain())), 1, "abcdef0123456789", now,
                        now.plusSeconds(300));
                default -> io.auditcover.access.SiweMessage.format(service.domain(), checksum, "Sign in.", "http://" + service.domain(), 1,
                        "abcdef0123456789", java.time.Instant.parse("2030-01-01T00:00:00Z"), null);
            };
            String body = "{\"message\":" + quote(message) + ",\"signature\":" + quote(ServiceFixture.sign(ServiceFixture.BUYER, message)) + "}";
            return new Attack("sign_in_for_elsewhere", "POST", "/api/auth/siwe", body, null, null);
        }

        private String badConsentQuery() {
            String[] parts = {"wallet=" + pick(List.of("0x" + "ab".repeat(20), "0xAB" + "ab".repeat(19), safeWord(5), "")),
                    "buyer=" + pick(List.of("bob", "Bad%20Buyer", "0x12", "")), "pool_id=" + pick(List.of(POOL, safeWord(5))),
                    "protocol_id=" + pick(List.of(PROTOCOL, safeWord(5))),
                    "valid_until=" + pick(List.of("2026-03-02T01:00:00.5Z", "tomorrow", "", "-1"))};
            var query = new StringBuilder();
            for (String part : parts) {
                if (random.nextInt(5) > 0) {
                    query.append(part).append('&');
                }
            }
            return query.toString();
        }

        private Attack othersResources() {
            return switch (random.nextInt(4)) {
                case 0 -> new Attack("others_resources", "GET", "/api/covers/" + service.buyerCoverId, null, other, null);
                case 1 -> new Attack("others_resources", "GET", "/api/claims/" + service.claimId, null, other, null);
                case 2 -> new Attack("others_resources", "POST", "/api/withdrawal-requests/" + service.withdrawalRequestId + "/withdraw", "{}",
                        pick(List.of(buyer, other, assessor)), null);
                default -> new Attack("others_resources", "POST", "/api/covers", ApiTest.coverBody("100", 30), assessor, null);
            };
        }

        private Attack badSignature() {
            String message = service.message(ServiceFixture.BUYER, "abcdef01" + word(8).replaceAll("[^a-z0-9]", "a"), service.domain(),
                    service.clock.instant().plusSeconds(300));
            String signature = pick(List.of("0x" + "ab".repeat(65), ServiceFixture.sign(ServiceFixture.OTHER_BUYER, message), "0x12",
                    word(132), "0x" + "00".repeat(64) + "1b"));
            String body = random.nextBoolean() ? Map.of("message", message, "signature", signature).entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\":" + quote(e.getValue())).reduce("{", (a, b) -> a.length() == 1 ? a + b : a + "," + b) + "}"
                    : "{\"message\":" + quote(word(50)) + ",\"signature\":" + quote(signature) + "}";
            return new Attack("bad_signature", "POST", "/api/auth/siwe", body, null, null);
        }

        private String wrongTypes() {
            String[] values = {"true", "null", "[]", "{}", "\"text\"", "12.5", "-3", "[1,2]", "{\"amount\":1}"};
            String[] fields = {"pool_id", "protocol_id", "amount", "period_days"};
            String field = pick(List.of(fields));
            var body = new StringBuilder("{");
            for (String name : fields) {
                if (body.length() > 1) {
                    body.append(',');
                }
                String value = switch (name) {
                    case "pool_id" -> "\"" + POOL + "\"";
                    case "protocol_id" -> "\"" + PROTOCOL + "\"";
                    case "amount" -> "{\"amount\":\"100\",\"asset\":\"USDC\"}";
                    default -> "30";
                };
                body.append('"').append(name).append("\":").append(name.equals(field) ? pick(List.of(values)) : value);
            }
            return body.append('}').toString();
        }

        private String coverWith(String amount, String period) {
            return "{\"pool_id\":\"" + POOL + "\",\"protocol_id\":\"" + PROTOCOL + "\",\"amount\":{\"amount\":" + (random.nextBoolean()
                    ? "\"" + amount + "\"" : amount) + ",\"asset\":\"USDC\"},\"period_days\":" + period + "}";
        }

        private String period() {
            return pick(List.of("30", "0", "-30", "1000000", "99999999999999999999", "30.5", "\"30\""));
        }

        private String badQuery() {
            String[] parts = {"pool_id=" + pick(List.of(POOL, safeWord(5), "", "%00")), "protocol_id=" + pick(List.of(PROTOCOL, safeWord(5))),
                    "amount=" + pick(List.of("-1", "1.0000001", "abc", "1e5", "", "9".repeat(40))), "asset=" + pick(List.of("USDC", "ETH", "usdc")),
                    "period_days=" + pick(List.of("30", "0", "-1", "x", "99999"))};
            var query = new StringBuilder();
            for (String part : parts) {
                if (random.nextInt(5) > 0) {
                    query.append(part).append('&');
                }
            }
            return query.toString();
        }

        private String anyToken() {
            return pick(java.util.Arrays.asList(null, buyer, other, assessor, service.operatorKey));
        }

        private String randomJson(int depth) {
            return switch (random.nextInt(depth > 4 ? 4 : 8)) {
                case 0 -> Long.toString(random.nextLong());
                case 1 -> quote(word(random.nextInt(20)));
                case 2 -> pick(List.of("true", "false", "null", "1e308", "-0", "1.5e-400"));
                case 3 -> Double.toString(random.nextGaussian() * 1e12);
                case 4, 5 -> {
                    var object = new StringBuilder("{");
                    int fields = random.nextInt(5);
                    for (int i = 0; i < fields; i++) {
                        object.append(i == 0 ? "" : ",").append(quote(pick(List.of("id", "amount", "asset", "pool_id", word(5)))))
                                .append(':').append(randomJson(depth + 1));
                    }
                    yield object.append('}').toString();
                }
                case 6 -> "[" + randomJson(depth + 1) + "," + randomJson(depth + 1) + "]";
                default -> pick(List.of("{", "[1,", "{\"a\":}", "nul", "\"unterminated", "{\"a\":1,\"a\":2}", "{'single':1}", ""));
            };
        }

        private String word(int length) {
            var text = new StringBuilder();
            String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_\"\\/ü€\u0000\n<>{}";
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        }

        private String safeWord(int length) {
            var text = new StringBuilder();
            String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_";
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        }

        private static String quote(String text) {
            return Json.object().put("v", text).get("v").toString();
        }

        private <T> T pick(List<T> options) {
            return options.get(random.nextInt(options.size()));
        }
    }
}
