package io.auditcover.engine;

import io.auditcover.claims.Filings;
import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.ClaimDecided;
import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.Business.incident;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.Rule;
import io.auditcover.money.Money;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Indemnity pays a loss, never more: the smaller of the claimed and the proven loss less the deductible, and a wallet insured
 * by several covers is paid its loss once across all of them, the earlier-filed claim first.
 */
class OneLossPerWalletTest {
    static final String TREASURY = Business.wallet("treasury");
    static final Money USDC_40000 = Money.whole(USDC, 40_000);

    private static LossEvidence lost(long beforeWhole, long afterWhole) {
        return new LossEvidence(Money.whole(USDC, beforeWhole), Money.whole(USDC, afterWhole), 149, 153);
    }

    private static long buy(Business book, String holder, long amountWhole, String wallet) {
        var bought = (Event.CoverBought) book.ok(book.withConsent(new Command.BuyCover(book.id(), holder, "alpha", PROTOCOL,
                Money.whole(USDC, amountWhole), 90, null, wallet)));
        return bought.cover().id();
    }

    private static Business bookWithIncident() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.zero(USDC))));
        return book;
    }

    private static void exploit(Business book) {
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
    }

    @Test
    void a_claim_of_5000_with_a_proven_loss_of_40000_is_paid_5000() {
        var book = bookWithIncident();
        long cover = buy(book, "bob", 50_000, TREASURY);
        exploit(book);

        var filed = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", cover, "inc-1", Money.whole(USDC, 5_000), lost(40_000, 0)));

        assertThat(filed.approved()).isEqualTo(Money.whole(USDC, 5_000));
        book.settle("inc-1");
        assertThat(book.state.covers().get(cover).paid()).isEqualTo(Money.whole(USDC, 5_000));
        var facts = Filings.explain(book.state.claimBooks(), filed.claimId()).orElseThrow().adjudication().results()
                .get(Rule.LOSS_AT_LEAST_DEDUCTIBLE.ordinal()).facts();
        assertThat(facts).containsEntry("claimed_loss", "5000.000000 USDC").containsEntry("proven_loss", "40000.000000 USDC")
                .containsEntry("deductible", "0.000000 USDC").containsEntry("loss_bound", "claimed_loss");
    }

    @Test
    void two_covers_on_one_wallet_pay_its_proven_loss_once_and_the_second_explanation_names_the_first_claim() {
        var book = bookWithIncident();
        long bobs = buy(book, "bob", 50_000, TREASURY);
        long cleos = buy(book, "cleo", 50_000, TREASURY);
        exploit(book);

        var first = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", bobs, "inc-1", USDC_40000, lost(40_000, 0)));
        var second = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "cleo", cleos, "inc-1", USDC_40000, lost(40_000, 0)));
        var settled = book.settle("inc-1");

        assertThat(first.approved()).isEqualTo(USDC_40000);
        assertThat(second.reasonCode()).isEqualTo("loss_already_paid");
        assertThat(settled.claims().stream().mapToLong(ClaimDecided::paidUnits).sum()).isEqualTo(USDC_40000.units());
        assertThat(book.state.covers().get(cleos).paid()).isEqualTo(Money.zero(USDC));
        var explained = Filings.explain(book.state.claimBooks(), second.claimId()).orElseThrow().adjudication();
        assertThat(explained.reasonCode()).isEqualTo("loss_already_paid");
        assertThat(explained.results().get(Rule.LOSS_NOT_PAID_BY_OTHER_COVERS.ordinal()).facts())
                .containsEntry("paid_elsewhere", USDC_40000.toString()).containsEntry("other_claims", List.of(first.claimId()).toString());
    }

    @Test
    void a_second_cover_pays_what_the_first_left_under_its_deductible() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.whole(USDC, 5_000))));
        long bobs = buy(book, "bob", 50_000, TREASURY);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.zero(USDC))));
        long cleos = buy(book, "cleo", 50_000, TREASURY);
        long dans = buy(book, "dan", 50_000, Business.wallet("dans-vault"));
        exploit(book);

        var first = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", bobs, "inc-1", USDC_40000, lost(40_000, 0)));
        var second = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "cleo", cleos, "inc-1", USDC_40000, lost(40_000, 0)));
        var otherWallet = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "dan", dans, "inc-1", USDC_40000, lost(40_000, 0)));

        assertThat(first.approved()).isEqualTo(Money.whole(USDC, 35_000));
        assertThat(second.approved()).as("the 5,000 the first cover's deductible left").isEqualTo(Money.whole(USDC, 5_000));
        assertThat(otherWallet.approved()).as("another wallet's loss is its own").isEqualTo(USDC_40000);
        var rules = Filings.explain(book.state.claimBooks(), second.claimId()).orElseThrow().adjudication().results();
        assertThat(rules.get(Rule.AMOUNT_WITHIN_REMAINING_COVER.ordinal()).facts()).containsEntry("payout_bound", "loss_less_paid_elsewhere");
    }

    @Test
    void an_earlier_claim_the_assessors_accept_is_paid_what_the_approved_claims_on_its_wallet_left() {
        var book = bookWithIncident();
        for (int i = 1; i <= 3; i++) {
            book.ok(new Command.RegisterAssessor(book.id(), "as-" + i, 1, 1));
        }
        long bobs = buy(book, "bob", 50_000, null);
        long cleos = buy(book, "bob", 50_000, null);
        exploit(book);

        var assessed = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", bobs, "inc-1", Money.whole(USDC, 30_000), null));
        var proven = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", cleos, "inc-1", Money.whole(USDC, 25_000),
                lost(25_000, 0)));
        for (int i = 1; i <= 3; i++) {
            book.ok(new Command.CastVote(book.id(), "as-" + i, assessed.claimId(), true));
        }
        book.advance(Duration.ofDays(4).plusSeconds(1));
        var settled = book.settle("inc-1");

        assertThat(assessed.reasonCode()).isEqualTo("needs_assessment");
        assertThat(proven.approved()).isEqualTo(Money.whole(USDC, 25_000));
        assertThat(settled.claims()).filteredOn(claim -> claim.claimId() == assessed.claimId()).singleElement()
                .satisfies(claim -> assertThat(claim.approvedUnits()).as("30,000 accepted, 25,000 of it already approved to bob")
                        .isEqualTo(Money.whole(USDC, 5_000).units()));
        assertThat(settled.claims().stream().mapToLong(ClaimDecided::paidUnits).sum()).isEqualTo(Money.whole(USDC, 30_000).units());
    }
}
