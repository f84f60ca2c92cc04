package io.auditcover.claims;

import static io.auditcover.claims.ClaimRulesTest.BOUGHT;
import static io.auditcover.claims.ClaimRulesTest.INCIDENT;
import static io.auditcover.claims.ClaimRulesTest.USDC;
import static io.auditcover.claims.ClaimRulesTest.USDC_10000;
import static io.auditcover.claims.ClaimRulesTest.VAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.claims.Adjudication.Decision;
import io.auditcover.claims.RuleResult.Verdict;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The minimum loss share and declared reimbursements, with exact numbers: the loss is netted first, then the deductible. */
class NetLossRulesTest {
    static final Money DEDUCTIBLE_300 = Money.whole(USDC, 300);
    static final ClaimTerms INDEMNITY_10_PERCENT = new ClaimTerms(TriggerKind.INDEMNITY, Ratio.ONE, DEDUCTIBLE_300, Cause.defaultExclusions(),
            Duration.ZERO, Duration.ofDays(30), ClaimTerms.PayoutBasis.FIXED, Ratio.bps(1_000));
    static final Instant DECLARED = INCIDENT.plus(Duration.ofDays(1));

    static ClaimFacts facts(ClaimTerms terms, Money claimed, Optional<Money> proven, Ratio lossShare, PaidElsewhere elsewhere,
            List<Reimbursement> reimbursements) {
        return new ClaimFacts(terms, BOUGHT, BOUGHT.plus(Duration.ofDays(90)), USDC_10000, USDC_10000, INCIDENT, 19_000_000,
                Map.of(VAULT, ScopeStatus.IN_SCOPE), Optional.of(Cause.REENTRANCY), claimed, proven, INCIDENT.plus(Duration.ofDays(2)),
                lossShare, elsewhere, reimbursements);
    }

    static ClaimFacts indemnity(long claimedWhole, long provenWhole, Reimbursement... reimbursements) {
        return facts(INDEMNITY_10_PERCENT, Money.whole(USDC, claimedWhole), Optional.of(Money.whole(USDC, provenWhole)), Ratio.ONE,
                PaidElsewhere.none(Money.zero(USDC)), List.of(reimbursements));
    }

    static Reimbursement reimbursed(long whole, Reimbursement.Source source) {
        return new Reimbursement(1, "inc-1", Money.whole(USDC, whole), source, "tx 0xabc", "bob", DECLARED);
    }

    static RuleResult result(Adjudication adjudication, Rule rule) {
        return adjudication.results().stream().filter(r -> r.rule() == rule).findFirst().orElseThrow();
    }

    @Test
    void a_loss_below_the_minimum_share_of_the_cover_amount_is_denied_with_the_loss_share_and_threshold_shown() {
        // 10 % of 10,000 is 1,000: 999.999999 counted is short by one unit.
        var facts = facts(INDEMNITY_10_PERCENT, Money.parse(USDC, "999.999999"), Optional.of(Money.whole(USDC, 2_000)), Ratio.ONE,
                PaidElsewhere.none(Money.zero(USDC)), List.of());
        Adjudication adjudication = ClaimRules.check(facts);
        assertThat(adjudication.decision()).isEqualTo(Decision.DENIED);
        assertThat(adjudication.reasonCode()).isEqualTo("minimum_loss_share_not_met");
        RuleResult rule = result(adjudication, Rule.LOSS_AT_LEAST_MINIMUM_SHARE);
        assertThat(rule.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(rule.facts()).containsEntry("minimum_loss_share", "1/10").containsEntry("minimum_loss", Money.whole(USDC, 1_000).toString())
                .containsEntry("loss_counted", Money.parse(USDC, "999.999999").toString())
                .containsEntry("cover_amount", USDC_10000.toString());
    }

    @Test
    void a_loss_exactly_at_the_minimum_share_passes_and_pays_less_the_deductible() {
        Adjudication adjudication = ClaimRules.check(indemnity(1_000, 1_000));
        assertThat(adjudication.decision()).isEqualTo(Decision.APPROVED);
        assertThat(adjudication.payout()).isEqualTo(Money.whole(USDC, 700));
    }

    @Test
    void the_minimum_loss_is_rounded_up_so_the_comparison_is_exact() {
        // 1/3 of 10,000 USDC is 3,333.333333 and a third of a unit: the least whole-unit loss that reaches it is 3,333.333334.
        var terms = INDEMNITY_10_PERCENT.withMinimumLossShare(Ratio.of(1, 3));
        assertThat(terms.minimumLoss(USDC_10000)).isEqualTo(Money.parse(USDC, "3333.333334"));
        var below = facts(terms, Money.parse(USDC, "3333.333333"), Optional.of(Money.whole(USDC, 5_000)), Ratio.ONE,
                PaidElsewhere.none(Money.zero(USDC)), List.of());
        assertThat(ClaimRules.decide(below).reasonCode()).isEqualTo("minimum_loss_share_not_met");
    }

    @Test
    void without_proof_a_claimed_loss_below_the_minimum_is_denied_and_one_above_goes_to_assessors() {
        var below = facts(INDEMNITY_10_PERCENT, Money.whole(USDC, 900), Optional.empty(), Ratio.ONE, PaidElsewhere.none(Money.zero(USDC)), List.of());
        assertThat(ClaimRules.decide(below).reasonCode()).isEqualTo("minimum_loss_share_not_met");
        var above = facts(INDEMNITY_10_PERCENT, Money.whole(USDC, 1_100), Optional.empty(), Ratio.ONE, PaidElsewhere.none(Money.zero(USDC)), List.of());
        assertThat(ClaimRules.decide(above).reasonCode()).isEqualTo("needs_assessment");
    }

    @Test
    void the_minimum_share_tests_the_loss_before_reimbursements() {
        // 1,500 lost, 1,000 reimbursed: the incident hit the insured above the 1,000 minimum; it is paid 500 − 300 = 200.
        Adjudication adjudication = ClaimRules.check(indemnity(1_500, 1_500, reimbursed(1_000, Reimbursement.Source.PROTOCOL)));
        assertThat(adjudication.decision()).isEqualTo(Decision.APPROVED);
        assertThat(adjudication.payout()).isEqualTo(Money.whole(USDC, 200));
    }

    @Test
    void a_parametric_cover_with_a_minimum_share_pays_only_for_an_incident_that_took_at_least_that_share_of_the_protocol() {
        var terms = ClaimTerms.parametric(Ratio.of(1, 2), Money.zero(USDC)).withMinimumLossShare(Ratio.bps(2_000));
        var small = facts(terms, USDC_10000, Optional.empty(), Ratio.bps(1_999), PaidElsewhere.none(Money.zero(USDC)), List.of());
        Adjudication denied = ClaimRules.check(small);
        assertThat(denied.reasonCode()).isEqualTo("minimum_loss_share_not_met");
        assertThat(result(denied, Rule.LOSS_AT_LEAST_MINIMUM_SHARE).facts()).containsEntry("incident_loss_share", "1999/10000")
                .containsEntry("minimum_loss_share", "1/5");
        var large = facts(terms, USDC_10000, Optional.empty(), Ratio.bps(2_000), PaidElsewhere.none(Money.zero(USDC)), List.of());
        assertThat(ClaimRules.decide(large).payout()).isEqualTo(Money.whole(USDC, 5_000));
    }

    @Test
    void terms_without_a_minimum_share_pass_the_rule_and_say_none() {
        var terms = ClaimTerms.indemnity(DEDUCTIBLE_300);
        assertThat(terms.minimumLossShare()).isNull();
        var facts = facts(terms, Money.whole(USDC, 400), Optional.of(Money.whole(USDC, 400)), Ratio.ONE, PaidElsewhere.none(Money.zero(USDC)), List.of());
        Adjudication adjudication = ClaimRules.check(facts);
        assertThat(adjudication.payout()).isEqualTo(Money.whole(USDC, 100));
        assertThat(result(adjudication, Rule.LOSS_AT_LEAST_MINIMUM_SHARE).facts()).containsEntry("minimum_loss_share", "none");
    }

    @Test
    void a_minimum_share_must_be_above_zero_and_at_most_one() {
        assertThatThrownBy(() -> INDEMNITY_10_PERCENT.withMinimumLossShare(Ratio.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> INDEMNITY_10_PERCENT.withMinimumLossShare(Ratio.of(11, 10))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_payout_is_the_loss_less_reimbursements_then_less_the_deductible() {
        // 4,000 proven, 2,500 claimed: counted 2,500; reimbursed 1,000 by the protocol and 200 by a bounty: net 1,300; less 300: 1,000.
        Adjudication adjudication = ClaimRules.check(indemnity(2_500, 4_000, reimbursed(1_000, Reimbursement.Source.PROTOCOL),
                reimbursed(200, Reimbursement.Source.BOUNTY_NEGOTIATION)));
        assertThat(adjudication.decision()).isEqualTo(Decision.APPROVED);
        assertThat(adjudication.payout()).isEqualTo(Money.whole(USDC, 1_000));
        RuleResult rule = result(adjudication, Rule.LOSS_NOT_FULLY_REIMBURSED);
        assertThat(rule.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(rule.facts()).containsEntry("loss_counted", Money.whole(USDC, 2_500).toString())
                .containsEntry("reimbursed", Money.whole(USDC, 1_200).toString()).containsEntry("net_loss", Money.whole(USDC, 1_300).toString())
                .containsEntry("reimbursement 001", Money.whole(USDC, 1_000) + " from protocol, declared by bob on cover 1 at " + DECLARED + ": tx 0xabc")
                .containsEntry("reimbursement 002", Money.whole(USDC, 200) + " from bounty_negotiation, declared by bob on cover 1 at " + DECLARED
                        + ": tx 0xabc");
        assertThat(result(adjudication, Rule.LOSS_AT_LEAST_DEDUCTIBLE).facts()).containsEntry("net_loss", Money.whole(USDC, 1_300).toString());
    }

    @Test
    void a_claim_fully_reimbursed_is_denied_already_reimbursed() {
        Adjudication adjudication = ClaimRules.check(indemnity(2_000, 2_000, reimbursed(1_500, Reimbursement.Source.OTHER_INSURER),
                reimbursed(500, Reimbursement.Source.PROTOCOL)));
        assertThat(adjudication.decision()).isEqualTo(Decision.DENIED);
        assertThat(adjudication.reasonCode()).isEqualTo("already_reimbursed");
        assertThat(adjudication.payout()).isEqualTo(Money.zero(USDC));
    }

    @Test
    void a_net_loss_below_the_deductible_is_denied_loss_below_deductible() {
        // 2,000 lost, 1,800 back: 200 net is under the 300 deductible, though the gross loss was far above it.
        assertThat(ClaimRules.decide(indemnity(2_000, 2_000, reimbursed(1_800, Reimbursement.Source.PROTOCOL))).reasonCode())
                .isEqualTo("loss_below_deductible");
    }

    @Test
    void other_covers_of_the_wallet_share_the_net_loss_not_the_gross_one() {
        // 3,000 lost, 1,000 back: the net is 2,000; another cover was approved for 1,500, so this one pays 500 (not 1,700).
        var facts = facts(INDEMNITY_10_PERCENT, Money.whole(USDC, 3_000), Optional.of(Money.whole(USDC, 3_000)), Ratio.ONE,
                new PaidElsewhere(Money.whole(USDC, 1_500), List.of(7L)), List.of(reimbursed(1_000, Reimbursement.Source.PROTOCOL)));
        assertThat(ClaimRules.decide(facts).payout()).isEqualTo(Money.whole(USDC, 500));
        assertThat(ClaimRules.check(facts).payout()).isEqualTo(Money.whole(USDC, 500));
    }

    @Test
    void reimbursements_never_limit_a_parametric_payout() {
        var terms = ClaimTerms.parametric(Ratio.of(1, 2), Money.zero(USDC));
        var facts = facts(terms, USDC_10000, Optional.empty(), Ratio.ONE, PaidElsewhere.none(Money.zero(USDC)),
                List.of(reimbursed(9_000, Reimbursement.Source.PROTOCOL)));
        assertThat(ClaimRules.decide(facts).payout()).isEqualTo(Money.whole(USDC, 5_000));
    }
}
