package io.auditcover.pricing;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The size of one exploit's loss in USD: lognormal with log-mean {@code mu} and log-sd {@code sigma}. Heavy-tailed enough for
 * the data (median near $100k, 99th percentile near $100M) and with closed forms for the limited expectations pricing needs.
 */
public record LossSeverity(double mu, double sigma) {
    static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    public LossSeverity {
        if (!Double.isFinite(mu) || !(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("lognormal needs a finite mu and a positive sigma");
        }
    }

    /** Maximum-likelihood fit: mean and (population) standard deviation of the log losses. */
    public static LossSeverity fit(double[] lossesUsd) {
        if (lossesUsd.length < 2) {
            throw new IllegalArgumentException("a severity fit needs at least two losses");
        }
        double sum = 0;
        for (double loss : lossesUsd) {
            if (!(loss > 0)) {
                throw new IllegalArgumentException("losses must be positive: " + loss);
            }
            sum += StrictMath.log(loss);
        }
        double mean = sum / lossesUsd.length;
        double squares = 0;
        for (double loss : lossesUsd) {
            double deviation = StrictMath.log(loss) - mean;
            squares += deviation * deviation;
        }
        return new LossSeverity(mean, StrictMath.sqrt(squares / lossesUsd.length));
    }

    /** The same shape with every loss multiplied by {@code factor}. */
    public LossSeverity scaled(double factor) {
        return new LossSeverity(mu + StrictMath.log(factor), sigma);
    }

    public double cdf(double x) {
        return x <= 0 ? 0 : phi((StrictMath.log(x) - mu) / sigma);
    }

    public double quantile(double p) {
        return StrictMath.exp(mu + sigma * STANDARD_NORMAL.inverseCumulativeProbability(p));
    }

    public double median() {
        return StrictMath.exp(mu);
    }

    /** E[min(X, cap) | X ≥ floor] for 0 ≤ floor ≤ cap: the expected loss of an exploit above the reporting floor, capped. */
    public double limitedMeanAbove(double floor, double cap) {
        if (cap <= floor) {
            return cap;
        }
        return limitedMeanAboveLogs(floor <= 0 ? Double.NEGATIVE_INFINITY : StrictMath.log(floor), StrictMath.log(cap), cap);
    }

    /** The same from ln(floor) (−∞ for no floor) and ln(cap), so callers that already hold the logs skip recomputing them. */
    double limitedMeanAboveLogs(double logFloor, double logCap, double cap) {
        if (logCap <= logFloor) {
            return cap;
        }
        double survivalFloor = logFloor == Double.NEGATIVE_INFINITY ? 1 : 1 - phi((logFloor - mu) / sigma);
        if (survivalFloor <= 0) {
            return cap;
        }
        double variance = sigma * sigma;
        double mean = StrictMath.exp(mu + variance / 2);
        double upper = phi((logCap - mu - variance) / sigma);
        double lower = logFloor == Double.NEGATIVE_INFINITY ? 0 : phi((logFloor - mu - variance) / sigma);
        double partial = mean * (upper - lower) + cap * (1 - phi((logCap - mu) / sigma));
        return partial / survivalFloor;
    }

    static double phi(double z) {
        return STANDARD_NORMAL.cumulativeProbability(z);
    }

    /** E[X; a < X < b] (the partial expectation between two logs, −∞ and +∞ allowed). */
    double partialMean(double logLow, double logHigh) {
        double variance = sigma * sigma;
        double mean = StrictMath.exp(mu + variance / 2);
        double upper = logHigh == Double.POSITIVE_INFINITY ? 1 : phi((logHigh - mu - variance) / sigma);
        double lower = logLow == Double.NEGATIVE_INFINITY ? 0 : phi((logLow - mu - variance) / sigma);
        return mean * (upper - lower);
    }

    /** P(X ≤ e^logX), with the infinities allowed. */
    double cdfOfLog(double logX) {
        return logX == Double.NEGATIVE_INFINITY ? 0 : logX == Double.POSITIVE_INFINITY ? 1 : phi((logX - mu) / sigma);
    }
}
