package io.auditcover.solvency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The correlation ρ of one dependency kind, fitted from how often members of one group are exploited in the same year.
 *
 * <p>Under the {@link CapitalModel}'s copula a protocol is exploited in a year (one exploit or more) when its latent normal
 * {@code z} is above {@code Φ⁻¹(1 − p)}, {@code p} its probability of an exploit in the year; two members of one group share
 * the group's factor, so their latent normals have correlation ρ and both are exploited with probability {@code Φ₂(t, t; ρ)},
 * {@code t = Φ⁻¹(p)}. The fit is the method of moments on that pair probability: {@code p} of a year is the share of the
 * kind's live members exploited that year (so a year with more exploits everywhere, or 2021's eight months, is not read as
 * correlation), and ρ is the value at which the expected number of co-exploited pairs,
 * {@code Σ n(n − 1)/2 · Φ₂(t_y, t_y; ρ)} over group-years, equals the observed {@code Σ k(k − 1)/2}. Fewer pairs than
 * independence expects give ρ = 0: the model has no negative correlation.
 *
 * <p>The interval resamples whole groups (a group's years together, since a family riskier than its year's rate is riskier
 * every year), {@link #BOOTSTRAP_SAMPLES} times from the fixed {@link #BOOTSTRAP_SEED}, and takes the central 95 % of the
 * refitted ρ. Deterministic: the same counts always give the same fit.
 *
 * <p>What it measures: the total latent correlation of two members of one group of this kind. Members of one fork family
 * often share a chain and an oracle too, and a group's rate may differ from its year's rate for good (a family of lending
 * forks is riskier every year); both count here, so the figure is an upper reading of the kind's own ρ.
 */
public record DependencyFit(DependencyKind kind, int groups, int groupYears, int exploited, long coExploitedPairs,
        double coExploitedPairsIndependent, Optional<Estimate> estimate, String source) {
    /** Below this many co-exploited pairs the data cannot tell a correlation from chance, and no ρ is fitted. */
    public static final int CO_EXPLOITED_PAIRS_MIN = 5;
    public static final int GROUP_YEARS_MAX = 1_000_000;
    public static final int MEMBERS_MAX = 1_000_000;
    public static final int BOOTSTRAP_SAMPLES = 1000;
    public static final long BOOTSTRAP_SEED = 20_261_201L;
    public static final double INTERVAL_LEVEL = 0.95;
    /** The largest ρ fitted: at ρ = 1 the integrand's substitution reaches π/2 and a group is one protocol. */
    public static final double RHO_MAX = 0.999;
    /**
     * Gauss–Legendre points of the Φ₂ integral: its integrand (below) is smooth and bounded on the whole range, so 24 points are
     * exact to about 1e-15 for the |t| < 6 a yearly exploit probability gives.
     */
    static final int LEGENDRE_POINTS = 24;
    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);
    private static final GaussIntegratorFactory GAUSS = new GaussIntegratorFactory();

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
        if (kind == null || estimate == null || source == null || source.isBlank()) {
            throw new IllegalArgumentException("a dependency fit needs a kind, an estimate (maybe empty) and its source");
        }
    }

    /**
     * Fits ρ of {@code kind} from its group-year counts; {@code dataSource} names the data in the fit's source (e.g.
     * "datasets/incident_matches.csv"). No estimate when fewer than {@link #CO_EXPLOITED_PAIRS_MIN} pairs were co-exploited.
     */
    public static DependencyFit fit(DependencyKind kind, List<GroupYear> counts, String dataSource) {
        if (counts.isEmpty() || counts.size() > GROUP_YEARS_MAX) {
            throw new IllegalArgumentException("a dependency fit needs 1 to " + GROUP_YEARS_MAX + " group-years");
        }
        var byGroup = new LinkedHashMap<String, List<GroupYear>>();
        counts.forEach(count -> byGroup.computeIfAbsent(count.group(), g -> new ArrayList<>()).add(count));
        var years = new TreeSet<Integer>();
        counts.forEach(count -> years.add(count.year()));
        int[] yearIndex = new int[years.last() - years.first() + 1];
        int index = 0;
        for (int year : years) {
            yearIndex[year - years.first()] = index++;
        }
        List<Sums> groupSums = byGroup.values().stream().map(g -> Sums.of(g, years.first(), yearIndex, years.size())).toList();
        Sums all = Sums.total(groupSums, years.size());
        long pairs = Math.round(all.pairsExploited() / 2);
        String span = years.first() + (years.size() > 1 ? "-" + years.last() : "");
        String where = counts.size() + " group-years (" + byGroup.size() + " groups), " + pairs + " co-exploited pairs ("
                + String.format(java.util.Locale.ROOT, "%.1f", all.pairsIndependent() / 2) + " if independent), " + span + ", " + dataSource;
        Optional<Estimate> estimate = Optional.empty();
        String source;
        if (pairs < CO_EXPLOITED_PAIRS_MIN) {
            source = "not fitted: fewer than " + CO_EXPLOITED_PAIRS_MIN + " co-exploited pairs: " + where;
        } else {
            double rho = rho(all);
            double[] interval = bootstrap(groupSums, years.size());
            estimate = Optional.of(new Estimate(rho, interval[0], interval[1]));
            source = String.format(java.util.Locale.ROOT, "fitted: rho %.3f (%.0f%% interval %.3f-%.3f), ", rho, INTERVAL_LEVEL * 100,
                    interval[0], interval[1]) + where;
        }
        return new DependencyFit(kind, byGroup.size(), counts.size(), (int) Math.round(all.exploited()), pairs, all.pairsIndependent() / 2,
                estimate, source);
    }

    /** The model's parameters from this fit, when it has an estimate. */
    public Optional<DependencyParameters> parameters() {
        return estimate.map(e -> new DependencyParameters(kind, e.rho(), source));
    }

    /**
     * Per year: live members, exploited members, ordered member pairs {@code n(n − 1)} and ordered exploited pairs
     * {@code k(k − 1)}. Doubles, because bootstrap totals of large groups exceed an int and are only ever summed.
     */
    private static final class Sums {
        private final double[] members;
        private final double[] exploited;
        private final double[] pairs;
        private final double[] pairsExploited;

        private Sums(int yearCount) {
            members = new double[yearCount];
            exploited = new double[yearCount];
            pairs = new double[yearCount];
            pairsExploited = new double[yearCount];
        }

        static Sums of(List<GroupYear> group, int firstYear, int[] yearIndex, int yearCount) {
            var sums = new Sums(yearCount);
            for (GroupYear count : group) {
                int y = yearIndex[count.year() - firstYear];
                double n = count.members();
                double k = count.exploited();
                sums.members[y] += n;
                sums.exploited[y] += k;
                sums.pairs[y] += n * (n - 1);
                sums.pairsExploited[y] += k * (k - 1);
            }
            return sums;
        }

        static Sums total(List<Sums> parts, int yearCount) {
            var sums = new Sums(yearCount);
            parts.forEach(sums::add);
            return sums;
        }

        void add(Sums other) {
            for (int y = 0; y < members.length; y++) {
                members[y] += other.members[y];
                exploited[y] += other.exploited[y];
                pairs[y] += other.pairs[y];
                pairsExploited[y] += other.pairsExploited[y];
            }
        }

        double exploited() {
            return Arrays.stream(exploited).sum();
        }

        double pairsExploited() {
            return Arrays.stream(pairsExploited).sum();
        }

        double pairsIndependent() {
            double expected = 0;
            for (int y = 0; y < members.length; y++) {
                double p = members[y] == 0 ? 0 : exploited[y] / members[y];
                expected += pairs[y] * p * p;
            }
            return expected;
        }

        /** Expected ordered co-exploited pairs at ρ, less those observed: increasing in ρ (Slepian), so it has one root. */
        double excess(double rho) {
            double expected = 0;
            for (int y = 0; y < members.length; y++) {
                if (pairs[y] == 0 || exploited[y] == 0) {
                    continue;
                }
                double p = exploited[y] / members[y];
                expected += pairs[y] * (p >= 1 ? 1 : bivariateNormalDiagonal(NORMAL.inverseCumulativeProbability(p), rho));
            }
            return expected - pairsExploited();
        }
    }

    /** The moment estimate: 0 when no more pairs were co-exploited than independence expects, at most {@link #RHO_MAX}. */
    private static double rho(Sums sums) {
        if (sums.excess(0) >= 0) {
            return 0;
        }
        if (sums.excess(RHO_MAX) <= 0) {
            return RHO_MAX;
        }
        return new BrentSolver(1e-9).solve(200, sums::excess, 0, RHO_MAX);
    }

    /** The central {@link #INTERVAL_LEVEL} of ρ refitted on groups drawn with replacement. */
    private static double[] bootstrap(List<Sums> groups, int yearCount) {
        var random = new SplittableRandom(BOOTSTRAP_SEED);
        double[] fitted = new double[BOOTSTRAP_SAMPLES];
        for (int b = 0; b < BOOTSTRAP_SAMPLES; b++) {
            var resample = new ArrayList<Sums>(groups.size());
            for (int g = 0; g < groups.size(); g++) {
                resample.add(groups.get(random.nextInt(groups.size())));
            }
            fitted[b] = rho(Sums.total(resample, yearCount));
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
        if (!(rho >= 0 && rho <= 1)) {
            throw new IllegalArgumentException("rho must be in [0, 1], not " + rho);
        }
        double marginal = NORMAL.cumulativeProbability(t);
        if (rho == 0) {
            return marginal * marginal;
        }
        double squared = t * t;
        double integral = GAUSS.legendre(LEGENDRE_POINTS, 0, Math.asin(rho)).integrate(theta -> Math.exp(-squared / (1 + Math.sin(theta))));
        return marginal * marginal + integral / (2 * Math.PI);
    }
}
