package io.auditcover.store;

import java.time.Instant;

/**
 * Who may append to a shared log: the holder's name, its fencing epoch (one more at every takeover), and when the lease
 * runs out by the database's clock unless renewed. An expiry in the past means the lease is free (released or lapsed).
 */
public record WriterLease(String holder, long epoch, Instant expiresAt) {
    public WriterLease {
        if (holder == null || expiresAt == null) {
            throw new IllegalArgumentException("a writer lease has a holder and an expiry");
        }
    }
}
