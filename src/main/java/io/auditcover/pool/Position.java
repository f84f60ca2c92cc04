package io.auditcover.pool;

/** An underwriter's shares in a pool, and how many of them wait to be withdrawn. */
public record Position(String poolId, String underwriter, long shares, long sharesPendingWithdrawal) {
    public Position {
        if (shares < 0 || sharesPendingWithdrawal < 0 || sharesPendingWithdrawal > shares) {
            throw new IllegalStateException("position " + poolId + "/" + underwriter + " shares out of range");
        }
    }

    public long sharesAvailable() {
        return shares - sharesPendingWithdrawal;
    }

    public static String key(String poolId, String underwriter) {
        return poolId + "/" + underwriter;
    }
}
