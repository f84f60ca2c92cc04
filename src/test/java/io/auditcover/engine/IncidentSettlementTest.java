package io.auditcover.engine;

import io.auditcover.claims.IncidentSettlements;
import io.auditcover.claims.Filings;
import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.ClaimDecided;
import io.auditcover.claims.DepositSettled;
import io.auditcover.claims.Claim;
import io.auditcover.claims.SharesAtReport;
import static io.auditcover.engine.Business.HALF_PARAMETRIC;
import static io.auditcover.engine.Business.ORACLES;
import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.Business.STRANGER;
import static io.auditcover.engine.Business.incident;
import static io.auditcover.engine.Business.signature;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Attestations;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.claims.Incident;
import io.auditcover.claims.Rule;
import io.auditcover.claims.RuleResult;
import io.auditcover.claims.TriggerKind;
import io.auditcover.reason.Reason;
import io.auditcover.ledger.Account;
import io.auditcover.money.Money;
import io.auditcover.pool.Position;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frozen claim terms, k-of-n signed confirmation, and settlement of parametric covers through decide and apply. */
class IncidentSettlementTest {

    private static Business parametricBook(long capitalWhole) {
        var book = Business.standard(capitalWhole);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, HALF_PARAMETRIC));
        return book;
    }

    @Test
    void a_cover_keeps_the_claim_terms_in_force_at_its_purchase() {
        var book = Business.standard(1_000_000);
        var before = book.buy("bob", 1_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, HALF_PARAMETRIC));
        var after = book.buy("cleo", 1_000);

        assertThat(before.claimTerms()).isEqualTo(ClaimTerms.defaultTerms(USDC));
        assertThat(before.claimTerms().trigger()).isEqualTo(TriggerKind.INDEMNITY);
        assertThat(before.claimTerms().claimWindow()).isEqualTo(Duration.ofDays(30));
        assertThat(book.state.claimTermsOf(book.state.covers().get(before.cover().id()))).isEqualTo(before.claimTerms());
        assertThat(book.state.claimTermsOf(book.state.covers().get(after.cover().id()))).isEqualTo(HALF_PARAMETRIC);
    }

    @Test
    void claim_terms_need_a_listing_and_the_pool_asset() {
        var book = Business.standard(0);
        assertThat(book.no(new Command.SetClaimTerms(book.id(), "nope", PROTOCOL, HALF_PARAMETRIC)).code()).isEqualTo(Reason.POOL_NOT_FOUND);
        assertThat(book.no(new Command.SetClaimTerms(book.id(), "alpha", "other", HALF_PARAMETRIC)).code()).isEqualTo(Reason.PROTOCOL_NOT_LISTED);
        var eth = ClaimTerms.indemnity(Money.zero(EngineFixtures.ETH));
        assertThat(book.no(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, eth)).code()).isEqualTo(Reason.ASSET_MISMATCH);
        assertThat(book.no(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, null)).code()).isEqualTo(Reason.INVALID_COMMAND);
    }

    @Test
    void forged_duplicate_malformed_and_late_attestations_are_refused_with_their_codes() {
        var book = parametricBook(1_000_000);
        Incident incident = incident("inc-1", Cause.REENTRANCY, book.now);
        assertThat(book.no(new Command.AttestIncident(book.id(), "inc-1", signature(incident, true, ORACLES.get(0)))).code())
                .isEqualTo(Reason.INCIDENT_NOT_FOUND);
        book.ok(new Command.ReportIncident(book.id(), incident));
        assertThat(book.no(new Command.ReportIncident(book.id(), incident)).code()).isEqualTo(Reason.ALREADY_EXISTS);

        var forged = book.no(new Command.AttestIncident(book.id(), "inc-1", signature(incident, true, STRANGER)));
        assertThat(forged.code()).isEqualTo(Reason.UNKNOWN_ORACLE);
        assertThat(forged.details()).containsEntry("signer", Business.address(STRANGER));
        var otherStatement = incident("inc-1", Cause.PHISHING, book.now);
        assertThat(book.no(new Command.AttestIncident(book.id(), "inc-1", signature(otherStatement, true, ORACLES.get(0)))).code())
                .as("a signature over other fields recovers to another address").isEqualTo(Reason.UNKNOWN_ORACLE);
        assertThat(book.no(new Command.AttestIncident(book.id(), "inc-1", "0x1234")).code()).isEqualTo(Reason.INVALID_SIGNATURE);
        book.ok(new Command.AttestIncident(book.id(), "inc-1", signature(incident, true, ORACLES.get(0))));
        assertThat(book.no(new Command.AttestIncident(book.id(), "inc-1", signature(incident, true, ORACLES.get(0)))).code())
                .isEqualTo(Reason.DUPLICATE_ATTESTATION);
        book.now = book.now.plus(Business.ATTESTATION_WINDOW).plusSeconds(1);
        assertThat(book.no(new Command.AttestIncident(book.id(), "inc-1", signature(incident, true, ORACLES.get(1)))).code())
                .isEqualTo(Reason.ATTESTATION_WINDOW_CLOSED);
        assertThat(book.state.incidents().get("inc-1").statusAt(book.now)).isEqualTo(Attestations.Status.REJECTED);
        assertThat(IncidentSettlements.awaitingSettlement(book.state.claimBooks(), book.now)).as("a rejected incident waits to be closed").containsExactly("inc-1");
        assertThat(book.settle("inc-1").claims()).as("a rejected incident closes and pays nothing").isEmpty();
        assertThat(IncidentSettlements.awaitingSettlement(book.state.claimBooks(), book.now)).isEmpty();
        assertThat(book.no(new Command.SettleIncident(book.id(), "inc-1")).code()).isEqualTo(Reason.INCIDENT_ALREADY_SETTLED);
    }

    @Test
    void a_pool_with_nothing_open_settles_while_another_pool_waits_for_its_indemnity_holders() {
        var book = parametricBook(1_000_000);
        book.ok(new Command.CreatePool(book.id(), "beta", USDC, new io.auditcover.pool.PoolRules(io.auditcover.money.Ratio.whole(4),
                io.auditcover.money.Ratio.ONE, Duration.ofDays(7))));
        book.ok(new Command.ListProtocol(book.id(), "beta", PROTOCOL, 200));
        book.ok(new Command.Deposit(book.id(), "beta", "bram", Money.whole(USDC, 1_000_000)));
        long parametric = book.buy("bob", 10_000).cover().id();
        long indemnity = ((Event.CoverBought) book.ok(new Command.BuyCover(book.id(), "cleo", "beta", PROTOCOL, Money.whole(USDC, 10_000), 90)))
                .cover().id();
        book.ok(new Command.RequestWithdrawal(book.id(), "alpha", "ada", 1_000_000));
        book.ok(new Command.RequestWithdrawal(book.id(), "beta", "bram", 1_000_000));
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        book.advance(Duration.ofDays(7));

        var first = book.settle("inc-1");

        assertThat(first.settledPools()).containsExactly("alpha");
        assertThat(first.complete()).isFalse();
        assertThat(first.claims()).singleElement().extracting(ClaimDecided::coverId).isEqualTo(parametric);
        assertThat(book.state.incidents().get("inc-1").settledAt()).isNull();
        book.ok(new Command.Withdraw(book.id(), 1, "ada"));
        assertThat(book.no(new Command.Withdraw(book.id(), 2, "bram")).code()).isEqualTo(Reason.INCIDENT_PENDING);
        assertThat(book.no(new Command.SettleIncident(book.id(), "inc-1")).code()).isEqualTo(Reason.CLAIM_WINDOW_OPEN);
        assertThat(IncidentSettlements.awaitingSettlement(book.state.claimBooks(), book.now)).containsExactly("inc-1");

        book.ok(new Command.FileClaim(book.id(), "cleo", indemnity, "inc-1", Money.whole(USDC, 3_000), lost(5_000, 2_000)));
        var second = book.settle("inc-1");

        assertThat(second.settledPools()).containsExactly("beta");
        assertThat(second.complete()).isTrue();
        assertThat(second.claims()).singleElement().satisfies(claim -> {
            assertThat(claim.coverId()).isEqualTo(indemnity);
            assertThat(claim.paidUnits()).isEqualTo(Money.whole(USDC, 3_000).units());
        });
        assertThat(book.state.incidents().get("inc-1").settledAt()).isEqualTo(book.now);
        assertThat(book.state.incidents().get("inc-1").settledPools()).containsExactly("alpha", "beta");
        book.ok(new Command.Withdraw(book.id(), 2, "bram"));
        assertThat(book.no(new Command.SettleIncident(book.id(), "inc-1")).code()).isEqualTo(Reason.INCIDENT_ALREADY_SETTLED);
    }

    @Test
    void loss_share_terms_pay_the_payout_ratio_scaled_by_the_share_of_the_protocol_the_oracles_signed() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, new ClaimTerms(TriggerKind.PARAMETRIC, io.auditcover.money.Ratio.of(1, 2),
                Money.zero(USDC), io.auditcover.claims.Cause.defaultExclusions(), Duration.ZERO, Duration.ofDays(30),
                ClaimTerms.PayoutBasis.LOSS_SHARE)));
        long bob = book.buy("bob", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        var base = incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60));
        var incident = new Incident(base.id(), base.protocolId(), base.contractKeys(), base.fromBlock(), base.toBlock(), base.occurredAt(),
                base.cause(), base.estimatedLoss(), base.transactionHashes(), 2_500);
        book.reportAndConfirm(incident);

        var claim = book.settle("inc-1").claims().getFirst();

        assertThat(claim.coverId()).isEqualTo(bob);
        assertThat(claim.paidUnits()).as("10,000 × 1/2 × 25 %").isEqualTo(Money.whole(USDC, 1_250).units());
        var explanation = Filings.explain(book.state.claimBooks(), claim.claimId()).orElseThrow();
        assertThat(explanation.adjudication().payout()).isEqualTo(Money.whole(USDC, 1_250));
        assertThat(explanation.adjudication().results().get(Rule.LOSS_AT_LEAST_DEDUCTIBLE.ordinal()).facts())
                .containsEntry("loss_share", io.auditcover.money.Ratio.bps(2_500).toString());
    }

    @Test
    void a_deposit_made_after_the_incident_but_before_its_report_bears_none_of_its_loss() {
        var book = parametricBook(100_000);
        book.buy("bob", 40_000);
        book.advance(Duration.ofDays(1));
        Incident incident = incident("inc-1", Cause.REENTRANCY, book.now.minus(Duration.ofHours(2)));
        assertThat(book.no(new Command.ReportIncident(book.id(), incident("inc-0", Cause.REENTRANCY, book.now.plusSeconds(1)))).code())
                .as("an incident cannot have happened after its report").isEqualTo(Reason.INVALID_COMMAND);
        book.ok(new Command.Deposit(book.id(), "alpha", "ada", Money.whole(USDC, 50_000)));
        book.ok(new Command.Deposit(book.id(), "alpha", "dora", Money.whole(USDC, 100_000)));
        long adaShares = book.state.positions().get(Position.key("alpha", "ada")).shares();
        long doraShares = book.state.positions().get(Position.key("alpha", "dora")).shares();

        var reported = (Event.IncidentReported) book.ok(new Command.ReportIncident(book.id(), incident));
        assertThat(reported.sharesAtReport()).as("only the shares ada held when the exploit happened")
                .containsExactly(new SharesAtReport("alpha", "ada", 100_000_000_000L));
        book.ok(new Command.AttestIncident(book.id(), "inc-1", signature(incident, true, ORACLES.get(0))));
        book.ok(new Command.AttestIncident(book.id(), "inc-1", signature(incident, true, ORACLES.get(1))));
        book.advance(Business.DISPUTE_WINDOW);
        var burned = book.settle("inc-1").pools().getFirst().sharesBurned();

        assertThat(burned).extracting(SharesAtReport::underwriter).containsExactly("ada");
        assertThat(burned.getFirst().shares()).isPositive().isLessThanOrEqualTo(100_000_000_000L);
        assertThat(book.state.positions().get(Position.key("alpha", "ada")).shares()).isEqualTo(adaShares - burned.getFirst().shares());
        assertThat(book.state.positions().get(Position.key("alpha", "dora")).shares()).isEqualTo(doraShares);
    }

    @Test
    void an_incident_disputed_away_after_claims_were_filed_closes_denying_them_and_returning_their_deposits() {
        var book = Business.standard(1_000_000);
        for (int i = 1; i <= 3; i++) {
            book.ok(new Command.RegisterAssessor(book.id(), "as-" + i, 1, 1));
        }
        long bobCover = book.buy("bob", 10_000).cover().id();
        long cleoCover = book.buy("cleo", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        Incident incident = incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60));
        book.ok(new Command.ReportIncident(book.id(), incident));
        book.ok(new Command.AttestIncident(book.id(), "inc-1", signature(incident, true, ORACLES.get(0))));
        book.ok(new Command.AttestIncident(book.id(), "inc-1", signature(incident, true, ORACLES.get(1))));
        var unproven = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", bobCover, "inc-1", Money.whole(USDC, 2_000), null));
        var proven = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "cleo", cleoCover, "inc-1", Money.whole(USDC, 1_000),
                new LossEvidence(Money.whole(USDC, 1_500), Money.whole(USDC, 500), 149, 152)));
        assertThat(unproven.deposit()).isEqualTo(Money.whole(USDC, 20));
        assertThat(proven.reasonCode()).isEqualTo("approved");
        Money outside = book.state.ledger().balance(Account.external(USDC));
        Money capital = book.state.pools().get("alpha").capital();

        book.ok(new Command.DisputeIncident(book.id(), "inc-1", signature(incident, false, ORACLES.get(2))));
        book.ok(new Command.DisputeIncident(book.id(), "inc-1", signature(incident, false, ORACLES.get(0))));
        assertThat(book.no(new Command.FileClaim(book.id(), "bob", bobCover, "inc-1", Money.whole(USDC, 1), null)).code())
                .isEqualTo(Reason.INCIDENT_NOT_FINAL);
        var closed = book.settle("inc-1");

        assertThat(closed.pools()).isEmpty();
        assertThat(closed.claims()).extracting(ClaimDecided::claimId).containsExactly(unproven.claimId(), proven.claimId());
        assertThat(closed.claims()).allSatisfy(claim -> {
            assertThat(claim.reasonCode()).isEqualTo(IncidentSettlements.INCIDENT_REJECTED_CODE);
            assertThat(claim.paidUnits()).isZero();
        });
        assertThat(closed.deposits()).singleElement().satisfies(deposit -> {
            assertThat(deposit.claimId()).isEqualTo(unproven.claimId());
            assertThat(deposit.toPool()).isFalse();
        });
        assertThat(book.state.ledger().balance(io.auditcover.ledger.Account.claimDeposits(unproven.deposit().asset()))).isEqualTo(Money.zero(USDC));
        assertThat(book.state.ledger().balance(Account.external(USDC))).isEqualTo(outside.plus(unproven.deposit()));
        assertThat(book.state.pools().get("alpha").capital()).isEqualTo(capital);
        assertThat(book.state.claim(proven.claimId()).orElseThrow().stage()).isEqualTo(Claim.Stage.DECIDED);
        assertThat(book.state.covers().get(cleoCover).paid()).isEqualTo(Money.zero(USDC));
    }

    @Test
    void k_disputes_in_the_dispute_window_reject_a_confirmed_incident() {
        var book = parametricBook(1_000_000);
        Incident incident = incident("inc-1", Cause.REENTRANCY, book.now);
        book.ok(new Command.ReportIncident(book.id(), incident));
        assertThat(book.no(new Command.DisputeIncident(book.id(), "inc-1", signature(incident, false, ORACLES.get(2)))).code())
                .as("nothing to dispute before confirmation").isEqualTo(Reason.DISPUTE_WINDOW_CLOSED);
        book.ok(new Command.AttestIncident(book.id(), "inc-1", signature(incident, true, ORACLES.get(0))));
        book.ok(new Command.AttestIncident(book.id(), "inc-1", signature(incident, true, ORACLES.get(1))));
        assertThat(book.no(new Command.SettleIncident(book.id(), "inc-1")).code()).isEqualTo(Reason.INCIDENT_NOT_FINAL);
        assertThat(book.no(new Command.DisputeIncident(book.id(), "inc-1", signature(incident, true, ORACLES.get(2)))).code())
                .as("a confirmation is not a dispute").isEqualTo(Reason.UNKNOWN_ORACLE);
        book.ok(new Command.DisputeIncident(book.id(), "inc-1", signature(incident, false, ORACLES.get(2))));
        assertThat(book.no(new Command.DisputeIncident(book.id(), "inc-1", signature(incident, false, ORACLES.get(2)))).code())
                .isEqualTo(Reason.DUPLICATE_DISPUTE);
        book.ok(new Command.DisputeIncident(book.id(), "inc-1", signature(incident, false, ORACLES.get(0))));
        assertThat(book.state.incidents().get("inc-1").statusAt(book.now)).isEqualTo(Attestations.Status.REJECTED);
    }

    @Test
    void a_final_incident_pays_every_parametric_cover_active_at_it_and_denies_the_rest_with_reasons() {
        var book = parametricBook(1_000_000);
        long bob = book.buy("bob", 10_000).cover().id();
        long cleo = book.buy("cleo", 4_000).cover().id();
        book.advance(Duration.ofDays(1));
        Incident incident = incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(3_600));
        long late = book.buy("dan", 2_000).cover().id();
        book.ok(new Command.ReportIncident(book.id(), incident));
        assertThat(IncidentSettlements.awaitingSettlement(book.state.claimBooks(), book.now)).as("pending: nothing to settle yet").isEmpty();
        book.ok(new Command.AttestIncident(book.id(), "inc-1", signature(incident, true, ORACLES.get(0))));
        book.ok(new Command.AttestIncident(book.id(), "inc-1", signature(incident, true, ORACLES.get(1))));
        assertThat(IncidentSettlements.awaitingSettlement(book.state.claimBooks(), book.now)).as("confirmed, still in its dispute window").isEmpty();
        book.advance(Business.DISPUTE_WINDOW);
        assertThat(IncidentSettlements.awaitingSettlement(book.state.claimBooks(), book.now)).containsExactly("inc-1");
        Money capitalBefore = book.state.pools().get("alpha").capital();

        var settled = book.settle("inc-1");

        assertThat(settled.claims()).extracting(ClaimDecided::coverId).containsExactly(bob, cleo, late);
        assertThat(settled.claims()).extracting(ClaimDecided::reasonCode)
                .containsExactly("approved", "approved", Rule.COVER_ACTIVE_AT_INCIDENT.failureCode());
        assertThat(settled.claims()).extracting(ClaimDecided::paidUnits)
                .containsExactly(Money.whole(USDC, 5_000).units(), Money.whole(USDC, 2_000).units(), 0L);
        var pool = book.state.pools().get("alpha");
        assertThat(pool.capital()).isEqualTo(capitalBefore.minus(Money.whole(USDC, 7_000)));
        assertThat(book.state.covers().get(bob).paid()).isEqualTo(Money.whole(USDC, 5_000));
        assertThat(book.state.ledger().balance(Account.poolCapital("alpha", USDC))).isEqualTo(pool.capital());
        assertThat(book.no(new Command.SettleIncident(book.id(), "inc-1")).code()).isEqualTo(Reason.INCIDENT_ALREADY_SETTLED);
    }

    @Test
    void excluded_causes_and_code_outside_audited_scope_are_denied() {
        var book = parametricBook(1_000_000);
        long bob = book.buy("bob", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-key", Cause.KEY_COMPROMISE, book.now.minusSeconds(60)));
        var denied = book.settle("inc-key");
        assertThat(denied.claims()).singleElement().extracting(ClaimDecided::reasonCode).isEqualTo("cause_excluded");
        assertThat(denied.pools()).isEmpty();

        var unobserved = new Incident("inc-early", PROTOCOL, List.of(Business.CONTRACT), 50, 60, book.now.minusSeconds(30), Cause.REENTRANCY,
                Money.whole(USDC, 1), List.of());
        book.reportAndConfirm(unobserved);
        var undecided = book.no(new Command.SettleIncident(book.id(), "inc-early"));
        assertThat(undecided.code()).as("scope unknown before the first observation and no assessor to judge it: the pool waits")
                .isEqualTo(Reason.ASSESSORS_UNAVAILABLE);
        assertThat(undecided.details()).containsEntry("cover_id", Long.toString(bob)).containsEntry("block", "50");
        assertThat(book.state.covers().get(bob).paid()).isEqualTo(Money.zero(USDC));
    }

    @Test
    void a_short_pool_pays_every_claim_the_same_share_and_records_the_shortfall_above_its_reinsurance() {
        var book = parametricBook(10_000);
        book.ok(new Command.SetReinsurance(book.id(), "alpha", new ExcessOfLoss(Money.whole(USDC, 5_000), Money.whole(USDC, 6_000))));
        book.buy("bob", 20_000);
        book.buy("cleo", 20_000);
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        Money capital = book.state.pools().get("alpha").capital();

        var settled = book.settle("inc-1");

        var pool = settled.pools().getFirst();
        assertThat(pool.approved()).isEqualTo(Money.whole(USDC, 20_000));
        assertThat(pool.recovery()).isEqualTo(Money.whole(USDC, 6_000));
        assertThat(pool.paid()).isEqualTo(capital.plus(Money.whole(USDC, 6_000)));
        assertThat(pool.shortfall()).isEqualTo(Money.whole(USDC, 20_000).minus(pool.paid()));
        // The same share up to the one minor unit a split of an odd total leaves over (the capital includes the premiums, so
        // its parity follows the pricing parameters).
        assertThat(Math.abs(settled.claims().get(0).paidUnits() - settled.claims().get(1).paidUnits())).isLessThanOrEqualTo(1);
        assertThat(settled.claims().get(0).paidUnits() + settled.claims().get(1).paidUnits()).isEqualTo(pool.paid().units());
        assertThat(book.state.pools().get("alpha").capital()).isEqualTo(Money.zero(USDC));
    }

    @Test
    void withdrawals_wait_for_the_incident_and_only_shares_held_at_the_report_bear_its_loss() {
        var book = parametricBook(100_000);
        book.ok(new Command.Deposit(book.id(), "alpha", "bram", Money.whole(USDC, 300_000)));
        book.buy("bob", 40_000);
        book.ok(new Command.RequestWithdrawal(book.id(), "alpha", "ada", 50_000_000_000L));
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        book.advance(Duration.ofDays(7));
        assertThat(book.no(new Command.Withdraw(book.id(), 1, "ada")).code()).isEqualTo(Reason.INCIDENT_PENDING);
        book.ok(new Command.Deposit(book.id(), "alpha", "cleo", Money.whole(USDC, 200_000)));
        var before = book.state.pools().get("alpha");
        long cleoShares = book.state.positions().get(Position.key("alpha", "cleo")).shares();
        Money cleoBefore = before.valueOf(cleoShares);
        long adaShares = book.state.positions().get(Position.key("alpha", "ada")).shares();
        long bramShares = book.state.positions().get(Position.key("alpha", "bram")).shares();

        var settled = book.settle("inc-1");

        var burned = settled.pools().getFirst().sharesBurned();
        assertThat(burned).extracting(SharesAtReport::underwriter).containsExactly("ada", "bram");
        assertThat(burned.get(0).shares() * 3).isCloseTo(burned.get(1).shares(), org.assertj.core.data.Offset.offset(3L));
        var after = book.state.pools().get("alpha");
        assertThat(after.valueOf(cleoShares)).as("a deposit after the report bears nothing").isGreaterThanOrEqualTo(cleoBefore);
        assertThat(after.valueOf(cleoShares).minus(cleoBefore).units()).isLessThanOrEqualTo(1);
        assertThat(book.state.positions().get(Position.key("alpha", "ada")).shares()).isEqualTo(adaShares - burned.get(0).shares());
        assertThat(book.state.positions().get(Position.key("alpha", "bram")).shares()).isEqualTo(bramShares - burned.get(1).shares());
        book.ok(new Command.Withdraw(book.id(), 1, "ada"));
    }

    @Test
    void explain_reports_every_rule_in_order_with_its_facts() {
        var book = parametricBook(1_000_000);
        book.buy("bob", 10_000);
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        var claim = book.settle("inc-1").claims().getFirst();

        var explanation = Filings.explain(book.state.claimBooks(), claim.claimId()).orElseThrow();

        assertThat(explanation.adjudication().results()).extracting(RuleResult::rule).containsExactlyElementsOf(io.auditcover.claims.ClaimRules.order());
        assertThat(explanation.adjudication().results()).extracting(RuleResult::verdict).containsOnly(RuleResult.Verdict.PASSED);
        assertThat(explanation.adjudication().reasonCode()).isEqualTo(explanation.claim().reasonCode());
        assertThat(explanation.adjudication().results().get(2).facts()).containsEntry("contract " + Business.CONTRACT, "in_scope");
        assertThat(Filings.explain(book.state.claimBooks(), 99)).isEmpty();
    }

    private static LossEvidence lost(long beforeWhole, long afterWhole) {
        return new LossEvidence(Money.whole(USDC, beforeWhole), Money.whole(USDC, afterWhole), 149, 153);
    }

    @Test
    void indemnity_claims_are_decided_at_filing_and_the_approved_ones_paid_at_settlement_after_every_window_closes() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.whole(USDC, 100))));
        long bob = book.buy("bob", 10_000).cover().id();
        long cleo = book.buy("cleo", 10_000).cover().id();
        long dan = book.buy("dan", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));

        var approved = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", bob, "inc-1", Money.whole(USDC, 4_000), lost(5_000, 1_500)));
        assertThat(approved.reasonCode()).isEqualTo("approved");
        assertThat(approved.approved()).as("proven loss 3,500 less the 100 deductible").isEqualTo(Money.whole(USDC, 3_400));
        var unproven = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "cleo", cleo, "inc-1", Money.whole(USDC, 2_000), null));
        assertThat(unproven.reasonCode()).isEqualTo("needs_assessment");
        assertThat(book.no(new Command.FileClaim(book.id(), "bob", bob, "inc-1", Money.whole(USDC, 1), null)).code()).isEqualTo(Reason.ALREADY_EXISTS);
        assertThat(book.no(new Command.FileClaim(book.id(), "bob", dan, "inc-1", Money.whole(USDC, 1), null)).code()).isEqualTo(Reason.NOT_OWNER);
        assertThat(book.no(new Command.FileClaim(book.id(), "dan", dan, "inc-9", Money.whole(USDC, 1), null)).code())
                .isEqualTo(Reason.INCIDENT_NOT_FOUND);
        var early = book.no(new Command.SettleIncident(book.id(), "inc-1"));
        assertThat(early.code()).as("dan may still claim").isEqualTo(Reason.CLAIM_WINDOW_OPEN);
        assertThat(early.details()).containsEntry("cover_id", Long.toString(dan));
        var small = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "dan", dan, "inc-1", Money.whole(USDC, 50), lost(1_000, 950)));
        assertThat(small.reasonCode()).isEqualTo("loss_below_deductible");

        var settled = book.settle("inc-1");

        assertThat(settled.claims()).as("every filed claim is decided, paid or not").hasSize(3);
        assertThat(settled.claims()).filteredOn(claim -> claim.paidUnits() > 0).singleElement().satisfies(claim -> {
            assertThat(claim.claimId()).isEqualTo(approved.claimId());
            assertThat(claim.paidUnits()).isEqualTo(Money.whole(USDC, 3_400).units());
        });
        assertThat(book.state.claim(small.claimId()).orElseThrow().stage()).isEqualTo(Claim.Stage.DECIDED);
        assertThat(book.state.claim(small.claimId()).orElseThrow().reasonCode()).isEqualTo("loss_below_deductible");
        assertThat(book.state.covers().get(bob).paid()).isEqualTo(Money.whole(USDC, 3_400));
        var explanation = Filings.explain(book.state.claimBooks(), small.claimId()).orElseThrow();
        assertThat(explanation.adjudication().reasonCode()).isEqualTo("loss_below_deductible");
        assertThat(explanation.adjudication().results().get(io.auditcover.claims.Rule.LOSS_AT_LEAST_DEDUCTIBLE.ordinal()).facts()).containsEntry("proven_loss", Money.whole(USDC, 50).toString());
        assertThat(Filings.explain(book.state.claimBooks(), approved.claimId()).orElseThrow().adjudication().payout())
                .isEqualTo(Money.whole(USDC, 3_400));
    }

    @Test
    void an_indemnity_window_left_unused_lets_the_incident_settle_once_it_closes() {
        var book = Business.standard(1_000_000);
        book.buy("bob", 10_000);
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        assertThat(book.no(new Command.SettleIncident(book.id(), "inc-1")).code()).isEqualTo(Reason.CLAIM_WINDOW_OPEN);
        book.advance(Duration.ofDays(30));
        assertThat(book.settle("inc-1").claims()).isEmpty();
        assertThat(book.no(new Command.FileClaim(book.id(), "bob", 1, "inc-1", Money.whole(USDC, 1), null)).code())
                .isEqualTo(Reason.INCIDENT_ALREADY_SETTLED);
    }

    @Test
    void assessors_decide_unproven_claims_with_undo_escalation_and_deposits_settled_by_the_outcome() {
        var book = Business.standard(1_000_000);
        for (int i = 1; i <= 6; i++) {
            book.ok(new Command.RegisterAssessor(book.id(), "as-" + i, i == 1 ? 2 : 1, i <= 3 ? 1 : 2));
        }
        assertThat(book.no(new Command.RegisterAssessor(book.id(), "as-9", 1, 3)).code()).isEqualTo(Reason.INVALID_COMMAND);
        long bobCover = book.buy("bob", 10_000).cover().id();
        long cleoCover = book.buy("cleo", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        var bob = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", bobCover, "inc-1", Money.whole(USDC, 2_000), null));
        var cleo = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "cleo", cleoCover, "inc-1", Money.whole(USDC, 1_000), null));
        assertThat(bob.reasonCode()).isEqualTo("needs_assessment");
        assertThat(bob.assessment().panel()).containsOnlyKeys("as-1", "as-2", "as-3");
        assertThat(bob.deposit()).isEqualTo(Money.whole(USDC, 20));
        assertThat(book.state.ledger().balance(io.auditcover.ledger.Account.claimDeposits(bob.deposit().asset()))).isEqualTo(Money.whole(USDC, 30));

        book.ok(new Command.CastVote(book.id(), "as-1", bob.claimId(), true));
        book.ok(new Command.CastVote(book.id(), "as-2", bob.claimId(), false));
        book.ok(new Command.CastVote(book.id(), "as-3", bob.claimId(), false));
        assertThat(book.no(new Command.CastVote(book.id(), "as-1", bob.claimId(), true)).code()).isEqualTo(Reason.ALREADY_VOTED);
        assertThat(book.no(new Command.CastVote(book.id(), "as-4", bob.claimId(), true)).code()).isEqualTo(Reason.NOT_ON_PANEL);
        assertThat(book.no(new Command.UndoVotes(book.id(), bob.claimId(), List.of("as-3"))).code()).isEqualTo(Reason.NOT_IN_COOLDOWN);
        assertThat(book.no(new Command.EscalateClaim(book.id(), "bob", bob.claimId())).code()).isEqualTo(Reason.VOTING_NOT_OVER);
        for (String assessor : List.of("as-1", "as-2")) {
            book.ok(new Command.CastVote(book.id(), assessor, cleo.claimId(), false));
        }
        book.advance(Duration.ofDays(3));
        assertThat(book.no(new Command.CastVote(book.id(), "as-3", cleo.claimId(), true)).code()).isEqualTo(Reason.VOTING_CLOSED);
        assertThat(book.no(new Command.UndoVotes(book.id(), bob.claimId(), List.of("as-5"))).code()).isEqualTo(Reason.VOTE_NOT_FOUND);
        book.ok(new Command.UndoVotes(book.id(), bob.claimId(), List.of("as-3")));
        assertThat(book.no(new Command.EscalateClaim(book.id(), "cleo", bob.claimId())).code()).isEqualTo(Reason.NOT_OWNER);
        book.ok(new Command.EscalateClaim(book.id(), "bob", bob.claimId()));
        assertThat(book.no(new Command.EscalateClaim(book.id(), "bob", bob.claimId())).code()).isEqualTo(Reason.ALREADY_ESCALATED);
        for (String assessor : List.of("as-1", "as-2", "as-4", "as-5")) {
            book.ok(new Command.CastVote(book.id(), assessor, bob.claimId(), true));
        }
        assertThat(book.no(new Command.SettleIncident(book.id(), "inc-1")).code()).isEqualTo(Reason.ASSESSMENT_OPEN);
        book.advance(Duration.ofDays(4).plusSeconds(1));
        Money capital = book.state.pools().get("alpha").capital();

        var settled = book.settle("inc-1");

        assertThat(settled.claims()).extracting(ClaimDecided::reasonCode).containsExactly("assessors_accept", "assessors_deny");
        assertThat(settled.claims()).filteredOn(claim -> claim.paidUnits() > 0).singleElement().satisfies(claim -> {
            assertThat(claim.claimId()).isEqualTo(bob.claimId());
            assertThat(claim.paidUnits()).isEqualTo(Money.whole(USDC, 2_000).units());
        });
        assertThat(settled.deposits()).extracting(DepositSettled::toPool).containsExactly(false, true);
        assertThat(book.state.pools().get("alpha").capital()).isEqualTo(capital.minus(Money.whole(USDC, 2_000)).plus(Money.whole(USDC, 10)));
        assertThat(book.state.ledger().balance(io.auditcover.ledger.Account.claimDeposits(bob.deposit().asset()))).isEqualTo(Money.zero(USDC));
    }
}
