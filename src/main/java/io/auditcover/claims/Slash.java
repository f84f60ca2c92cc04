package io.auditcover.claims;

import io.auditcover.money.Money;
import java.time.Instant;

/**
 * Part of an assessor's stake the operator took for a fraudulent vote on a claim. Held, not yet paid over, until
 * {@code finalAt} (the assessment cooldown after the slash): reversed before then it goes back to the stake; after, it is
 * forfeited to the pool the claim was on.
 */
public record Slash(long slashId, String assessor, long claimId, String poolId, Money amount, String evidence, Instant slashedAt,
        Instant finalAt, Status status) {
    /** The longest evidence a slash records, in characters. */
    public static final int EVIDENCE_LENGTH_MAX = 2_000;

    /** Held during the cooldown, then reversed or forfeited. */
    public enum Status {
        HELD,
        REVERSED,
        FORFEITED
    }

    public Slash {
        if (assessor == null || poolId == null || amount == null || !amount.isPositive() || evidence == null || slashedAt == null
                || finalAt == null || finalAt.isBefore(slashedAt) || status == null) {
            throw new IllegalArgumentException("a slash names its assessor, claim, pool, a positive amount, evidence and its times");
        }
    }

    public Slash with(Status next) {
        return new Slash(slashId, assessor, claimId, poolId, amount, evidence, slashedAt, finalAt, next);
    }
}
