package io.auditcover.api;

import io.auditcover.chain.ChainUnavailableException;
import io.auditcover.chain.LossProofs;
import io.auditcover.claims.Incident;
import io.auditcover.engine.Command;
import io.auditcover.money.Asset;
import java.util.Optional;

/**
 * Where the API reads an indemnity claim's proof of loss: the wallet's balances either side of the incident, from the chain
 * when the server reads one. Empty when there is no chain to ask or the asset is not configured on it; the claim is then filed
 * without proof and goes to assessors. Throws {@link io.auditcover.chain.ChainUnavailableException} when the chain cannot
 * answer now, so the holder retries instead of losing the proof.
 */
@FunctionalInterface
public interface LossEvidenceSource {
    LossEvidenceSource NONE = (wallet, asset, incident) -> Optional.empty();

    Optional<Command.LossEvidence> evidence(String wallet, Asset asset, Incident incident);

    /**
     * Balances read from the chain. No proof (empty) where the chain cannot give one: the asset has no token there, the holder
     * is not an address, the incident starts at genesis, or a balance does not fit the books; the chain being unreachable is
     * thrown as unavailable.
     */
    static LossEvidenceSource fromChain(LossProofs proofs) {
        return (wallet, asset, incident) -> {
            try {
                return Optional.of(proofs.evidence(wallet, asset, incident));
            } catch (LossProofs.Failure e) {
                if (e.reason() == LossProofs.Reason.CHAIN_UNAVAILABLE) {
                    throw new ChainUnavailableException(e.getMessage());
                }
                return Optional.empty();
            }
        };
    }
}
