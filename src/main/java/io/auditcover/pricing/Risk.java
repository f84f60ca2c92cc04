package io.auditcover.pricing;

import java.util.List;

/**
 * The model's view of one protocol: the annual rate of covered exploits (base × every factor), the probability of at least
 * one in a year with its 90 % predictive interval (from the calibrated rate's uncertainty), and the expected share of a
 * cover paid given an exploit.
 */
public record Risk(double annualRate, double annualProbability, double annualProbabilityLow, double annualProbabilityHigh, double payoutRatio,
        List<Factor> factors) {
    public Risk {
        factors = List.copyOf(factors);
        if (annualProbabilityLow == 0 && annualProbabilityHigh == 0) {
            // Quotes logged before the interval existed carry none: their interval is the point.
            annualProbabilityLow = annualProbability;
            annualProbabilityHigh = annualProbability;
        }
        if (!(annualProbabilityLow <= annualProbability && annualProbability <= annualProbabilityHigh)) {
            throw new IllegalStateException("the probability must lie in its interval");
        }
    }

    /** A risk whose rate is known exactly (the interval is the point). */
    public static Risk exact(double annualRate, double payoutRatio, List<Factor> factors) {
        double probability = -StrictMath.expm1(-annualRate);
        return new Risk(annualRate, probability, probability, probability, payoutRatio, factors);
    }

    /** Probability of at least one covered exploit within {@code days} (Poisson arrivals). */
    public double probabilityWithin(int days) {
        return -StrictMath.expm1(-annualRate * days / 365.0);
    }
}
