package io.auditcover.pricing;

import java.util.Collection;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The pricing book: the parameters new quotes use, each protocol's risk profile (the evidence the factors read beyond audits),
 * and each listing's market. Its changes are the engine's apply of pricing events, on the writer thread.
 */
public final class PricingBook {
    private PricingParameters parameters;
    private final TreeMap<String, RiskProfile> riskProfiles = new TreeMap<>();
    private final TreeMap<String, MarketState> markets = new TreeMap<>();

    public PricingBook(PricingParameters parameters) {
        this.parameters = parameters;
    }

    public static PricingBook restore(PricingParameters parameters, Collection<RiskProfile> riskProfiles, Collection<MarketState> markets) {
        var book = new PricingBook(parameters);
        riskProfiles.forEach(book::register);
        markets.forEach(market -> book.markets.put(MarketState.key(market.poolId(), market.protocolId()), market));
        return book;
    }

    /** A copy for readers on other threads, never changed after. */
    public PricingBook forQuotes() {
        return restore(parameters, riskProfiles.values(), markets.values());
    }

    /** The pricing parameters new quotes use. */
    public PricingParameters parameters() {
        return parameters;
    }

    public NavigableMap<String, RiskProfile> riskProfiles() {
        return Collections.unmodifiableNavigableMap(riskProfiles);
    }

    /** Each listing's market, keyed like listings (pool/protocol). */
    public NavigableMap<String, MarketState> markets() {
        return Collections.unmodifiableNavigableMap(markets);
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
        riskProfiles.put(profile.protocolId(), profile);
    }

    public void setMarket(MarketState market) {
        markets.put(MarketState.key(market.poolId(), market.protocolId()), market);
    }
}
