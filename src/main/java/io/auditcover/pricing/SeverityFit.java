package io.auditcover.pricing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fits the insured peril's severity on losses at or above the threshold only: a lognormal truncated to [threshold, u) by
 * maximum likelihood, and a generalised Pareto on the excesses over u, u chosen by threshold stability: the lowest candidate
 * whose shape estimate lies within the 90 % interval of the estimate at every higher candidate. With too few losses for a
 * tail the body runs to infinity.
 */
public final class SeverityFit {
    /** Candidate tail shares (of the losses above the threshold) tried for u, from the lowest u up. */
    static final double[] TAIL_SHARES = {0.5, 0.4, 0.3, 0.25, 0.2, 0.15};
    /** A tail needs at least this many losses above u; a body at least this many below it. */
    public static final int TAIL_LOSSES_MIN = 15;
    public static final int BODY_LOSSES_MIN = 10;
    static final int EVALUATIONS_MAX = 20_000;
    static final int RESTARTS_MAX = 5;
    static final double Z90 = 1.6448536269514722;

    private SeverityFit() {
    }

    /** One threshold candidate's diagnostics: u, losses above it, mean excess, fitted shape ξ and its standard error, scale. */
    public record Candidate(double tailFromUsd, int tailLosses, double meanExcessUsd, double shape, double shapeStandardError, double scale) {
    }

    /** The fit, the candidates it chose among, and in-sample checks (Kolmogorov-Smirnov distance, overall and in the tail). */
    public record Result(SplicedSeverity severity, List<Candidate> candidates, double[] sortedLosses, double ks, double tailKs) {
        public Result {
            candidates = List.copyOf(candidates);
            sortedLosses = sortedLosses.clone();
        }
    }

    public static Result fit(double[] losses, double thresholdUsd) {
        double[] sorted = Arrays.stream(losses).filter(x -> x >= thresholdUsd).sorted().toArray();
        if (sorted.length < BODY_LOSSES_MIN) {
            throw new IllegalArgumentException("a severity fit needs at least " + BODY_LOSSES_MIN + " losses at or above the threshold, got " + sorted.length);
        }
        var candidates = new ArrayList<Candidate>();
        for (double share : TAIL_SHARES) {
            int tail = (int) Math.round(share * sorted.length);
            if (tail < TAIL_LOSSES_MIN || sorted.length - tail < BODY_LOSSES_MIN) {
                continue;
            }
            double u = sorted[sorted.length - tail - 1];
            double[] excesses = Arrays.stream(sorted).filter(x -> x > u).map(x -> x - u).toArray();
            double[] gpd = generalisedPareto(excesses);
            candidates.add(new Candidate(u, excesses.length, Arrays.stream(excesses).average().orElse(0), gpd[0],
                    (1 + gpd[0]) / StrictMath.sqrt(excesses.length), gpd[1]));
        }
        SplicedSeverity severity = splice(sorted, thresholdUsd, stable(candidates));
        double ks = ks(sorted, severity::cdf, 0, sorted.length);
        int tailStart = severity.hasTail() ? firstAbove(sorted, severity.tailFromUsd()) : sorted.length;
        double tailKs = severity.hasTail() ? tailKs(sorted, severity, tailStart) : Double.NaN;
        return new Result(severity, candidates, sorted, ks, tailKs);
    }

    private static Candidate stable(List<Candidate> candidates) {
        for (int i = 0; i < candidates.size(); i++) {
            Candidate low = candidates.get(i);
            boolean stable = low.shape() < 1;
            for (int j = i + 1; j < candidates.size() && stable; j++) {
                Candidate high = candidates.get(j);
                stable = Math.abs(low.shape() - high.shape()) <= Z90 * high.shapeStandardError();
            }
            if (stable) {
                return low;
            }
        }
        return null;
    }

    private static SplicedSeverity splice(double[] sorted, double thresholdUsd, Candidate tail) {
        if (tail == null) {
            return SplicedSeverity.bodyOnly(thresholdUsd, truncatedLognormal(sorted, thresholdUsd, Double.POSITIVE_INFINITY));
        }
        double[] body = Arrays.stream(sorted).filter(x -> x <= tail.tailFromUsd()).toArray();
        double probability = (double) tail.tailLosses() / sorted.length;
        return new SplicedSeverity(thresholdUsd, truncatedLognormal(body, thresholdUsd, tail.tailFromUsd()), tail.tailFromUsd(), probability,
                tail.shape(), tail.scale());
    }

    /** Maximum likelihood of a lognormal seen only on [low, high]: Σ log f(x) − n log(F(high) − F(low)). */
    public static LossSeverity truncatedLognormal(double[] losses, double low, double high) {
        LossSeverity start = LossSeverity.fit(losses);
        double logLow = low <= 0 ? Double.NEGATIVE_INFINITY : StrictMath.log(low);
        double logHigh = high == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : StrictMath.log(high);
        double[] logs = Arrays.stream(losses).map(StrictMath::log).toArray();
        double[] best = minimise(point -> {
            double mu = point[0];
            double sigma = StrictMath.exp(point[1]);
            var candidate = new LossSeverity(mu, sigma);
            double mass = candidate.cdfOfLog(logHigh) - candidate.cdfOfLog(logLow);
            if (!(mass > 1e-300)) {
                return Double.MAX_VALUE;
            }
            double sum = 0;
            for (double log : logs) {
                double z = (log - mu) / sigma;
                sum += z * z / 2 + point[1];
            }
            return sum + logs.length * StrictMath.log(mass);
        }, new double[] {start.mu(), StrictMath.log(start.sigma())}, new double[] {0.5, 0.2});
        return new LossSeverity(best[0], StrictMath.exp(best[1]));
    }

    /** Maximum likelihood of a generalised Pareto on positive excesses: {shape ξ, scale β}. */
    public static double[] generalisedPareto(double[] excesses) {
        double mean = Arrays.stream(excesses).average().orElseThrow();
        double[] best = minimise(point -> {
            double shape = point[0];
            double scale = StrictMath.exp(point[1]);
            double sum = excesses.length * point[1];
            for (double y : excesses) {
                double z = 1 + shape * y / scale;
                if (!(z > 0)) {
                    return Double.MAX_VALUE;
                }
                sum += Math.abs(shape) < 1e-9 ? y / scale : (1 / shape + 1) * StrictMath.log(z);
            }
            return sum;
        }, new double[] {0.5, StrictMath.log(mean * 0.5)}, new double[] {0.2, 0.5});
        return new double[] {best[0], StrictMath.exp(best[1])};
    }

    /** Nelder-Mead, restarted from its own answer until a restart no longer improves it (a simplex can stall on a ridge). */
    private static double[] minimise(ToDoubleFunction<double[]> negativeLogLikelihood, double[] start, double[] steps) {
        double[] point = start;
        double value = Double.MAX_VALUE;
        for (int restart = 0; restart < RESTARTS_MAX; restart++) {
            var optimizer = new SimplexOptimizer(1e-11, 1e-9);
            var result = optimizer.optimize(new MaxEval(EVALUATIONS_MAX), new ObjectiveFunction(negativeLogLikelihood::applyAsDouble),
                    GoalType.MINIMIZE, new InitialGuess(point), new NelderMeadSimplex(steps));
            boolean improved = result.getValue() < value - 1e-9;
            point = result.getPoint();
            value = Math.min(value, result.getValue());
            if (!improved && restart > 0) {
                break;
            }
        }
        return point;
    }

    private static int firstAbove(double[] sorted, double u) {
        int i = 0;
        while (i < sorted.length && sorted[i] <= u) {
            i++;
        }
        return i;
    }

    /** KS distance of the tail's excesses against the fitted conditional tail. */
    private static double tailKs(double[] sorted, SplicedSeverity severity, int start) {
        int n = sorted.length - start;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double fitted = (severity.cdf(sorted[start + i]) - (1 - severity.tailProbability())) / severity.tailProbability();
            worst = Math.max(worst, Math.max(Math.abs(fitted - (double) i / n), Math.abs(fitted - (double) (i + 1) / n)));
        }
        return worst;
    }

    static double ks(double[] sorted, java.util.function.DoubleUnaryOperator cdf, int from, int to) {
        double worst = 0;
        int n = to - from;
        for (int i = 0; i < n; i++) {
            double fitted = cdf.applyAsDouble(sorted[from + i]);
            worst = Math.max(worst, Math.max(Math.abs(fitted - (double) i / n), Math.abs(fitted - (double) (i + 1) / n)));
        }
        return worst;
    }

    /** The empirical quantile of sorted values (nearest rank). */
    public static double empiricalQuantile(double[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        return sorted[index];
    }
}
