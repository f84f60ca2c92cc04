package io.auditcover.pricing;

import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices a book of hypothetical one-year covers over past years and compares predicted with observed losses. The book each
 * year: one cover of {@code coverUsd} on every live protocol (the calibration's stated exposure), each at the severity's
 * reference TVL and with every factor at 1 (an average protocol). Each year is priced out of sample on the years before it
 * (from {@code firstHistoryYear}); observed loss is what the year's real incidents would have paid the book:
 * {@code cover × min(1, loss / TVL)} per incident in scope above the minimum loss.
 */
public final class Backtest {
    static final Asset USD = new Asset("USD", 2);

    private Backtest() {
    }

    /** One year of the book. Loss ratio = observed loss ÷ premium. */
    public record Year(int year, String calibratedOn, double protocols, double baseRate, int incidents, double predictedLossUsd,
            double observedLossUsd, double premiumUsd) {
        public double lossRatio() {
            return observedLossUsd / premiumUsd;
        }

        public double observedOverPredicted() {
            return observedLossUsd / predictedLossUsd;
        }
    }

    public static List<Year> run(List<Incident> incidents, CalibrationSettings settings, PricingParameters parameters, int firstHistoryYear,
            double coverUsd, Ratio leverage) {
        var years = new ArrayList<Year>();
        double tvl = settings.severityReferenceTvlUsd();
        for (int year = settings.fromYear(); year <= settings.toYear(); year++) {
            var history = new CalibrationSettings(settings.scope(), settings.minimumLossUsd(), firstHistoryYear, year - 1,
                    settings.liveProtocolsByYear(), tvl, settings.severityTvlElasticity(), 0, settings.seed());
            var calibration = Calibrator.fit(incidents, history, fraction -> { }).calibration();
            double payout = RiskModel.payoutRatio(calibration, tvl);
            double rate = calibration.baseAnnualRate();
            var risk = new Risk(rate, -StrictMath.expm1(-rate), payout, List.of());
            Money cover = Money.ofUnits(USD, Math.round(coverUsd * 100));
            double premiumPerCover = Quoter.technical(parameters.premium(), risk, cover, 365, leverage).total().units() / 100.0;
            double protocols = settings.liveProtocolsByYear().get(year);
            int count = 0;
            double observed = 0;
            for (Incident incident : incidents) {
                if (incident.date().getYear() == year && incident.scope().equals(settings.scope()) && incident.lossKnown()
                        && incident.lossUsd() >= settings.minimumLossUsd()) {
                    count++;
                    observed += coverUsd * Math.min(1, incident.lossUsd() / tvl);
                }
            }
            years.add(new Year(year, firstHistoryYear + "-" + (year - 1), protocols, rate, count, protocols * rate * payout * coverUsd,
                    observed, protocols * premiumPerCover));
        }
        return years;
    }
}
