package io.auditcover.engine;

import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import java.util.Map;
import java.util.TreeMap;

/**
 * A command refused for a business reason: a stable snake_case code, a sentence for people, and the
 * numbers a caller needs to try again (e.g. the largest amount that fits). A domain rule's {@link Refusal} becomes one.
 */
public record Rejection(Reason code, String message, Map<String, String> details) implements Decision {

    public Rejection {
        details = Map.copyOf(details);
    }

    /** The command is rejected for the reason a domain rule refused it. */
    public static Rejection of(Refusal refusal) {
        return new Rejection(refusal.code(), refusal.message(), refusal.details());
    }

    public static Rejection of(Reason code, String message) {
        return new Rejection(code, message, Map.of());
    }

    public static Rejection of(Reason code, String message, Map<String, String> details) {
        return new Rejection(code, message, new TreeMap<>(details));
    }
}
