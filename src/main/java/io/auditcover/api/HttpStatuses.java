package io.auditcover.api;

import io.auditcover.reason.Reason;

/** The one place that maps the engine's rejection codes to HTTP statuses. */
final class HttpStatuses {
    private HttpStatuses() {
    }

    /**
     * 400 for a malformed command, 403 for someone else's thing or a party judging its own claim (who the caller is, not what
     * state things are in: no retry helps), 404 for a missing one, 409 for a conflict, else 422.
     */
    static int of(Reason code) {
        return switch (code) {
            case INVALID_COMMAND, SOLVENCY_INPUT_INVALID -> 400;
            case NOT_OWNER, CONFLICT_OF_INTEREST -> 403;
            case PROTOCOL_NOT_FOUND, POOL_NOT_FOUND, COVER_NOT_FOUND, WITHDRAWAL_NOT_FOUND, INCIDENT_NOT_FOUND, CLAIM_NOT_FOUND,
                    ASSESSOR_NOT_FOUND, SLASH_NOT_FOUND -> 404;
            case IDEMPOTENCY_KEY_REUSED, ALREADY_EXISTS, DUPLICATE_ATTESTATION, DUPLICATE_DISPUTE, ALREADY_VOTED, ALREADY_ESCALATED,
                    INCIDENT_ALREADY_SETTLED, SOLVENCY_RUN_STALE, SOLVENCY_BOOK_EMPTY,
                    REINSURANCE_PREMIUM_OWED, POOL_SPENT, POOL_NOT_SPENT, ALREADY_APPEALED, SLASH_FINAL -> 409;
            // Business rules about who may be insured and what may be signed here: the caller can fix them, so not 403.
            case DEPLOYMENT_NOT_IDENTIFIED, INSURABLE_INTEREST_MISSING, CONSENT_INVALID -> 422;
            default -> 422;
        };
    }
}
