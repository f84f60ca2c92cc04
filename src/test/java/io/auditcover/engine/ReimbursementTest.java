package io.auditcover.engine;

import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.Business.incident;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimDecided;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.Filings;
import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.Reimbursement;
import io.auditcover.claims.Rule;
import io.auditcover.claims.RuleResult;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.reason.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Declared reimbursements and the minimum loss share through filing, settlement, explanation, snapshot and the log's JSON. */
class ReimbursementTest {
    /** Indemnity, a 300 deductible, and a loss below 10 % of the cover amount (1,000 of 10,000) is not covered. */
    static final ClaimTerms TERMS = ClaimTerms.indemnity(Money.whole(USDC, 300)).withMinimumLossShare(Ratio.bps(1_000));

    private static LossEvidence lost(long whole) {
        return new LossEvidence(Money.whole(USDC, whole), Money.zero(USDC), 149, 153);
    }

    private static Command.DeclareReimbursement declare(Business book, String by, long coverId, long whole, Reimbursement.Source source) {
        return new Command.DeclareReimbursement(book.id(), by, coverId, "inc-1", Money.whole(USDC, whole), source, "tx 0x" + "c".repeat(64));
    }

    @Test
    void settlement_pays_the_loss_net_of_reimbursements_then_less_the_deductible_and_denies_what_was_repaid_or_too_small() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, TERMS));
        long bob = book.buy("bob", 10_000).cover().id();
        long cleo = book.buy("cleo", 10_000).cover().id();
        long dan = book.buy("dan", 10_000).cover().id();
        long erin = book.buy("erin", 10_000).cover().id();
        assertThat(book.state.claimTermsOf(book.state.covers().get(bob)).minimumLossShare()).as("frozen into the cover").isEqualTo(Ratio.bps(1_000));
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));

        // Before filing: the protocol repaid bob 1,000 (the operator declares it for the protocol), a bounty deal 500 more.
        book.ok(declare(book, Reimbursement.OPERATOR, bob, 1_000, Reimbursement.Source.PROTOCOL));
        book.ok(declare(book, "bob", bob, 500, Reimbursement.Source.BOUNTY_NEGOTIATION));
        var bobs = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", bob, "inc-1", Money.whole(USDC, 4_000), lost(4_000)));
        assertThat(bobs.reasonCode()).isEqualTo("approved");
        assertThat(bobs.approved()).as("4,000 − 1,500 reimbursed − 300 deductible").isEqualTo(Money.whole(USDC, 2_200));

        var cleos = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "cleo", cleo, "inc-1", Money.whole(USDC, 3_000), lost(3_000)));
        assertThat(cleos.approved()).isEqualTo(Money.whole(USDC, 2_700));
        var dans = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "dan", dan, "inc-1", Money.whole(USDC, 999), lost(999)));
        assertThat(dans.reasonCode()).isEqualTo("minimum_loss_share_not_met");
        var erins = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "erin", erin, "inc-1", Money.whole(USDC, 2_000), lost(2_000)));
        assertThat(erins.approved()).isEqualTo(Money.whole(USDC, 1_700));

        // After filing, before settlement: another insurer paid cleo in full; the protocol repaid erin 1,800 of her 2,000.
        book.ok(declare(book, Reimbursement.OPERATOR, cleo, 3_000, Reimbursement.Source.OTHER_INSURER));
        book.ok(declare(book, "erin", erin, 1_800, Reimbursement.Source.PROTOCOL));
        assertThat(book.no(declare(book, "dan", bob, 1, Reimbursement.Source.PROTOCOL)).code()).isEqualTo(Reason.NOT_OWNER);

        var settled = book.settle("inc-1");
        Map<Long, ClaimDecided> decided = settled.claims().stream().collect(Collectors.toMap(ClaimDecided::claimId, c -> c));
        assertThat(decided.get(bobs.claimId()).paidUnits()).isEqualTo(Money.whole(USDC, 2_200).units());
        assertThat(decided.get(cleos.claimId()).reasonCode()).isEqualTo("already_reimbursed");
        assertThat(decided.get(cleos.claimId()).paidUnits()).isZero();
        assertThat(decided.get(dans.claimId()).reasonCode()).isEqualTo("minimum_loss_share_not_met");
        assertThat(decided.get(erins.claimId()).reasonCode()).as("200 net is under the 300 deductible").isEqualTo("loss_below_deductible");
        assertThat(decided.get(erins.claimId()).paidUnits()).isZero();
        assertThat(book.state.covers().get(bob).paid()).isEqualTo(Money.whole(USDC, 2_200));
        assertThat(book.state.covers().get(cleo).paid()).isEqualTo(Money.zero(USDC));

        var explanation = Filings.explain(book.state.claimBooks(), cleos.claimId()).orElseThrow();
        assertThat(explanation.adjudication().reasonCode()).as("explained from the facts settlement used").isEqualTo("already_reimbursed");
        RuleResult reimbursed = explanation.adjudication().results().get(Rule.LOSS_NOT_FULLY_REIMBURSED.ordinal());
        assertThat(reimbursed.facts()).containsEntry("reimbursed", Money.whole(USDC, 3_000).toString())
                .containsEntry("net_loss", Money.zero(USDC).toString())
                .hasEntrySatisfying("reimbursement 001", text -> assertThat(text).startsWith(Money.whole(USDC, 3_000)
                        + " from other_insurer, declared by operator on cover " + cleo));
        var bobsExplanation = Filings.explain(book.state.claimBooks(), bobs.claimId()).orElseThrow();
        assertThat(bobsExplanation.adjudication().payout()).isEqualTo(Money.whole(USDC, 2_200));
        assertThat(bobsExplanation.adjudication().results().get(Rule.LOSS_NOT_FULLY_REIMBURSED.ordinal()).facts())
                .containsKeys("reimbursement 001", "reimbursement 002");
        assertThat(Filings.explain(book.state.claimBooks(), dans.claimId()).orElseThrow().adjudication().results()
                .get(Rule.LOSS_AT_LEAST_MINIMUM_SHARE.ordinal()).facts()).containsEntry("minimum_loss", Money.whole(USDC, 1_000).toString())
                .containsEntry("loss_counted", Money.whole(USDC, 999).toString()).containsEntry("minimum_loss_share", "1/10");

        assertThat(book.no(declare(book, "bob", bob, 1, Reimbursement.Source.PROTOCOL)).code()).as("what was paid stays paid")
                .isEqualTo(Reason.INCIDENT_ALREADY_SETTLED);
        assertThat(book.state.claimBook().reimbursements()).hasSize(4);
        State restored = StateSnapshot.of(book.state).restore();
        assertThat(StateSnapshot.hash(restored)).as("reimbursements survive a snapshot").isEqualTo(StateSnapshot.hash(book.state));
        assertThat(restored.claimBook().reimbursementsOn("inc-1")).isEqualTo(book.state.claimBook().reimbursementsOn("inc-1"));
    }

    @Test
    void a_reimbursement_declared_on_one_cover_nets_the_loss_of_every_cover_insuring_the_same_wallet() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.zero(USDC))));
        long first = book.buy("bob", 10_000).cover().id();
        long second = book.buy("bob", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        book.ok(declare(book, "bob", first, 1_000, Reimbursement.Source.PROTOCOL));
        var onFirst = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", first, "inc-1", Money.whole(USDC, 3_000), lost(3_000)));
        assertThat(onFirst.approved()).isEqualTo(Money.whole(USDC, 2_000));
        var onSecond = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", second, "inc-1", Money.whole(USDC, 3_000), lost(3_000)));
        assertThat(onSecond.reasonCode()).as("3,000 lost, 1,000 back, 2,000 paid by the first: %s", onSecond).isEqualTo("loss_already_paid");
    }

    @Test
    void a_parametric_cover_declares_no_reimbursement_and_the_minimum_share_holds_it_to_the_incidents_loss_share() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, Business.HALF_PARAMETRIC.withMinimumLossShare(Ratio.bps(2_000))));
        long cleo = book.buy("cleo", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        var base = incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60));
        book.reportAndConfirm(new io.auditcover.claims.Incident(base.id(), base.protocolId(), base.contractKeys(), base.fromBlock(), base.toBlock(),
                base.occurredAt(), base.cause(), base.estimatedLoss(), base.transactionHashes(), 1_500));
        assertThat(book.no(declare(book, "cleo", cleo, 100, Reimbursement.Source.PROTOCOL)).code()).isEqualTo(Reason.INVALID_COMMAND);
        var settled = book.settle("inc-1");
        assertThat(settled.claims()).singleElement().satisfies(claim -> {
            assertThat(claim.reasonCode()).as("the incident took 15 %, under the 20 % minimum").isEqualTo("minimum_loss_share_not_met");
            assertThat(claim.paidUnits()).isZero();
        });
    }

    @Test
    void terms_without_a_minimum_share_keep_the_json_they_had_and_terms_with_one_carry_it() {
        String plain = new String(Codec.encode(ClaimTerms.indemnity(Money.zero(USDC))), StandardCharsets.UTF_8);
        assertThat(plain).doesNotContain("minimumLossShare");
        String withShare = new String(Codec.encode(TERMS), StandardCharsets.UTF_8);
        assertThat(withShare).contains("\"minimumLossShare\":{\"denominator\":10,\"numerator\":1}");
        assertThat(Codec.decode(withShare.getBytes(StandardCharsets.UTF_8), ClaimTerms.class)).isEqualTo(TERMS);
        assertThat(Codec.decode(plain.getBytes(StandardCharsets.UTF_8), ClaimTerms.class).minimumLossShare()).isNull();
        var event = new Event.ReimbursementDeclared(new Reimbursement(1, "inc-1", Money.whole(USDC, 5), Reimbursement.Source.PROTOCOL, "post-mortem",
                Reimbursement.OPERATOR, EngineFixtures.START));
        assertThat(LogFormat.decodeEvent("ReimbursementDeclared", LogFormat.encodeEvent(event))).isEqualTo(event);
    }
}
