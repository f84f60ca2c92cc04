package io.auditcover.store;

import java.util.Optional;

/** The result of walking the chain: how many records are good, the head, and the first bad record if any. */
public record Verification(long goodRecords, LogHead head, Optional<Failure> failure) {

    /** The first record that does not verify, and why, in words an operator can act on. */
    public record Failure(long sequence, String reason) {
    }

    public boolean ok() {
        return failure.isEmpty();
    }
}
