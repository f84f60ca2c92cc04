package io.auditcover.pricing;

/**
 * One documented multiplier on the base exploit rate, as applied to one quote: its name, the measured evidence it read (a
 * count, months, a share; what it measures is stated in docs/pricing.md) and the multiplier that gave.
 */
public record Factor(String name, double measured, double multiplier) {
    public Factor {
        if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("factor " + name + " must be a positive finite multiplier: " + multiplier);
        }
    }
}
