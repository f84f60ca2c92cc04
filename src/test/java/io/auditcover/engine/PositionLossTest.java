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
import io.auditcover.claims.PositionReader;
import io.auditcover.claims.PositionReading;
import io.auditcover.claims.Rule;
import io.auditcover.money.Money;
import io.auditcover.reason.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Losses proven on a position in the protocol, as the chain adapter reads them, through filing, settlement, the explanation, a
 * snapshot and the log's JSON: proven loss = value before − (value after + withdrawn in between).
 */
class PositionLossTest {
    static final String VAULT = "0x" + "7a".repeat(20);
    static final PositionReader READER = PositionReader.vault(VAULT);
    static final ClaimTerms TERMS = ClaimTerms.indemnity(Money.whole(USDC, 50)).withPosition(READER);

    /** A position worth {@code before} at block 149 and {@code after} at 153, with {@code withdrawn} taken out at the drained price. */
    static LossEvidence position(long before, long after, long withdrawn) {
        return new LossEvidence(Money.whole(USDC, before), Money.whole(USDC, after), 149, 153, READER, Money.whole(USDC, withdrawn));
    }

    @Test
    void vault_shares_drained_by_an_exploit_are_proven_on_the_position_and_paid_less_the_deductible() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, TERMS));
        long bob = book.buy("bob", 10_000).cover().id();
        long cleo = book.buy("cleo", 10_000).cover().id();
        assertThat(book.state.claimTermsOf(book.state.covers().get(bob)).position()).as("frozen into the cover").isEqualTo(READER);
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));

        var bobs = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", bob, "inc-1", Money.whole(USDC, 5_000),
                position(2_000, 500, 500)));
        assertThat(bobs.provenLoss()).as("2,000 − (500 + 500)").isEqualTo(Money.whole(USDC, 1_000));
        assertThat(bobs.approved()).isEqualTo(Money.whole(USDC, 950));
        assertThat(bobs.evidence()).isEqualTo(position(2_000, 500, 500));
        var cleos = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "cleo", cleo, "inc-1", Money.whole(USDC, 100),
                position(0, 0, 0)));
        assertThat(cleos.reasonCode()).as("no position, no loss").isEqualTo(Reason.LOSS_BELOW_DEDUCTIBLE.wire());

        var settled = book.settle("inc-1");
        assertThat(settled.claims()).filteredOn(c -> c.claimId() == bobs.claimId()).extracting(ClaimDecided::paidUnits)
                .containsExactly(Money.whole(USDC, 950).units());
        assertThat(book.state.covers().get(bob).paid()).isEqualTo(Money.whole(USDC, 950));

        var facts = Filings.explain(book.state.claimBooks(), bobs.claimId()).orElseThrow().adjudication().results()
                .get(Rule.LOSS_AT_LEAST_DEDUCTIBLE.ordinal()).facts();
        assertThat(facts).containsEntry("position_reader", "erc4626 " + VAULT)
                .containsEntry("position_before", Money.whole(USDC, 2_000) + " at block 149")
                .containsEntry("position_after", Money.whole(USDC, 500) + " at block 153")
                .containsEntry("position_withdrawn", Money.whole(USDC, 500) + " in blocks 150-153")
                .containsEntry("proven_loss", Money.whole(USDC, 1_000).toString());

        State restored = StateSnapshot.of(book.state).restore();
        assertThat(StateSnapshot.hash(restored)).as("position evidence survives a snapshot").isEqualTo(StateSnapshot.hash(book.state));
        assertThat(restored.claimBook().filedClaims().get(bobs.claimId()).evidence()).isEqualTo(position(2_000, 500, 500));
        assertThat(LogFormat.decodeEvent(Codec.type(bobs), LogFormat.encodeEvent(bobs))).isEqualTo(bobs);
    }

    @Test
    void a_supplied_balance_is_explained_by_its_balance_and_exchange_rate_at_each_block_and_kept_through_snapshot_and_log() {
        var market = PositionReader.market(VAULT);
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.zero(USDC)).withPosition(market)));
        long bob = book.buy("bob", 10_000).cover().id();
        long cleo = book.buy("cleo", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        var supplied = new LossEvidence(Money.whole(USDC, 900), Money.whole(USDC, 480), 149, 153, market, Money.zero(USDC),
                new PositionReading("4500000000000", "200000000000000"), new PositionReading("4500000000000", "106666666769230"));
        String before = StateSnapshot.hash(book.state);
        var withoutReadings = new LossEvidence(Money.whole(USDC, 900), Money.whole(USDC, 480), 149, 153, market, Money.zero(USDC));
        assertThat(book.no(new Command.FileClaim(book.id(), "bob", bob, "inc-1", Money.whole(USDC, 420), withoutReadings)).code())
                .as("a value at an exchange rate comes with what it was computed from").isEqualTo(Reason.INVALID_COMMAND);
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(before);

        var filed = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", bob, "inc-1", Money.whole(USDC, 420), supplied));
        assertThat(filed.provenLoss()).isEqualTo(Money.whole(USDC, 420));
        var facts = Filings.explain(book.state.claimBooks(), filed.claimId()).orElseThrow().adjudication().results()
                .get(Rule.LOSS_AT_LEAST_DEDUCTIBLE.ordinal()).facts();
        assertThat(facts).containsEntry("position_reader", "compound_v2 " + VAULT)
                .containsEntry("position_before", Money.whole(USDC, 900) + " at block 149")
                .containsEntry("position_before_read", "balanceOf 4500000000000 x exchangeRateStored 200000000000000 / 1e18 at block 149")
                .containsEntry("position_after", Money.whole(USDC, 480) + " at block 153")
                .containsEntry("position_after_read", "balanceOf 4500000000000 x exchangeRateStored 106666666769230 / 1e18 at block 153");

        State restored = StateSnapshot.of(book.state).restore();
        assertThat(StateSnapshot.hash(restored)).isEqualTo(StateSnapshot.hash(book.state));
        assertThat(restored.claimBook().filedClaims().get(filed.claimId()).evidence()).isEqualTo(supplied);
        assertThat(LogFormat.decodeEvent(Codec.type(filed), LogFormat.encodeEvent(filed))).isEqualTo(filed);
        assertThat(Codec.decodeJsonEvent(Codec.type(filed), Codec.encode(filed))).isEqualTo(filed);

        var nothingHeld = new PositionReading("0", null);
        var none = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "cleo", cleo, "inc-1", Money.whole(USDC, 100),
                new LossEvidence(Money.zero(USDC), Money.zero(USDC), 149, 153, market, Money.zero(USDC), nothingHeld, nothingHeld)));
        assertThat(none.reasonCode()).as("no position, no loss").isEqualTo(Reason.LOSS_BELOW_DEDUCTIBLE.wire());
        assertThat(LogFormat.decodeEvent(Codec.type(none), LogFormat.encodeEvent(none))).isEqualTo(none);
        assertThat(Codec.decodeJsonEvent(Codec.type(none), Codec.encode(none))).isEqualTo(none);
    }

    @Test
    void balance_evidence_is_not_kept_with_the_claim_so_older_states_keep_their_json() {
        var book = Business.standard(1_000_000);
        long bob = book.buy("bob", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        var filed = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", bob, "inc-1", Money.whole(USDC, 100),
                new LossEvidence(Money.whole(USDC, 100), Money.zero(USDC), 149, 153)));

        assertThat(filed.evidence()).isNull();
        assertThat(new String(Codec.encode(filed), StandardCharsets.UTF_8)).doesNotContain("evidence");
        assertThat(new String(Codec.encode(new Command.FileClaim("c", "bob", bob, "inc-1", Money.whole(USDC, 100),
                new LossEvidence(Money.whole(USDC, 100), Money.zero(USDC), 149, 153))), StandardCharsets.UTF_8))
                .doesNotContain("position").doesNotContain("withdrawn");
        assertThat(new String(Codec.encode(ClaimTerms.indemnity(Money.zero(USDC))), StandardCharsets.UTF_8)).doesNotContain("position");
    }

    @Test
    void evidence_read_another_way_than_the_terms_say_or_with_a_negative_withdrawal_is_refused_and_changes_nothing() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, TERMS));
        long bob = book.buy("bob", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        String before = StateSnapshot.hash(book.state);

        var otherVault = new LossEvidence(Money.whole(USDC, 100), Money.zero(USDC), 149, 153, PositionReader.vault("0x" + "7b".repeat(20)),
                Money.zero(USDC));
        assertThat(book.no(new Command.FileClaim(book.id(), "bob", bob, "inc-1", Money.whole(USDC, 100), otherVault)).code())
                .isEqualTo(Reason.INVALID_COMMAND);
        var negative = new LossEvidence(Money.whole(USDC, 100), Money.zero(USDC), 149, 153, READER, Money.whole(USDC, -1));
        assertThat(book.no(new Command.FileClaim(book.id(), "bob", bob, "inc-1", Money.whole(USDC, 100), negative)).code())
                .isEqualTo(Reason.INVALID_COMMAND);
        var withdrawalWithoutReader = new LossEvidence(Money.whole(USDC, 100), Money.zero(USDC), 149, 153, null, Money.zero(USDC));
        assertThat(book.no(new Command.FileClaim(book.id(), "bob", bob, "inc-1", Money.whole(USDC, 100), withdrawalWithoutReader)).code())
                .isEqualTo(Reason.INVALID_COMMAND);
        var otherAsset = new LossEvidence(Money.whole(USDC, 100), Money.zero(USDC), 149, 153, READER, Money.zero(EngineFixtures.ETH));
        assertThat(book.no(new Command.FileClaim(book.id(), "bob", bob, "inc-1", Money.whole(USDC, 100), otherAsset)).code())
                .isEqualTo(Reason.ASSET_MISMATCH);
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(before);
    }
}
