package io.auditcover.store;

/**
 * This writer's lease on a shared log expired or was taken over, so it may no longer append: nothing of the refused append
 * is stored, and the log refuses every later append (fail-stop; a restart takes the lease anew and recovers from the log).
 */
public final class LeaseLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeaseLostException(String reason) {
        super(reason);
    }
}
