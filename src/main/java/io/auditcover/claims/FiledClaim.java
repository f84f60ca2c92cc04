package io.auditcover.claims;

import io.auditcover.money.Money;
import java.time.Instant;

/**
 * An indemnity claim as its holder filed it, with what the rules decided at filing: approved (paid at settlement), denied, or
 * needs_assessment (then {@code assessment} is the panel's vote as it opened and {@code deposit} what the holder put down).
 */
public record FiledClaim(long claimId, long coverId, String poolId, String incidentId, String holder, Money claimedLoss, Money provenLoss,
        Instant filedAt, String reasonCode, Money approved, Assessment assessment, Money deposit) {
}
