package io.auditcover.api;

/** Every limit the API enforces at the edge, with its unit. */
final class Limits {
    /** Largest request body accepted, in bytes. */
    static final long REQUEST_BYTES_MAX = 64 * 1024;
    /** Items in one page of a list, default and most. */
    static final int PAGE_SIZE_DEFAULT = 100;
    static final int PAGE_SIZE_MAX = 500;
    /** Characters in an Idempotency-Key (it becomes part of a command id of at most 128 characters). */
    static final int IDEMPOTENCY_KEY_LENGTH_MAX = 48;
    /** Characters in any free-text field not limited more tightly by the domain. */
    static final int TEXT_LENGTH_MAX = 500;
    /** Digits (both sides of the point) in a decimal amount. */
    static final int AMOUNT_DIGITS_MAX = 30;
    /** Characters in a query parameter value. */
    static final int QUERY_VALUE_LENGTH_MAX = 200;
    /** How long a write waits for the engine's answer, in seconds. */
    static final int COMMAND_TIMEOUT_SECONDS = 30;
    /** How long a read asking for a log sequence (Auditcover-Min-Sequence) waits for the view to reach it. */
    static final java.time.Duration MIN_SEQUENCE_WAIT_MAX = java.time.Duration.ofSeconds(2);
    /** Digits in a log sequence a request names. */
    static final int SEQUENCE_DIGITS_MAX = 18;
    /** Nesting depth of a JSON request body. */
    static final int JSON_DEPTH_MAX = 8;

    private Limits() {
    }
}
