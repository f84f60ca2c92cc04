package io.auditcover.solvency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The correlation ρ of one dependency kind, fitted from how often members of one group are exploited in the same year.
 *
 * <p>Under the {@link CapitalModel}'s copula a protocol is exploited in a year (one exploit or more) when its latent normal
 * {@code z} is above {@code Φ⁻¹(1 − p)}, {@code p} its probability of an exploit in the year; two members of one group share
 * the group's factor, so their latent normals have correlation ρ and both are exploited with probability {@code Φ₂(t, t; ρ)},
 * {@code t = Φ⁻¹(p)}. The fit is the method of moments on that pair probability: ρ is the value at which the expected number
 * of co-exploited pairs, {@code Σ n(n − 1)/2 · Φ₂(t, t; ρ)} over group-years, equals the observed {@code Σ k(k − 1)/2}.
 * Fewer pairs than independence expects give ρ = 0: the model has no negative correlation. What {@code p} is, the
 * {@link Baseline}, decides what the figure means.
 *
 * <p>The interval resamples whole groups (a group's years together: they share the group's rate), {@link #BOOTSTRAP_SAMPLES}
 * times from the fixed {@link #BOOTSTRAP_SEED}, and takes the central 95 % of the refitted ρ. Deterministic: the same counts
 * always give the same fit. The figure is the total latent correlation of two members of one group of this kind: members of
 * one fork family often share a chain and an oracle too, and those factors count here as well.
 */
public record DependencyFit(DependencyKind kind, Baseline baseline, int groups, int groupYears, int exploited, long coExploitedPairs,
        double coExploitedPairsIndependent, Optional<Estimate> estimate, String source) {
    /** Below this many co-exploited pairs the data cannot tell a correlation from chance, and no ρ is fitted. */
    public static final int CO_EXPLOITED_PAIRS_MIN = 5;
    public static final int GROUP_YEARS_MAX = 1_000_000;
    public static final int MEMBERS_MAX = 1_000_000;
    public static final int BOOTSTRAP_SAMPLES = 1000;
    public static final long BOOTSTRAP_SEED = 20_261_201L;
    public static final double INTERVAL_LEVEL = 0.95;
    /** The largest ρ fitted: at ρ = 1 a group is one protocol. */
    public static final double RHO_MAX = 0.999;
    /**
     * Gauss–Legendre points of the Φ₂ integral: its integrand (below) is smooth and bounded on the whole range, so 24 points agree
     * with SciPy's Genz algorithm to better than 1e-11 (the tests check it) for the |t| < 6 a yearly exploit probability gives.
     */
    static final int LEGENDRE_POINTS = 24;
    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);
    private static final GaussIntegrator LEGENDRE = new GaussIntegratorFactory().legendre(LEGENDRE_POINTS);

    /** What a member's yearly exploit probability {@code p} is taken to be, against which co-exploits are counted. */
    public enum Baseline {
        /**
         * One probability per year: the share of the kind's live members exploited that year (so a year with more exploits
         * everywhere, or 2021's eight months, is not read as correlation). A group whose rate is higher every year (a family of
         * lending forks) counts as correlated: the reading for a model whose rates do not differ by group.
         */
        YEAR,
        /**
         * A group's own rate times the year's ({@code p = a_g · p_y}), the group's multiple {@code a_g} read from its members
         * exploited in different years, so only exploits bunched into the same year count: the reading for a model whose rates
         * already differ by group (the pricing's fork and chain factors). It needs a group's several years, so a group seen in
         * one year adds nothing. Unbiased at ρ = 0; above it, a group whose exploits all fell in one year reads as a group of
         * rate 0 with co-exploits, so the figure reads high as ρ grows (about 0.23 for a true 0.2 and 0.65 for 0.5 on
         * listing-like simulated data): the prudent side for capital.
         */
        GROUP_AND_YEAR
    }

    /** One group in one year: {@code members} live protocols of the group, {@code exploited} of them exploited (each once). */
    public record GroupYear(String group, int year, int members, int exploited) {
        public GroupYear {
            if (group == null || group.isBlank() || members < 1 || members > MEMBERS_MAX || exploited < 0 || exploited > members) {
                throw new IllegalArgumentException("a group-year needs a group, 1 to " + MEMBERS_MAX + " members and 0 to members exploited");
            }
        }
    }

    /** The fitted ρ and its bootstrap interval, all in [0, {@link #RHO_MAX}]. */
    public record Estimate(double rho, double low, double high) {
        public Estimate {
            if (!(low >= 0 && low <= high && high <= RHO_MAX && rho >= 0 && rho <= RHO_MAX)) {
                throw new IllegalArgumentException("an estimate needs 0 <= rho <= " + RHO_MAX + " and 0 <= low <= high <= " + RHO_MAX);
            }
        }
    }

    public DependencyFit {
        if (kind == null || baseline == null || estimate == null || source == null || source.isBlank()) {
            throw new IllegalArgumentException("a dependency fit needs a kind, a baseline, an estimate (maybe empty) and its source");
        }
    }

    /** {@link #fit(DependencyKind, List, Baseline, String)} against one probability per year. */
    public static DependencyFit fit(DependencyKind kind, List<GroupYear> counts, String dataSource) {
        return fit(kind, counts, Baseline.YEAR, dataSource);
    }

    /**
     * Fits ρ of {@code kind} from its group-year counts; {@code dataSource} names the data in the fit's source (e.g.
     * "datasets/incident_matches.csv"). No estimate when fewer than {@link #CO_EXPLOITED_PAIRS_MIN} pairs were co-exploited.
     */
    public static DependencyFit fit(DependencyKind kind, List<GroupYear> counts, Baseline baseline, String dataSource) {
        if (counts.isEmpty() || counts.size() > GROUP_YEARS_MAX) {
            throw new IllegalArgumentException("a dependency fit needs 1 to " + GROUP_YEARS_MAX + " group-years");
        }
        var byGroup = new LinkedHashMap<String, List<GroupYear>>();
        counts.forEach(count -> byGroup.computeIfAbsent(count.group(), g -> new ArrayList<>()).add(count));
        var years = new TreeSet<Integer>();
        counts.forEach(count -> years.add(count.year()));
        var yearIndex = new TreeMap<Integer, Integer>();
        years.forEach(year -> yearIndex.put(year, yearIndex.size()));
        List<int[][]> groups = byGroup.values().stream()
                .map(g -> g.stream().map(c -> new int[] {yearIndex.get(c.year()), c.members(), c.exploited()}).toArray(int[][]::new)).toList();
        var book = new Book(groups, years.size(), baseline);
        long pairs = Math.round(book.pairsExploited / 2);
        double independent = book.expectedPairs(0) / 2;
        String where = counts.size() + " group-years (" + byGroup.size() + " groups), " + pairs + " co-exploited pairs ("
                + String.format(Locale.ROOT, "%.1f", independent) + " if independent), p by " + baseline.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + ", " + years.first() + (years.size() > 1 ? "-" + years.last() : "") + ", " + dataSource;
        Optional<Estimate> estimate = Optional.empty();
        String source;
        if (pairs < CO_EXPLOITED_PAIRS_MIN) {
            source = "not fitted: fewer than " + CO_EXPLOITED_PAIRS_MIN + " co-exploited pairs: " + where;
        } else {
            double rho = book.rho();
            double[] interval = bootstrap(groups, years.size(), baseline);
            estimate = Optional.of(new Estimate(rho, interval[0], interval[1]));
            source = String.format(Locale.ROOT, "fitted: rho %.3f (%.0f%% interval %.3f-%.3f), ", rho, INTERVAL_LEVEL * 100, interval[0],
                    interval[1]) + where;
        }
        return new DependencyFit(kind, baseline, byGroup.size(), counts.size(), (int) Math.round(book.exploited), pairs, independent, estimate,
                source);
    }

    /** The model's parameters from this fit, when it has an estimate. */
    public Optional<DependencyParameters> parameters() {
        return estimate.map(e -> new DependencyParameters(kind, e.rho(), source));
    }

    /**
     * Group-years reduced to what the moment equation reads: for each distinct yearly exploit probability {@code p}, the
     * ordered member pairs {@code Σ n(n − 1)} that have it; and the observed ordered exploited pairs {@code Σ k(k − 1)}.
     * Groups are rows of (year index, members, exploited). Sums are doubles: bootstrap totals of large groups exceed an int.
     */
    private static final class Book {
        private final double[] thresholdsSquared;
        private final double[] marginalsSquared;
        private final double[] pairWeights;
        private final double pairsExploited;
        private final double exploited;

        Book(List<int[][]> groups, int yearCount, Baseline baseline) {
            double[][] probability = probabilities(groups, yearCount, baseline);
            var weights = new TreeMap<Double, Double>();
            double observed = 0;
            double total = 0;
            for (int g = 0; g < groups.size(); g++) {
                for (int r = 0; r < groups.get(g).length; r++) {
                    double n = groups.get(g)[r][1];
                    double k = groups.get(g)[r][2];
                    observed += k * (k - 1);
                    total += k;
                    double p = probability[g][r];
                    if (p > 0 && n > 1) {
                        weights.merge(p, n * (n - 1), Double::sum);
                    }
                }
            }
            thresholdsSquared = weights.keySet().stream().mapToDouble(p -> p >= 1 ? Double.POSITIVE_INFINITY : square(NORMAL.inverseCumulativeProbability(p)))
                    .toArray();
            marginalsSquared = weights.keySet().stream().mapToDouble(p -> p * p).toArray();
            pairWeights = weights.values().stream().mapToDouble(Double::doubleValue).toArray();
            pairsExploited = observed;
            exploited = total;
        }

        double expectedPairs(double rho) {
            return diagonalSum(thresholdsSquared, marginalsSquared, pairWeights, rho);
        }

        /** Expected ordered co-exploited pairs at ρ less those observed: increasing in ρ (Slepian), so it has one root. */
        double excess(double rho) {
            return expectedPairs(rho) - pairsExploited;
        }

        /** The moment estimate: 0 when no more pairs were co-exploited than independence expects, at most {@link #RHO_MAX}. */
        double rho() {
            if (excess(0) >= 0) {
                return 0;
            }
            if (excess(RHO_MAX) <= 0) {
                return RHO_MAX;
            }
            return new BrentSolver(1e-9).solve(200, this::excess, 0, RHO_MAX);
        }
    }

    /** Each group-year's yearly exploit probability under {@code baseline}, by group and row (0 where the group has no reading). */
    private static double[][] probabilities(List<int[][]> groups, int yearCount, Baseline baseline) {
        double[] yearMembers = new double[yearCount];
        double[] yearExploited = new double[yearCount];
        for (int[][] group : groups) {
            for (int[] row : group) {
                yearMembers[row[0]] += row[1];
                yearExploited[row[0]] += row[2];
            }
        }
        double[] yearRate = new double[yearCount];
        for (int y = 0; y < yearCount; y++) {
            yearRate[y] = yearMembers[y] == 0 ? 0 : yearExploited[y] / yearMembers[y];
        }
        double[][] out = new double[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            int[][] group = groups.get(g);
            double factor = baseline == Baseline.YEAR ? 1 : groupFactor(group, yearRate);
            out[g] = new double[group.length];
            for (int r = 0; r < group.length; r++) {
                out[g][r] = Math.min(1, factor * yearRate[group[r][0]]);
            }
        }
        return out;
    }

    /**
     * How many times its year's rate a group's rate is, read from its pairs of exploited members in different years: their
     * factors are independent, so {@code Σ_{y≠y'} k_y k_y'} estimates {@code a² Σ_{y≠y'} n_y n_y' p_y p_y'} without bias. 0 for a
     * group of one year (no reading; it adds nothing to either side of the moment equation).
     */
    private static double groupFactor(int[][] group, double[] yearRate) {
        double exploited = 0;
        double exploitedSquares = 0;
        double expected = 0;
        double expectedSquares = 0;
        for (int[] row : group) {
            double k = row[2];
            double e = row[1] * yearRate[row[0]];
            exploited += k;
            exploitedSquares += k * k;
            expected += e;
            expectedSquares += e * e;
        }
        double crossExpected = expected * expected - expectedSquares;
        double crossExploited = exploited * exploited - exploitedSquares;
        return crossExpected <= 0 ? 0 : Math.sqrt(crossExploited / crossExpected);
    }

    /** The central {@link #INTERVAL_LEVEL} of ρ refitted on groups drawn with replacement. */
    private static double[] bootstrap(List<int[][]> groups, int yearCount, Baseline baseline) {
        var random = new SplittableRandom(BOOTSTRAP_SEED);
        double[] fitted = new double[BOOTSTRAP_SAMPLES];
        for (int b = 0; b < BOOTSTRAP_SAMPLES; b++) {
            var resample = new ArrayList<int[][]>(groups.size());
            for (int g = 0; g < groups.size(); g++) {
                resample.add(groups.get(random.nextInt(groups.size())));
            }
            fitted[b] = new Book(resample, yearCount, baseline).rho();
        }
        Arrays.sort(fitted);
        double tail = (1 - INTERVAL_LEVEL) / 2;
        int low = (int) Math.floor(tail * BOOTSTRAP_SAMPLES);
        int high = (int) Math.ceil((1 - tail) * BOOTSTRAP_SAMPLES) - 1;
        return new double[] {fitted[low], fitted[high]};
    }

    /**
     * {@code Φ₂(t, t; ρ)}, the probability that two standard normals of correlation ρ are both below {@code t}. Hipparchus has
     * no bivariate normal. Plackett's identity {@code ∂Φ₂/∂ρ = φ₂} gives, on the diagonal,
     * {@code Φ₂(t, t; ρ) = Φ(t)² + (1/2π) ∫₀^ρ exp(−t²/(1 + r)) / √(1 − r²) dr}; substituting {@code r = sin θ} (as
     * Drezner and Wesolowsky do) removes the {@code 1/√(1 − r²)} singularity at r → 1 and leaves
     * {@code (1/2π) ∫₀^{asin ρ} exp(−t²/(1 + sin θ)) dθ}, smooth and bounded, which Gauss–Legendre integrates to
     * double precision with a few dozen points. Exact checks: Sheppard's {@code Φ₂(0, 0; ρ) = 1/4 + asin(ρ)/2π} and
     * {@code Φ₂(t, t; 1) = Φ(t)}.
     */
    static double bivariateNormalDiagonal(double t, double rho) {
        double marginal = NORMAL.cumulativeProbability(t);
        return diagonalSum(new double[] {t * t}, new double[] {marginal * marginal}, new double[] {1}, rho);
    }

    /**
     * {@code Σ_j w_j Φ₂(t_j, t_j; ρ)} from each {@code t_j²} and {@code Φ(t_j)²}: the quadrature's nodes depend on ρ alone, so
     * their sines are taken once for every threshold (the bootstrap evaluates thousands of thresholds at each trial ρ).
     */
    private static double diagonalSum(double[] thresholdsSquared, double[] marginalsSquared, double[] weights, double rho) {
        if (!(rho >= 0 && rho <= 1)) {
            throw new IllegalArgumentException("rho must be in [0, 1], not " + rho);
        }
        double half = Math.asin(rho) / 2;
        int points = LEGENDRE.getNumberOfPoints();
        double[] inverse = new double[points];
        for (int i = 0; i < points; i++) {
            inverse[i] = 1 / (1 + Math.sin(half * (LEGENDRE.getPoint(i) + 1)));
        }
        double sum = 0;
        for (int j = 0; j < thresholdsSquared.length; j++) {
            double integral = 0;
            for (int i = 0; i < points; i++) {
                integral += LEGENDRE.getWeight(i) * Math.exp(-thresholdsSquared[j] * inverse[i]);
            }
            sum += weights[j] * (marginalsSquared[j] + half * integral / (2 * Math.PI));
        }
        return sum;
    }

    private static double square(double x) {
        return x * x;
    }
}
