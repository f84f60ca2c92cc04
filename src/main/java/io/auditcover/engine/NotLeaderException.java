package io.auditcover.engine;

import io.auditcover.store.WriterLease;
import java.util.Optional;

/**
 * A command sent to a follower: this instance tails the shared log and does not write it. Nothing was decided; the caller
 * sends the command to the writer the lease names (its holder and, if it advertised one, its URL), or retries here after a
 * takeover. Empty when the lease could not be read.
 */
public final class NotLeaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Optional<WriterLease> leader;

    NotLeaderException(Optional<WriterLease> leader) {
        super("this instance follows the log; " + leader.map(lease -> lease.holder() + " (epoch " + lease.epoch() + ")"
                + lease.url().map(url -> " at " + url).orElse("") + " writes it").orElse("the writer is unknown right now"));
        this.leader = leader;
    }

    public Optional<WriterLease> leader() {
        return leader;
    }
}
