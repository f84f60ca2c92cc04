package io.auditcover.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

class InsuranceConsentsTest {
    static final Credentials TREASURY = Credentials.create("0x" + "71".repeat(32));
    static final String TREASURY_ADDRESS = TREASURY.getAddress();
    static final SigningDomain DOMAIN = new SigningDomain(1, "0x" + "a1".repeat(32));
    static final io.auditcover.cover.InsuranceConsent CONSENT = new io.auditcover.cover.InsuranceConsent(TREASURY_ADDRESS, "0x" + "cd".repeat(20), "blue-chip",
            "lendwell", Instant.parse("2026-03-01T12:00:00Z"));

    @Test
    void a_consent_recovers_to_the_wallet_that_signed_it() {
        String signature = InsuranceConsents.sign(DOMAIN, CONSENT, TREASURY.getEcKeyPair());
        assertThat(InsuranceConsents.signer(DOMAIN, CONSENT, signature)).contains(TREASURY_ADDRESS);
    }

    @Test
    void a_consent_for_another_buyer_pool_time_chain_or_deployment_recovers_to_someone_else() {
        String signature = InsuranceConsents.sign(DOMAIN, CONSENT, TREASURY.getEcKeyPair());
        var others = java.util.List.of(
                new io.auditcover.cover.InsuranceConsent(TREASURY_ADDRESS, "mallory", "blue-chip", "lendwell", CONSENT.validUntil()),
                new io.auditcover.cover.InsuranceConsent(TREASURY_ADDRESS, CONSENT.buyer(), "frontier", "lendwell", CONSENT.validUntil()),
                new io.auditcover.cover.InsuranceConsent(TREASURY_ADDRESS, CONSENT.buyer(), "blue-chip", "swapline", CONSENT.validUntil()),
                new io.auditcover.cover.InsuranceConsent(TREASURY_ADDRESS, CONSENT.buyer(), "blue-chip", "lendwell", CONSENT.validUntil().plusSeconds(1)));
        for (var other : others) {
            assertThat(InsuranceConsents.signer(DOMAIN, other, signature)).as("%s", other).isNotEqualTo(Optional.of(TREASURY_ADDRESS));
        }
        assertThat(InsuranceConsents.signer(new SigningDomain(10, DOMAIN.deploymentId()), CONSENT, signature))
                .isNotEqualTo(Optional.of(TREASURY_ADDRESS));
        assertThat(InsuranceConsents.signer(new SigningDomain(1, "0x" + "b2".repeat(32)), CONSENT, signature))
                .isNotEqualTo(Optional.of(TREASURY_ADDRESS));
    }

    @Test
    void the_typed_data_names_the_wallet_the_buyer_and_the_cover_in_the_signing_domain() {
        String typed = InsuranceConsents.typedData(DOMAIN, CONSENT);
        assertThat(typed).contains("\"primaryType\":\"InsuranceConsent\"", "\"wallet\":\"" + TREASURY_ADDRESS + "\"", "\"poolId\":\"blue-chip\"",
                "\"validUntil\":1772366400", "\"salt\":\"" + DOMAIN.deploymentId() + "\"");
    }

    @Test
    void a_malformed_signature_or_wallet_recovers_to_nobody() {
        assertThat(InsuranceConsents.signer(DOMAIN, CONSENT, "0x12")).isEmpty();
        var named = new io.auditcover.cover.InsuranceConsent("not-an-address", "bob", "blue-chip", "lendwell", CONSENT.validUntil());
        assertThat(InsuranceConsents.signer(DOMAIN, named, InsuranceConsents.sign(DOMAIN, CONSENT, TREASURY.getEcKeyPair()))).isEmpty();
    }
}
