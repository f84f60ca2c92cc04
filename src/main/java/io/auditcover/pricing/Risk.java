package io.auditcover.pricing;

import java.util.List;

/**
 * The model's view of one protocol: the annual rate of covered exploits (base × every factor), the probability of at least
 * one in a year, and the expected share of a cover paid given an exploit.
 */
public record Risk(double annualRate, double annualProbability, double payoutRatio, List<Factor> factors) {
    public Risk {
        factors = List.copyOf(factors);
    }

    /** Probability of at least one covered exploit within {@code days} (Poisson arrivals). */
    public double probabilityWithin(int days) {
        return -StrictMath.expm1(-annualRate * days / 365.0);
    }
}
