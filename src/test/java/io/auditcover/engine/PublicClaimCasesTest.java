package io.auditcover.engine;

import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.auditcover.api.ServiceFixture;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimDecided;
import io.auditcover.claims.ClaimRecovery;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.DepositorLoss;
import io.auditcover.claims.DepositorPaid;
import io.auditcover.claims.Filings;
import io.auditcover.claims.Incident;
import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.PositionReader;
import io.auditcover.claims.Reimbursement;
import io.auditcover.claims.Rule;
import io.auditcover.claims.RuleResult;
import io.auditcover.ledger.Account;
import io.auditcover.ledger.Transfer;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.reason.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real, public claim outcomes replayed in the engine, one test per case, each named after it, with its source and the figures
 * used. Where a figure is not public (most cover amounts, which no claims history publishes), the test says so and uses the
 * fixtures' amount; such a figure never decides the outcome on its own. Stablecoin amounts (DAI, USD) are booked in the
 * fixtures' USDC pool at 1:1, to 6 decimals (the snapshot's 18 are truncated). The book runs on the fixtures' clock from
 * {@link EngineFixtures#START} and on the fixtures' protocol {@link Business#PROTOCOL}, standing in for the real protocol: the
 * real dates are in each comment and the book keeps their order (cover, exploit, claim) and intervals where they matter.
 *
 * <p>Sources, in order of use:
 * <ul>
 * <li>Nexus Mutual, CREAM V1 Economic Exploit | October 2021,
 * https://docs.nexusmutual.io/overview/claims-history/cream-2021 (repository NexusMutual/docs,
 * docs/overview/claims-history/cream-2021.md);</li>
 * <li>Nexus Mutual, Euler Finance Exploit | March 2023, https://docs.nexusmutual.io/overview/claims-history/euler
 * (NexusMutual/docs, docs/overview/claims-history/euler.md);</li>
 * <li>Nexus Mutual, Yearn yDAI Hack | February 2021, https://docs.nexusmutual.io/overview/claims-history/yearn-2021
 * (NexusMutual/docs, docs/overview/claims-history/yearn-2021.md), and the affected addresses Yearn gave Nexus's assessors,
 * https://github.com/NexusMutual/incidents/tree/master/2021-02-04-ydai-v1 (ydai-snapshot.csv: each account's yDAI v1 shares
 * valued in DAI at block 11792183, before the hack, and 11792352, after; "All addresses have suffered a 31.6% loss");</li>
 * <li>Yearn, Vulnerability disclosure 2021-02-04,
 * https://github.com/yearn/yearn-security/blob/master/disclosures/2021-02-04.md (11m of the v1 yDAI vault's 35m DAI lost);</li>
 * <li>Sherlock, Composability and Coverage, https://docs.sherlock.xyz/coverage/protocols/composability-and-coverage (returned
 * funds are deducted from the payout, or returned to Sherlock after it).</li>
 * </ul>
 */
class PublicClaimCasesTest {
    /** Enough capital for the largest real payout replayed here (Nexus's $1m on the Sherlock Excess Cover). */
    static final long CAPITAL = 10_000_000;

    /**
     * Nexus Protocol Cover wording v1.0 (and the Smart Contract Cover after Nexus Proposal 109): a claim needs a material loss,
     * "at least 20% of the cover amount" while the mutual cannot pay partial claims; no deductible.
     */
    static final Ratio MATERIAL_LOSS_SHARE = Ratio.bps(2_000);

    // Yearn yDAI v1, 4 February 2021: the vault's share token (from the NexusMutual/incidents README's Etherscan link). yDAI v1
    // predates ERC-4626; its shares are valued as a vault's are (shares × price per share), which is what the snapshot's DAI
    // columns hold, so the listing reads the position as a vault's.
    static final String YDAI_V1 = "0xacd43e627e64355f1861cec6d3a6688b31a6f952";
    static final PositionReader YDAI_V1_SHARES = PositionReader.vault(YDAI_V1);
    static final long YDAI_BEFORE_BLOCK = 11_792_183;
    static final long YDAI_AFTER_BLOCK = 11_792_352;
    /** The first exploit transaction the Yearn disclosure names. */
    static final String YDAI_EXPLOIT_TX = "0x59faab5a1911618064f1ffa1e4649d85c99cfd9f0d64dcebbc1af7d7630da98b";
    static final ClaimTerms YEARN_SMART_CONTRACT_COVER = ClaimTerms.indemnity(Money.zero(USDC)).withMinimumLossShare(MATERIAL_LOSS_SHARE)
            .withPosition(YDAI_V1_SHARES);

    // Euler Finance, 13 March 2023 08:50 UTC, $197m (Nexus's claims filing guide and claims history); the exploit transaction as
    // DeFiHackLabs' reproduction (src/test/2023-03/Euler_exp.sol) names it.
    static final String EULER_EXPLOIT_TX = "0xc310a0affe2169d1f6feec1c63dbc7f7c62a887fa48795d327d4d2da2d6b111d";

    private static Money dai(String decimal) {
        return Money.parse(USDC, decimal);
    }

    /** The yDAI v1 incident: the blocks of Yearn's snapshot, 11m DAI lost (Yearn's disclosure), a minute before now. */
    private static Incident ydai(Business book) {
        return new Incident("yearn-ydai-v1-2021-02-04", PROTOCOL, List.of(Business.CONTRACT), YDAI_BEFORE_BLOCK + 1, YDAI_AFTER_BLOCK,
                book.now.minusSeconds(60), Cause.MISCONFIGURATION, Money.whole(USDC, 11_000_000), List.of(YDAI_EXPLOIT_TX));
    }

    /** A snapshot row: the account's yDAI v1 shares worth {@code before} DAI at block 11792183 and {@code after} at 11792352. */
    private static LossEvidence ydaiPosition(String before, String after) {
        return new LossEvidence(dai(before), dai(after), YDAI_BEFORE_BLOCK, YDAI_AFTER_BLOCK, YDAI_V1_SHARES, Money.zero(USDC));
    }

    /** A book selling Yearn Smart Contract Cover on the yDAI v1 vault's shares. */
    private static Business yearn() {
        var book = Business.standard(CAPITAL);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, YEARN_SMART_CONTRACT_COVER));
        return book;
    }

    /** A day after the covers were bought, the yDAI v1 exploit; oracles confirm it and its dispute window passes. */
    private static Incident ydaiExploited(Business book) {
        book.advance(Duration.ofDays(1));
        Incident incident = ydai(book);
        book.reportAndConfirm(incident);
        return incident;
    }

    private static Event.ClaimFiled file(Business book, String holder, long coverId, String incidentId, Money claimed, LossEvidence evidence) {
        return (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), holder, coverId, incidentId, claimed, evidence));
    }

    private static RuleResult rule(Business book, long claimId, Rule rule) {
        return Filings.explain(book.state.claimBooks(), claimId).orElseThrow().adjudication().results().get(rule.ordinal());
    }

    private static Map<Long, ClaimDecided> byClaim(Event.IncidentSettled settled) {
        return settled.claims().stream().collect(Collectors.toMap(ClaimDecided::claimId, claim -> claim));
    }

    private static Money capital(Business book) {
        return book.state.pools().get("alpha").capital();
    }

    /**
     * CREAM V1, 27 October 2021 13:54 UTC, about $130m taken; Nexus's assessors found it covered by Protocol Cover sections 1.2
     * and 1.3. "The member who filed Claim 104 purchased Protocol Cover after the exploit took place and was not eligible for a
     * claim payout for that reason"; Claims 98-101, 103 and 105, on covers held at the exploit, were paid. Cover amounts are not
     * published: both covers here are of the fixtures' 10,000, and each claims it all (a loss of 100 % reaches the 20 % material
     * share). Here the late cover is bought three seconds after the exploit began, before anyone reported it (once it is
     * reported, no cover on the protocol is sold until it is settled); its claim is refused at filing and changes nothing.
     */
    @Test
    void cream_v1_october_2021_claim_104_on_a_cover_bought_after_the_exploit_is_denied() {
        var book = Business.standard(CAPITAL);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.zero(USDC))
                .withMinimumLossShare(MATERIAL_LOSS_SHARE)));
        long heldAtExploit = book.buy("claimant-98", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        var exploit = new Incident("cream-v1-2021-10-27", PROTOCOL, List.of(Business.CONTRACT), 150, 152, book.now.plus(Duration.ofMinutes(10)),
                Cause.PRICE_ORACLE_MANIPULATION, Money.whole(USDC, 130_000_000), List.of());
        book.now = exploit.occurredAt().plusSeconds(3);
        long boughtAfter = book.buy("claimant-104", 10_000).cover().id();
        book.now = book.now.plus(Duration.ofMinutes(5));
        book.reportAndConfirm(exploit);
        String before = StateSnapshot.hash(book.state);

        var refused = book.no(new Command.FileClaim(book.id(), "claimant-104", boughtAfter, exploit.id(), Money.whole(USDC, 10_000),
                new LossEvidence(Money.whole(USDC, 10_000), Money.zero(USDC), 149, 152)));

        assertThat(refused.code()).isEqualTo(Reason.COVER_NOT_ACTIVE_AT_INCIDENT);
        assertThat(refused.details()).containsEntry("occurred_at", exploit.occurredAt().toString());
        assertThat(StateSnapshot.hash(book.state)).as("the refused claim changed nothing").isEqualTo(before);
        var paid = file(book, "claimant-98", heldAtExploit, exploit.id(), Money.whole(USDC, 10_000),
                new LossEvidence(Money.whole(USDC, 10_000), Money.zero(USDC), 149, 152));
        assertThat(paid.reasonCode()).isEqualTo(Reason.APPROVED.wire());
        var settled = book.settle(exploit.id());
        assertThat(byClaim(settled).get(paid.claimId()).paidUnits()).isEqualTo(Money.whole(USDC, 10_000).units());
        assertThat(settled.claims()).extracting(ClaimDecided::coverId).doesNotContain(boughtAfter);
        assertThat(book.state.covers().get(boughtAfter).paid()).isEqualTo(Money.zero(USDC));
    }

    /**
     * Euler Finance, 13 March 2023: Sherlock paid out on its Euler coverage and claimed on its Nexus Sherlock Excess Cover, whose
     * deductible is $500,000 (Nexus's Excess Cover page). "Claim V2 1 ... requested a claim payment that did not factor in the
     * $500,000 deductible"; Sherlock re-filed as Claim V2 10, net of it, which was approved and paid $1m. Here the claim that
     * ignores the deductible is not denied and re-filed: it is paid net of it. Not public: the amount of Claim V2 1 and of the
     * cover; and the claims history says the Excess Cover "offset the payout by 25%", a share this engine's terms do not have.
     * So the loss claimed here is the one that, less the $500,000 deductible, pays the published $1m: $1.5m, shown on chain as
     * Sherlock's claim payments out of its wallet; the cover is of $2m.
     */
    @Test
    void euler_march_2023_sherlock_excess_cover_claim_v2_1_that_ignored_the_500k_deductible_is_paid_net_of_it() {
        var book = Business.standard(CAPITAL);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.whole(USDC, 500_000))));
        long excessCover = book.buy("sherlock", 2_000_000).cover().id();
        book.advance(Duration.ofDays(1));
        var euler = new Incident("euler-2023-03-13", PROTOCOL, List.of(Business.CONTRACT), 150, 152, book.now.minusSeconds(60), Cause.LOGIC_ERROR,
                Money.whole(USDC, 197_000_000), List.of(EULER_EXPLOIT_TX));
        book.reportAndConfirm(euler);
        Money before = capital(book);

        var claim = file(book, "sherlock", excessCover, euler.id(), Money.whole(USDC, 1_500_000),
                new LossEvidence(Money.whole(USDC, 1_500_000), Money.zero(USDC), 149, 152));

        assertThat(claim.reasonCode()).as("paid, not denied").isEqualTo(Reason.APPROVED.wire());
        assertThat(claim.approved()).as("$1.5m claimed − $500,000 deductible").isEqualTo(Money.whole(USDC, 1_000_000));
        var deductibleRule = rule(book, claim.claimId(), Rule.LOSS_AT_LEAST_DEDUCTIBLE);
        assertThat(deductibleRule.facts()).containsEntry("deductible", Money.whole(USDC, 500_000).toString())
                .containsEntry("claimed_loss", Money.whole(USDC, 1_500_000).toString());
        assertThat(rule(book, claim.claimId(), Rule.AMOUNT_WITHIN_REMAINING_COVER).facts()).containsEntry("payout_bound", "loss_less_deductible")
                .containsEntry("payout_if_approved", Money.whole(USDC, 1_000_000).toString());
        var settled = book.settle(euler.id());
        assertThat(byClaim(settled).get(claim.claimId()).paidUnits()).isEqualTo(Money.whole(USDC, 1_000_000).units());
        assertThat(book.state.covers().get(excessCover).paid()).isEqualTo(Money.whole(USDC, 1_000_000));
        assertThat(capital(book)).isEqualTo(before.minus(Money.whole(USDC, 1_000_000)));
        Transfer payout = book.state.ledger().transfers().getLast();
        assertThat(payout.debit()).isEqualTo(Account.poolCapital("alpha", USDC));
        assertThat(payout.credit()).isEqualTo(Account.external(USDC));
        assertThat(payout.amount()).isEqualTo(Money.whole(USDC, 1_000_000));
        assertThat(book.state.ledger().violations()).isEmpty();
    }

    /**
     * Yearn yDAI v1, 4 February 2021. Cover ID #2929 was above #2291, so its claim needed proof of loss: "Claim V1 #76 ... The
     * address provided as proof of loss was not among the affected addresses and was not impacted by the yDAI vault hack. Claim
     * assessors voted to deny this claim as no loss of funds occurred." The address and the amounts are not published: here a
     * wallet outside Yearn's snapshot reads no yDAI v1 shares at either block, claims the fixtures' 10,000 of a 10,000 cover, and
     * is denied; its explanation shows the empty position at both blocks, and the loss rules fail on it.
     */
    @Test
    void yearn_ydai_february_2021_claim_v1_76_from_an_address_with_no_position_in_the_vault_is_denied() {
        var book = yearn();
        long cover2929 = book.buy("claimant-76", 10_000).cover().id();
        Incident incident = ydaiExploited(book);

        var claim = file(book, "claimant-76", cover2929, incident.id(), Money.whole(USDC, 10_000), ydaiPosition("0", "0"));

        assertThat(claim.provenLoss()).isEqualTo(Money.zero(USDC));
        assertThat(claim.reasonCode()).as("no loss reaches the 20 %% material share").isEqualTo(Reason.MINIMUM_LOSS_SHARE_NOT_MET.wire());
        assertThat(rule(book, claim.claimId(), Rule.LOSS_AT_LEAST_DEDUCTIBLE)).satisfies(loss -> {
            assertThat(loss.verdict()).isEqualTo(RuleResult.Verdict.FAILED);
            assertThat(loss.facts()).containsEntry("position_reader", "erc4626 " + YDAI_V1)
                    .containsEntry("position_before", Money.zero(USDC) + " at block " + YDAI_BEFORE_BLOCK)
                    .containsEntry("position_after", Money.zero(USDC) + " at block " + YDAI_AFTER_BLOCK)
                    .containsEntry("proven_loss", Money.zero(USDC).toString());
        });
        var settled = book.settle(incident.id());
        assertThat(byClaim(settled).get(claim.claimId()).paidUnits()).isZero();
        assertThat(book.state.covers().get(cover2929).paid()).isEqualTo(Money.zero(USDC));
    }

    /**
     * Yearn yDAI v1, 4 February 2021: "Claim V1 #92 [Cover ID #3675]. While a loss did occur, Yearn compensated this member for
     * their loss of funds prior to this claim filing ... assessors voted to deny this claim." The member's address and amounts
     * are not published: here the position is a real affected account of Yearn's snapshot (0x8d6e701EedbB427625E07191df504B28de5C518d,
     * 562,617.482185 DAI before, 384,430.824263 after: 178,186.657922 lost), on a cover of 500,000 (not public). Yearn's
     * compensation, declared for the protocol by the operator before filing, made it whole: the loss is paid net of it, which
     * leaves nothing, and the claim is denied already_reimbursed.
     */
    @Test
    void yearn_ydai_february_2021_claim_v1_92_after_yearn_made_the_member_whole_is_paid_net_of_it_which_is_nothing() {
        var book = yearn();
        long cover3675 = book.buy("claimant-92", 500_000).cover().id();
        Incident incident = ydaiExploited(book);
        LossEvidence position = ydaiPosition("562617.482185", "384430.824263");
        Money lost = position.provenLoss();
        assertThat(lost).isEqualTo(dai("178186.657922"));

        book.ok(new Command.DeclareReimbursement(book.id(), Reimbursement.OPERATOR, cover3675, incident.id(), lost, Reimbursement.Source.PROTOCOL,
                "Yearn compensated the member before the claim (Nexus claims history, Claim V1 #92)"));
        var claim = file(book, "claimant-92", cover3675, incident.id(), lost, position);

        assertThat(claim.reasonCode()).isEqualTo(Reason.ALREADY_REIMBURSED.wire());
        assertThat(rule(book, claim.claimId(), Rule.LOSS_NOT_FULLY_REIMBURSED).facts()).containsEntry("reimbursed", lost.toString())
                .containsEntry("net_loss", Money.zero(USDC).toString());
        var settled = book.settle(incident.id());
        assertThat(byClaim(settled).get(claim.claimId())).satisfies(decided -> {
            assertThat(decided.reasonCode()).isEqualTo(Reason.ALREADY_REIMBURSED.wire());
            assertThat(decided.paidUnits()).isZero();
        });
    }

    /**
     * No public case gives the figures of a loss reimbursed in part before a payout. The rule comes from Sherlock's coverage
     * wording (Composability and Coverage): "If for any reason the affected user(s) or affected protocol(s) see a partial or full
     * return of the exploited funds before or after a payout from Sherlock, the returned funds must be deducted from the Sherlock
     * payout". The figures are the fixtures': 30,000 lost on the yDAI v1 terms, 12,000 returned by the protocol, 18,000 paid.
     */
    @Test
    void sherlock_coverage_wording_funds_returned_before_the_payout_are_deducted_from_it() {
        var book = yearn();
        long cover = book.buy("depositor", 100_000).cover().id();
        Incident incident = ydaiExploited(book);
        book.ok(new Command.DeclareReimbursement(book.id(), "depositor", cover, incident.id(), Money.whole(USDC, 12_000),
                Reimbursement.Source.PROTOCOL, "partial return of the exploited funds"));

        var claim = file(book, "depositor", cover, incident.id(), Money.whole(USDC, 30_000), ydaiPosition("90000", "60000"));

        assertThat(claim.approved()).isEqualTo(Money.whole(USDC, 18_000));
        assertThat(byClaim(book.settle(incident.id())).get(claim.claimId()).paidUnits()).isEqualTo(Money.whole(USDC, 18_000).units());
        assertThat(book.state.covers().get(cover).paid()).isEqualTo(Money.whole(USDC, 18_000));
    }

    /**
     * Yearn yDAI v1, 4 February 2021: "Claim V1 #85 [Cover ID #2458]. The address provided as proof of loss was among the
     * affected address but did not incur a loss of funds that met the 20% or greater criteria as specified in the cover wording."
     * (CREAM V1's Claim 102 was denied the same way.) The address and cover amount of #85 are not published: here a real affected
     * account of Yearn's snapshot (0x9276BAe93ADf3E0b55228d20587E72f6f8014bb3, 115,122.574969 DAI before, 78,662.088875 after:
     * 36,460.486094 lost, the 31.6 % every account lost) holds a cover of 200,000, so its loss is under the 40,000 that 20 % of the
     * cover requires.
     */
    @Test
    void yearn_ydai_february_2021_claim_v1_85_with_a_loss_under_20_percent_of_the_cover_is_denied() {
        var book = yearn();
        long cover2458 = book.buy("claimant-85", 200_000).cover().id();
        Incident incident = ydaiExploited(book);
        LossEvidence position = ydaiPosition("115122.574969", "78662.088875");

        var claim = file(book, "claimant-85", cover2458, incident.id(), position.provenLoss(), position);

        assertThat(claim.provenLoss()).isEqualTo(dai("36460.486094"));
        assertThat(claim.reasonCode()).isEqualTo(Reason.MINIMUM_LOSS_SHARE_NOT_MET.wire());
        assertThat(rule(book, claim.claimId(), Rule.LOSS_AT_LEAST_MINIMUM_SHARE).facts()).containsEntry("minimum_loss_share", "1/5")
                .containsEntry("minimum_loss", Money.whole(USDC, 40_000).toString()).containsEntry("loss_counted", dai("36460.486094").toString());
        assertThat(byClaim(book.settle(incident.id())).get(claim.claimId()).paidUnits()).isZero();
        assertThat(book.state.covers().get(cover2458).paid()).isEqualTo(Money.zero(USDC));
    }

    /**
     * Yearn yDAI v1, 4 February 2021: the exploit drained 11m of the vault's 35m DAI (Yearn's disclosure), so every depositor's
     * yDAI v1 shares lost 31.6 % of their value without a single share leaving its wallet. Nexus paid $2,317,776.72 to Yearn cover
     * holders; its assessors checked proof of loss against the affected addresses Yearn gave them. The position is a real account of that snapshot,
     * read as the chain adapter records it, with no node: 0x6c77c66402872e6E590c251330D7F898e772A46a, 1,003,366.480151 DAI at
     * block 11792183, 685,590.148219 at block 11792352, nothing withdrawn in between (the README: no transfers but one deposit
     * by another account), so 317,776.331932 proven lost. Its cover amount is not public: 1,000,000 here, so the loss is above
     * the 20 % material share. The payout is the proven loss, out of the pool's capital through the ledger.
     */
    @Test
    void yearn_ydai_february_2021_a_depositor_whose_vault_shares_were_drained_is_proven_and_paid_on_its_position() {
        var book = yearn();
        long cover = book.buy("ydai-depositor", 1_000_000).cover().id();
        Incident incident = ydaiExploited(book);
        LossEvidence position = ydaiPosition("1003366.480151", "685590.148219");
        Money before = capital(book);

        var claim = file(book, "ydai-depositor", cover, incident.id(), dai("317776.331932"), position);

        assertThat(claim.provenLoss()).as("1,003,366.480151 − 685,590.148219").isEqualTo(dai("317776.331932"));
        assertThat(claim.approved()).isEqualTo(dai("317776.331932"));
        assertThat(rule(book, claim.claimId(), Rule.LOSS_AT_LEAST_DEDUCTIBLE).facts())
                .containsEntry("position_before", dai("1003366.480151") + " at block " + YDAI_BEFORE_BLOCK)
                .containsEntry("position_after", dai("685590.148219") + " at block " + YDAI_AFTER_BLOCK)
                .containsEntry("position_withdrawn", Money.zero(USDC) + " in blocks " + (YDAI_BEFORE_BLOCK + 1) + "-" + YDAI_AFTER_BLOCK);
        var settled = book.settle(incident.id());
        assertThat(byClaim(settled).get(claim.claimId()).paidUnits()).isEqualTo(dai("317776.331932").units());
        assertThat(book.state.covers().get(cover).paid()).isEqualTo(dai("317776.331932"));
        assertThat(capital(book)).isEqualTo(before.minus(dai("317776.331932")));
        Transfer payout = book.state.ledger().transfers().getLast();
        assertThat(payout.debit()).isEqualTo(Account.poolCapital("alpha", USDC));
        assertThat(payout.amount()).isEqualTo(dai("317776.331932"));
    }

    /**
     * No public claim on a cover a protocol bought for its depositors was found with its figures. The rule comes from Nexus's
     * Native Protocol Cover, with which a protocol protects "your protocol's TVL, or a portion thereof, up to $25M" on onchain
     * proof of loss (docs/overview/cover-products/native-protocol-cover.md in NexusMutual/docs). So this replays the real losses
     * of three accounts of Yearn's yDAI v1 snapshot as if the vault had held such a cover, of 1,000,000 (not public): 0x6c77…A46a 1,003,366.480151 → 685,590.148219, 0x8d6e…518d 562,617.482185 →
     * 384,430.824263 and 0x9276…bb3 115,122.574969 → 78,662.088875 DAI. The 1,681,106.537305 DAI exposed exceed the cover, so the
     * average clause counts 532,423.475948 × 1,000,000 ÷ 1,681,106.537305 = 316,710.133553 (rounded down), paid to the three
     * wallets pro rata to their losses. The average clause is property insurance's rule for an underinsured sum, not Nexus's
     * wording.
     */
    @Test
    void yearn_ydai_february_2021_snapshot_losses_under_a_protocol_bought_cover_are_paid_to_each_depositor_under_the_average_clause() {
        var book = Business.standard(CAPITAL);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.zero(USDC)).forDepositors(YDAI_V1_SHARES)));
        long cover = book.buy("yearn", 1_000_000).cover().id();
        Incident incident = ydaiExploited(book);
        String first = "0x6c77c66402872e6e590c251330d7f898e772a46a";
        String second = "0x8d6e701eedbb427625e07191df504b28de5c518d";
        String third = "0x9276bae93adf3e0b55228d20587e72f6f8014bb3";
        var depositors = List.of(new DepositorLoss(first, ydaiPosition("1003366.480151", "685590.148219")),
                new DepositorLoss(second, ydaiPosition("562617.482185", "384430.824263")),
                new DepositorLoss(third, ydaiPosition("115122.574969", "78662.088875")));

        var claim = (Event.ClaimFiled) book.ok(new Command.FileDepositorClaim(book.id(), "yearn", cover, incident.id(), depositors));

        assertThat(claim.claimedLoss()).isEqualTo(dai("532423.475948"));
        assertThat(claim.approved()).isEqualTo(dai("316710.133553"));
        assertThat(rule(book, claim.claimId(), Rule.LOSS_AT_LEAST_DEDUCTIBLE).facts())
                .containsEntry("exposed_funds", dai("1681106.537305") + " at block " + YDAI_BEFORE_BLOCK);
        var settled = book.settle(incident.id());
        assertThat(settled.depositorsPaid()).extracting(DepositorPaid::wallet, DepositorPaid::amount)
                .containsExactly(tuple(first, dai("189028.074592")),
                        tuple(second, dai("105993.673790")),
                        tuple(third, dai("21688.385171")));
        assertThat(book.state.ledger().balance(Account.wallet(first, USDC))).isEqualTo(dai("189028.074592"));
        assertThat(book.state.ledger().balance(Account.wallet(third, USDC))).isEqualTo(dai("21688.385171"));
        assertThat(book.state.covers().get(cover).paid()).isEqualTo(dai("316710.133553"));
    }

    /**
     * Euler Finance, 13 March 2023: Nexus paid the Euler Protocol Cover claims; the attacker returned the funds, Euler opened
     * redemptions on 11 April 2023, and the paid members had agreed to hand their Euler reimbursement to Nexus. "To date ...
     * 1,720,207 DAI has been returned to the Nexus Mutual DAO treasury ... For DAI denominated Euler Finance claims, 99.05% has
     * been recovered." The DAI claims' total is not published: 1,720,207 ÷ 0.9905 is 1,736,706 DAI to the whole DAI, booked here
     * as one claim of that amount (no deductible), on a cover of 2,000,000 (not public). The operator records the return as a
     * recovery: it flows back to the pool that paid, the ledger shows it, the claim's history carries it, and what is left to
     * recover is the 16,499 DAI not returned; a recovery above that is refused and changes nothing.
     */
    @Test
    void euler_march_2023_the_dai_claimants_returned_payments_flow_back_to_the_pool_that_paid_them() {
        var book = Business.standard(CAPITAL);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.zero(USDC))));
        long cover = book.buy("euler-dai-claimants", 2_000_000).cover().id();
        book.advance(Duration.ofDays(1));
        var euler = new Incident("euler-2023-03-13", PROTOCOL, List.of(Business.CONTRACT), 150, 152, book.now.minusSeconds(60), Cause.LOGIC_ERROR,
                Money.whole(USDC, 197_000_000), List.of(EULER_EXPLOIT_TX));
        book.reportAndConfirm(euler);
        var claim = file(book, "euler-dai-claimants", cover, euler.id(), Money.whole(USDC, 1_736_706),
                new LossEvidence(Money.whole(USDC, 1_736_706), Money.zero(USDC), 149, 152));
        Money beforePayout = capital(book);
        book.settle(euler.id());
        assertThat(capital(book)).isEqualTo(beforePayout.minus(Money.whole(USDC, 1_736_706)));
        String evidence = "Nexus Mutual claims history, Euler Finance reimbursement: 1,720,207 DAI returned to the DAO treasury,"
                + " https://docs.nexusmutual.io/overview/claims-history/euler";

        var recorded = (Event.RecoveryRecorded) book.ok(new Command.RecordRecovery(book.id(), euler.id(), Money.whole(USDC, 1_720_207), evidence));

        assertThat(recorded.recovery().pools()).singleElement().satisfies(part -> {
            assertThat(part.poolId()).isEqualTo("alpha");
            assertThat(part.amount()).isEqualTo(Money.whole(USDC, 1_720_207));
        });
        assertThat(capital(book)).isEqualTo(beforePayout.minus(Money.whole(USDC, 16_499)));
        Transfer back = book.state.ledger().transfers().getLast();
        assertThat(back.debit()).isEqualTo(Account.external(USDC));
        assertThat(back.credit()).isEqualTo(Account.poolCapital("alpha", USDC));
        assertThat(back.amount()).isEqualTo(Money.whole(USDC, 1_720_207));
        assertThat(book.state.claim(claim.claimId()).orElseThrow().recoveries())
                .containsExactly(new ClaimRecovery(1, claim.claimId(), Money.whole(USDC, 1_720_207), Money.zero(USDC)));
        assertThat(book.state.ledger().violations()).isEmpty();

        String hash = StateSnapshot.hash(book.state);
        var tooMuch = book.no(new Command.RecordRecovery(book.id(), euler.id(), Money.whole(USDC, 16_500), evidence));
        assertThat(tooMuch.code()).as("a recovery larger than what is left of what was paid").isEqualTo(Reason.RECOVERY_EXCEEDS_PAID);
        assertThat(tooMuch.details()).containsEntry("recoverable", Money.whole(USDC, 16_499).toDecimalString());
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(hash);
    }

    /** Bad input: a reimbursement declared by one holder on another holder's cover is refused not_owner and changes nothing. */
    @Test
    void a_reimbursement_declared_on_another_holders_claim_is_refused_and_changes_nothing() {
        var book = yearn();
        long theirs = book.buy("claimant-92", 500_000).cover().id();
        book.buy("mallory", 10_000);
        Incident incident = ydaiExploited(book);
        file(book, "claimant-92", theirs, incident.id(), dai("178186.657922"), ydaiPosition("562617.482185", "384430.824263"));
        String before = StateSnapshot.hash(book.state);

        var refused = book.no(new Command.DeclareReimbursement(book.id(), "mallory", theirs, incident.id(), dai("178186.657922"),
                Reimbursement.Source.PROTOCOL, "not mine to declare"));

        assertThat(refused.code()).isEqualTo(Reason.NOT_OWNER);
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(before);
        assertThat(book.state.claimBook().reimbursements()).isEmpty();
    }

    /**
     * Bad input: a listing's position reader of a token kind this build does not read (a Curve LP token) is refused at the API
     * with unknown_position_kind, on a real server over a real SQLite log, and the log's head does not move.
     */
    @Test
    void a_position_reader_for_an_unknown_token_kind_is_refused_and_changes_nothing(@TempDir Path directory) {
        try (var service = new ServiceFixture(directory)) {
            String head = service.get("/api/log/head", null).body().get("hash").asText();

            var refused = service.post("/api/pools/" + ServiceFixture.POOL + "/claim-terms", service.operatorKey, "{\"protocol_id\":\""
                    + ServiceFixture.PROTOCOL + "\",\"trigger\":\"indemnity\",\"position_reader\":{\"kind\":\"curve_lp\",\"token\":\"" + YDAI_V1
                    + "\"}}", null);

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.body().get("error").asText()).isEqualTo(Reason.UNKNOWN_POSITION_KIND.wire());
            assertThat(refused.body().at("/details/field").asText()).isEqualTo("position_reader.kind");
            assertThat(service.get("/api/log/head", null).body().get("hash").asText()).isEqualTo(head);
        }
    }
}
