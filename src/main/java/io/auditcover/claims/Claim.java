package io.auditcover.claims;

import io.auditcover.money.Money;
import java.time.Instant;
import java.util.List;

/**
 * One claim through its life, whichever way it came: an indemnity claim the holder filed (with what the rules said at filing
 * and, while assessors decide it, their vote) or a parametric claim the incident's settlement made; and, once the incident is
 * settled for its pool, what was approved and paid, what a short pool still owes on it ({@code unpaid}) and paid of it later
 * ({@code paidLater}), and its part of each recovery of funds after it was paid ({@code recoveries}). {@code claimedLoss}, {@code provenLoss}, {@code deposit} and
 * {@code assessment} are null where they do not apply; {@code approved} is what the rules approved at filing until the
 * settlement decides it, and {@code paid} is zero until then. {@code appeals} are the holder's appeals of a denial, in order;
 * {@code outcome} is the assessors' (accept, deny or draw) as the settlement counts it, null without assessors.
 */
public record Claim(long claimId, long coverId, String incidentId, String poolId, String holder, Stage stage, String reasonCode,
        Money claimedLoss, Money provenLoss, Money approved, Money paid, Money deposit, Assessment assessment, Instant filedAt,
        Instant decidedAt, Money unpaid, List<LatePayment> paidLater, List<ClaimRecovery> recoveries,
        List<Appeal> appeals, Assessment.Outcome outcome) {

    public Claim {
        paidLater = paidLater == null ? List.of() : List.copyOf(paidLater);
        recoveries = recoveries == null ? List.of() : List.copyOf(recoveries);
        appeals = appeals == null ? List.of() : List.copyOf(appeals);
    }

    /** The claim with the assessors' outcome as the settlement counts it (see {@link Panels#outcomeNow}). */
    public Claim withOutcome(Assessment.Outcome counted) {
        return new Claim(claimId, coverId, incidentId, poolId, holder, stage, reasonCode, claimedLoss, provenLoss, approved, paid, deposit,
                assessment, filedAt, decidedAt, unpaid, paidLater, recoveries, appeals, counted);
    }

    /** Where a claim stands: filed and waiting for its incident's settlement, before assessors, or decided (paid or not). */
    public enum Stage {
        FILED,
        IN_ASSESSMENT,
        DECIDED
    }

    /** A filed claim not yet settled, with its assessment as it now stands (null when the rules decided it). */
    public static Claim filed(FiledClaim filed, Assessment assessment) {
        return filed(filed, assessment, java.util.List.of());
    }

    /** As above, with the holder's appeals of it, in order. */
    public static Claim filed(FiledClaim filed, Assessment assessment, java.util.List<Appeal> appeals) {
        return new Claim(filed.claimId(), filed.coverId(), filed.incidentId(), filed.poolId(), filed.holder(),
                assessment == null ? Stage.FILED : Stage.IN_ASSESSMENT, filed.reasonCode(), filed.claimedLoss(), filed.provenLoss(),
                filed.approved(), Money.zero(filed.approved().asset()), filed.deposit(), assessment, filed.filedAt(), null,
                Money.zero(filed.approved().asset()), List.of(), List.of(), appeals, assessment == null ? null : assessment.tally());
    }

    /** A claim the settlement decided; {@code filed} is null for a parametric claim, which the settlement itself made. */
    public static Claim decided(DecidedClaim decided, FiledClaim filed, Assessment assessment, String holder, java.util.List<Appeal> appeals) {
        return new Claim(decided.claimId(), decided.coverId(), decided.incidentId(), decided.poolId(), holder, Stage.DECIDED,
                decided.reasonCode(), filed == null ? null : filed.claimedLoss(), filed == null ? null : filed.provenLoss(),
                decided.approved(), decided.paid(), filed == null ? null : filed.deposit(), assessment,
                filed == null ? decided.decidedAt() : filed.filedAt(), decided.decidedAt(), decided.unpaid(), decided.latePayments(),
                decided.recoveryParts(), appeals, assessment == null ? null : assessment.tally());
    }
}
