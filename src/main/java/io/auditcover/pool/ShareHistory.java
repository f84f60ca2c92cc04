package io.auditcover.pool;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every change to one position's shares, each dated by when its cause happened: a deposit or a withdrawal when it was
 * made, a loss's burn when the incident it paid for occurred. Who bears an incident is then a question about this history
 * as of the incident's time, whatever was reported, settled or withdrawn since, so incidents reported or settled out of
 * order each fall on exactly the shares held when they occurred.
 */
public record ShareHistory(String poolId, String underwriter, List<ShareChange> changes) {
    /** Changes dated at the same instant apply in the order they were recorded. */
    private static final Comparator<ShareChange> BY_TIME = Comparator.comparing(ShareChange::at);

    public ShareHistory {
        changes = List.copyOf(changes);
    }

    public static ShareHistory empty(String poolId, String underwriter) {
        return new ShareHistory(poolId, underwriter, List.of());
    }

    /** One more change, kept in time order (a burn may be dated before changes already recorded). */
    public ShareHistory with(ShareChange change) {
        var all = new ArrayList<>(changes);
        all.add(change);
        all.sort(BY_TIME);
        return new ShareHistory(poolId, underwriter, all);
    }

    /** The shares held at {@code time}: every change dated at or before it. */
    public long sharesAt(Instant time) {
        long shares = 0;
        for (ShareChange change : changes) {
            if (change.at().isAfter(time)) {
                break;
            }
            shares = Math.addExact(shares, change.shares());
        }
        return Math.max(0, shares);
    }

    /** The shares {@code cause} moved after {@code time}, as a positive number. */
    public long movedAfter(Instant time, Cause cause) {
        long moved = 0;
        for (ShareChange change : changes) {
            if (change.at().isAfter(time) && change.cause() == cause) {
                moved = Math.addExact(moved, Math.abs(change.shares()));
            }
        }
        return moved;
    }

    /**
     * Of the shares held at {@code time}, how many have left by withdrawal since. A withdrawal takes the shares deposited (or
     * restored by a recovery) after {@code time} first, so an underwriter who tops up and takes the top-up out again leaves its earlier stake whole.
     */
    public long withdrawnSince(Instant time) {
        long heldThen = sharesAt(time);
        long net = movedAfter(time, Cause.WITHDRAWAL) - movedAfter(time, Cause.DEPOSIT) - movedAfter(time, Cause.RECOVERY);
        return Math.min(heldThen, Math.max(0, net));
    }

    public String key() {
        return Position.key(poolId, underwriter);
    }

    /** {@code shares} added (minted) or taken away (negative: withdrawn or burned) by a cause dated {@code at}. */
    public record ShareChange(Instant at, long shares, Cause cause) {
        public ShareChange {
            if (at == null || cause == null || shares == 0) {
                throw new IllegalArgumentException("a share change needs a time, a cause and a non-zero number of shares");
            }
        }
    }

    public enum Cause {
        DEPOSIT,
        WITHDRAWAL,
        LOSS,
        /** Shares minted to those who bore an incident's loss when funds were recovered for it: a deposit of the recovery. */
        RECOVERY
    }
}
