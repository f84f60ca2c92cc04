package io.auditcover.pricing;

import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.money.Rounding;
import java.time.temporal.ChronoUnit;

/**
 * Prices one cover: the risk model gives the expected loss; the premium terms add margin, capital cost, expenses and
 * commission (grossed up) and the floor; the market layer turns the technical price into the price charged. Pure: the same
 * parameters, evidence and request always give the same quote.
 */
public final class Quoter {
    private Quoter() {
    }

    /** The technical premium's terms, each converted to money once (rounded up). */
    public record Technical(Money expectedLoss, Money riskMargin, Money capitalCost, Money expenses, Money commission, Money floorTopUp) {
        public Money total() {
            return expectedLoss.plus(riskMargin).plus(capitalCost).plus(expenses).plus(commission).plus(floorTopUp);
        }
    }

    /** As {@link #technical(PricingParameters.PremiumTerms, Risk, Money, int, double)}, holding amount ÷ leverage as capital. */
    public static Technical technical(PricingParameters.PremiumTerms terms, Risk risk, Money amount, int periodDays, Ratio leverage) {
        return technical(terms, risk, amount, periodDays, (double) leverage.denominator() / leverage.numerator());
    }

    /**
     * EL = P(exploit within the period) × payout ratio; margin = EL × risk margin; capital = amount × capital share (the
     * capital a unit of cover holds) × cost of capital × years; gross-up for expenses and commission; then the floor.
     */
    public static Technical technical(PricingParameters.PremiumTerms terms, Risk risk, Money amount, int periodDays, double capitalShare) {
        double years = periodDays / 365.0;
        double lossRate = risk.probabilityWithin(periodDays) * risk.payoutRatio();
        double capitalRate = capitalShare * terms.costOfCapitalAnnual() * years;
        double net = lossRate * (1 + terms.riskMargin()) + capitalRate;
        double gross = net / (1 - terms.expenseRatio() - terms.commissionRate());
        Money expectedLoss = PriceBreakdown.charge(amount, lossRate);
        Money riskMargin = PriceBreakdown.charge(amount, lossRate * terms.riskMargin());
        Money capitalCost = PriceBreakdown.charge(amount, capitalRate);
        Money expenses = PriceBreakdown.charge(amount, gross * terms.expenseRatio());
        Money commission = PriceBreakdown.charge(amount, gross * terms.commissionRate());
        Money subtotal = expectedLoss.plus(riskMargin).plus(capitalCost).plus(expenses).plus(commission);
        Money floor = PriceBreakdown.charge(amount, terms.floorAnnualRate() * years);
        Money floorTopUp = floor.minus(subtotal).max(Money.zero(amount.asset()));
        return new Technical(expectedLoss, riskMargin, capitalCost, expenses, commission, floorTopUp);
    }

    public static Quote quote(PricingParameters parameters, PricingInput input, QuoteRequest request) {
        Risk risk = RiskModel.assess(parameters, input);
        Money amount = request.amount();
        Technical t = technical(parameters.premium(), risk, amount, request.periodDays(), request.capitalShare());
        Money technical = t.total();

        MarketState market = request.market();
        MarketParameters marketTerms = market.parameters();
        long technicalBps = Market.priceCoveringBps(technical, amount, request.periodDays());
        long target = marketTerms.mode() == MarketParameters.Mode.FIXED ? request.listingPriceBps()
                : Math.max(technicalBps, request.listingPriceBps());
        var purchase = Market.purchase(marketTerms, target, market, request.pricedAt(), amount, request.listingCapacity(),
                request.listingActive(), request.periodDays());
        long base = purchase.basePriceBps();
        long bumpedAfter = purchase.bumpedPriceAfterBps();
        Money premium = purchase.premium();
        var breakdown = new PriceBreakdown(t.expectedLoss(), t.riskMargin(), t.capitalCost(), t.expenses(), t.commission(), t.floorTopUp(),
                premium.minus(technical), premium);
        RiskProfile.AuditKind kind = input.profile() != null ? input.profile().auditKind() : RiskProfile.AuditKind.FIRM;
        long limitBps = CoverLimit.shareBps(parameters.coverLimit(), input.audits(), kind);
        Money limit = request.listingCapacity().times(Ratio.bps(limitBps), Rounding.POOL_PAYS);
        return new Quote(request.poolId(), request.protocolId(), amount, request.periodDays(), request.pricedAt(),
                request.now().plus(parameters.quotes().validitySeconds(), ChronoUnit.SECONDS), parameters.version(),
                marketTerms.version(), marketTerms.mode(), risk, breakdown, technicalBps, target, base, bumpedAfter, purchase.surgePremium(), limit);
    }
}
