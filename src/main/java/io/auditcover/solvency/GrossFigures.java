package io.auditcover.solvency;

import java.util.Arrays;

/**
 * A pool's (or the book's) figures before reinsurance, beside the net ones, so the capital a layer saves can be set against
 * what it costs: expected annual gross loss, its VaR 99.5 % and TVaR 99 %, and the layers' annual premium, in units.
 */
public record GrossFigures(double expectedLossUnits, long scrUnits, double tvar99Units, long annualPremiumUnits) {
    static GrossFigures of(long[] gross, long annualPremiumUnits) {
        long[] sorted = gross.clone();
        Arrays.sort(sorted);
        CapitalModel.LossMoments moments = CapitalModel.moments(sorted);
        return new GrossFigures(moments.mean(), moments.scr(), moments.tvar99(), annualPremiumUnits);
    }

    /** The capital the gate would hold without reinsurance: the larger of the gross SCR and TVaR 99 %. */
    public double requiredCapitalUnits() {
        return Math.max(scrUnits, tvar99Units);
    }
}
