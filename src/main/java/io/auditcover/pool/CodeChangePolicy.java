package io.auditcover.pool;

/**
 * What a listing does while any of its protocol's contracts runs code outside every audit's scope:
 * stop selling, or keep selling at the listed rate plus a surcharge. Covers already sold keep their
 * frozen terms either way; they are marked as exposed from the block the code changed. A listing with
 * no policy configured stops selling.
 */
public record CodeChangePolicy(Action action, long surchargeBps) {
    public static final CodeChangePolicy DEFAULT = new CodeChangePolicy(Action.SUSPEND_SALES, 0);

    public enum Action {
        SUSPEND_SALES, REPRICE
    }

    public CodeChangePolicy {
        if (action == null) {
            throw new IllegalArgumentException("a code change policy needs an action");
        }
        if (surchargeBps < 0 || surchargeBps > Listing.ANNUAL_RATE_BPS_MAX) {
            throw new IllegalArgumentException("surcharge must be 0-" + Listing.ANNUAL_RATE_BPS_MAX + " bps: " + surchargeBps);
        }
        if (action == Action.SUSPEND_SALES && surchargeBps != 0) {
            throw new IllegalArgumentException("a listing that stops selling charges no surcharge");
        }
    }

    /** The annual rate a new cover pays while code is out of scope, capped at the highest listed rate. */
    public long rateWhileOutOfScope(long listedRateBps) {
        return Math.min(Listing.ANNUAL_RATE_BPS_MAX, listedRateBps + surchargeBps);
    }
}
