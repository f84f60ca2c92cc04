package io.auditcover.solvency;

import java.util.Map;

/**
 * One pool's (or the book's) figures as a run recorded them, in units of its asset: what the gate, the API and the console
 * read. Probabilities in parts per million, so the record is exact and its JSON finite; the ratio is derived. Where a
 * reinsurance layer applies, the gross figures before it and the layers' annual premium (null where none applies, and in
 * runs from before they were recorded).
 */
public record PoolSolvency(long capitalUnits, long activeCoverUnits, long expectedLossUnits, long scrUnits, long tvar99Units,
        long ruinPerMillion, long mcrUnits, Map<Integer, Long> aggregateExceedance, Map<Integer, Long> occurrenceExceedance,
        Long grossExpectedLossUnits, Long grossScrUnits, Long grossTvar99Units, Long reinsurancePremiumUnits) {
    public PoolSolvency {
        if (capitalUnits < 0 || activeCoverUnits < 0 || expectedLossUnits < 0 || scrUnits < 0 || tvar99Units < 0 || ruinPerMillion < 0
                || ruinPerMillion > 1_000_000 || mcrUnits < 0) {
            throw new IllegalArgumentException("solvency figures are non-negative and a probability is at most one million per million");
        }
        if ((grossScrUnits == null) != (grossTvar99Units == null) || (grossScrUnits == null) != (grossExpectedLossUnits == null)
                || (grossScrUnits == null) != (reinsurancePremiumUnits == null)) {
            throw new IllegalArgumentException("the gross figures come together or not at all");
        }
        aggregateExceedance = Map.copyOf(aggregateExceedance);
        occurrenceExceedance = Map.copyOf(occurrenceExceedance);
    }

    public PoolSolvency(long capitalUnits, long activeCoverUnits, long expectedLossUnits, long scrUnits, long tvar99Units,
            long ruinPerMillion, long mcrUnits, Map<Integer, Long> aggregateExceedance, Map<Integer, Long> occurrenceExceedance) {
        this(capitalUnits, activeCoverUnits, expectedLossUnits, scrUnits, tvar99Units, ruinPerMillion, mcrUnits, aggregateExceedance,
                occurrenceExceedance, null, null, null, null);
    }

    static PoolSolvency of(SolvencyFigures figures) {
        GrossFigures gross = figures.gross();
        return new PoolSolvency(figures.capitalUnits(), figures.activeCoverUnits(), Math.round(figures.expectedLossUnits()),
                figures.scrUnits(), Math.round(figures.tvar99Units()), Math.round(figures.ruinProbability() * 1_000_000),
                (long) Math.ceil(figures.mcrUnits()), figures.aggregateExceedance(), figures.occurrenceExceedance(),
                gross == null ? null : Math.round(gross.expectedLossUnits()), gross == null ? null : gross.scrUnits(),
                gross == null ? null : Math.round(gross.tvar99Units()), gross == null ? null : gross.annualPremiumUnits());
    }

    /** What the gate would hold without reinsurance; null where no layer applies. */
    public Long grossRequiredCapitalUnits() {
        return grossScrUnits == null ? null : Math.max(grossScrUnits, grossTvar99Units);
    }

    /** The required capital the layers save (gross less net required capital); null where no layer applies. */
    public Long capitalSavedUnits() {
        return grossScrUnits == null ? null : grossRequiredCapitalUnits() - requiredCapitalUnits();
    }

    /**
     * What the gate holds the pool to: the larger of the SCR and the TVaR 99 % (see {@link CapitalModel}'s capital factors), so
     * a tail rarer than 1 in 200 still needs capital.
     */
    public long requiredCapitalUnits() {
        return Math.max(scrUnits, tvar99Units);
    }

    /** Capital / SCR; null when the SCR is zero (any capital suffices). */
    public Double solvencyRatio() {
        return scrUnits == 0 ? null : (double) capitalUnits / scrUnits;
    }
}
