package io.auditcover.reason;

import java.util.Locale;

/**
 * Every stable code the business gives, in one place: why a command was refused (each decide function documents which it
 * returns, checked in the order shape, existence, ownership, state, amounts), and what a claim's rules decided. Callers see
 * each as snake_case ({@link #wire()}): {@code insufficient_capacity}, {@code loss_below_deductible}. A code is never renamed
 * or reused for another meaning; new ones are added.
 */
public enum Reason {
    // Why a command was refused.
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
    CONSENT_INVALID,
    SOLVENCY_CAPITAL_EXCEEDED,
    DEPENDENCY_CAP_EXCEEDED,
    SOLVENCY_INPUT_INVALID,
    SOLVENCY_BOOK_EMPTY,
    SOLVENCY_RUN_STALE,
    REINSURANCE_PREMIUM_OWED,
    INCIDENT_NOT_SETTLED,
    RECOVERY_EXCEEDS_PAID,
    POOL_SPENT,
    POOL_NOT_SPENT,
    ASSESSORS_UNAVAILABLE,
    RATIONALE_TOO_LONG,
    ASSESSOR_NOT_FOUND,
    ASSESSOR_REMOVED,
    NO_ASSESSORS,
    CLAIM_NOT_DENIED,
    ALREADY_APPEALED,
    BOND_TOO_SMALL,
    SLASH_EXCEEDS_STAKE,
    SLASH_NOT_FOUND,
    SLASH_FINAL,
    UNKNOWN_POSITION_KIND,
    POSITION_NOT_CONTRACT,
    DEPOSITORS_UNREADABLE,
    STAKE_WITHDRAWAL_EXCEEDS_FREE_STAKE,

    // What a claim's rules decided: approved, sent to assessors, or the failed (or undecidable) rule's code.
    APPROVED,
    NEEDS_ASSESSMENT,
    WAITING_PERIOD_NOT_MET,
    CODE_OUT_OF_AUDITED_SCOPE,
    CAUSE_EXCLUDED,
    LOSS_BELOW_DEDUCTIBLE,
    LOSS_ALREADY_PAID,
    COVER_EXHAUSTED,
    CLAIM_WINDOW_CLOSED,
    SCOPE_UNKNOWN,
    CAUSE_UNKNOWN,
    LOSS_UNPROVEN,
    INCIDENT_REJECTED,
    MINIMUM_LOSS_SHARE_NOT_MET,
    ALREADY_REIMBURSED;

    /** The code as callers see it, e.g. {@code insufficient_capacity}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The codes a command can be refused with (every one before the claim outcomes), e.g. for a counter per code. */
    public static java.util.List<Reason> refusals() {
        return java.util.Arrays.stream(values()).filter(reason -> reason.ordinal() < APPROVED.ordinal()).toList();
    }

    /** The reason with this wire code; throws for a code this build does not know. */
    public static Reason ofWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
