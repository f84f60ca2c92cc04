package io.auditcover.cli;

import io.auditcover.engine.Outcome;
import java.util.function.Consumer;

/** How a command that submits to the engine tells its user what came of it. */
final class Outcomes {
    private Outcomes() {
    }

    /**
     * Prints an accepted outcome with {@code onAccepted}, a refusal on stderr as {@code command: refused, code: message}; gives
     * the exit code, 0 or 1 when refused.
     */
    static int report(String command, Outcome outcome, Consumer<Outcome.Accepted> onAccepted) {
        return switch (outcome) {
            case Outcome.Accepted accepted -> {
                onAccepted.accept(accepted);
                yield 0;
            }
            case Outcome.Rejected rejected -> {
                System.err.println(command + ": refused, " + rejected.rejection().code().wire() + ": " + rejected.rejection().message());
                yield 1;
            }
        };
    }
}
