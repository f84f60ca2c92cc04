package io.auditcover.api;

import static io.auditcover.api.ApiTest.assertError;
import static io.auditcover.api.ServiceFixture.BUYER;
import static io.auditcover.api.ServiceFixture.POOL;
import static io.auditcover.api.ServiceFixture.PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** Over HTTP: a buyer insures its own wallet, or one that signed the consent typed data the service hands out. */
class ConsentApiTest {
    static final Credentials TREASURY = ServiceFixture.randomWallet(71);

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

    private static String cover(String extra) {
        return ApiTest.coverBody("100", 30).replaceFirst("}$", "," + extra + "}");
    }

    private JsonNode statement(String wallet, Instant validUntil) {
        var answer = service.get("/api/consents/statement?wallet=" + wallet + "&buyer=" + ServiceFixture.address(BUYER) + "&pool_id=" + POOL
                + "&protocol_id=" + PROTOCOL + "&valid_until=" + validUntil, null);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static String consent(String signature, Instant validUntil) {
        return "\"wallet_consent\":{\"signature\":\"" + signature + "\",\"valid_until\":\"" + validUntil + "\"}";
    }

    @Test
    void a_strangers_wallet_is_refused_without_its_consent_and_nothing_changes() {
        String hash = service.engine.stateHash();
        var refused = service.post("/api/covers", buyer, cover("\"wallet\":\"" + ServiceFixture.address(TREASURY) + "\""), null);
        assertError(refused, 422, "insurable_interest_missing");
        assertThat(refused.body().path("details").path("wallet").asText()).isEqualTo(ServiceFixture.address(TREASURY));
        assertThat(service.engine.stateHash()).isEqualTo(hash);
    }

    @Test
    void a_wallet_that_signed_the_consent_statement_is_insured_and_proves_its_own_loss() {
        Instant until = service.clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var typed = statement(Keys.toChecksumAddress(TREASURY.getAddress()), until);
        assertThat(typed.path("primaryType").asText()).isEqualTo("InsuranceConsent");
        assertThat(typed.path("domain").path("salt").asText()).isEqualTo(ServiceFixture.DEPLOYMENT);
        assertThat(typed.path("domain").path("chainId").asLong()).isEqualTo(1);
        assertThat(typed.path("message").path("wallet").asText()).isEqualTo(ServiceFixture.address(TREASURY));
        String signature = ServiceFixture.signTypedData(typed, TREASURY);
        var bought = service.post("/api/covers", buyer, cover("\"wallet\":\"" + Keys.toChecksumAddress(TREASURY.getAddress()) + "\","
                + consent(signature, until)), null);
        assertThat(bought.status()).as("%s", bought.body()).isEqualTo(201);
        assertThat(bought.body().get("wallet").asText()).isEqualTo(ServiceFixture.address(TREASURY));
        assertThat(bought.body().get("holder").asText()).isEqualTo(ServiceFixture.address(BUYER));
        String other = service.signIn(ServiceFixture.OTHER_BUYER);
        assertError(service.post("/api/covers", other, cover("\"wallet\":\"" + ServiceFixture.address(TREASURY) + "\","
                + consent(signature, until)), null), 422, "consent_invalid");
        service.clock.advance(Duration.ofMinutes(20));
        assertError(service.post("/api/covers", buyer, cover("\"wallet\":\"" + ServiceFixture.address(TREASURY) + "\","
                + consent(signature, until)), null), 422, "consent_invalid");
    }

    @Test
    void an_own_wallet_in_checksum_form_needs_no_consent_and_wrong_capitals_are_refused() {
        String checksum = Keys.toChecksumAddress(BUYER.getAddress());
        var own = service.post("/api/covers", buyer, cover("\"wallet\":\"" + checksum + "\""), null);
        assertThat(own.status()).as("%s", own.body()).isEqualTo(201);
        assertThat(own.body().get("wallet").asText()).isEqualTo(ServiceFixture.address(BUYER));
        String wrong = "0x" + SignInTest.flipCase(checksum.substring(2));
        var refused = service.post("/api/covers", buyer, cover("\"wallet\":\"" + wrong + "\""), null);
        assertError(refused, 400, "address_checksum_invalid");
        assertThat(refused.body().path("details").path("field").asText()).isEqualTo("wallet");
        assertError(service.post("/api/covers", buyer, cover("\"wallet\":\"0x1234\""), null), 400, "malformed_request");
        assertError(service.get("/api/consents/statement?wallet=" + wrong + "&buyer=bob&pool_id=" + POOL + "&protocol_id=" + PROTOCOL
                + "&valid_until=2026-03-02T01:00:00Z", null), 400, "address_checksum_invalid");
    }

    @Test
    void a_malformed_consent_or_consent_request_is_a_clean_error() {
        String wallet = "\"wallet\":\"" + ServiceFixture.address(TREASURY) + "\",";
        assertError(service.post("/api/covers", buyer, cover(wallet + consent("0x12", Instant.parse("2026-03-02T01:00:00Z"))), null), 422,
                "consent_invalid");
        assertError(service.post("/api/covers", buyer, cover(wallet + "\"wallet_consent\":{\"signature\":\"0x12\",\"valid_until\":\"soon\"}"),
                null), 400, "malformed_request");
        assertError(service.post("/api/covers", buyer, cover(wallet + "\"wallet_consent\":{\"signature\":\"0x12\",\"valid_until\":"
                + "\"2026-03-02T01:00:00.5Z\"}"), null), 400, "malformed_request");
        assertError(service.post("/api/covers", buyer, cover(wallet + "\"wallet_consent\":{\"signature\":\"0x12\"}"), null), 400,
                "malformed_request");
        String base = "/api/consents/statement?wallet=" + ServiceFixture.address(TREASURY) + "&buyer=bob&pool_id=" + POOL;
        assertError(service.get(base + "&protocol_id=" + PROTOCOL, null), 400, "malformed_request");
        assertError(service.get(base + "&protocol_id=nothing&valid_until=2026-03-02T01:00:00Z", null), 404, "protocol_not_found");
        assertError(service.get(base.replace("buyer=bob", "buyer=Not%20A%20Party") + "&protocol_id=" + PROTOCOL
                + "&valid_until=2026-03-02T01:00:00Z", null), 400, "malformed_request");
    }

    @Test
    void the_incident_statement_is_signed_for_this_deployment_and_the_incidents_chain() {
        var typed = service.get("/api/incidents/fixture-exploit/statement?confirms=true", null).body();
        assertThat(typed.path("domain").path("name").asText()).isEqualTo("Auditcover");
        assertThat(typed.path("domain").path("version").asText()).isEqualTo("2");
        assertThat(typed.path("domain").path("chainId").asLong()).isEqualTo(1);
        assertThat(typed.path("domain").path("salt").asText()).isEqualTo(ServiceFixture.DEPLOYMENT);
        assertThat(typed.path("domain").has("verifyingContract")).isFalse();
    }
}
