package io.auditcover.api;

import io.auditcover.claims.DepositorLoss;
import io.auditcover.claims.Incident;
import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.PositionReader;
import io.auditcover.money.Asset;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import io.auditcover.reason.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * Where the API reads an indemnity claim's proof of loss: the wallet's balances either side of the incident, or the value of its
 * position in the protocol when the cover's terms name a {@link PositionReader}, from the chain when the server reads one (the
 * command line wires the chain's reader in). Empty when there is no chain to ask or the asset is not configured on it; the claim
 * is then filed without proof and goes to assessors. Throws {@link Unavailable} when the chain cannot answer now, so the holder
 * retries instead of losing the proof.
 */
@FunctionalInterface
public interface LossEvidenceSource {
    LossEvidenceSource NONE = (wallet, asset, incident) -> Optional.empty();

    /** The wallet's balances of the cover's asset around the incident. */
    Optional<LossEvidence> evidence(String wallet, Asset asset, Incident incident);

    /** The position {@code reader} reads around the incident (null: balances); a source that reads no positions proves none. */
    default Optional<LossEvidence> evidence(String wallet, Asset asset, Incident incident, PositionReader reader) {
        return reader == null ? evidence(wallet, asset, incident) : Optional.empty();
    }

    /** Why {@code reader} cannot read positions on this source's chain (position_not_contract); empty when it can or none is read. */
    default Optional<Refusal> refusal(PositionReader reader) {
        return Optional.empty();
    }

    /**
     * Every depositor of {@code reader}'s token with a position before the incident, read from {@code sinceBlock}, each with its
     * position around it; refused depositors_unreadable where the chain cannot give them (no chain read here, too many, too far).
     */
    default Verdict<List<DepositorLoss>> depositors(PositionReader reader, Asset asset, Incident incident, long sinceBlock) {
        return Verdict.refused(Refusal.of(Reason.DEPOSITORS_UNREADABLE,
                "this service reads no chain: a depositors' claim is their positions read from it"));
    }

    /** The source of proof cannot answer now; nothing was filed, and the caller may try again. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }
}
