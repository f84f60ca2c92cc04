package io.auditcover.api;

import static io.auditcover.api.ServiceFixture.POOL;
import static io.auditcover.api.ServiceFixture.PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.chain.IncidentStatements;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.engine.Command;
import io.auditcover.engine.Event;
import io.auditcover.engine.Outcome;
import io.auditcover.money.Money;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every route × every kind of caller and asserts exactly who gets past authorization (any answer
 * but 401 and 403). Writes are sent with bodies that would succeed or fail for business reasons only.
 */
class AccessMatrixTest {
    enum Caller { ANONYMOUS, BUYER, UNDERWRITER, ASSESSOR, OPERATOR, OTHER_BUYER, AUDITOR }

    static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);
    static final Set<Caller> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Caller.ANONYMOUS));
    static final Set<Caller> WALLETS = EnumSet.of(Caller.BUYER, Caller.UNDERWRITER, Caller.OTHER_BUYER);
    static final Set<Caller> STAFF = EnumSet.of(Caller.ASSESSOR, Caller.OPERATOR);
    static final Set<Caller> OPERATOR = EnumSet.of(Caller.OPERATOR);

    @TempDir
    Path directory;

    record Case(String body, Set<Caller> allowed, String path) {
    }

    @Test
    void every_route_admits_exactly_the_callers_it_should() {
        try (var service = new ServiceFixture(directory)) {
            var tokens = new LinkedHashMap<Caller, String>();
            tokens.put(Caller.ANONYMOUS, null);
            tokens.put(Caller.BUYER, service.signIn(ServiceFixture.BUYER));
            tokens.put(Caller.UNDERWRITER, service.signIn(ServiceFixture.UNDERWRITER));
            tokens.put(Caller.ASSESSOR, service.signIn(ServiceFixture.ASSESSOR));
            tokens.put(Caller.OPERATOR, service.operatorKey);
            tokens.put(Caller.OTHER_BUYER, service.signIn(ServiceFixture.OTHER_BUYER));
            tokens.put(Caller.AUDITOR, service.server.accessStore().createKey("audit", io.auditcover.access.Role.AUDITOR, java.time.Instant.now()));
            Map<String, Case> cases = cases(service);
            var uncovered = new TreeSet<String>();
            service.server.routes().forEach(route -> {
                if (!cases.containsKey(route.method() + " " + route.path())) {
                    uncovered.add(route.method() + " " + route.path());
                }
            });
            assertThat(uncovered).as("routes without a matrix row").isEmpty();
            var wrong = new ArrayList<String>();
            cases.forEach((route, c) -> {
                String method = route.substring(0, route.indexOf(' '));
                for (var entry : tokens.entrySet()) {
                    var builder = HttpRequest.newBuilder(service.uri(c.path()));
                    if (method.equals("POST")) {
                        builder.POST(HttpRequest.BodyPublishers.ofString(c.body())).header("Content-Type", "application/json");
                    }
                    var answer = service.send(builder, entry.getValue(), null);
                    boolean passed = answer.status() != 401 && answer.status() != 403;
                    boolean expected = entry.getKey() == Caller.AUDITOR ? auditorPasses(method, c.allowed()) : c.allowed().contains(entry.getKey());
                    if (passed != expected) {
                        wrong.add(route + " as " + entry.getKey() + " -> " + answer.status() + " " + answer.body());
                    }
                    if (!passed) {
                        assertThat(answer.body().get("error").asText()).isIn("unauthenticated", "forbidden");
                    }
                }
            });
            assertThat(wrong).isEmpty();
        }
    }

    /** An auditor's key reads whatever an operator may read, and writes only what anyone may write. */
    static boolean auditorPasses(String method, Set<Caller> allowed) {
        return allowed.contains(Caller.ANONYMOUS) || method.equals("GET") && allowed.contains(Caller.OPERATOR);
    }

    private static Map<String, Case> cases(ServiceFixture service) {
        var cases = new LinkedHashMap<String, Case>();
        String cover = "{\"pool_id\":\"" + POOL + "\",\"protocol_id\":\"" + PROTOCOL
                + "\",\"amount\":{\"amount\":\"100\",\"asset\":\"USDC\"},\"period_days\":30}";
        cases.put("GET /health", new Case(null, EVERYONE, "/health"));
        cases.put("GET /ready", new Case(null, EVERYONE, "/ready"));
        cases.put("GET /metrics", new Case(null, EVERYONE, "/metrics"));
        cases.put("GET /openapi.json", new Case(null, EVERYONE, "/openapi.json"));
        cases.put("GET /api/auth/nonce", new Case(null, EVERYONE, "/api/auth/nonce"));
        cases.put("POST /api/auth/siwe", new Case("{\"message\":\"x\",\"signature\":\"0x00\"}", EVERYONE, "/api/auth/siwe"));
        cases.put("GET /api/me", new Case(null, SIGNED_IN, "/api/me"));
        cases.put("GET /api/protocols", new Case(null, EVERYONE, "/api/protocols"));
        cases.put("POST /api/protocols", new Case("{\"id\":\"newproto\",\"name\":\"New\",\"category\":\"dex\"}", OPERATOR, "/api/protocols"));
        cases.put("GET /api/protocols/{protocolId}", new Case(null, EVERYONE, "/api/protocols/" + PROTOCOL));
        cases.put("POST /api/protocols/{protocolId}/contracts", new Case("{\"chain_id\":1,\"address\":\"0x" + "ee".repeat(20)
                + "\",\"code_hash\":\"0x" + "ff".repeat(32) + "\"}", OPERATOR, "/api/protocols/" + PROTOCOL + "/contracts"));
        cases.put("POST /api/protocols/{protocolId}/audits", new Case("{\"id\":\"a2\",\"auditor\":\"X\",\"date\":\"2025-01-01\","
                + "\"commit\":\"abcdef1\",\"scope_code_hashes\":[\"0x" + "ff".repeat(32) + "\"],\"findings\":[]}", OPERATOR,
                "/api/protocols/" + PROTOCOL + "/audits"));
        cases.put("POST /api/protocols/{protocolId}/risk-profile", new Case("{\"tvl_usd\":1000000,\"bounty_usd\":0,\"launch_date\":\"2024-01-01\","
                + "\"upgradeable\":false,\"admin_key\":\"multisig\",\"audit_kind\":\"firm\"}", OPERATOR, "/api/protocols/" + PROTOCOL + "/risk-profile"));
        var bundled = io.auditcover.engine.PricingFile.bundled();
        cases.put("POST /api/pricing-parameters", new Case(io.auditcover.engine.PricingFile.toJson(bundled.withCalibration("matrix", bundled.calibration())),
                OPERATOR, "/api/pricing-parameters"));
        cases.put("GET /api/pools", new Case(null, EVERYONE, "/api/pools"));
        cases.put("POST /api/pools", new Case("{\"id\":\"p2\",\"asset\":{\"code\":\"USDC\",\"scale\":6},\"leverage\":\"2\","
                + "\"max_protocol_share\":\"1\",\"notice_period_days\":7}", OPERATOR, "/api/pools"));
        cases.put("GET /api/pools/{poolId}", new Case(null, EVERYONE, "/api/pools/" + POOL));
        cases.put("POST /api/pools/{poolId}/listings", new Case("{\"protocol_id\":\"" + PROTOCOL + "\",\"annual_rate_bps\":300}", OPERATOR,
                "/api/pools/" + POOL + "/listings"));
        cases.put("POST /api/pools/{poolId}/deposits", new Case("{\"amount\":{\"amount\":\"10\",\"asset\":\"USDC\"}}", WALLETS,
                "/api/pools/" + POOL + "/deposits"));
        cases.put("GET /api/positions", new Case(null, SIGNED_IN, "/api/positions"));
        cases.put("GET /api/withdrawal-requests", new Case(null, SIGNED_IN, "/api/withdrawal-requests"));
        cases.put("GET /api/held-withdrawals", new Case(null, SIGNED_IN, "/api/held-withdrawals"));
        cases.put("POST /api/withdrawal-requests", new Case("{\"pool_id\":\"" + POOL + "\",\"shares\":1}", WALLETS,
                "/api/withdrawal-requests"));
        cases.put("POST /api/withdrawal-requests/{requestId}/withdraw", new Case("{}", EnumSet.of(Caller.UNDERWRITER),
                "/api/withdrawal-requests/" + service.withdrawalRequestId + "/withdraw"));
        cases.put("GET /api/quotes", new Case(null, EVERYONE, "/api/quotes?pool_id=" + POOL + "&protocol_id=" + PROTOCOL
                + "&amount=100&asset=USDC&period_days=30"));
        cases.put("GET /api/covers", new Case(null, SIGNED_IN, "/api/covers"));
        cases.put("POST /api/covers", new Case(cover, WALLETS, "/api/covers"));
        cases.put("GET /api/consents/statement", new Case(null, EVERYONE, "/api/consents/statement?wallet=0x" + "ab".repeat(20)
                + "&buyer=" + ServiceFixture.address(ServiceFixture.BUYER) + "&pool_id=" + POOL + "&protocol_id=" + PROTOCOL
                + "&valid_until=2026-03-02T01:00:00Z"));
        cases.put("GET /api/covers/{coverId}", new Case(null, EnumSet.of(Caller.BUYER, Caller.ASSESSOR, Caller.OPERATOR),
                "/api/covers/" + service.buyerCoverId));
        cases.put("GET /api/claims", new Case(null, SIGNED_IN, "/api/claims"));
        cases.put("POST /api/claims", new Case("{\"cover_id\":" + service.buyerCoverId + ",\"incident_id\":\"fixture-exploit\","
                + "\"claimed_loss\":{\"amount\":\"1\",\"asset\":\"USDC\"}}", EnumSet.of(Caller.BUYER), "/api/claims"));
        cases.put("POST /api/claims/depositors", new Case("{\"cover_id\":" + service.buyerCoverId + ",\"incident_id\":\"fixture-exploit\"}",
                EnumSet.of(Caller.BUYER), "/api/claims/depositors"));
        cases.put("GET /api/quotes/depositor-recovery", new Case(null, EVERYONE, "/api/quotes/depositor-recovery?pool_id=" + POOL
                + "&protocol_id=" + PROTOCOL + "&asset=USDC&amount=100&exposed_funds=200&losses=50,10"));
        var holderAndStaff = EnumSet.of(Caller.BUYER, Caller.ASSESSOR, Caller.OPERATOR);
        cases.put("GET /api/claims/register", new Case(null, OPERATOR, "/api/claims/register"));
        cases.put("GET /api/claims/register/loss-development", new Case(null, OPERATOR, "/api/claims/register/loss-development"));
        cases.put("GET /api/claims/register.csv", new Case(null, OPERATOR, "/api/claims/register.csv"));
        cases.put("GET /api/claims/register/loss-development.csv", new Case(null, OPERATOR, "/api/claims/register/loss-development.csv"));
        cases.put("POST /api/code-observations", new Case("{\"chain_id\":1,\"block\":50,\"block_hash\":\"0x" + "5".repeat(64)
                + "\",\"address\":\"0x" + "cd".repeat(20) + "\",\"code_hash\":\"0x" + "ab".repeat(32) + "\",\"observer\":\"ops\","
                + "\"evidence\":\"read\"}", OPERATOR, "/api/code-observations"));
        cases.put("POST /api/scope-checks", new Case("{\"chain_id\":1,\"address\":\"0x" + "cd".repeat(20) + "\",\"block\":50,"
                + "\"in_scope\":false,\"evidence\":\"read\"}", OPERATOR, "/api/scope-checks"));
        cases.put("GET /api/claims/{claimId}", new Case(null, holderAndStaff, "/api/claims/" + service.claimId));
        cases.put("GET /api/claims/{claimId}/explanation", new Case(null, holderAndStaff, "/api/claims/" + service.claimId + "/explanation"));
        cases.put("POST /api/claims/{claimId}/votes", new Case("{\"accept\":true}", EnumSet.of(Caller.ASSESSOR),
                "/api/claims/" + service.claimId + "/votes"));
        cases.put("POST /api/claims/{claimId}/vote-undos", new Case("{\"assessors\":[\"0x" + "44".repeat(20) + "\"]}", OPERATOR,
                "/api/claims/" + service.claimId + "/vote-undos"));
        cases.put("POST /api/claims/{claimId}/escalation", new Case("{}", EnumSet.of(Caller.BUYER),
                "/api/claims/" + service.claimId + "/escalation"));
        cases.put("POST /api/claims/{claimId}/appeal", new Case("{\"bond\":{\"amount\":\"50\",\"asset\":\"USDC\"}}", EnumSet.of(Caller.BUYER),
                "/api/claims/" + service.claimId + "/appeal"));
        String stranger = "0x" + "cd".repeat(20);
        cases.put("GET /api/assessors", new Case(null, STAFF, "/api/assessors"));
        cases.put("POST /api/pools/{poolId}/listing-assessors", new Case("{\"protocol_id\":\"" + PROTOCOL + "\"}", OPERATOR,
                "/api/pools/" + POOL + "/listing-assessors"));
        cases.put("POST /api/assessors/{address}/removal", new Case("{}", OPERATOR, "/api/assessors/" + stranger + "/removal"));
        cases.put("POST /api/assessors/{address}/stakes", new Case("{\"amount\":{\"amount\":\"10\",\"asset\":\"USDC\"}}", OPERATOR,
                "/api/assessors/" + stranger + "/stakes"));
        cases.put("POST /api/assessors/{address}/slashes", new Case("{\"claim_id\":1,\"amount\":{\"amount\":\"10\",\"asset\":\"USDC\"},"
                + "\"evidence\":\"tx\"}", OPERATOR, "/api/assessors/" + stranger + "/slashes"));
        cases.put("POST /api/slashes/{slashId}/reversal", new Case("{}", OPERATOR, "/api/slashes/1/reversal"));
        cases.put("POST /api/assessors/{address}/stake-withdrawal-requests", new Case("{\"amount\":{\"amount\":\"10\",\"asset\":\"USDC\"}}",
                OPERATOR, "/api/assessors/" + stranger + "/stake-withdrawal-requests"));
        cases.put("POST /api/assessors/{address}/stake-withdrawals", new Case("{}", OPERATOR, "/api/assessors/" + stranger + "/stake-withdrawals"));
        cases.put("POST /api/oracles", new Case("{\"oracles\":[\"0x" + "ab".repeat(20) + "\"],\"threshold\":1,\"attestation_window_hours\":1,"
                + "\"dispute_window_hours\":0}", OPERATOR, "/api/oracles"));
        cases.put("POST /api/pools/{poolId}/claim-terms", new Case("{\"protocol_id\":\"" + PROTOCOL + "\",\"trigger\":\"indemnity\"}", OPERATOR,
                "/api/pools/" + POOL + "/claim-terms"));
        cases.put("GET /api/solvency", new Case(null, EVERYONE, "/api/solvency"));
        cases.put("GET /api/solvency/stress", new Case(null, EVERYONE, "/api/solvency/stress"));
        cases.put("GET /api/pools/{poolId}/solvency", new Case(null, EVERYONE, "/api/pools/" + POOL + "/solvency"));
        cases.put("POST /api/solvency/runs", new Case("{\"years\":200}", OPERATOR, "/api/solvency/runs"));
        cases.put("POST /api/pools/{poolId}/solvency-policy", new Case("{\"minimum_solvency_ratio\":\"0\"}", OPERATOR,
                "/api/pools/" + POOL + "/solvency-policy"));
        cases.put("POST /api/protocols/{protocolId}/dependencies", new Case("{\"oracle\":\"Chainlink\"}", OPERATOR,
                "/api/protocols/" + PROTOCOL + "/dependencies"));
        cases.put("POST /api/pools/{poolId}/reinsurance", new Case("{}", OPERATOR, "/api/pools/" + POOL + "/reinsurance"));
        cases.put("POST /api/assessors", new Case("{\"address\":\"0x" + "ab".repeat(20) + "\",\"weight\":1,\"tier\":1}", OPERATOR,
                "/api/assessors"));
        cases.put("POST /api/assessment-rules", new Case("{\"voting_period_hours\":72,\"final_stretch_hours\":24,\"extension_hours\":24,"
                + "\"quorum_weight\":3,\"cooldown_hours\":24,\"escalation_panel_growth_min\":2}", OPERATOR, "/api/assessment-rules"));
        String incident = "/api/incidents/fixture-exploit";
        String signature = "{\"signature\":\"0x" + "00".repeat(65) + "\"}";
        cases.put("GET /api/incidents", new Case(null, EVERYONE, "/api/incidents"));
        cases.put("POST /api/incidents", new Case("{\"id\":\"matrix-exploit\",\"protocol_id\":\"" + PROTOCOL + "\",\"contracts\":[\""
                + ServiceFixture.CONTRACT + "\"],\"from_block\":200,\"to_block\":201,\"occurred_at\":\"2026-03-02T00:00:00Z\","
                + "\"cause\":\"reentrancy\",\"estimated_loss\":{\"amount\":\"1000\",\"asset\":\"USDC\"},\"transactions\":[]}", OPERATOR,
                "/api/incidents"));
        cases.put("GET /api/incidents/{incidentId}", new Case(null, EVERYONE, incident));
        cases.put("GET /api/incidents/{incidentId}/statement", new Case(null, EVERYONE, incident + "/statement?confirms=true"));
        cases.put("POST /api/incidents/{incidentId}/attestations", new Case(signature, EVERYONE, incident + "/attestations"));
        cases.put("POST /api/incidents/{incidentId}/disputes", new Case(signature, EVERYONE, incident + "/disputes"));
        cases.put("POST /api/incidents/{incidentId}/settlement", new Case("{}", SIGNED_IN, incident + "/settlement"));
        cases.put("POST /api/incidents/{incidentId}/recoveries", new Case("{\"amount\":{\"amount\":\"1\",\"asset\":\"USDC\"},"
                + "\"evidence\":\"tx\"}", OPERATOR, incident + "/recoveries"));
        cases.put("POST /api/pools/{poolId}/reopen", new Case("{}", OPERATOR, "/api/pools/" + POOL + "/reopen"));
        cases.put("POST /api/covers/{coverId}/reimbursements", new Case("{\"incident_id\":\"fixture-exploit\",\"amount\":{\"amount\":\"10\","
                + "\"asset\":\"USDC\"},\"source\":\"protocol\",\"evidence\":\"refund\"}", EnumSet.of(Caller.BUYER, Caller.OPERATOR),
                "/api/covers/" + service.buyerCoverId + "/reimbursements"));
        cases.put("POST /api/time/advance", new Case("{}", OPERATOR, "/api/time/advance"));
        cases.put("GET /api/ledger/accounts", new Case(null, EVERYONE, "/api/ledger/accounts"));
        cases.put("GET /api/ledger/transfers", new Case(null, STAFF, "/api/ledger/transfers"));
        cases.put("GET /api/log/head", new Case(null, EVERYONE, "/api/log/head"));
        cases.put("GET /api/log/records/{sequence}", new Case(null, STAFF, "/api/log/records/1"));
        cases.put("GET /api/log/verify", new Case(null, OPERATOR, "/api/log/verify"));
        cases.put("GET /api/log/state-hash", new Case(null, OPERATOR, "/api/log/state-hash"));
        return cases;
    }

    @Test
    void a_wallet_seated_as_assessor_after_signing_in_moves_no_money_with_its_earlier_token() {
        try (var service = new ServiceFixture(directory)) {
            String token = service.signIn(ServiceFixture.UNDERWRITER);
            String deposit = "{\"amount\":{\"amount\":\"10\",\"asset\":\"USDC\"}}";
            assertThat(service.post("/api/pools/" + POOL + "/deposits", token, deposit, null).status()).isEqualTo(201);
            String seat = "{\"address\":\"" + ServiceFixture.address(ServiceFixture.UNDERWRITER) + "\",\"weight\":1,\"tier\":1}";
            assertThat(service.post("/api/assessors", service.operatorKey, seat, null).status()).isEqualTo(201);
            ApiTest.assertError(service.post("/api/pools/" + POOL + "/deposits", token, deposit, null), 403, "forbidden");
            ApiTest.assertError(service.post("/api/covers", token, ApiTest.coverBody("100", 30), null), 403, "forbidden");
            assertThat(service.get("/api/me", token).body().get("role").asText()).isEqualTo("assessor");
            assertThat(service.get("/api/ledger/transfers", token).status()).isEqualTo(200);
        }
    }

    @Test
    void a_removed_assessor_loses_the_assessor_reads_at_once_even_when_another_process_removes_it() {
        try (var service = new ServiceFixture(directory)) {
            String token = service.signIn(ServiceFixture.ASSESSOR);
            String cover = "/api/covers/" + service.buyerCoverId;
            assertThat(service.get(cover, token).status()).isEqualTo(200);
            assertThat(service.get("/api/ledger/transfers", token).status()).isEqualTo(200);
            try (var cli = io.auditcover.access.AccessStore.open(directory)) {
                assertThat(cli.removeAssessor(ServiceFixture.address(ServiceFixture.ASSESSOR))).isTrue();
            }
            ApiTest.assertError(service.get(cover, token), 403, "forbidden");
            ApiTest.assertError(service.get("/api/ledger/transfers", token), 403, "forbidden");
            assertThat(service.get("/api/me", token).body().get("role").asText()).isEqualTo("wallet");
            try (var cli = io.auditcover.access.AccessStore.open(directory)) {
                cli.addAssessor(ServiceFixture.address(ServiceFixture.ASSESSOR), ServiceFixture.START);
            }
            assertThat(service.get(cover, token).status()).as("seated again by the CLI").isEqualTo(200);
            service.server.accessStore().removeAssessor(ServiceFixture.address(ServiceFixture.ASSESSOR));
            ApiTest.assertError(service.get(cover, token), 403, "forbidden");
        }
    }

    @Test
    void an_assessor_voting_on_a_claim_on_its_own_cover_is_forbidden_for_a_conflict_of_interest() {
        try (var service = new ServiceFixture(directory)) {
            String assessor = ServiceFixture.address(ServiceFixture.ASSESSOR);
            service.submit(new Command.SetClaimTerms("conflict-terms", POOL, PROTOCOL, ClaimTerms.indemnity(Money.zero(ServiceFixture.USDC))));
            service.submit(new Command.RegisterAssessor("conflict-assessor-1", assessor, 1, 1));
            service.submit(new Command.RegisterAssessor("conflict-assessor-2", "as-2", 1, 1));
            var bought = (Outcome.Accepted) service.submit(new Command.BuyCover("conflict-cover", assessor, POOL, PROTOCOL,
                    Money.whole(ServiceFixture.USDC, 1_000), 30));
            long coverId = ((Event.CoverBought) bought.event()).cover().id();
            service.clock.advance(Duration.ofHours(1));
            var incident = service.incident("conflict-exploit", Cause.REENTRANCY);
            service.submit(new Command.ReportIncident("conflict-report", incident));
            service.submit(new Command.AttestIncident("conflict-attest", incident.id(),
                    IncidentStatements.sign(ServiceFixture.DEPLOYMENT, incident, true, ServiceFixture.ORACLE.getEcKeyPair())));
            var filed = (Outcome.Accepted) service.submit(new Command.FileClaim("conflict-claim", assessor, coverId, incident.id(),
                    Money.whole(ServiceFixture.USDC, 500), null));
            long claimId = ((Event.ClaimFiled) filed.event()).claimId();

            var answer = service.post("/api/claims/" + claimId + "/votes", service.signIn(ServiceFixture.ASSESSOR), "{\"accept\":true}", null);

            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.body().get("error").asText()).isEqualTo("conflict_of_interest");
        }
    }

    @Test
    void a_wallet_lists_only_its_own_covers_and_claims_while_staff_see_all() {
        try (var service = new ServiceFixture(directory)) {
            String other = service.signIn(ServiceFixture.OTHER_BUYER);
            String buyer = service.signIn(ServiceFixture.BUYER);
            assertThat(service.get("/api/covers", other).body().get("items")).isEmpty();
            assertThat(service.get("/api/claims", other).body().get("items")).isEmpty();
            assertThat(service.get("/api/covers", buyer).body().get("items")).hasSize(1);
            assertThat(service.get("/api/claims", buyer).body().get("items")).hasSize(1);
            assertThat(service.get("/api/positions", buyer).body().get("items")).isEmpty();
            assertThat(service.get("/api/covers", service.operatorKey).body().get("items")).hasSize(1);
            assertThat(service.get("/api/positions", service.operatorKey).body().get("items")).hasSize(1);
        }
    }
}
