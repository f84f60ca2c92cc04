package io.auditcover.engine;

import io.auditcover.pricing.Quoting;
import io.auditcover.pool.Listings;
import io.auditcover.money.Money;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.pricing.MarketState;
import io.auditcover.pricing.Quote;
import java.time.Instant;

/**
 * Quotes in process, as a pure function of state: {@link #quote} runs exactly the checks and pricing a purchase would (it asks
 * {@link Decider} to decide a purchase and keeps the quote), without the log. Call it through {@link Engine#read} so it sees
 * durable state.
 */
public final class Quotes {
    static final String QUOTE_HOLDER = "quote";

    private Quotes() {
    }

    /** A quote, or the rejection a purchase of these terms would get now. */
    public sealed interface Answer {
    }

    public record Offered(Quote quote) implements Answer {
    }

    public record Refused(Rejection rejection) implements Answer {
    }

    /**
     * A copy of what quoting reads (evidence, pools, listings, markets, pricing, chain eligibility and policies, time, and the
     * deployment's id, which a consent to be insured is signed for), for read views to quote from on other threads: never
     * changed after it is made, so concurrent readers are safe. Covers, positions and the ledger are left out; a purchase's
     * decision does not read them.
     */
    public static State quoteState(State state) {
        var copy = new State();
        copy.time = state.time;
        copy.evidence = state.evidence.forQuotes();
        copy.pools = state.pools.forQuotes();
        copy.pricing = state.pricing.forQuotes();
        copy.claims = state.claims.forQuotes();
        copy.covers = state.covers.forQuotes();
        copy.solvency = state.solvency.forQuotes();
        copy.deploymentId = state.deploymentId;
        return copy;
    }

    public static Answer quote(State state, String poolId, String protocolId, Money amount, int periodDays, Instant now) {
        var decision = Decider.decide(state, new Command.BuyCover("quote", QUOTE_HOLDER, poolId, protocolId, amount, periodDays), now);
        return switch (decision) {
            case Rejection rejection -> new Refused(rejection);
            case Event event -> new Offered(((Event.CoverBought) event).quote());
        };
    }

    /** Prices a purchase the decider has already checked (see {@link Quoting#price}), at the listing's rate now. */
    static Quote price(State state, Pool pool, Listing listing, Money amount, int periodDays, Instant now) {
        return Quoting.price(state.pricing, state.evidence, pool, listing, Listings.annualRateBps(state.pools, state.evidence, listing), amount,
                periodDays, state.time, now, state.solvency.capitalPerCover(pool.id(), listing.protocolId()));
    }

    /** The listing's market as pricing sees it. */
    public static MarketState marketOf(State state, Listing listing) {
        return market(state, listing);
    }

    static MarketState market(State state, Listing listing) {
        return state.pricing.market(listing.poolId(), listing.protocolId(), state.time);
    }
}
