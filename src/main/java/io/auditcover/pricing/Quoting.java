package io.auditcover.pricing;

import io.auditcover.evidence.EvidenceBook;
import io.auditcover.money.Money;
import io.auditcover.money.Rounding;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import io.auditcover.reason.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * A purchase's price from the books: the protocol's evidence and risk profile, the pool's capacity, the listing's active
 * cover, rate and market, and the parameters in force; a quote a buyer accepts is honoured within the price tolerance; a
 * listing's market is set within its bounds. Pure: reads the books, the engine's time and {@code now}.
 */
public final class Quoting {
    private Quoting() {
    }

    /**
     * Prices a purchase whose checks passed; {@code annualRateBps} is the listing's rate now (repriced while out of scope);
     * {@code capitalPerCover} the capital a unit of this cover holds by the last solvency run (NaN: amount ÷ leverage).
     */
    public static Quote price(PricingBook pricing, EvidenceBook evidence, Pool pool, Listing listing, long annualRateBps, Money amount,
            int periodDays, Instant time, Instant now, double capitalPerCover) {
        String protocolId = listing.protocolId();
        var input = new PricingInput(evidence.protocol(protocolId), evidence.contractsOf(protocolId), evidence.auditsOf(protocolId),
                pricing.riskProfile(protocolId), LocalDate.ofInstant(time, ZoneOffset.UTC));
        var request = new QuoteRequest(pool.id(), protocolId, amount, periodDays, pool.rules().leverage(), pool.protocolCapacity(),
                listing.activeCover(), annualRateBps, pricing.market(listing.poolId(), protocolId, time), time, now, capitalPerCover);
        return Quoter.quote(pricing.parameters(), input, request);
    }

    /** Whether the quote id a buyer presents is the one these terms and this purchase give. */
    public static boolean binds(String quoteId, Money premium, Instant validUntil, String parametersVersion, Pool pool, String protocolId,
            Money amount, int periodDays) {
        if (quoteId == null || premium == null || validUntil == null || parametersVersion == null || !premium.asset().equals(pool.asset())
                || premium.isNegative()) {
            return false;
        }
        return quoteId.equals(Quote.idOf(pool.id(), protocolId, amount, periodDays, premium, validUntil, parametersVersion));
    }

    /**
     * quote_expired, price_moved. A valid quote is honoured at exactly its premium while today's premium ({@code current}) is at
     * most the tolerance above it; the breakdown's market term absorbs the difference, so it still adds up.
     */
    public static Verdict<Quote> honour(PricingBook pricing, Money quotedPremium, Instant quotedValidUntil, Quote current, Instant now) {
        if (now.isAfter(quotedValidUntil)) {
            return Verdict.refused(Refusal.of(Reason.QUOTE_EXPIRED, "the quote expired at " + quotedValidUntil, newPrice(current, quotedPremium)));
        }
        Money tolerated = quotedPremium.plus(quotedPremium.scaled(pricing.parameters().quotes().priceToleranceBps(), 10_000, Rounding.POOL_PAYS));
        if (current.premium().exceeds(tolerated)) {
            return Verdict.refused(Refusal.of(Reason.PRICE_MOVED, "the premium is now " + current.premium() + ", above the quoted "
                    + quotedPremium, newPrice(current, quotedPremium)));
        }
        var b = current.breakdown();
        var honoured = new PriceBreakdown(b.expectedLoss(), b.riskMargin(), b.capitalCost(), b.expenses(), b.commission(), b.floorTopUp(),
                quotedPremium.minus(b.technical()), quotedPremium);
        return Verdict.accepted(new Quote(current.poolId(), current.protocolId(), current.amount(), current.periodDays(), current.pricedAt(),
                current.validUntil(), current.parametersVersion(), current.marketVersion(), current.mode(), current.risk(), honoured,
                current.technicalPriceBps(), current.targetPriceBps(), current.basePriceBps(), current.bumpedPriceAfterBps(),
                current.surgePremium(), current.coverLimit()));
    }

    private static Map<String, String> newPrice(Quote current, Money quotedPremium) {
        return Map.of("quoted_premium", quotedPremium.toDecimalString(), "premium", current.premium().toDecimalString(),
                "quote_id", current.id(), "valid_until", current.validUntil().toString(),
                "parameters_version", current.parametersVersion(), "base_price_bps", Long.toString(current.basePriceBps()));
    }

    /** rate_out_of_range (bump, decay, surge), invalid_command (mode). */
    public static Optional<Refusal> refusalToSetMarket(MarketParameters.Mode mode, long bumpRatioBps, long decayPerDayBps, long surgeFromBps,
            long surgeMaxBps) {
        if (bumpRatioBps < 0 || bumpRatioBps > MarketParameters.BPS_MAX || decayPerDayBps < 0 || decayPerDayBps > MarketParameters.BPS_MAX
                || surgeFromBps < 1 || surgeFromBps > MarketParameters.BPS_MAX || surgeMaxBps < 0 || surgeMaxBps > MarketParameters.BPS_MAX) {
            return Optional.of(Refusal.of(Reason.RATE_OUT_OF_RANGE, "bump, decay and surge must be 0-" + MarketParameters.BPS_MAX
                    + " bps, surge start 1-" + MarketParameters.BPS_MAX));
        }
        if (mode == null) {
            return Optional.of(Refusal.of(Reason.INVALID_COMMAND, "a market needs a mode"));
        }
        return Optional.empty();
    }
}
