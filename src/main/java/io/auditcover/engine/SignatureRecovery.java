package io.auditcover.engine;

import io.auditcover.claims.Incident;
import io.auditcover.cover.InsuranceConsent;
import java.util.Optional;

/**
 * Who signed a statement the engine must check: an oracle's confirmation or dispute of an incident, a wallet's consent to
 * be insured. A port: the chain adapter implements it with secp256k1 recovery over EIP-712 typed data, so the engine
 * imports no edge. Each answer is the lowercase 0x address, or empty when the signature is not a well-formed signature of
 * that statement in the deployment's signing domain.
 */
public interface SignatureRecovery {
    Optional<String> incidentSigner(String deploymentId, Incident incident, boolean confirms, String signature);

    /** {@code chainId}: the chain the consent is signed for (see {@link io.auditcover.cover.InsurableInterest#consentChainId}). */
    Optional<String> consentSigner(String deploymentId, long chainId, InsuranceConsent consent, String signature);

    /** Recovers no one, so every signature is refused: for deciding what needs none (quotes, tests of other rules). */
    SignatureRecovery NONE = new SignatureRecovery() {
        @Override
        public Optional<String> incidentSigner(String deploymentId, Incident incident, boolean confirms, String signature) {
            return Optional.empty();
        }

        @Override
        public Optional<String> consentSigner(String deploymentId, long chainId, InsuranceConsent consent, String signature) {
            return Optional.empty();
        }
    };
}
