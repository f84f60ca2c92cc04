package io.auditcover.engine;

/** The answer to a submitted command, given only once its event is durable. */
public sealed interface Outcome {

    /** The command's event is at {@code sequence} in the log; {@code repeated} when this answers a retry. */
    record Accepted(long sequence, Event event, boolean repeated) implements Outcome {
    }

    record Rejected(Rejection rejection) implements Outcome {
    }
}
