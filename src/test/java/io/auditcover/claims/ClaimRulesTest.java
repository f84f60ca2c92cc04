package io.auditcover.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Adjudication.Decision;
import io.auditcover.claims.RuleResult.Verdict;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ClaimRulesTest {
    static final Asset USDC = new Asset("USDC", 6);
    static final Money USDC_10000 = Money.whole(USDC, 10_000);
    static final Instant BOUGHT = Instant.parse("2026-02-01T00:00:00Z");
    static final Instant INCIDENT = Instant.parse("2026-03-01T12:00:00Z");
    static final String VAULT = "1:0x00000000000000000000000000000000000000aa";
    static final ClaimTerms INDEMNITY = new ClaimTerms(TriggerKind.INDEMNITY, Ratio.ONE, Money.whole(USDC, 500), Cause.defaultExclusions(),
            Duration.ofDays(7), Duration.ofDays(30));

    /** A claim every rule passes: an indemnity cover bought a month before a reentrancy on an audited vault. */
    static ClaimFacts good() {
        return new ClaimFacts(INDEMNITY, BOUGHT, BOUGHT.plus(Duration.ofDays(90)), USDC_10000, USDC_10000, INCIDENT, 19_000_000,
                Map.of(VAULT, ScopeStatus.IN_SCOPE), Optional.of(Cause.REENTRANCY), Money.whole(USDC, 4_000),
                Optional.of(Money.whole(USDC, 4_000)), INCIDENT.plus(Duration.ofDays(2)));
    }

    static ClaimFacts with(UnaryOperator<Builder> change) {
        return change.apply(new Builder(good())).build();
    }

    /** Changes one fact of {@link #good()} at a time. */
    static final class Builder {
        ClaimFacts f;

        Builder(ClaimFacts facts) {
            f = facts;
        }

        Builder start(Instant start) {
            f = new ClaimFacts(f.terms(), start, f.coverEnd(), f.coverAmount(), f.remainingCover(), f.incidentAt(), f.incidentBlock(),
                    f.scopeAtIncident(), f.cause(), f.claimedLoss(), f.provenLoss(), f.filedAt());
            return this;
        }

        Builder end(Instant end) {
            f = new ClaimFacts(f.terms(), f.coverStart(), end, f.coverAmount(), f.remainingCover(), f.incidentAt(), f.incidentBlock(),
                    f.scopeAtIncident(), f.cause(), f.claimedLoss(), f.provenLoss(), f.filedAt());
            return this;
        }

        Builder scope(ScopeStatus status) {
            f = new ClaimFacts(f.terms(), f.coverStart(), f.coverEnd(), f.coverAmount(), f.remainingCover(), f.incidentAt(), f.incidentBlock(),
                    Map.of(VAULT, status), f.cause(), f.claimedLoss(), f.provenLoss(), f.filedAt());
            return this;
        }

        Builder cause(Optional<Cause> cause) {
            f = new ClaimFacts(f.terms(), f.coverStart(), f.coverEnd(), f.coverAmount(), f.remainingCover(), f.incidentAt(), f.incidentBlock(),
                    f.scopeAtIncident(), cause, f.claimedLoss(), f.provenLoss(), f.filedAt());
            return this;
        }

        Builder proven(Optional<Money> loss) {
            f = new ClaimFacts(f.terms(), f.coverStart(), f.coverEnd(), f.coverAmount(), f.remainingCover(), f.incidentAt(), f.incidentBlock(),
                    f.scopeAtIncident(), f.cause(), f.claimedLoss(), loss, f.filedAt());
            return this;
        }

        Builder remaining(Money remaining) {
            f = new ClaimFacts(f.terms(), f.coverStart(), f.coverEnd(), f.coverAmount(), remaining, f.incidentAt(), f.incidentBlock(),
                    f.scopeAtIncident(), f.cause(), f.claimedLoss(), f.provenLoss(), f.filedAt());
            return this;
        }

        Builder filed(Instant filed) {
            f = new ClaimFacts(f.terms(), f.coverStart(), f.coverEnd(), f.coverAmount(), f.remainingCover(), f.incidentAt(), f.incidentBlock(),
                    f.scopeAtIncident(), f.cause(), f.claimedLoss(), f.provenLoss(), filed);
            return this;
        }

        Builder claimed(Money loss) {
            f = new ClaimFacts(f.terms(), f.coverStart(), f.coverEnd(), f.coverAmount(), f.remainingCover(), f.incidentAt(), f.incidentBlock(),
                    f.scopeAtIncident(), f.cause(), loss, f.provenLoss(), f.filedAt());
            return this;
        }

        Builder paidElsewhere(Money approved, Long... claimIds) {
            f = new ClaimFacts(f.terms(), f.coverStart(), f.coverEnd(), f.coverAmount(), f.remainingCover(), f.incidentAt(), f.incidentBlock(),
                    f.scopeAtIncident(), f.cause(), f.claimedLoss(), f.provenLoss(), f.filedAt(), f.lossShare(),
                    new PaidElsewhere(approved, java.util.List.of(claimIds)));
            return this;
        }

        Builder terms(ClaimTerms terms) {
            f = new ClaimFacts(terms, f.coverStart(), f.coverEnd(), f.coverAmount(), f.remainingCover(), f.incidentAt(), f.incidentBlock(),
                    f.scopeAtIncident(), f.cause(), f.claimedLoss(), f.provenLoss(), f.filedAt());
            return this;
        }

        ClaimFacts build() {
            return f;
        }
    }

    @Test
    void a_claim_that_passes_every_rule_pays_the_proven_loss_minus_the_deductible() {
        var adjudication = ClaimRules.check(good());
        assertThat(adjudication.decision()).isEqualTo(Decision.APPROVED);
        assertThat(adjudication.payout()).isEqualTo(Money.whole(USDC, 3_500));
        assertThat(adjudication.results()).extracting(RuleResult::rule).containsExactly(Rule.values());
        assertThat(adjudication.results()).allMatch(result -> result.verdict() == Verdict.PASSED);
    }

    @Test
    void each_failing_fact_denies_with_its_own_code_and_the_first_failure_wins() {
        Object[][] table = {
            {with(b -> b.start(INCIDENT.plus(Duration.ofHours(1))).end(INCIDENT.plus(Duration.ofDays(60)))), "cover_not_active_at_incident"},
            {with(b -> b.end(INCIDENT)), "cover_not_active_at_incident"},
            {with(b -> b.start(INCIDENT.minus(Duration.ofDays(6)))), "waiting_period_not_met"},
            {with(b -> b.scope(ScopeStatus.OUT_OF_SCOPE)), "code_out_of_audited_scope"},
            {with(b -> b.cause(Optional.of(Cause.KEY_COMPROMISE))), "cause_excluded"},
            {with(b -> b.proven(Optional.of(Money.whole(USDC, 499)))), "loss_below_deductible"},
            {with(b -> b.paidElsewhere(Money.whole(USDC, 4_000), 1L)), "loss_already_paid"},
            {with(b -> b.remaining(Money.zero(USDC))), "cover_exhausted"},
            {with(b -> b.filed(INCIDENT.plus(Duration.ofDays(30)).plusSeconds(1))), "claim_window_closed"},
            {with(b -> b.scope(ScopeStatus.OUT_OF_SCOPE).cause(Optional.of(Cause.PHISHING)).filed(INCIDENT.plus(Duration.ofDays(99)))),
                "code_out_of_audited_scope"},
            {with(b -> b.cause(Optional.of(Cause.FRONT_END)).remaining(Money.zero(USDC))), "cause_excluded"},
            {with(b -> b.scope(ScopeStatus.UNKNOWN).filed(INCIDENT.plus(Duration.ofDays(31)))), "claim_window_closed"},
        };
        for (Object[] row : table) {
            var adjudication = ClaimRules.check((ClaimFacts) row[0]);
            assertThat(adjudication.decision()).as("%s", row[1]).isEqualTo(Decision.DENIED);
            assertThat(adjudication.reasonCode()).isEqualTo(row[1]);
            assertThat(adjudication.payout().isZero()).isTrue();
        }
    }

    @Test
    void missing_facts_send_the_claim_to_assessors_unless_a_rule_fails() {
        for (ClaimFacts facts : new ClaimFacts[] {with(b -> b.scope(ScopeStatus.UNKNOWN)), with(b -> b.cause(Optional.empty())),
            with(b -> b.proven(Optional.empty()))}) {
            var adjudication = ClaimRules.check(facts);
            assertThat(adjudication.decision()).isEqualTo(Decision.NEEDS_ASSESSMENT);
            assertThat(adjudication.reasonCode()).isEqualTo("needs_assessment");
        }
        var unknownScope = ClaimRules.check(with(b -> b.scope(ScopeStatus.UNKNOWN)));
        assertThat(unknownScope.results().get(2).reasonCode()).isEqualTo("scope_unknown");
        assertThat(unknownScope.results().get(2).facts()).containsEntry("contract " + VAULT, "unknown").containsEntry("incident_block", "19000000");
    }

    @Test
    void a_claim_below_its_proven_loss_pays_the_claimed_loss_less_the_deductible_and_says_which_bound_applied() {
        var adjudication = ClaimRules.check(with(b -> b.claimed(Money.whole(USDC, 5_000)).proven(Optional.of(Money.whole(USDC, 40_000)))));
        assertThat(adjudication.payout()).as("claimed 5,000 less the 500 deductible, not the proven 40,000").isEqualTo(Money.whole(USDC, 4_500));
        assertThat(adjudication.results().get(Rule.LOSS_AT_LEAST_DEDUCTIBLE.ordinal()).facts())
                .containsEntry("claimed_loss", "5000.000000 USDC").containsEntry("proven_loss", "40000.000000 USDC")
                .containsEntry("deductible", "500.000000 USDC").containsEntry("loss_counted", "5000.000000 USDC")
                .containsEntry("loss_bound", "claimed_loss");
        assertThat(adjudication.results().get(Rule.AMOUNT_WITHIN_REMAINING_COVER.ordinal()).facts())
                .containsEntry("payout_if_approved", "4500.000000 USDC").containsEntry("payout_bound", "loss_less_deductible");
    }

    @Test
    void a_claim_above_its_proven_loss_pays_the_proven_loss_less_the_deductible() {
        var adjudication = ClaimRules.check(with(b -> b.claimed(Money.whole(USDC, 9_000)).proven(Optional.of(Money.whole(USDC, 3_000)))));
        assertThat(adjudication.payout()).isEqualTo(Money.whole(USDC, 2_500));
        assertThat(adjudication.results().get(Rule.LOSS_AT_LEAST_DEDUCTIBLE.ordinal()).facts()).containsEntry("loss_bound", "proven_loss");
        assertThat(ClaimRules.payout(good(), Money.whole(USDC, 9_000))).as("assessors accepting a claim still meet its proof")
                .isEqualTo(Money.whole(USDC, 3_500));
    }

    @Test
    void a_claimed_loss_below_the_deductible_is_denied_whatever_the_proof() {
        var adjudication = ClaimRules.check(with(b -> b.claimed(Money.whole(USDC, 400)).proven(Optional.of(Money.whole(USDC, 40_000)))));
        assertThat(adjudication.reasonCode()).isEqualTo("loss_below_deductible");
    }

    @Test
    void a_wallet_already_paid_by_other_covers_is_paid_only_what_they_left() {
        var partly = ClaimRules.check(with(b -> b.paidElsewhere(Money.whole(USDC, 3_000), 4L)));
        assertThat(partly.decision()).isEqualTo(Decision.APPROVED);
        assertThat(partly.payout()).as("loss 4,000 less the 3,000 paid to the same wallet").isEqualTo(Money.whole(USDC, 1_000));
        assertThat(partly.results().get(Rule.LOSS_NOT_PAID_BY_OTHER_COVERS.ordinal()).facts()).containsEntry("paid_elsewhere", "3000.000000 USDC")
                .containsEntry("other_claims", "[4]").containsEntry("loss_left", "1000.000000 USDC");
        assertThat(partly.results().get(Rule.AMOUNT_WITHIN_REMAINING_COVER.ordinal()).facts()).containsEntry("payout_bound", "loss_less_paid_elsewhere");

        var fully = ClaimRules.check(with(b -> b.paidElsewhere(Money.whole(USDC, 4_000), 4L, 6L)));
        assertThat(fully.decision()).isEqualTo(Decision.DENIED);
        assertThat(fully.reasonCode()).isEqualTo("loss_already_paid");
        assertThat(fully.results().get(Rule.LOSS_NOT_PAID_BY_OTHER_COVERS.ordinal()).facts()).containsEntry("other_claims", "[4, 6]");

        var unproven = ClaimRules.check(with(b -> b.proven(Optional.empty()).paidElsewhere(Money.whole(USDC, 4_000), 4L)));
        assertThat(unproven.reasonCode()).as("what the holder claims is already paid: no assessors needed").isEqualTo("loss_already_paid");
    }

    @Test
    void a_parametric_cover_pays_for_the_event_whatever_other_covers_paid_the_wallet() {
        var parametric = new ClaimTerms(TriggerKind.PARAMETRIC, Ratio.of(1, 2), Money.zero(USDC), Cause.defaultExclusions(), Duration.ZERO,
                Duration.ofDays(14));
        var adjudication = ClaimRules.check(with(b -> b.terms(parametric).paidElsewhere(Money.whole(USDC, 40_000), 4L)));
        assertThat(adjudication.payout()).isEqualTo(Money.whole(USDC, 5_000));
        assertThat(adjudication.results().get(Rule.LOSS_NOT_PAID_BY_OTHER_COVERS.ordinal()).verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void an_indemnity_payout_never_exceeds_the_remaining_cover() {
        var adjudication = ClaimRules.check(with(b -> b.proven(Optional.of(Money.whole(USDC, 50_000))).remaining(Money.whole(USDC, 2_000))));
        assertThat(adjudication.payout()).isEqualTo(Money.whole(USDC, 2_000));
    }

    @Test
    void a_parametric_cover_pays_its_ratio_of_the_amount_without_proof_of_loss() {
        var parametric = new ClaimTerms(TriggerKind.PARAMETRIC, Ratio.of(1, 2), Money.zero(USDC), Cause.defaultExclusions(), Duration.ZERO,
                Duration.ofDays(14));
        var adjudication = ClaimRules.check(with(b -> b.terms(parametric).proven(Optional.empty())));
        assertThat(adjudication.decision()).isEqualTo(Decision.APPROVED);
        assertThat(adjudication.payout()).isEqualTo(Money.whole(USDC, 5_000));
        assertThat(adjudication.results().get(Rule.LOSS_AT_LEAST_DEDUCTIBLE.ordinal()).facts()).containsEntry("loss", "not needed: parametric cover");
    }

    @Test
    void the_terms_frozen_at_purchase_decide_the_claim_window() {
        var longWindow = new ClaimTerms(TriggerKind.INDEMNITY, Ratio.ONE, Money.whole(USDC, 500), Cause.defaultExclusions(), Duration.ofDays(7),
                Duration.ofDays(90));
        var late = INCIDENT.plus(Duration.ofDays(60));
        assertThat(ClaimRules.check(with(b -> b.filed(late))).reasonCode()).isEqualTo("claim_window_closed");
        assertThat(ClaimRules.check(with(b -> b.terms(longWindow).filed(late))).decision()).isEqualTo(Decision.APPROVED);
    }

    @Test
    void an_excluded_cause_is_covered_when_the_terms_do_not_exclude_it() {
        var coversGovernance = new ClaimTerms(TriggerKind.INDEMNITY, Ratio.ONE, Money.whole(USDC, 500),
                java.util.EnumSet.of(Cause.KEY_COMPROMISE, Cause.PHISHING), Duration.ofDays(7), Duration.ofDays(30));
        var facts = with(b -> b.terms(coversGovernance).cause(Optional.of(Cause.GOVERNANCE_TAKEOVER)));
        assertThat(ClaimRules.check(facts).decision()).isEqualTo(Decision.APPROVED);
    }
}
