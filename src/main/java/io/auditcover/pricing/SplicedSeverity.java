package io.auditcover.pricing;

/**
 * The size of one insured loss, given it is at least {@code thresholdUsd}: a lognormal body truncated to
 * [threshold, tailFrom) with probability {@code 1 − tailProbability}, and above {@code tailFromUsd} a generalised Pareto tail
 * (shape ξ, scale β) with probability {@code tailProbability}. With no tail ({@code tailProbability = 0}) the body runs to
 * infinity. Limited expectations are closed forms, so the payout ratio is exact.
 */
public record SplicedSeverity(double thresholdUsd, LossSeverity body, double tailFromUsd, double tailProbability, double tailShape,
        double tailScale) {
    public SplicedSeverity {
        if (!(thresholdUsd >= 0) || body == null || !(tailProbability >= 0 && tailProbability < 1)) {
            throw new IllegalArgumentException("severity needs a threshold, a body and a tail probability in [0, 1)");
        }
        if (tailProbability > 0 && !(tailFromUsd > thresholdUsd && tailScale > 0 && Double.isFinite(tailShape) && tailShape < 1)) {
            throw new IllegalArgumentException("a tail starts above the threshold with a positive scale and a shape below 1 (finite mean)");
        }
    }

    /** The same body with no tail: the former lognormal conditioned on the threshold. */
    public static SplicedSeverity bodyOnly(double thresholdUsd, LossSeverity body) {
        return new SplicedSeverity(thresholdUsd, body, Double.POSITIVE_INFINITY, 0, 0, 1);
    }

    public boolean hasTail() {
        return tailProbability > 0;
    }

    private double logOf(double x) {
        return x <= 0 ? Double.NEGATIVE_INFINITY : StrictMath.log(x);
    }

    private double bodyMass() {
        return body.cdfOfLog(logOf(hasTail() ? tailFromUsd : Double.POSITIVE_INFINITY)) - body.cdfOfLog(logOf(thresholdUsd));
    }

    public double cdf(double x) {
        if (x < thresholdUsd) {
            return 0;
        }
        if (!hasTail() || x < tailFromUsd) {
            return (1 - tailProbability) * (body.cdfOfLog(logOf(x)) - body.cdfOfLog(logOf(thresholdUsd))) / bodyMass();
        }
        return 1 - tailProbability * tailSurvival(x - tailFromUsd);
    }

    private double tailSurvival(double excess) {
        return tailShape == 0 ? StrictMath.exp(-excess / tailScale) : StrictMath.pow(1 + tailShape * excess / tailScale, -1 / tailShape);
    }

    public double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probability must be strictly between 0 and 1: " + p);
        }
        if (hasTail() && p >= 1 - tailProbability) {
            double survival = (1 - p) / tailProbability;
            double excess = tailShape == 0 ? -tailScale * StrictMath.log(survival) : tailScale * (StrictMath.pow(survival, -tailShape) - 1) / tailShape;
            return tailFromUsd + excess;
        }
        double low = body.cdfOfLog(logOf(thresholdUsd));
        double target = low + p / (1 - tailProbability) * bodyMass();
        return StrictMath.exp(body.mu() + body.sigma() * LossSeverity.STANDARD_NORMAL.inverseCumulativeProbability(Math.min(target, 1 - 1e-16)));
    }

    /** E[min(X, cap)] for a loss X of this distribution (so at least the threshold). */
    public double limitedMean(double cap) {
        if (cap <= thresholdUsd) {
            return cap;
        }
        double logThreshold = logOf(thresholdUsd);
        double bodyTop = hasTail() ? tailFromUsd : Double.POSITIVE_INFINITY;
        double mass = bodyMass();
        double bodyPart;
        if (cap >= bodyTop) {
            bodyPart = body.partialMean(logThreshold, logOf(bodyTop)) / mass;
        } else {
            double logCap = StrictMath.log(cap);
            bodyPart = (body.partialMean(logThreshold, logCap) + cap * (body.cdfOfLog(logOf(bodyTop)) - body.cdfOfLog(logCap))) / mass;
        }
        double tailPart = 0;
        if (hasTail()) {
            tailPart = cap <= tailFromUsd ? cap : tailFromUsd + tailIntegral(cap - tailFromUsd);
        }
        return (1 - tailProbability) * bodyPart + tailProbability * tailPart;
    }

    /** ∫₀^c S(y) dy for the tail's survival S: the tail's limited expected excess. */
    private double tailIntegral(double c) {
        if (tailShape == 0) {
            return -tailScale * StrictMath.expm1(-c / tailScale);
        }
        return tailScale / (1 - tailShape) * (1 - StrictMath.pow(1 + tailShape * c / tailScale, (tailShape - 1) / tailShape));
    }

    /** Log density at x ≥ threshold (for the fit's likelihood and diagnostics). */
    public double logDensity(double x) {
        if (hasTail() && x >= tailFromUsd) {
            if (tailShape == 0) {
                return StrictMath.log(tailProbability / tailScale) - (x - tailFromUsd) / tailScale;
            }
            double z = 1 + tailShape * (x - tailFromUsd) / tailScale;
            return StrictMath.log(tailProbability / tailScale) - (1 / tailShape + 1) * StrictMath.log(z);
        }
        double logX = StrictMath.log(x);
        double standard = (logX - body.mu()) / body.sigma();
        return StrictMath.log(1 - tailProbability) - logX - StrictMath.log(body.sigma()) - 0.5 * StrictMath.log(2 * StrictMath.PI)
                - standard * standard / 2 - StrictMath.log(bodyMass());
    }
}
