package io.auditcover.chain;

/** The node did not answer, or answered with an error: worth retrying later, never a business answer. */
public final class ChainUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ChainUnavailableException(String message) {
        super(message);
    }
}
