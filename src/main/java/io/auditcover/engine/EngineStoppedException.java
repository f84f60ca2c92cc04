package io.auditcover.engine;

/**
 * The writer stopped (its log append failed, or it was closed) before it could answer. The command
 * may or may not be in the log; a restart recovers from the log and a retry with the same command id
 * is safe.
 */
public final class EngineStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
