package io.auditcover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.cover.CoverTerms;
import io.auditcover.reason.Reason;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import io.auditcover.pricing.MarketParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the order in which each command's checks run, and the numbers a capacity rejection carries. */
class DeciderTest {
    static final Asset USDC = new Asset("USDC", 6);
    static final Asset ETH = new Asset("ETH", 9);
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Money USDC_1000 = Money.whole(USDC, 1_000);

    /** A pool "alpha" with 1,000 USDC, leverage 2, half its capacity per protocol; lendwell listed at a fixed 200 bps, dexly not. */
    static State pool() {
        var state = new State();
        List<Event> events = List.of(
                new Event.ProtocolRegistered(new Protocol("lendwell", "Lendwell", "lending")),
                new Event.ProtocolRegistered(new Protocol("dexly", "Dexly", "dex")),
                new Event.PoolCreated("alpha", USDC, new PoolRules(Ratio.whole(2), Ratio.of(1, 2), Duration.ofDays(7))),
                new Event.ProtocolListed("alpha", "lendwell", 200),
                new Event.MarketSet("alpha", "lendwell", new MarketParameters(2, MarketParameters.Mode.FIXED, 0, 0)),
                new Event.CapitalDeposited("alpha", "ada", USDC_1000, USDC_1000.units(), java.time.Instant.EPOCH));
        events.forEach(event -> Applier.apply(state, event));
        return state;
    }

    static Object code(Command command) {
        var decision = Decider.decide(pool(), command, NOW);
        return decision instanceof Rejection rejection ? rejection.code() : "accepted";
    }

    static Command.BuyCover buy(String holder, String poolId, String protocolId, Money amount, int days) {
        return new Command.BuyCover("c", holder, poolId, protocolId, amount, days);
    }

    @Test
    void buying_cover_checks_shape_then_existence_then_listing_then_asset_then_capacity() {
        Money tooMuch = Money.whole(USDC, 5_000);
        Money ethAmount = Money.whole(ETH, 1);
        Map<Command, Object> table = new java.util.LinkedHashMap<>();
        table.put(buy("Bad Holder!", "nowhere", "nothing", Money.zero(USDC), 1), Reason.INVALID_COMMAND);
        table.put(buy("bob", "nowhere", "nothing", Money.zero(USDC), 1), Reason.AMOUNT_NOT_POSITIVE);
        table.put(buy("bob", "nowhere", "nothing", tooMuch, 1), Reason.PERIOD_OUT_OF_RANGE);
        table.put(buy("bob", "nowhere", "nothing", tooMuch, CoverTerms.PERIOD_DAYS_MAX + 1), Reason.PERIOD_OUT_OF_RANGE);
        table.put(buy("bob", "nowhere", "nothing", ethAmount, 30), Reason.POOL_NOT_FOUND);
        table.put(buy("bob", "alpha", "nothing", ethAmount, 30), Reason.PROTOCOL_NOT_FOUND);
        table.put(buy("bob", "alpha", "dexly", ethAmount, 30), Reason.PROTOCOL_NOT_LISTED);
        table.put(buy("bob", "alpha", "lendwell", ethAmount, 30), Reason.ASSET_MISMATCH);
        table.put(buy("bob", "alpha", "lendwell", Money.whole(USDC, 2_001), 30), Reason.INSUFFICIENT_CAPACITY);
        table.put(buy("bob", "alpha", "lendwell", Money.whole(USDC, 1_001), 30), Reason.PROTOCOL_CAP_EXCEEDED);
        table.put(buy("bob", "alpha", "lendwell", Money.whole(USDC, 1_000), 30), "accepted");
        table.forEach((command, expected) -> assertThat(code(command)).as(command.toString()).isEqualTo(expected));
    }

    @Test
    void a_cover_insures_the_declared_wallet_or_else_its_holder_when_that_is_an_address() {
        State state = pool();
        String treasury = "0x" + "ab".repeat(20);
        String buyer = "0x" + "cd".repeat(20);
        Money amount = Money.whole(USDC, 100);
        assertThat(Decider.decide(state, new Command.BuyCover("c", "bob", "alpha", "lendwell", amount, 30, null, "0xABC"), NOW)).extracting("code").isEqualTo(Reason.INVALID_COMMAND);
        var declared = (Event.CoverBought) Decider.decide(state, new Command.BuyCover("c", treasury, "alpha", "lendwell", amount, 30, null, treasury), NOW);
        assertThat(declared.cover().wallet()).isEqualTo(treasury);
        assertThat(((Event.CoverBought) Decider.decide(state, buy(buyer, "alpha", "lendwell", amount, 30), NOW)).cover().wallet()).isEqualTo(buyer);
        assertThat(((Event.CoverBought) Decider.decide(state, buy("bob", "alpha", "lendwell", amount, 30), NOW)).cover().wallet()).isNull();
    }

    @Test
    void a_capacity_rejection_says_the_largest_amount_that_fits_and_its_premium() {
        var rejection = (Rejection) Decider.decide(pool(), buy("bob", "alpha", "lendwell", Money.whole(USDC, 1_500), 365), NOW);
        assertThat(rejection.code()).isEqualTo(Reason.PROTOCOL_CAP_EXCEEDED);
        assertThat(rejection.details()).containsEntry("max_amount", "1000.000000").containsEntry("max_amount_premium", "20.000000");
    }

    @Test
    void withdrawing_checks_existence_then_owner_then_notice_then_free_capital() {
        State state = pool();
        Applier.apply(state, (Event) Decider.decide(state, new Command.RequestWithdrawal("w", "alpha", "ada", 600_000_000L), NOW));
        assertThat(Decider.decide(state, new Command.Withdraw("x", 99, "ada"), NOW)).extracting("code").isEqualTo(Reason.WITHDRAWAL_NOT_FOUND);
        assertThat(Decider.decide(state, new Command.Withdraw("x", 1, "bob"), NOW)).extracting("code").isEqualTo(Reason.NOT_OWNER);
        assertThat(Decider.decide(state, new Command.Withdraw("x", 1, "ada"), NOW)).extracting("code")
                .isEqualTo(Reason.NOTICE_PERIOD_NOT_OVER);
        Applier.apply(state, new Event.TimeAdvanced(NOW.plus(Duration.ofDays(7)), List.of(), List.of()));
        Applier.apply(state, (Event) Decider.decide(state, buy("bob", "alpha", "lendwell", Money.whole(USDC, 1_000), 30), NOW));
        assertThat(Decider.decide(state, new Command.Withdraw("x", 1, "ada"), NOW)).extracting("code")
                .isEqualTo(Reason.INSUFFICIENT_FREE_CAPITAL);
    }

    @Test
    void time_never_moves_backwards() {
        State state = pool();
        Applier.apply(state, new Event.TimeAdvanced(NOW, List.of(), List.of()));
        assertThat(Decider.decide(state, new Command.AdvanceTime("t"), NOW.minusSeconds(1))).extracting("code")
                .isEqualTo(Reason.CLOCK_BEHIND_ENGINE_TIME);
    }
}
