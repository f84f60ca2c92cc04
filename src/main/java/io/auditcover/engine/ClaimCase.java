package io.auditcover.engine;

import io.auditcover.claims.Assessment;
import io.auditcover.money.Money;
import java.time.Instant;

/**
 * One claim as a reader sees it, whichever way it came: an indemnity claim the holder filed (with what the rules said at
 * filing and, while assessors decide it, their vote) or a parametric claim the incident's settlement made; and, once the
 * incident is settled, what was approved and paid. {@code claimedLoss}, {@code provenLoss}, {@code deposit} and
 * {@code assessment} are null where they do not apply; {@code approved} and {@code paid} are what the rules approved at
 * filing and zero until settlement.
 */
public record ClaimCase(long claimId, long coverId, String incidentId, String poolId, String holder, Stage stage, String reasonCode,
        Money claimedLoss, Money provenLoss, Money approved, Money paid, Money deposit, Assessment assessment, Instant filedAt,
        Instant decidedAt) {

    /** Where a claim stands: filed and waiting for its incident's settlement, before assessors, or decided (paid or not). */
    public enum Stage {
        FILED,
        IN_ASSESSMENT,
        DECIDED
    }

    /** The claim with this id, from the filed claims, the decided ones and the votes; null for an unknown id. */
    static ClaimCase of(State state, long claimId) {
        Event.ClaimFiled filed = state.filedClaims.get(claimId);
        ClaimRecord decided = state.claimRecords.get(claimId);
        if (filed == null && decided == null) {
            return null;
        }
        long coverId = filed != null ? filed.coverId() : decided.coverId();
        var cover = state.covers.get(coverId);
        if (decided != null) {
            return new ClaimCase(claimId, coverId, decided.incidentId(), cover.poolId(), cover.holder(), Stage.DECIDED, decided.reasonCode(),
                    filed == null ? null : filed.claimedLoss(), filed == null ? null : filed.provenLoss(), decided.approved(), decided.paid(),
                    filed == null ? null : filed.deposit(), state.assessments.get(claimId), filed == null ? decided.decidedAt() : filed.filedAt(),
                    decided.decidedAt());
        }
        return filed(filed, state.assessments.get(claimId));
    }

    /** A filed claim not yet settled, with its assessment as it now stands (null when the rules decided it). */
    public static ClaimCase filed(Event.ClaimFiled filed, Assessment assessment) {
        return new ClaimCase(filed.claimId(), filed.coverId(), filed.incidentId(), filed.poolId(), filed.holder(),
                assessment == null ? Stage.FILED : Stage.IN_ASSESSMENT, filed.reasonCode(), filed.claimedLoss(), filed.provenLoss(),
                filed.approved(), Money.zero(filed.approved().asset()), filed.deposit(), assessment, filed.filedAt(), null);
    }
}
