package io.auditcover.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Who may append to a shared log: the holder's name, its fencing epoch (one more at every takeover), when the lease runs out
 * by the database's clock unless renewed, and the URL its API is served at (empty when it advertises none). An expiry in the
 * past means the lease is free (released or lapsed).
 */
public record WriterLease(String holder, long epoch, Instant expiresAt, String advertisedUrl) {
    public WriterLease {
        if (holder == null || expiresAt == null || advertisedUrl == null) {
            throw new IllegalArgumentException("a writer lease has a holder, an expiry and an advertised URL (empty for none)");
        }
    }

    /** Where the holder serves writes, if it said. */
    public Optional<String> url() {
        return advertisedUrl.isEmpty() ? Optional.empty() : Optional.of(advertisedUrl);
    }
}
