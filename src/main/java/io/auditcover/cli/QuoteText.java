package io.auditcover.cli;

import io.auditcover.pricing.Factor;
import io.auditcover.pricing.Quote;
import java.util.Locale;

/** A quote explained in plain text: risk, every factor, every term of the premium. */
final class QuoteText {
    private QuoteText() {
    }

    static String explain(Quote quote) {
        var text = new StringBuilder();
        var risk = quote.risk();
        text.append(String.format(Locale.ROOT, "  annual exploit rate %.4f (P = %.2f%%/yr), payout given exploit %.2f%% of cover%n",
                risk.annualRate(), 100 * risk.annualProbability(), 100 * risk.payoutRatio()));
        for (Factor factor : risk.factors()) {
            text.append(String.format(Locale.ROOT, "    %-28s measured %-14s x %.3f%n", factor.name(), trim(factor.measured()),
                    factor.multiplier()));
        }
        var b = quote.breakdown();
        String[][] rows = {{"expected loss", b.expectedLoss().toString()}, {"risk margin", b.riskMargin().toString()},
            {"capital cost", b.capitalCost().toString()}, {"expenses", b.expenses().toString()}, {"commission", b.commission().toString()},
            {"floor top-up", b.floorTopUp().toString()}, {"= technical premium", b.technical().toString()},
            {"market adjustment", b.marketAdjustment().toString()}, {"= premium", b.premium().toString()}};
        for (String[] row : rows) {
            text.append(String.format(Locale.ROOT, "    %-28s %20s%n", row[0], row[1]));
        }
        text.append(String.format(Locale.ROOT, "  prices (bps/yr): technical %d, target %d, charged %d, next buyer from %d; %s mode, market v%d,"
                + " parameters %s; cover limit %s; valid until %s%n", quote.technicalPriceBps(), quote.targetPriceBps(), quote.basePriceBps(),
                quote.bumpedPriceAfterBps(), quote.mode().name().toLowerCase(Locale.ROOT), quote.marketVersion(), quote.parametersVersion(),
                quote.coverLimit(), quote.validUntil()));
        return text.toString();
    }

    static String trim(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
