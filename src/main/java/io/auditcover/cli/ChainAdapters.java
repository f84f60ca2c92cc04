package io.auditcover.cli;

import io.auditcover.api.LossEvidenceSource;
import io.auditcover.api.StatementsToSign;
import io.auditcover.chain.IncidentStatements;
import io.auditcover.chain.InsuranceConsents;
import io.auditcover.chain.LossProofs;
import io.auditcover.chain.SigningDomain;
import io.auditcover.claims.Incident;
import io.auditcover.cover.InsuranceConsent;
import java.util.Optional;

/** The chain edge plugged into the HTTP edge's ports: the wiring the command line does, so neither edge imports the other. */
public final class ChainAdapters {
    private ChainAdapters() {
    }

    /** The EIP-712 statements, built by the chain package. */
    public static final StatementsToSign STATEMENTS = new StatementsToSign() {
        @Override
        public String incident(String deploymentId, Incident incident, boolean confirms) {
            return IncidentStatements.typedData(deploymentId, incident, confirms);
        }

        @Override
        public String consent(long chainId, String deploymentId, InsuranceConsent consent) {
            return InsuranceConsents.typedData(new SigningDomain(chainId, deploymentId), consent);
        }
    };

    /**
     * Balances read from the chain. No proof (empty) where the chain cannot give one: the asset has no token there, the holder
     * is not an address, the incident starts at genesis, or a balance does not fit the books; the chain being unreachable is
     * thrown as unavailable.
     */
    public static LossEvidenceSource lossEvidence(LossProofs proofs) {
        return (wallet, asset, incident) -> {
            try {
                return Optional.of(proofs.evidence(wallet, asset, incident));
            } catch (LossProofs.Failure e) {
                if (e.reason() == LossProofs.Reason.CHAIN_UNAVAILABLE) {
                    throw new LossEvidenceSource.Unavailable(e.getMessage());
                }
                return Optional.empty();
            }
        };
    }
}
