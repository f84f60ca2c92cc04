package io.auditcover.chain;

import io.auditcover.claims.Incident;
import io.auditcover.cover.InsuranceConsent;
import io.auditcover.engine.SignatureRecovery;
import java.util.Optional;

/** The engine's signature port, by web3j's secp256k1 recovery over the EIP-712 statements of this package. */
public final class Web3SignatureRecovery implements SignatureRecovery {
    @Override
    public Optional<String> incidentSigner(String deploymentId, Incident incident, boolean confirms, String signature) {
        return IncidentStatements.signer(deploymentId, incident, confirms, signature);
    }

    @Override
    public Optional<String> consentSigner(String deploymentId, long chainId, InsuranceConsent consent, String signature) {
        return InsuranceConsents.signer(new SigningDomain(chainId, deploymentId), consent, signature);
    }
}
