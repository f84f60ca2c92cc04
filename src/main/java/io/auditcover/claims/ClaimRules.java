package io.auditcover.claims;

import io.auditcover.claims.RuleResult.Verdict;
import io.auditcover.money.Money;
import io.auditcover.money.Rounding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The claim rules as one pure function. Every rule is checked and reported, in {@link Rule} order, so
 * a decision can always be explained; the first failed rule denies the claim, otherwise any undecided
 * rule sends it to assessors, otherwise it is approved for {@link #payout}.
 */
public final class ClaimRules {
    private ClaimRules() {
    }

    public static Adjudication check(ClaimFacts facts) {
        var results = new ArrayList<RuleResult>(Rule.values().length);
        for (Rule rule : Rule.values()) {
            results.add(check(rule, facts));
        }
        for (RuleResult result : results) {
            if (result.verdict() == Verdict.FAILED) {
                return new Adjudication(Adjudication.Decision.DENIED, result.reasonCode(), Money.zero(facts.coverAmount().asset()), results);
            }
        }
        if (results.stream().anyMatch(result -> result.verdict() == Verdict.UNDECIDED)) {
            return new Adjudication(Adjudication.Decision.NEEDS_ASSESSMENT, Adjudication.NEEDS_ASSESSMENT_CODE,
                    Money.zero(facts.coverAmount().asset()), results);
        }
        return new Adjudication(Adjudication.Decision.APPROVED, Adjudication.APPROVED_CODE, payout(facts, provenOrClaimed(facts)), results);
    }

    /**
     * What a claim pays once its loss is settled (by the chain, or by assessors accepting the claimed
     * loss): parametric {@code amount × payout ratio}, indemnity {@code loss − deductible}; never more than
     * the remaining cover; rounded down (the pool pays).
     */
    public static Money payout(ClaimFacts facts, Money loss) {
        ClaimTerms terms = facts.terms();
        Money owed = switch (terms.trigger()) {
            case PARAMETRIC -> facts.coverAmount().times(terms.payoutRatio(), Rounding.POOL_PAYS);
            case INDEMNITY -> loss.minus(terms.deductible()).max(Money.zero(loss.asset()));
        };
        return owed.min(facts.remainingCover());
    }

    private static Money provenOrClaimed(ClaimFacts facts) {
        return facts.terms().trigger() == TriggerKind.PARAMETRIC ? facts.coverAmount() : facts.provenLoss().orElse(facts.claimedLoss());
    }

    private static RuleResult check(Rule rule, ClaimFacts facts) {
        var used = new TreeMap<String, String>();
        Verdict verdict = switch (rule) {
            case COVER_ACTIVE_AT_INCIDENT -> coverActive(facts, used);
            case BOUGHT_BEFORE_INCIDENT -> boughtBefore(facts, used);
            case EXPLOITED_CODE_IN_AUDITED_SCOPE -> inScope(facts, used);
            case CAUSE_NOT_EXCLUDED -> causeCovered(facts, used);
            case LOSS_AT_LEAST_DEDUCTIBLE -> lossReachesDeductible(facts, used);
            case AMOUNT_WITHIN_REMAINING_COVER -> remainingLeft(facts, used);
            case FILED_WITHIN_CLAIM_WINDOW -> filedInWindow(facts, used);
        };
        String reason = switch (verdict) {
            case PASSED -> "passed";
            case FAILED -> rule.failureCode();
            case UNDECIDED -> undecidedCode(rule);
        };
        return new RuleResult(rule, verdict, reason, used);
    }

    private static String undecidedCode(Rule rule) {
        return switch (rule) {
            case EXPLOITED_CODE_IN_AUDITED_SCOPE -> "scope_unknown";
            case CAUSE_NOT_EXCLUDED -> "cause_unknown";
            case LOSS_AT_LEAST_DEDUCTIBLE -> "loss_unproven";
            default -> throw new IllegalStateException(rule + " is always decidable");
        };
    }

    private static Verdict coverActive(ClaimFacts facts, Map<String, String> used) {
        used.put("cover_start", facts.coverStart().toString());
        used.put("cover_end", facts.coverEnd().toString());
        used.put("incident_at", facts.incidentAt().toString());
        boolean active = !facts.incidentAt().isBefore(facts.coverStart()) && facts.incidentAt().isBefore(facts.coverEnd());
        return active ? Verdict.PASSED : Verdict.FAILED;
    }

    private static Verdict boughtBefore(ClaimFacts facts, Map<String, String> used) {
        var earliest = facts.coverStart().plus(facts.terms().waitingPeriod());
        used.put("cover_start", facts.coverStart().toString());
        used.put("waiting_period", facts.terms().waitingPeriod().toString());
        used.put("incident_at", facts.incidentAt().toString());
        boolean bought = facts.coverStart().isBefore(facts.incidentAt()) && !earliest.isAfter(facts.incidentAt());
        return bought ? Verdict.PASSED : Verdict.FAILED;
    }

    private static Verdict inScope(ClaimFacts facts, Map<String, String> used) {
        used.put("incident_block", Long.toString(facts.incidentBlock()));
        facts.scopeAtIncident().forEach((contract, status) -> used.put("contract " + contract, status.name().toLowerCase(java.util.Locale.ROOT)));
        if (facts.scopeAtIncident().isEmpty()) {
            used.put("contracts", "none named");
            return Verdict.UNDECIDED;
        }
        if (facts.scopeAtIncident().containsValue(ScopeStatus.OUT_OF_SCOPE)) {
            return Verdict.FAILED;
        }
        return facts.scopeAtIncident().containsValue(ScopeStatus.UNKNOWN) ? Verdict.UNDECIDED : Verdict.PASSED;
    }

    private static Verdict causeCovered(ClaimFacts facts, Map<String, String> used) {
        used.put("exclusions", facts.terms().exclusions().stream().map(Cause::wire).sorted().toList().toString());
        if (facts.cause().isEmpty()) {
            used.put("cause", "unknown");
            return Verdict.UNDECIDED;
        }
        used.put("cause", facts.cause().get().wire());
        return facts.terms().exclusions().contains(facts.cause().get()) ? Verdict.FAILED : Verdict.PASSED;
    }

    private static Verdict lossReachesDeductible(ClaimFacts facts, Map<String, String> used) {
        used.put("trigger", facts.terms().trigger().name().toLowerCase(java.util.Locale.ROOT));
        if (facts.terms().trigger() == TriggerKind.PARAMETRIC) {
            used.put("loss", "not needed: parametric cover");
            return Verdict.PASSED;
        }
        used.put("deductible", facts.terms().deductible().toString());
        used.put("claimed_loss", facts.claimedLoss().toString());
        if (facts.provenLoss().isEmpty()) {
            used.put("proven_loss", "not provable from chain facts");
            return Verdict.UNDECIDED;
        }
        Money proven = facts.provenLoss().get();
        used.put("proven_loss", proven.toString());
        return proven.compareTo(facts.terms().deductible()) >= 0 && proven.isPositive() ? Verdict.PASSED : Verdict.FAILED;
    }

    private static Verdict remainingLeft(ClaimFacts facts, Map<String, String> used) {
        used.put("cover_amount", facts.coverAmount().toString());
        used.put("remaining_cover", facts.remainingCover().toString());
        return facts.remainingCover().isPositive() ? Verdict.PASSED : Verdict.FAILED;
    }

    private static Verdict filedInWindow(ClaimFacts facts, Map<String, String> used) {
        var closes = facts.incidentAt().plus(facts.terms().claimWindow());
        used.put("filed_at", facts.filedAt().toString());
        used.put("claim_window_closes", closes.toString());
        return facts.filedAt().isAfter(closes) ? Verdict.FAILED : Verdict.PASSED;
    }

    /** The rule order as their names, for documentation and the table test. */
    public static List<Rule> order() {
        return List.of(Rule.values());
    }
}
