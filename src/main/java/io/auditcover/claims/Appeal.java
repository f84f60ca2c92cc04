package io.auditcover.claims;

import io.auditcover.money.Money;
import java.time.Instant;

/**
 * A holder's appeal of a denied claim, with the bond it put down: of the rules' denial to a first panel (round 1), or of a
 * first panel's denial to the larger escalation panel (round 2). The bond is settled with the claim: back to the holder when
 * the assessors do not deny it (accept or draw, as a claim deposit), to the paying pool when they deny it.
 *
 * @param round the round of the assessment the appeal opened
 */
public record Appeal(long claimId, String holder, int round, Money bond, Instant appealedAt) {
    public Appeal {
        if (holder == null || bond == null || !bond.isPositive() || appealedAt == null || round < 1 || round > Assessment.ROUND_MAX) {
            throw new IllegalArgumentException("an appeal names its holder, a positive bond, its time and round 1 or 2");
        }
    }
}
