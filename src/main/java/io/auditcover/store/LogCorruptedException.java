package io.auditcover.store;

/** The log does not verify at a given record; start-up refuses to continue past it. */
public final class LogCorruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long sequence;

    public LogCorruptedException(long sequence, String reason) {
        super("log record " + sequence + " does not verify: " + reason);
        this.sequence = sequence;
    }

    public long sequence() {
        return sequence;
    }
}
