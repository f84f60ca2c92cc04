package io.auditcover.claims;

import io.auditcover.reason.Reason;
import io.auditcover.money.Money;
import java.util.List;

/**
 * What the rules decided about a claim, with every rule's verdict and facts so the decision can be
 * explained. {@code payout} is what an approved claim pays (zero otherwise); {@code reasonCode} is
 * {@code approved}, {@code needs_assessment}, or the first failed rule's code.
 */
public record Adjudication(Decision decision, String reasonCode, Money payout, List<RuleResult> results) {

    public enum Decision {
        APPROVED,
        DENIED,
        NEEDS_ASSESSMENT
    }

    public static final String APPROVED_CODE = Reason.APPROVED.wire();
    public static final String NEEDS_ASSESSMENT_CODE = Reason.NEEDS_ASSESSMENT.wire();

    public Adjudication {
        if (decision == null || reasonCode == null || payout == null) {
            throw new IllegalArgumentException("an adjudication needs a decision, a reason and a payout");
        }
        if (payout.isNegative() || (decision != Decision.APPROVED && !payout.isZero())) {
            throw new IllegalArgumentException("only an approved claim pays, and never a negative amount");
        }
        results = List.copyOf(results);
    }
}
