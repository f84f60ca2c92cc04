package io.auditcover.pricing;

import java.util.Collection;
import java.util.NavigableMap;
import org.pcollections.TreePMap;

/**
 * The pricing book: the parameters new quotes use, each protocol's risk profile (the evidence the factors read beyond audits),
 * and each listing's market. Its changes are the engine's apply of pricing events, on the writer thread.
 */
public final class PricingBook {
    private PricingParameters parameters;
    private TreePMap<String, RiskProfile> riskProfiles = TreePMap.empty();
    private TreePMap<String, MarketState> markets = TreePMap.empty();

    public PricingBook(PricingParameters parameters) {
        this.parameters = parameters;
    }

    public static PricingBook restore(PricingParameters parameters, Collection<RiskProfile> riskProfiles, Collection<MarketState> markets) {
        var book = new PricingBook(parameters);
        riskProfiles.forEach(book::register);
        markets.forEach(market -> book.markets = book.markets.plus(MarketState.key(market.poolId(), market.protocolId()), market));
        return book;
    }

    /** A view for readers on other threads, as the book is now; the maps are persistent, so this shares them and never changes. */
    public PricingBook forQuotes() {
        var view = new PricingBook(parameters);
        view.riskProfiles = riskProfiles;
        view.markets = markets;
        return view;
    }

    /** The pricing parameters new quotes use. */
    public PricingParameters parameters() {
        return parameters;
    }

    public NavigableMap<String, RiskProfile> riskProfiles() {
        return riskProfiles;
    }

    /** Each listing's market, keyed like listings (pool/protocol). */
    public NavigableMap<String, MarketState> markets() {
        return markets;
    }

    /** The protocol's risk profile, or null. */
    public RiskProfile riskProfile(String protocolId) {
        return riskProfiles.get(protocolId);
    }

    /** The listing's market; a listing made before markets existed trades at the parameters' defaults, unbumped, from {@code since}. */
    public MarketState market(String poolId, String protocolId, java.time.Instant since) {
        MarketState market = markets.get(MarketState.key(poolId, protocolId));
        if (market != null) {
            return market;
        }
        var defaults = parameters.market();
        return new MarketState(poolId, protocolId,
                new MarketParameters(1, MarketParameters.Mode.MARKET, defaults.bumpRatioBps(), defaults.decayPerDayBps()), 0, since);
    }

    public void setParameters(PricingParameters next) {
        parameters = next;
    }

    public void register(RiskProfile profile) {
        riskProfiles = riskProfiles.plus(profile.protocolId(), profile);
    }

    public void setMarket(MarketState market) {
        markets = markets.plus(MarketState.key(market.poolId(), market.protocolId()), market);
    }
}
