package io.auditcover.pricing;

import java.util.SortedMap;
import java.util.TreeMap;
import org.hipparchus.special.Gamma;

/**
 * How often an insured protocol is exploited, with honest uncertainty: a Poisson count per year whose log rate per
 * protocol-year follows a random walk (a year effect that persists), filtered year by year (Kalman local level) with each
 * year's Poisson noise {@code 1 / count}. The walk's yearly spread {@code yearSpread²} is a credibility blend of a stated
 * prior and the observed year-on-year changes less their Poisson noise. The trend is the mean year-on-year change shrunk
 * toward none by a prior worth {@link Prior#trendChanges} changes of zero (by default {@link #TREND_PRIOR_CHANGES}), so one year's drop moves it only part of the way
 * and the data must keep showing it to carry it; its uncertainty (spread² ÷ (changes + prior)) widens the predictive. The
 * predictive count for a
 * year of exposure E is negative binomial: Poisson mixed over a gamma with the log rate's predictive mean and variance.
 */
public record Frequency(double logRate, double logRateVariance, double trendPerYear, double trendVariance, double yearSpreadSquared, int years, int incidents,
        double protocolYears, int lastYear) {
    public static final double TREND_PRIOR_CHANGES = 1;
    public static final int COUNT_MAX = 1_000_000;

    /**
     * The prior and its weight: the log rate moves by sd {@code spread} a year, worth {@code weightYears} observed changes; the
     * trend is shrunk toward none by {@code trendChanges} changes of zero.
     */
    public record Prior(double spread, double weightYears, double trendChanges) {
        public Prior {
            if (!(spread > 0) || !(weightYears > 0) || !(trendChanges > 0)) {
                throw new IllegalArgumentException("the year-spread prior needs a positive spread and weight, and the trend's prior a positive weight");
            }
        }

        /** With the trend's prior worth {@link #TREND_PRIOR_CHANGES} change of zero. */
        public Prior(double spread, double weightYears) {
            this(spread, weightYears, TREND_PRIOR_CHANGES);
        }

        /** The same prior with the trend shrunk by {@code changes} changes of zero instead. */
        public Prior withTrendChanges(double changes) {
            return new Prior(spread, weightYears, changes);
        }
    }

    public static Frequency fit(SortedMap<Integer, Integer> counts, SortedMap<Integer, Double> exposure, Prior prior) {
        var rates = new TreeMap<Integer, double[]>();
        int total = 0;
        double protocolYears = 0;
        for (var entry : counts.entrySet()) {
            double e = exposure.getOrDefault(entry.getKey(), 0.0);
            if (!(e > 0)) {
                throw new IllegalArgumentException("no exposure for " + entry.getKey());
            }
            double n = entry.getValue();
            // Half an incident in an empty year keeps the log finite; its noise variance is that of half a count.
            double effective = Math.max(n, 0.5);
            rates.put(entry.getKey(), new double[] {StrictMath.log(effective / e), 1 / effective});
            total += entry.getValue();
            protocolYears += e;
        }
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("a frequency fit needs at least one year");
        }
        double[] changes = new double[rates.size() - 1];
        double excess = 0;
        int i = 0;
        double[] previous = null;
        for (double[] rate : rates.values()) {
            if (previous != null) {
                changes[i++] = rate[0] - previous[0];
            }
            previous = rate;
        }
        double trend = trend(changes, prior.trendChanges());
        i = 0;
        previous = null;
        for (double[] rate : rates.values()) {
            if (previous != null) {
                double change = rate[0] - previous[0] - trend;
                excess += Math.max(0, change * change - rate[1] - previous[1]);
                i++;
            }
            previous = rate;
        }
        double spreadSquared = (prior.weightYears() * prior.spread() * prior.spread() + excess) / (prior.weightYears() + changes.length);
        double mean = Double.NaN;
        double variance = 0;
        for (double[] rate : rates.values()) {
            if (Double.isNaN(mean)) {
                mean = rate[0];
                variance = rate[1];
                continue;
            }
            mean += trend;
            variance += spreadSquared;
            double gain = variance / (variance + rate[1]);
            mean += gain * (rate[0] - mean);
            variance *= 1 - gain;
        }
        return new Frequency(mean, variance, trend, spreadSquared / (changes.length + prior.trendChanges()), spreadSquared, rates.size(), total, protocolYears, rates.lastKey());
    }

    private static double trend(double[] changes, double priorChanges) {
        double sum = 0;
        for (double change : changes) {
            sum += change;
        }
        return sum / (changes.length + priorChanges);
    }

    /** The log rate's predictive mean and variance {@code yearsAhead} years after the last fitted year. */
    public double[] logRatePredictive(int yearsAhead) {
        return new double[] {logRate + trendPerYear * yearsAhead,
            logRateVariance + yearSpreadSquared * yearsAhead + trendVariance * yearsAhead * yearsAhead};
    }

    /** The predictive rate per protocol-year (its mean) one year ahead. */
    public double predictiveRate() {
        double[] log = logRatePredictive(1);
        return StrictMath.exp(log[0] + log[1] / 2);
    }

    /** Gamma shape of the rate's predictive uncertainty (matching the lognormal's coefficient of variation). */
    public static double shapeOf(double logVariance) {
        return 1 / StrictMath.expm1(logVariance);
    }

    /** The negative binomial predictive of one year's count on {@code protocolYears}, one year after the fit. */
    public Count predict(double protocolYears) {
        double[] log = logRatePredictive(1);
        return new Count(protocolYears * StrictMath.exp(log[0] + log[1] / 2), shapeOf(log[1]));
    }

    /** A negative binomial count: mean and gamma shape (variance = mean + mean² / shape). */
    public record Count(double mean, double shape) {
        public Count {
            if (!(mean > 0) || !(shape > 0)) {
                throw new IllegalArgumentException("a negative binomial needs a positive mean and shape");
            }
        }

        public double logProbability(int n) {
            double p = shape / (shape + mean);
            return Gamma.logGamma(n + shape) - Gamma.logGamma(shape) - Gamma.logGamma(n + 1.0) + shape * StrictMath.log(p)
                    + n * StrictMath.log1p(-p);
        }

        public double cumulative(int n) {
            double sum = 0;
            for (int k = 0; k <= n; k++) {
                sum += StrictMath.exp(logProbability(k));
            }
            return Math.min(1, sum);
        }

        /** The smallest n with P(N ≤ n) ≥ p. */
        public int quantile(double p) {
            double sum = 0;
            for (int k = 0; k < COUNT_MAX; k++) {
                sum += StrictMath.exp(logProbability(k));
                if (sum >= p) {
                    return k;
                }
            }
            return COUNT_MAX;
        }

        /** Randomised PIT at its midpoint: P(N < n) + P(N = n) / 2. */
        public double pit(int n) {
            return (n == 0 ? 0 : cumulative(n - 1)) + StrictMath.exp(logProbability(n)) / 2;
        }
    }

    /** Log probability of {@code n} under a Poisson with this mean (the naive baseline's score). */
    public static double poissonLogProbability(double mean, int n) {
        return -mean + n * StrictMath.log(mean) - Gamma.logGamma(n + 1.0);
    }
}
