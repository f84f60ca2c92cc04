package io.auditcover.cli;

import io.auditcover.api.LossEvidenceSource;
import io.auditcover.api.StatementsToSign;
import io.auditcover.chain.IncidentStatements;
import io.auditcover.chain.InsuranceConsents;
import io.auditcover.chain.LossProofs;
import io.auditcover.chain.SigningDomain;
import io.auditcover.claims.DepositorLoss;
import io.auditcover.claims.Incident;
import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.PositionReader;
import io.auditcover.cover.InsuranceConsent;
import io.auditcover.money.Asset;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import io.auditcover.reason.Verdict;
import java.util.List;
import java.util.Map;
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
     * Balances and positions read from the chain. No proof (empty) where the chain cannot give one: the asset has no token there,
     * the holder is not an address, the incident starts at genesis, a position reader names no contract, or a balance does not
     * fit the books; the chain being unreachable is thrown as unavailable.
     */
    public static LossEvidenceSource lossEvidence(LossProofs proofs) {
        return new LossEvidenceSource() {
            @Override
            public Optional<LossEvidence> evidence(String wallet, Asset asset, Incident incident) {
                return evidence(wallet, asset, incident, null);
            }

            @Override
            public Optional<LossEvidence> evidence(String wallet, Asset asset, Incident incident, PositionReader reader) {
                try {
                    return Optional.of(proofs.evidence(wallet, asset, incident, reader));
                } catch (LossProofs.Failure e) {
                    throwIfUnavailable(e);
                    return Optional.empty();
                }
            }

            @Override
            public Verdict<List<DepositorLoss>> depositors(PositionReader reader, Asset asset, Incident incident, long sinceBlock) {
                try {
                    return Verdict.accepted(proofs.depositors(reader, asset, incident, sinceBlock));
                } catch (LossProofs.Failure e) {
                    throwIfUnavailable(e);
                    return Verdict.refused(Refusal.of(Reason.DEPOSITORS_UNREADABLE, e.getMessage(), Map.of("cause", e.code())));
                }
            }

            @Override
            public Optional<Refusal> refusal(PositionReader reader) {
                try {
                    proofs.requireContracts(reader);
                    return Optional.empty();
                } catch (LossProofs.Failure e) {
                    throwIfUnavailable(e);
                    return Optional.of(Refusal.of(Reason.POSITION_NOT_CONTRACT, e.getMessage(), Map.of("field", "position_reader")));
                }
            }
        };
    }

    /** The chain may answer later: the caller retries rather than going on without proof. */
    private static void throwIfUnavailable(LossProofs.Failure failure) {
        if (failure.reason() == LossProofs.Reason.CHAIN_UNAVAILABLE) {
            throw new LossEvidenceSource.Unavailable(failure.getMessage());
        }
    }
}
