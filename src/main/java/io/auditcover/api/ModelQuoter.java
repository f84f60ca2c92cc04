package io.auditcover.api;

import io.auditcover.pricing.RiskModel;
import io.auditcover.engine.Quotes;
import io.auditcover.money.Money;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.pricing.PriceBreakdown;
import java.time.Clock;
import java.util.List;

/**
 * Quotes with the engine's own pricing (the risk model and the listing's market) on the view's copy of
 * the state a purchase decision reads: the same checks, the same price and the same quote id that a
 * purchase at that sequence would get. A refusal is the engine's rejection.
 */
final class ModelQuoter implements Quoter {
    private final Clock clock;

    ModelQuoter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Quote quote(ReadView view, String poolId, String protocolId, Money amount, int periodDays) {
        var answer = Quotes.quote(view.quoteState(), poolId, protocolId, amount, periodDays, clock.instant());
        return switch (answer) {
            case Quotes.Refused refused -> throw ApiException.of(refused.rejection());
            case Quotes.Offered offered -> toApi(view, offered.quote());
        };
    }

    private static Quote toApi(ReadView view, io.auditcover.pricing.Quote quote) {
        PriceBreakdown price = quote.breakdown();
        var breakdown = List.of(
                new Quote.Component("expected_loss", price.expectedLoss(), "annual exploit probability "
                        + percent(quote.risk().annualProbability()) + " (90% interval " + percent(quote.risk().annualProbabilityLow()) + "-"
                        + percent(quote.risk().annualProbabilityHigh()) + "; base rate and severity fitted) x payout given exploit "
                        + percent(quote.risk().payoutRatio()) + " of cover, over the period"),
                new Quote.Component("risk_margin", price.riskMargin(), "loading on the expected loss"),
                new Quote.Component("capital_cost", price.capitalCost(), "return on the capital the cover locks, over the period"),
                new Quote.Component("expenses", price.expenses(), "expenses, grossed up"),
                new Quote.Component("commission", price.commission(), "distributor commission, grossed up (capped)"),
                new Quote.Component("floor_top_up", price.floorTopUp(), "what the minimum premium adds"),
                new Quote.Component("market_adjustment", price.marketAdjustment(), "technical " + quote.technicalPriceBps()
                        + " bps/yr, target " + quote.targetPriceBps() + ", charged " + quote.basePriceBps() + ", next buyer from "
                        + quote.bumpedPriceAfterBps() + " (" + quote.mode().name().toLowerCase(java.util.Locale.ROOT) + " mode)"));
        var parameters = view.quoteState().pricing();
        var sources = parameters.sources();
        var factors = quote.risk().factors().stream().map(f -> new Quote.Factor(f.name(), f.measured(), f.multiplier(),
                f.source().isEmpty() ? source(sources.getOrDefault(f.name(), "")) : RiskModel.describe(parameters, f))).toList();
        return new Quote(quote.poolId(), quote.protocolId(), quote.amount(), quote.periodDays(), quote.premium(), quote.basePriceBps(),
                breakdown, factors, roomNow(view, quote), "risk-model/" + quote.parametersVersion(), quote.id(), quote.validUntil(), quote.parametersVersion(),
                view.time(), view.headSequence());
    }

    /** A factor's source as the parameters state it: tables whose source is the data are fitted, every other one a prior. */
    static String source(String stated) {
        if (stated.startsWith("data")) {
            return "fitted: " + stated;
        }
        return "prior: " + (stated.isEmpty() ? "no source stated" : stated);
    }

    /** The most that fits now: pool capacity, the pool's cap for the protocol, and the cover limit its audit findings allow. */
    private static Money roomNow(ReadView view, io.auditcover.pricing.Quote quote) {
        Pool pool = view.pools().get(quote.poolId());
        Listing listing = view.listings().get(Listing.key(quote.poolId(), quote.protocolId()));
        Money zero = Money.zero(pool.asset());
        Money poolRoom = pool.capacity().minus(pool.activeCover()).max(zero);
        Money protocolRoom = pool.protocolCapacity().minus(listing.activeCover()).max(zero);
        Money limitRoom = quote.coverLimit().minus(listing.activeCover()).max(zero);
        return poolRoom.min(protocolRoom).min(limitRoom);
    }

    private static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", share * 100);
    }
}
