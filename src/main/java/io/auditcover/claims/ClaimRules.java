package io.auditcover.claims;

import io.auditcover.reason.Reason;
import io.auditcover.claims.RuleResult.Verdict;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.money.Rounding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The claim rules as one pure function. Every rule is checked and reported, in {@link Rule} order, so
 * a decision can always be explained; the first failed rule denies the claim, otherwise any undecided
 * rule sends it to assessors, otherwise it is approved for {@link #payout}.
 *
 * <p>Each rule's verdict is computed in one place ({@code verdict}); {@link #check} adds the facts each rule used, as text,
 * around the same verdicts, and {@link #decide} skips that text, so the two always agree.
 */
public final class ClaimRules {
    private static final List<Rule> RULES = List.of(Rule.values());

    private ClaimRules() {
    }

    /** Every rule's verdict with the facts it used, and the decision they give. */
    public static Adjudication check(ClaimFacts facts) {
        var results = new ArrayList<RuleResult>(RULES.size());
        var verdicts = new Verdict[RULES.size()];
        for (Rule rule : RULES) {
            Verdict verdict = verdict(rule, facts);
            verdicts[rule.ordinal()] = verdict;
            results.add(new RuleResult(rule, verdict, reasonCode(rule, verdict), factsUsed(rule, facts)));
        }
        Ruling ruling = ruling(facts, verdicts);
        return new Adjudication(ruling.decision(), ruling.reasonCode(), ruling.payout(), results);
    }

    /** The decision {@link #check} gives, without building any rule's facts text. */
    public static Ruling decide(ClaimFacts facts) {
        var verdicts = new Verdict[RULES.size()];
        for (Rule rule : RULES) {
            verdicts[rule.ordinal()] = verdict(rule, facts);
        }
        return ruling(facts, verdicts);
    }

    /** The first failed rule denies; otherwise an undecided rule needs assessors; otherwise the claim pays. */
    private static Ruling ruling(ClaimFacts facts, Verdict[] verdicts) {
        boolean undecided = false;
        for (Rule rule : RULES) {
            Verdict verdict = verdicts[rule.ordinal()];
            if (verdict == Verdict.FAILED) {
                return new Ruling(Adjudication.Decision.DENIED, reasonCode(rule, verdict), Money.zero(facts.coverAmount().asset()));
            }
            undecided |= verdict == Verdict.UNDECIDED;
        }
        if (undecided) {
            return new Ruling(Adjudication.Decision.NEEDS_ASSESSMENT, Adjudication.NEEDS_ASSESSMENT_CODE, Money.zero(facts.coverAmount().asset()));
        }
        return new Ruling(Adjudication.Decision.APPROVED, Adjudication.APPROVED_CODE, payout(facts, facts.claimedLoss()));
    }

    /**
     * What a claim pays once its loss is settled (by the chain, or by assessors accepting the claimed
     * loss): parametric {@code amount × payout ratio} (times the incident's loss share on loss-share terms);
     * indemnity the net loss (the loss counted, {@code loss} never above the proven loss when there is one, less what was
     * declared reimbursed) less the deductible, and never more than what other covers' claims left of that net loss
     * ({@code net loss − paid elsewhere}); never more than the remaining cover; rounded down (the pool pays). The deductible
     * applies after reimbursements, as real wordings apply it: the insured bears it once, on what it actually lost.
     */
    public static Money payout(ClaimFacts facts, Money loss) {
        Money owed = facts.terms().trigger() == TriggerKind.PARAMETRIC ? parametricOwed(facts)
                : lossLessDeductible(facts, loss).min(lossLessPaidElsewhere(facts, loss));
        return owed.min(facts.remainingCover());
    }

    /** Which limit set a payout, for its explanation: the smallest of the terms {@link #payout} takes the least of. */
    private enum PayoutBound {
        PARAMETRIC_RATIO,
        LOSS_LESS_DEDUCTIBLE,
        LOSS_LESS_PAID_ELSEWHERE,
        REMAINING_COVER;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static PayoutBound payoutBound(ClaimFacts facts, Money loss) {
        if (facts.terms().trigger() == TriggerKind.PARAMETRIC) {
            return parametricOwed(facts).exceeds(facts.remainingCover()) ? PayoutBound.REMAINING_COVER : PayoutBound.PARAMETRIC_RATIO;
        }
        Money afterDeductible = lossLessDeductible(facts, loss);
        Money afterElsewhere = lossLessPaidElsewhere(facts, loss);
        Money owed = afterDeductible.min(afterElsewhere);
        if (owed.exceeds(facts.remainingCover())) {
            return PayoutBound.REMAINING_COVER;
        }
        return afterElsewhere.compareTo(afterDeductible) < 0 ? PayoutBound.LOSS_LESS_PAID_ELSEWHERE : PayoutBound.LOSS_LESS_DEDUCTIBLE;
    }

    private static Money parametricOwed(ClaimFacts facts) {
        return facts.coverAmount().times(facts.terms().parametricRatio(facts.lossShare()), Rounding.POOL_PAYS);
    }

    /** The loss an indemnity claim counts: what was claimed (or accepted), never more than the chain proves. */
    private static Money lossCounted(ClaimFacts facts, Money loss) {
        return facts.provenLoss().map(loss::min).orElse(loss);
    }

    /** The loss counted less what the insured wallet was declared reimbursed, never below zero. */
    private static Money netLoss(ClaimFacts facts, Money loss) {
        return lossCounted(facts, loss).minus(facts.reimbursed()).max(Money.zero(loss.asset()));
    }

    private static Money lossLessDeductible(ClaimFacts facts, Money loss) {
        return netLoss(facts, loss).minus(facts.terms().deductible()).max(Money.zero(loss.asset()));
    }

    private static Money lossLessPaidElsewhere(ClaimFacts facts, Money loss) {
        return netLoss(facts, loss).minus(facts.paidElsewhere().approved()).max(Money.zero(loss.asset()));
    }

    private static Verdict verdict(Rule rule, ClaimFacts facts) {
        return switch (rule) {
            case COVER_ACTIVE_AT_INCIDENT -> coverActive(facts);
            case BOUGHT_BEFORE_INCIDENT -> boughtBefore(facts);
            case EXPLOITED_CODE_IN_AUDITED_SCOPE -> inScope(facts);
            case CAUSE_NOT_EXCLUDED -> causeCovered(facts);
            case LOSS_AT_LEAST_MINIMUM_SHARE -> lossReachesMinimumShare(facts);
            case LOSS_NOT_FULLY_REIMBURSED -> lossLeftByReimbursements(facts);
            case LOSS_AT_LEAST_DEDUCTIBLE -> lossReachesDeductible(facts);
            case LOSS_NOT_PAID_BY_OTHER_COVERS -> lossLeftByOtherCovers(facts);
            case AMOUNT_WITHIN_REMAINING_COVER -> remainingLeft(facts);
            case FILED_WITHIN_CLAIM_WINDOW -> filedInWindow(facts);
        };
    }

    private static String reasonCode(Rule rule, Verdict verdict) {
        return switch (verdict) {
            case PASSED -> "passed";
            case FAILED -> rule.failureCode();
            case UNDECIDED -> undecidedCode(rule);
        };
    }

    private static String undecidedCode(Rule rule) {
        return switch (rule) {
            case EXPLOITED_CODE_IN_AUDITED_SCOPE -> Reason.SCOPE_UNKNOWN.wire();
            case CAUSE_NOT_EXCLUDED -> Reason.CAUSE_UNKNOWN.wire();
            case LOSS_AT_LEAST_DEDUCTIBLE -> Reason.LOSS_UNPROVEN.wire();
            default -> throw new IllegalStateException(rule + " is always decidable");
        };
    }

    private static Verdict coverActive(ClaimFacts facts) {
        boolean active = !facts.incidentAt().isBefore(facts.coverStart()) && facts.incidentAt().isBefore(facts.coverEnd());
        return active ? Verdict.PASSED : Verdict.FAILED;
    }

    private static Verdict boughtBefore(ClaimFacts facts) {
        var earliest = facts.coverStart().plus(facts.terms().waitingPeriod());
        boolean bought = facts.coverStart().isBefore(facts.incidentAt()) && !earliest.isAfter(facts.incidentAt());
        return bought ? Verdict.PASSED : Verdict.FAILED;
    }

    private static Verdict inScope(ClaimFacts facts) {
        Map<String, ScopeStatus> scope = facts.scopeAtIncident();
        if (scope.isEmpty()) {
            return Verdict.UNDECIDED;
        }
        if (scope.containsValue(ScopeStatus.OUT_OF_SCOPE)) {
            return Verdict.FAILED;
        }
        return scope.containsValue(ScopeStatus.UNKNOWN) ? Verdict.UNDECIDED : Verdict.PASSED;
    }

    private static Verdict causeCovered(ClaimFacts facts) {
        if (facts.cause().isEmpty()) {
            return Verdict.UNDECIDED;
        }
        return facts.terms().exclusions().contains(facts.cause().get()) ? Verdict.FAILED : Verdict.PASSED;
    }

    /**
     * Decided on the loss counted; without proof that is the claimed loss, which bounds it: a claim below the minimum is denied
     * at once, one above it passes here and the loss itself is left undecided by {@link Rule#LOSS_AT_LEAST_DEDUCTIBLE}
     * (assessors who accept it accept the claimed loss).
     */
    private static Verdict lossReachesMinimumShare(ClaimFacts facts) {
        Ratio share = facts.terms().minimumLossShare();
        if (share == null) {
            return Verdict.PASSED;
        }
        if (facts.terms().trigger() == TriggerKind.PARAMETRIC) {
            return facts.lossShare().compareTo(share) >= 0 ? Verdict.PASSED : Verdict.FAILED;
        }
        return lossCounted(facts, facts.claimedLoss()).compareTo(facts.terms().minimumLoss(facts.coverAmount())) >= 0 ? Verdict.PASSED
                : Verdict.FAILED;
    }

    /** Parametric covers pay for the event, so what was reimbursed never limits them (none can be declared on one). */
    private static Verdict lossLeftByReimbursements(ClaimFacts facts) {
        if (facts.terms().trigger() == TriggerKind.PARAMETRIC || facts.reimbursements().isEmpty()) {
            return Verdict.PASSED;
        }
        return netLoss(facts, facts.claimedLoss()).isPositive() ? Verdict.PASSED : Verdict.FAILED;
    }

    private static Verdict lossReachesDeductible(ClaimFacts facts) {
        if (facts.terms().trigger() == TriggerKind.PARAMETRIC) {
            return Verdict.PASSED;
        }
        if (facts.provenLoss().isEmpty()) {
            return Verdict.UNDECIDED;
        }
        Money net = netLoss(facts, facts.claimedLoss());
        return net.compareTo(facts.terms().deductible()) >= 0 && net.isPositive() ? Verdict.PASSED : Verdict.FAILED;
    }

    /**
     * Without proof the claimed loss bounds what is left: a wallet whose claimed loss (net of reimbursements) others already
     * paid is paid nothing more.
     */
    private static Verdict lossLeftByOtherCovers(ClaimFacts facts) {
        if (facts.terms().trigger() == TriggerKind.PARAMETRIC) {
            return Verdict.PASSED;
        }
        Money elsewhere = facts.paidElsewhere().approved();
        return elsewhere.isPositive() && elsewhere.compareTo(netLoss(facts, facts.claimedLoss())) >= 0 ? Verdict.FAILED : Verdict.PASSED;
    }

    private static Verdict remainingLeft(ClaimFacts facts) {
        return facts.remainingCover().isPositive() ? Verdict.PASSED : Verdict.FAILED;
    }

    private static Verdict filedInWindow(ClaimFacts facts) {
        return facts.filedAt().isAfter(claimWindowCloses(facts)) ? Verdict.FAILED : Verdict.PASSED;
    }

    private static Instant claimWindowCloses(ClaimFacts facts) {
        return facts.incidentAt().plus(facts.terms().claimWindow());
    }

    /** The facts a rule looks at, as text for people and the API; it decides nothing. */
    private static Map<String, String> factsUsed(Rule rule, ClaimFacts facts) {
        var used = new TreeMap<String, String>();
        switch (rule) {
            case COVER_ACTIVE_AT_INCIDENT -> {
                used.put("cover_start", facts.coverStart().toString());
                used.put("cover_end", facts.coverEnd().toString());
                used.put("incident_at", facts.incidentAt().toString());
            }
            case BOUGHT_BEFORE_INCIDENT -> {
                used.put("cover_start", facts.coverStart().toString());
                used.put("waiting_period", facts.terms().waitingPeriod().toString());
                used.put("incident_at", facts.incidentAt().toString());
            }
            case EXPLOITED_CODE_IN_AUDITED_SCOPE -> {
                used.put("incident_block", Long.toString(facts.incidentBlock()));
                facts.scopeAtIncident().forEach((contract, status) -> used.put("contract " + contract, status.name().toLowerCase(Locale.ROOT)));
                if (facts.scopeAtIncident().isEmpty()) {
                    used.put("contracts", "none named");
                }
            }
            case CAUSE_NOT_EXCLUDED -> {
                used.put("exclusions", facts.terms().exclusions().stream().map(Cause::wire).sorted().toList().toString());
                used.put("cause", facts.cause().map(Cause::wire).orElse("unknown"));
            }
            case LOSS_AT_LEAST_MINIMUM_SHARE -> minimumShareFactsUsed(facts, used);
            case LOSS_NOT_FULLY_REIMBURSED -> reimbursementFactsUsed(facts, used);
            case LOSS_AT_LEAST_DEDUCTIBLE -> lossFactsUsed(facts, used);
            case LOSS_NOT_PAID_BY_OTHER_COVERS -> paidElsewhereFactsUsed(facts, used);
            case AMOUNT_WITHIN_REMAINING_COVER -> {
                used.put("cover_amount", facts.coverAmount().toString());
                used.put("remaining_cover", facts.remainingCover().toString());
                used.put("payout_if_approved", payout(facts, facts.claimedLoss()).toString());
                used.put("payout_bound", payoutBound(facts, facts.claimedLoss()).wire());
            }
            case FILED_WITHIN_CLAIM_WINDOW -> {
                used.put("filed_at", facts.filedAt().toString());
                used.put("claim_window_closes", claimWindowCloses(facts).toString());
            }
        }
        return used;
    }

    private static void lossFactsUsed(ClaimFacts facts, Map<String, String> used) {
        used.put("trigger", facts.terms().trigger().name().toLowerCase(Locale.ROOT));
        if (facts.terms().trigger() == TriggerKind.PARAMETRIC) {
            used.put("loss", "not needed: parametric cover");
            used.put("payout_ratio", facts.terms().payoutRatio().toString());
            if (facts.terms().basis() == ClaimTerms.PayoutBasis.LOSS_SHARE) {
                used.put("loss_share", facts.lossShare().toString());
            }
            return;
        }
        used.put("deductible", facts.terms().deductible().toString());
        used.put("claimed_loss", facts.claimedLoss().toString());
        used.put("proven_loss", facts.provenLoss().map(Money::toString).orElse("not provable from chain facts"));
        positionFactsUsed(facts.evidence(), used);
        depositorFactsUsed(facts, used);
        used.put("loss_counted", lossCounted(facts, facts.claimedLoss()).toString());
        used.put("reimbursed", facts.reimbursed().toString());
        used.put("net_loss", netLoss(facts, facts.claimedLoss()).toString());
        used.put("loss_bound", facts.provenLoss().map(proven -> {
            int order = facts.claimedLoss().compareTo(proven);
            return order < 0 ? "claimed_loss" : order > 0 ? "proven_loss" : "claimed_loss = proven_loss";
        }).orElse("claimed_loss, until proven"));
    }

    /** Each number the proven loss came from, with its block: before − (after + withdrawn). */
    private static void positionFactsUsed(LossEvidence evidence, Map<String, String> used) {
        if (evidence == null || !evidence.ofPosition()) {
            return;
        }
        used.put("position_reader", evidence.position().describe());
        used.put("position_before", evidence.balanceBefore() + " at block " + evidence.beforeBlock());
        used.put("position_after", evidence.balanceAfter() + " at block " + evidence.afterBlock());
        if (evidence.readingBefore() != null) {
            used.put("position_before_read", evidence.readingBefore().describe() + " at block " + evidence.beforeBlock());
            used.put("position_after_read", evidence.readingAfter().describe() + " at block " + evidence.afterBlock());
        }
        used.put("position_withdrawn", evidence.withdrawn() + (evidence.afterBlock() > evidence.beforeBlock()
                ? " in blocks " + (evidence.beforeBlock() + 1) + "-" + evidence.afterBlock() : " (no block in between)"));
        used.put("proven_loss_from", "position_before - (position_after + position_withdrawn)");
    }

    /** A protocol-bought cover's claim: the funds exposed, the depositors' loss, the average clause, and each depositor's figures. */
    private static void depositorFactsUsed(ClaimFacts facts, Map<String, String> used) {
        List<DepositorLoss> depositors = facts.depositors();
        if (depositors == null) {
            return;
        }
        Money exposed = DepositorCover.exposedFunds(depositors, Money.zero(facts.coverAmount().asset()));
        used.put("depositors", Integer.toString(depositors.size()));
        used.put("exposed_funds", exposed + " at block " + depositors.getFirst().evidence().beforeBlock());
        used.put("depositors_loss", facts.claimedLoss().toString());
        used.put("average_clause", exposed.compareTo(facts.coverAmount()) > 0
                ? "applied: loss " + facts.claimedLoss() + " x cover " + facts.coverAmount() + " / exposed " + exposed + " = "
                        + DepositorCover.lossCounted(facts.coverAmount(), exposed, facts.claimedLoss())
                : "not applied: the exposed funds are within the cover amount");
        // Zero-padded so the sorted facts list depositors in the order named.
        for (int i = 0; i < depositors.size(); i++) {
            used.put("depositor %04d".formatted(i + 1), depositors.get(i).describe());
        }
    }

    private static void minimumShareFactsUsed(ClaimFacts facts, Map<String, String> used) {
        Ratio share = facts.terms().minimumLossShare();
        used.put("minimum_loss_share", share == null ? "none" : share.toString());
        if (share == null) {
            return;
        }
        if (facts.terms().trigger() == TriggerKind.PARAMETRIC) {
            used.put("incident_loss_share", facts.lossShare().toString());
            used.put("compared", "the incident's loss share: a parametric cover proves no loss of its own");
            return;
        }
        used.put("cover_amount", facts.coverAmount().toString());
        used.put("minimum_loss", facts.terms().minimumLoss(facts.coverAmount()).toString());
        used.put("loss_counted", lossCounted(facts, facts.claimedLoss()).toString());
    }

    private static void reimbursementFactsUsed(ClaimFacts facts, Map<String, String> used) {
        if (facts.terms().trigger() == TriggerKind.PARAMETRIC) {
            used.put("reimbursed", "not limited: a parametric cover pays for the event, not for a loss");
            return;
        }
        used.put("loss_counted", lossCounted(facts, facts.claimedLoss()).toString());
        used.put("reimbursed", facts.reimbursed().toString());
        used.put("net_loss", netLoss(facts, facts.claimedLoss()).toString());
        List<Reimbursement> each = facts.reimbursements();
        if (each.isEmpty()) {
            used.put("reimbursements", "none declared");
        }
        // Zero-padded so the sorted facts list them in declaration order.
        for (int i = 0; i < each.size(); i++) {
            used.put("reimbursement %03d".formatted(i + 1), each.get(i).describe());
        }
    }

    private static void paidElsewhereFactsUsed(ClaimFacts facts, Map<String, String> used) {
        if (facts.terms().trigger() == TriggerKind.PARAMETRIC) {
            used.put("paid_elsewhere", "not limited: a parametric cover pays for the event, not for a loss");
            return;
        }
        PaidElsewhere elsewhere = facts.paidElsewhere();
        used.put("loss_counted", lossCounted(facts, facts.claimedLoss()).toString());
        used.put("net_loss", netLoss(facts, facts.claimedLoss()).toString());
        used.put("paid_elsewhere", elsewhere.approved().toString());
        used.put("other_claims", elsewhere.claimIds().isEmpty() ? "none on this wallet and incident" : elsewhere.claimIds().toString());
        used.put("loss_left", lossLessPaidElsewhere(facts, facts.claimedLoss()).toString());
    }

    /** The rule order as their names, for documentation and the table test. */
    public static List<Rule> order() {
        return RULES;
    }
}
