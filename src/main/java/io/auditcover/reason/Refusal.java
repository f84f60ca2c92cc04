package io.auditcover.reason;

import java.util.Map;
import java.util.TreeMap;

/**
 * A domain rule's no: the stable code, a sentence for people, and the figures a caller needs to try again (e.g. the largest
 * amount that fits). The engine turns it into the rejection of the command that asked.
 */
public record Refusal(Reason code, String message, Map<String, String> details) {
    public Refusal {
        details = Map.copyOf(details);
    }

    public static Refusal of(Reason code, String message) {
        return new Refusal(code, message, Map.of());
    }

    public static Refusal of(Reason code, String message, Map<String, String> details) {
        return new Refusal(code, message, new TreeMap<>(details));
    }

    /** {@code code}: the {@code what} named {@code id} does not exist. */
    public static Refusal notFound(Reason code, String what, String id) {
        return of(code, what + " " + id + " does not exist");
    }

    /** invalid_command: a party ({@code role}) must be an id or an address. */
    public static Refusal invalidParty(String role) {
        return of(Reason.INVALID_COMMAND, role + " must be an id of [a-z0-9._-] or a 0x address");
    }
}
