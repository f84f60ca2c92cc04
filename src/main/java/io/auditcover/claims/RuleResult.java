package io.auditcover.claims;

import java.util.Map;
import java.util.TreeMap;

/** One rule's verdict, its reason code, and the facts it used, as text for people and the API. */
public record RuleResult(Rule rule, Verdict verdict, String reasonCode, Map<String, String> facts) {

    /** A rule passes, fails, or cannot be decided from the facts at hand. */
    public enum Verdict {
        PASSED,
        FAILED,
        UNDECIDED
    }

    public RuleResult {
        if (rule == null || verdict == null || reasonCode == null || facts == null) {
            throw new IllegalArgumentException("a rule result needs its rule, verdict, reason and facts");
        }
        facts = Map.copyOf(new TreeMap<>(facts));
    }
}
