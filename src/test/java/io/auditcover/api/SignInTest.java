package io.auditcover.api;

import static io.auditcover.api.ApiTest.assertError;
import static io.auditcover.api.ServiceFixture.BUYER;
import static io.auditcover.api.ServiceFixture.OTHER_BUYER;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.access.Principal;
import java.nio.file.Path;
import java.time.Duration;
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
