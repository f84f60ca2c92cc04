package io.auditcover.pricing;

/**
 * One documented multiplier on the base exploit rate, as applied to one quote: its name, the measured evidence it read (a
 * count, months, a share; what it measures is stated in docs/pricing.md), the multiplier that gave, and, for a fitted factor, the
 * group it read with its estimate, interval and rows ("" for a prior: its source is the parameters' stated one).
 */
public record Factor(String name, double measured, double multiplier, String source) {
    /** A prior's factor: its source is stated in the parameters. */
    public Factor(String name, double measured, double multiplier) {
        this(name, measured, multiplier, "");
    }

    public Factor {
        // Quotes logged before sources existed carry none.
        source = source == null ? "" : source;
        if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("factor " + name + " must be a positive finite multiplier: " + multiplier);
        }
    }
}
