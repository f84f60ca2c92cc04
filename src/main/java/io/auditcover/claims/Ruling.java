package io.auditcover.claims;

import io.auditcover.money.Money;

/**
 * What the rules decide about a claim, without the facts text that explains it: what settlement needs for every cover of a
 * mass exploit, where an {@link Adjudication} per cover would cost more than the decision itself. {@link ClaimRules#check}
 * always gives the same decision, reason code and payout.
 */
public record Ruling(Adjudication.Decision decision, String reasonCode, Money payout) {

    public Ruling {
        if (decision == null || reasonCode == null || payout == null) {
            throw new IllegalArgumentException("a ruling needs a decision, a reason and a payout");
        }
        if (payout.isNegative() || (decision != Adjudication.Decision.APPROVED && !payout.isZero())) {
            throw new IllegalArgumentException("only an approved claim pays, and never a negative amount");
        }
    }
}
