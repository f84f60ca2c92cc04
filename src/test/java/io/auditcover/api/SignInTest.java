package io.auditcover.api;

import static io.auditcover.api.ApiTest.assertError;
import static io.auditcover.api.ServiceFixture.BUYER;
import static io.auditcover.api.ServiceFixture.OTHER_BUYER;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.access.Principal;
import io.auditcover.access.SignInWithEthereum;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

class SignInTest {
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

    private ServiceFixture.Answer signIn(String message, String signature) {
        return service.post("/api/auth/siwe", null, Json.object().put("message", message).put("signature", signature).toString(), null);
    }

    private String nonce() {
        return service.get("/api/auth/nonce", null).body().get("nonce").asText();
    }

    private String message(Credentials wallet, String nonce) {
        return service.message(wallet, nonce, service.domain(), service.clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void a_wallet_signs_in_and_is_known_by_its_address() {
        String token = service.signIn(BUYER);
        var me = service.get("/api/me", token).body();
        assertThat(me.get("address").asText()).isEqualTo(ServiceFixture.address(BUYER));
        assertThat(me.get("role").asText()).isEqualTo("wallet");
    }

    @Test
    void an_assessor_wallet_signs_in_as_an_assessor() {
        var me = service.get("/api/me", service.signIn(ServiceFixture.ASSESSOR)).body();
        assertThat(me.get("role").asText()).isEqualTo("assessor");
    }

    @Test
    void a_nonce_works_once() {
        String message = message(BUYER, nonce());
        String signature = ServiceFixture.sign(BUYER, message);
        assertThat(signIn(message, signature).status()).isEqualTo(200);
        assertError(signIn(message, signature), 401, "siwe_nonce_unknown");
    }

    @Test
    void a_nonce_the_server_never_issued_is_refused() {
        String message = message(BUYER, "abcdef0123456789");
        assertError(signIn(message, ServiceFixture.sign(BUYER, message)), 401, "siwe_nonce_unknown");
    }

    @Test
    void a_message_for_another_domain_is_refused() {
        String message = service.message(BUYER, nonce(), "evil.example", service.clock.instant().plus(Duration.ofMinutes(5)));
        assertError(signIn(message, ServiceFixture.sign(BUYER, message)), 401, "siwe_domain_mismatch");
    }

    @Test
    void an_expired_message_is_refused() {
        String message = service.message(BUYER, nonce(), service.domain(), service.clock.instant().minusSeconds(1));
        assertError(signIn(message, ServiceFixture.sign(BUYER, message)), 401, "siwe_expired");
    }

    private String signed(String message) {
        return ServiceFixture.sign(BUYER, message);
    }

    private String message(String uri, long chainId, java.time.Instant issuedAt, java.time.Instant expires) {
        return io.auditcover.access.SiweMessage.format(service.domain(), org.web3j.crypto.Keys.toChecksumAddress(BUYER.getAddress()),
                "Sign in to Auditcover.", uri, chainId, nonce(), issuedAt, expires);
    }

    @Test
    void a_message_for_another_chain_or_another_uri_is_refused() {
        var now = service.clock.instant();
        var later = now.plus(Duration.ofMinutes(5));
        String otherChain = message("http://" + service.domain(), 10, now, later);
        assertError(signIn(otherChain, signed(otherChain)), 401, "siwe_chain_mismatch");
        for (String uri : new String[] {"https://evil.example/", "https://" + service.domain() + "/", "http://localhost:" + service.server.port(),
            "not a uri", "urn:auditcover"}) {
            String message = message(uri, 1, now, later);
            assertError(signIn(message, signed(message)), 401, "siwe_uri_mismatch");
        }
        String withPath = message("http://" + service.domain() + "/console?x=1", 1, now, later);
        assertThat(signIn(withPath, signed(withPath)).status()).isEqualTo(200);
    }

    @Test
    void a_message_issued_in_the_future_beyond_the_skew_is_not_yet_valid() {
        var now = service.clock.instant();
        String far = message("http://" + service.domain(), 1, Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:05:00Z"));
        assertError(signIn(far, signed(far)), 401, "siwe_not_yet_valid");
        String beyondSkew = message("http://" + service.domain(), 1, now.plus(SignInWithEthereum.CLOCK_SKEW_MAX).plusSeconds(1),
                now.plus(Duration.ofMinutes(5)));
        assertError(signIn(beyondSkew, signed(beyondSkew)), 401, "siwe_not_yet_valid");
        String withinSkew = message("http://" + service.domain(), 1, now.plus(SignInWithEthereum.CLOCK_SKEW_MAX), now.plus(Duration.ofMinutes(5)));
        assertThat(signIn(withinSkew, signed(withinSkew)).status()).isEqualTo(200);
    }

    @Test
    void the_expiration_time_is_optional_and_then_the_servers_maximum_age_applies() {
        var now = service.clock.instant();
        String fresh = message("http://" + service.domain(), 1, now.minusSeconds(30), null);
        assertThat(fresh).doesNotContain("Expiration Time");
        assertThat(signIn(fresh, signed(fresh)).status()).isEqualTo(200);
        String stale = message("http://" + service.domain(), 1, now.minus(SignInWithEthereum.MESSAGE_AGE_MAX), null);
        assertError(signIn(stale, signed(stale)), 401, "siwe_expired");
        String tooLong = message("http://" + service.domain(), 1, now, now.plus(Duration.ofDays(2)));
        assertError(signIn(tooLong, signed(tooLong)), 400, "siwe_message_invalid");
    }

    @Test
    void the_address_may_be_lower_case_or_its_checksum_but_not_other_capitals() {
        String checksum = org.web3j.crypto.Keys.toChecksumAddress(BUYER.getAddress());
        var now = service.clock.instant();
        for (String written : new String[] {checksum, checksum.toLowerCase(java.util.Locale.ROOT)}) {
            String message = io.auditcover.access.SiweMessage.format(service.domain(), written, "Sign in.", "http://" + service.domain(), 1,
                    nonce(), now, now.plusSeconds(300));
            var answer = signIn(message, signed(message));
            assertThat(answer.status()).as(written).isEqualTo(200);
            assertThat(answer.body().get("address").asText()).isEqualTo(ServiceFixture.address(BUYER));
        }
        String wrongCase = "0x" + flipCase(checksum.substring(2));
        String message = io.auditcover.access.SiweMessage.format(service.domain(), wrongCase, "Sign in.", "http://" + service.domain(), 1,
                nonce(), now, now.plusSeconds(300));
        assertError(signIn(message, signed(message)), 400, "siwe_message_invalid");
    }

    /** Swaps the case of the first letter, so the capitals are no longer the checksum. */
    static String flipCase(String hex) {
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (Character.isLetter(c)) {
                char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                return hex.substring(0, i) + flipped + hex.substring(i + 1);
            }
        }
        throw new IllegalArgumentException("no letter in " + hex);
    }

    @Test
    void the_nonce_says_which_chain_to_sign_in_on() {
        assertThat(service.get("/api/auth/nonce", null).body().get("chain_id").asLong()).isEqualTo(1);
    }

    @Test
    void a_server_configured_for_another_chain_and_a_public_url_signs_in_only_there(@TempDir Path other) {
        var settings = ApiServer.Settings.local(0).withRateLimit(0, 1).withSignIn(10, java.util.List.of(java.net.URI.create("https://cover.example")));
        try (var configured = new ServiceFixture(other, settings)) {
            var nonce = configured.get("/api/auth/nonce", null).body();
            assertThat(nonce.get("chain_id").asLong()).isEqualTo(10);
            var now = configured.clock.instant();
            String checksum = org.web3j.crypto.Keys.toChecksumAddress(BUYER.getAddress());
            String onChain1 = io.auditcover.access.SiweMessage.format("cover.example", checksum, "Sign in.", "https://cover.example/", 1,
                    nonce.get("nonce").asText(), now, null);
            assertError(configured.post("/api/auth/siwe", null, Json.object().put("message", onChain1).put("signature", signed(onChain1))
                    .toString(), null), 401, "siwe_chain_mismatch");
            String overHttp = io.auditcover.access.SiweMessage.format("cover.example", checksum, "Sign in.", "http://cover.example/", 10,
                    nonce.get("nonce").asText(), now, null);
            assertError(configured.post("/api/auth/siwe", null, Json.object().put("message", overHttp).put("signature", signed(overHttp))
                    .toString(), null), 401, "siwe_uri_mismatch");
            String good = io.auditcover.access.SiweMessage.format("cover.example", checksum, "Sign in.", "https://cover.example/", 10,
                    nonce.get("nonce").asText(), now, null);
            assertThat(configured.post("/api/auth/siwe", null, Json.object().put("message", good).put("signature", signed(good)).toString(),
                    null).status()).isEqualTo(200);
        }
    }

    @Test
    void a_signature_by_another_key_is_refused() {
        String message = message(BUYER, nonce());
        assertError(signIn(message, ServiceFixture.sign(OTHER_BUYER, message)), 401, "signature_invalid");
        assertError(signIn(message, "0x" + "00".repeat(65)), 401, "signature_invalid");
        assertError(signIn(message, "0x1234"), 400, "signature_invalid");
        assertError(signIn("hello", ServiceFixture.sign(BUYER, "hello")), 400, "siwe_message_invalid");
    }

    @Test
    void an_expired_or_tampered_session_token_is_refused() {
        var wallet = new Principal.Wallet(ServiceFixture.address(BUYER), false);
        String expired = service.server.sessions().issue(wallet, service.clock.instant().minus(Duration.ofHours(2)));
        assertError(service.get("/api/me", expired), 401, "unauthenticated");
        String token = service.signIn(BUYER);
        String tampered = token.substring(0, token.indexOf('.') - 2) + "xx" + token.substring(token.indexOf('.'));
        assertError(service.get("/api/me", tampered), 401, "unauthenticated");
        assertThat(service.get("/api/me", token).status()).isEqualTo(200);
    }

    @Test
    void a_session_token_is_not_an_operator_key_and_a_revoked_key_stops_working() {
        assertThat(service.get("/api/log/verify", service.operatorKey).status()).isEqualTo(200);
        service.server.accessStore().revokeKey("ops", service.clock.instant());
        assertError(service.get("/api/log/verify", service.operatorKey), 401, "unauthenticated");
        assertError(service.get("/api/log/verify", "ac_guess"), 401, "unauthenticated");
    }
}
