package io.auditcover.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * A command refused for a business reason: a stable snake_case code, a sentence for people, and the
 * numbers a caller needs to try again (e.g. the largest amount that fits).
 */
public record Rejection(Code code, String message, Map<String, String> details) implements Decision {

    /**
     * The stable codes. For each command the checks run in the order its decide function documents:
     * shape, then existence, then ownership, then state, then amounts.
     */
    public enum Code {
        INVALID_COMMAND,
        IDEMPOTENCY_KEY_REUSED,
        ALREADY_EXISTS,
        PROTOCOL_NOT_FOUND,
        POOL_NOT_FOUND,
        COVER_NOT_FOUND,
        WITHDRAWAL_NOT_FOUND,
        NOT_OWNER,
        PROTOCOL_NOT_LISTED,
        ASSET_MISMATCH,
        AMOUNT_NOT_POSITIVE,
        AMOUNT_TOO_LARGE,
        PERIOD_OUT_OF_RANGE,
        RATE_OUT_OF_RANGE,
        POOL_INSOLVENT,
        INSUFFICIENT_SHARES,
        NOTICE_PERIOD_NOT_OVER,
        INSUFFICIENT_FREE_CAPITAL,
        INSUFFICIENT_CAPACITY,
        PROTOCOL_CAP_EXCEEDED,
        CLOCK_BEHIND_ENGINE_TIME,
        CONTRACT_NOT_FOUND,
        AUDIT_NOT_FOUND,
        CHAIN_BLOCK_ALREADY_OBSERVED,
        COVERAGE_SUSPENDED,
        QUOTE_INVALID,
        COVER_LIMIT_EXCEEDED,
        QUOTE_EXPIRED,
        PRICE_MOVED,
        INCIDENT_NOT_FOUND,
        ATTESTATION_NOT_CONFIGURED,
        INVALID_SIGNATURE,
        UNKNOWN_ORACLE,
        DUPLICATE_ATTESTATION,
        ATTESTATION_WINDOW_CLOSED,
        DUPLICATE_DISPUTE,
        DISPUTE_WINDOW_CLOSED,
        INCIDENT_NOT_FINAL,
        INCIDENT_ALREADY_SETTLED,
        INCIDENT_PENDING,
        CLAIM_NOT_FOUND,
        CLAIM_WINDOW_OPEN,
        NOT_ON_PANEL,
        CONFLICT_OF_INTEREST,
        ALREADY_VOTED,
        VOTING_CLOSED,
        NOT_IN_COOLDOWN,
        VOTE_NOT_FOUND,
        ALREADY_ESCALATED,
        VOTING_NOT_OVER,
        ESCALATION_PANEL_TOO_SMALL,
        ASSESSMENT_OPEN,
        INCIDENT_OPEN,
        PROTOCOL_HAS_NO_CONTRACT,
        COVER_NOT_ACTIVE_AT_INCIDENT,
        REPORT_WINDOW_CLOSED,
        DEPLOYMENT_NOT_IDENTIFIED,
        INSURABLE_INTEREST_MISSING,
        CONSENT_INVALID;

        /** The code as callers see it, e.g. {@code insufficient_capacity}. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Rejection {
        details = Map.copyOf(details);
    }

    public static Rejection of(Code code, String message) {
        return new Rejection(code, message, Map.of());
    }

    public static Rejection of(Code code, String message, Map<String, String> details) {
        return new Rejection(code, message, new TreeMap<>(details));
    }
}
