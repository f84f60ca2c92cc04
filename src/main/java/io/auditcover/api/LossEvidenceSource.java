package io.auditcover.api;

import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.Incident;
import io.auditcover.money.Asset;
import java.util.Optional;

/**
 * Where the API reads an indemnity claim's proof of loss: the wallet's balances either side of the incident, from the chain
 * when the server reads one (the command line wires the chain's reader in). Empty when there is no chain to ask or the asset
 * is not configured on it; the claim is then filed without proof and goes to assessors. Throws {@link Unavailable} when the
 * chain cannot answer now, so the holder retries instead of losing the proof.
 */
@FunctionalInterface
public interface LossEvidenceSource {
    LossEvidenceSource NONE = (wallet, asset, incident) -> Optional.empty();

    Optional<LossEvidence> evidence(String wallet, Asset asset, Incident incident);

    /** The source of proof cannot answer now; nothing was filed, and the caller may try again. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }
}
