package io.auditcover.store;

/** Opening a shared log as its writer found the lease held, unexpired, by another writer: who, at which epoch, until when. */
public final class LeaseHeldException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient WriterLease lease;

    LeaseHeldException(WriterLease lease) {
        super("the log's writer lease is held by " + lease.holder() + " (epoch " + lease.epoch() + ") until " + lease.expiresAt());
        this.lease = lease;
    }

    public WriterLease lease() {
        return lease;
    }
}
