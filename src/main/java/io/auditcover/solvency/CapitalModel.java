package io.auditcover.solvency;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.discrete.PoissonDistribution;

/**
 * Simulated years of exploits over a book, and what they cost each pool.
 *
 * <p>Each exposure's exploits in a year are Poisson with its annual rate, drawn through a Gaussian copula: the protocol's
 * latent variable is {@code z = Σ √ρ_k · x_g(k) + √(1 − Σ ρ_k) · y}, with one standard normal factor {@code x} per
 * dependency group (shared by every protocol in that group, e.g. every fork of one parent) and an idiosyncratic {@code y};
 * the count is the Poisson quantile of {@code Φ(z)}, found by comparing {@code z} with the count's precomputed normal
 * thresholds. {@code y} is drawn by inversion, {@code Φ⁻¹(u)} of a uniform {@code u}, and only where it matters: a year with no
 * exploit is told by comparing {@code u} with a tabulated lower bound of Φ at the first threshold, so the inverse is computed
 * in about one protocol-year in 1 / rate. With every ρ = 0 the protocols are independent and the book's loss is
 * compound Poisson; with ρ → 1 a group's members are exploited together. A year's loss on an exposure is its exploits times
 * the share of cover one pays, capped at the cover; a pool's gross loss is the sum over its exposures, its net loss what its
 * excess-of-loss layer leaves.
 *
 * <p>Reproducible: each simulated year draws from its own {@link SplittableRandom} seeded by (seed, year) alone, so years
 * can run on any number of threads in any order and give the same year loss table.
 */
public final class CapitalModel {
    public static final String MODEL_VERSION = "copula-poisson-v2";
    /** The group of an exposure that has none of a kind, in the allocation by group. */
    public static final String NO_GROUP = "(none)";
    /** Return periods of the exceedance curves, in years. */
    public static final List<Integer> RETURN_PERIODS = List.of(10, 50, 100, 200, 250, 500, 1000);
    public static final int YEARS_MAX = 10_000_000;
    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);
    /** Counts beyond this cumulative probability are not told apart (the threshold there is effectively +∞). */
    private static final double COUNT_TAIL = 1e-12;

    private final List<Exposure> exposures;
    private final List<PoolCapital> pools;
    private final int[] poolOf;
    /**
     * Exposure i's dependency groups are {@code groupFlat[groupStart[i] .. groupStart[i + 1])}, with their loadings √ρ in
     * {@code loadingFlat} at the same places: one flat array each, so the year's loop reads them in order.
     */
    private final int[] groupStart;
    private final int[] groupFlat;
    private final double[] loadingFlat;
    /** The loadings over the exposure's idiosyncratic loading, and its first count threshold over it: the no-exploit test's terms. */
    private final double[] scaledLoadingFlat;
    private final double[] scaledFirstCut;
    private final double[] idiosyncratic;
    private final double[] inverseIdiosyncratic;
    private final double[][] thresholds;
    /** Each exposure's first count threshold: below it, the year has no exploit. */
    private final double[] firstCut;
    private final long[] eventLoss;
    private final boolean[] layered;
    private final int groupCount;
    private final List<Map.Entry<DependencyKind, String>> groupNames = new ArrayList<>();

    /**
     * The model of a book. Refuses (IllegalArgumentException, with the reason) an exposure of an unknown pool, a dependency
     * kind without parameters, or a protocol whose correlations sum above 1.
     */
    public CapitalModel(List<Exposure> exposures, List<PoolCapital> pools, Map<DependencyKind, DependencyParameters> dependencies) {
        if (exposures.isEmpty() || pools.isEmpty()) {
            throw new IllegalArgumentException("a solvency run needs a book: at least one pool and one exposure");
        }
        this.exposures = List.copyOf(exposures);
        this.pools = List.copyOf(pools);
        var poolIndex = new TreeMap<String, Integer>();
        for (int p = 0; p < pools.size(); p++) {
            poolIndex.put(pools.get(p).poolId(), p);
        }
        var groupIndex = new LinkedHashMap<Map.Entry<DependencyKind, String>, Integer>();
        int n = exposures.size();
        poolOf = new int[n];
        groupStart = new int[n + 1];
        var groupsOf = new int[n][];
        var loadingsOf = new double[n][];
        idiosyncratic = new double[n];
        inverseIdiosyncratic = new double[n];
        thresholds = new double[n][];
        firstCut = new double[n];
        eventLoss = new long[n];
        for (int i = 0; i < n; i++) {
            Exposure exposure = exposures.get(i);
            Integer pool = poolIndex.get(exposure.poolId());
            if (pool == null) {
                throw new IllegalArgumentException("exposure " + exposure.listing() + " names unknown pool " + exposure.poolId());
            }
            poolOf[i] = pool;
            var kinds = new TreeMap<>(exposure.groups());
            groupsOf[i] = new int[kinds.size()];
            loadingsOf[i] = new double[kinds.size()];
            double rhoSum = 0;
            int k = 0;
            for (var entry : kinds.entrySet()) {
                DependencyParameters parameters = dependencies.get(entry.getKey());
                if (parameters == null) {
                    throw new IllegalArgumentException("dependency kind " + entry.getKey() + " has no parameters");
                }
                var key = Map.entry(entry.getKey(), entry.getValue());
                groupsOf[i][k] = groupIndex.computeIfAbsent(key, g -> groupIndex.size());
                loadingsOf[i][k] = Math.sqrt(parameters.rho());
                rhoSum += parameters.rho();
                k++;
            }
            if (rhoSum > 1 + 1e-12) {
                throw new IllegalArgumentException("the correlations of " + exposure.listing() + "'s dependencies sum to " + rhoSum + ", above 1");
            }
            idiosyncratic[i] = Math.sqrt(Math.max(0, 1 - rhoSum));
            inverseIdiosyncratic[i] = idiosyncratic[i] == 0 ? 0 : 1 / idiosyncratic[i];
            thresholds[i] = countThresholds(exposure.annualRate());
            firstCut[i] = thresholds[i][0];
            eventLoss[i] = eventLossUnits(exposure);
            groupStart[i + 1] = groupStart[i] + groupsOf[i].length;
        }
        groupFlat = new int[groupStart[n]];
        loadingFlat = new double[groupStart[n]];
        scaledLoadingFlat = new double[groupStart[n]];
        scaledFirstCut = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(groupsOf[i], 0, groupFlat, groupStart[i], groupsOf[i].length);
            System.arraycopy(loadingsOf[i], 0, loadingFlat, groupStart[i], loadingsOf[i].length);
            for (int k = 0; k < loadingsOf[i].length; k++) {
                scaledLoadingFlat[groupStart[i] + k] = loadingsOf[i][k] * inverseIdiosyncratic[i];
            }
            scaledFirstCut[i] = firstCut[i] * inverseIdiosyncratic[i];
        }
        groupCount = groupIndex.size();
        groupNames.addAll(groupIndex.keySet());
        layered = new boolean[pools.size()];
        for (int p = 0; p < pools.size(); p++) {
            layered[p] = pools.get(p).hasLayer();
        }
    }

    /** One exploit's loss on an exposure, rounded half up: one function, so simulated years and stress scenarios agree. */
    static long eventLossUnits(Exposure exposure) {
        return Math.round(exposure.coverUnits() * exposure.payoutShare());
    }

    /** Φ on a grid of {@link #GRID_STEP} from {@link #GRID_FROM}: a lower bound of Φ(t) is the value at the grid point below t. */
    private static final double GRID_FROM = -8;
    private static final double GRID_STEP = 1.0 / 64;
    private static final double[] NORMAL_GRID = java.util.stream.IntStream.rangeClosed(0, 16 * 64)
            .mapToDouble(j -> NORMAL.cumulativeProbability(GRID_FROM + j * GRID_STEP)).toArray();

    /** How far below the no-exploit threshold its lower bound of Φ is read: a million times the rounding of its terms. */
    private static final double BOUND_MARGIN = 1e-9;

    /** A lower bound of Φ(t), within one grid step of it: 0 below the grid, Φ(8) above it. */
    static double normalBelow(double t) {
        if (!(t > GRID_FROM)) {
            return 0;
        }
        int j = (int) ((t - GRID_FROM) * (1 / GRID_STEP));
        return NORMAL_GRID[Math.min(j, NORMAL_GRID.length - 1)];
    }

    /** The normal thresholds of the count: exploits = the number of thresholds below the latent variable. */
    private static double[] countThresholds(double rate) {
        if (rate == 0) {
            return new double[] {Double.POSITIVE_INFINITY};
        }
        var poisson = new PoissonDistribution(rate);
        var cuts = new ArrayList<Double>();
        for (int k = 0; ; k++) {
            double cumulative = poisson.cumulativeProbability(k);
            if (cumulative > 1 - COUNT_TAIL) {
                break;
            }
            cuts.add(NORMAL.inverseCumulativeProbability(cumulative));
        }
        return cuts.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** One year's net loss per pool and largest single exploit per pool, drawn from the year's own stream. */
    private void simulateYear(long seed, int year, long[] net, long[] largest, double[] contributions) {
        simulateYear(seed, year, net, largest, contributions, null, null, null);
    }

    /**
     * As above; with {@code counts}, also each exposure's number of exploits that year, and with {@code unitLossByPool} each
     * pool's sum over its exposures of the loss per unit of cover, {@code min(1, exploits × share)}, including exposures with
     * no cover: it orders years the net loss cannot tell apart (see {@link #capitalFactors}); with {@code grossByPool}, each
     * pool's gross loss. Each exploit is one occurrence for the pool's layer, as the settlement of each incident applies it.
     */
    private void simulateYear(long seed, int year, long[] net, long[] largest, double[] contributions, int[] counts,
            double[] unitLossByPool, long[] grossByPool) {
        var random = new SplittableRandom(streamSeed(seed, year));
        double[] factors = new double[groupCount];
        for (int g = 0; g < groupCount; g++) {
            factors[g] = random.nextGaussian();
        }
        long[] gross = new long[pools.size()];
        long[] recoveries = new long[pools.size()];
        Arrays.fill(largest, 0);
        long[] lossOf = contributions == null ? null : new long[exposures.size()];
        if (counts != null) {
            Arrays.fill(counts, 0);
        }
        int n = exposures.size();
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            double idiosyncraticLoading = idiosyncratic[i];
            int start = groupStart[i];
            int end = groupStart[i + 1];
            if (idiosyncraticLoading != 0) {
                // The idiosyncratic y is Φ⁻¹(u); an exploit needs y above (first cut − shared) / its loading, so where u is below a
                // lower bound of Φ there, the year has none and y is never computed: only about one protocol-year in 1 / rate is.
                // The bound is taken a margin below, far above the rounding of the terms' other order, so it is never above Φ.
                double bound = scaledFirstCut[i] - BOUND_MARGIN;
                for (int k = start; k < end; k++) {
                    bound -= scaledLoadingFlat[k] * factors[groupFlat[k]];
                }
                if (u < normalBelow(bound)) {
                    continue;
                }
            }
            double shared = 0;
            for (int k = start; k < end; k++) {
                shared += loadingFlat[k] * factors[groupFlat[k]];
            }
            double[] cuts = thresholds[i];
            double z = shared + (idiosyncraticLoading == 0 ? 0 : idiosyncraticLoading * NORMAL.inverseCumulativeProbability(u));
            int count = 0;
            while (count < cuts.length && cuts[count] < z) {
                count++;
            }
            if (counts != null) {
                counts[i] = count;
            }
            if (unitLossByPool != null && count > 0) {
                unitLossByPool[poolOf[i]] += Math.min(1, count * exposures.get(i).payoutShare());
            }
            if (count == 0 || eventLoss[i] == 0) {
                continue;
            }
            long cover = exposures.get(i).coverUnits();
            long loss = Math.min(cover, Math.multiplyExact(eventLoss[i], (long) count));
            gross[poolOf[i]] += loss;
            if (layered[poolOf[i]]) {
                recoveries[poolOf[i]] += pools.get(poolOf[i]).exploitsRecovery(eventLoss[i], count, cover);
            }
            largest[poolOf[i]] = Math.max(largest[poolOf[i]], eventLoss[i]);
            if (lossOf != null) {
                lossOf[i] = loss;
            }
        }
        for (int p = 0; p < pools.size(); p++) {
            net[p] = pools.get(p).netLoss(gross[p], recoveries[p]);
        }
        if (grossByPool != null) {
            System.arraycopy(gross, 0, grossByPool, 0, gross.length);
        }
        if (contributions != null) {
            // Each exposure's part of its pool's net loss: its gross less its share (pro rata to gross) of the recovery.
            for (int i = 0; i < exposures.size(); i++) {
                long poolGross = gross[poolOf[i]];
                contributions[i] = poolGross == 0 ? 0 : (double) lossOf[i] * net[poolOf[i]] / poolGross;
            }
        }
    }

    /** A stream seed from (seed, year) alone, well mixed so neighbouring years' streams are unrelated. */
    static long streamSeed(long seed, int year) {
        long z = seed + 0x9E3779B97F4A7C15L * (year + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Runs {@code years} simulated years from {@code seed}, on {@code threads} threads (the result does not depend on them). */
    public SolvencyRun run(int years, long seed, int threads) {
        return run(years, seed, threads, done -> {
        });
    }

    /** As {@link #run(int, long, int)}, telling {@code progress} how many years are done as chunks finish (from any thread). */
    public SolvencyRun run(int years, long seed, int threads, java.util.function.IntConsumer progress) {
        if (years < 100 || years > YEARS_MAX || threads < 1) {
            throw new IllegalArgumentException("a solvency run needs 100 to " + YEARS_MAX + " years and at least one thread");
        }
        int poolCount = pools.size();
        long[][] net = new long[poolCount][years];
        long[][] gross = new long[poolCount][years];
        long[][] largest = new long[poolCount][years];
        float[][] unitLoss = new float[poolCount][years];
        int chunk = Math.max(1, years / (threads * 8));
        var pool = new java.util.concurrent.ForkJoinPool(threads);
        var done = new java.util.concurrent.atomic.AtomicInteger();
        try {
            pool.submit(() -> IntStream.range(0, (years + chunk - 1) / chunk).parallel().forEach(c -> {
                long[] yearNet = new long[poolCount];
                long[] yearGross = new long[poolCount];
                long[] yearLargest = new long[poolCount];
                double[] yearUnitLoss = new double[poolCount];
                for (int y = c * chunk; y < Math.min(years, (c + 1) * chunk); y++) {
                    Arrays.fill(yearUnitLoss, 0);
                    simulateYear(seed, y, yearNet, yearLargest, null, null, yearUnitLoss, yearGross);
                    for (int p = 0; p < poolCount; p++) {
                        net[p][y] = yearNet[p];
                        gross[p][y] = yearGross[p];
                        largest[p][y] = yearLargest[p];
                        unitLoss[p][y] = (float) yearUnitLoss[p];
                    }
                }
                progress.accept(done.addAndGet(Math.min(years, (c + 1) * chunk) - c * chunk));
            })).join();
        } finally {
            pool.shutdown();
        }
        long[] bookNet = new long[years];
        long[] bookGross = new long[years];
        long[] bookLargest = new long[years];
        for (int y = 0; y < years; y++) {
            for (int p = 0; p < poolCount; p++) {
                bookNet[y] += net[p][y];
                bookGross[y] += gross[p][y];
                bookLargest[y] = Math.max(bookLargest[y], largest[p][y]);
            }
        }
        var figures = new TreeMap<String, SolvencyFigures>();
        long capital = 0;
        long cover = 0;
        long annualPremium = 0;
        for (int p = 0; p < poolCount; p++) {
            PoolCapital capitalOf = pools.get(p);
            long poolCover = activeCover(capitalOf.poolId());
            figures.put(capitalOf.poolId(), figures(capitalOf.poolId(), capitalOf.capitalUnits(), poolCover, net[p], largest[p],
                    capitalOf.hasLayer() ? GrossFigures.of(gross[p], capitalOf.annualPremiumUnits()) : null));
            capital += capitalOf.capitalUnits();
            cover += poolCover;
            annualPremium += capitalOf.annualPremiumUnits();
        }
        boolean anyLayer = pools.stream().anyMatch(PoolCapital::hasLayer);
        SolvencyFigures book = figures("book", capital, cover, bookNet, bookLargest, anyLayer ? GrossFigures.of(bookGross, annualPremium) : null);
        var allocation = allocate(seed, bookNet);
        return new SolvencyRun(seed, years, MODEL_VERSION, digest(net), figures, book, allocation.byListing(), allocation.byGroup(),
                capitalFactors(seed, net, unitLoss, figures));
    }

    private long activeCover(String poolId) {
        return exposures.stream().filter(e -> e.poolId().equals(poolId)).mapToLong(Exposure::coverUnits).sum();
    }

    private static SolvencyFigures figures(String name, long capital, long activeCover, long[] net, long[] largest, GrossFigures gross) {
        long[] sorted = net.clone();
        Arrays.sort(sorted);
        long[] largestSorted = largest.clone();
        Arrays.sort(largestSorted);
        int n = sorted.length;
        LossMoments moments = moments(sorted);
        double mean = moments.mean();
        long scr = moments.scr();
        double tvar = moments.tvar99();
        long ruined = Arrays.stream(sorted).filter(loss -> loss > capital).count();
        var aggregate = new TreeMap<Integer, Long>();
        var occurrence = new TreeMap<Integer, Long>();
        for (int period : RETURN_PERIODS) {
            if (period <= n) {
                aggregate.put(period, quantile(sorted, 1 - 1.0 / period));
                occurrence.put(period, quantile(largestSorted, 1 - 1.0 / period));
            }
        }
        double ratio = scr == 0 ? Double.POSITIVE_INFINITY : (double) capital / scr;
        return new SolvencyFigures(name, capital, activeCover, mean, scr, tvar, (double) ruined / n, ratio,
                activeCover / SolvencyFigures.MCR_GEARING, aggregate, occurrence, gross);
    }

    /** The mean of sorted year losses, their VaR 99.5 % and their TVaR 99 %: one definition for the net and the gross figures. */
    static LossMoments moments(long[] sorted) {
        int n = sorted.length;
        int tail = (int) Math.ceil(n * 0.01);
        return new LossMoments(Arrays.stream(sorted).asDoubleStream().sum() / n, quantile(sorted, 0.995),
                Arrays.stream(sorted, n - tail, n).asDoubleStream().sum() / tail);
    }

    record LossMoments(double mean, long scr, double tvar99) {
    }

    /** The empirical quantile: the smallest simulated loss at or above which a share {@code 1 − p} of years lie. */
    static long quantile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private record Allocation(Map<String, Double> byListing, Map<DependencyKind, Map<String, Double>> byGroup) {
    }

    /**
     * Euler (co-TVaR) allocation of the book's TVaR 99 %: the tail years (the worst 1 %, ties by year) are simulated again,
     * and each exposure is given its mean part of the book's net loss in them; parts add up to the TVaR exactly.
     */
    private Allocation allocate(long seed, long[] bookNet) {
        int n = bookNet.length;
        int tail = (int) Math.ceil(n * 0.01);
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> bookNet[a] != bookNet[b] ? Long.compare(bookNet[b], bookNet[a]) : Integer.compare(a, b));
        double[] sum = new double[exposures.size()];
        double[] contributions = new double[exposures.size()];
        long[] net = new long[pools.size()];
        long[] largest = new long[pools.size()];
        for (int t = 0; t < tail; t++) {
            simulateYear(seed, order[t], net, largest, contributions);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += contributions[i];
            }
        }
        var byListing = new TreeMap<String, Double>();
        var byGroup = new EnumMap<DependencyKind, Map<String, Double>>(DependencyKind.class);
        for (DependencyKind kind : DependencyKind.values()) {
            byGroup.put(kind, new TreeMap<>());
        }
        for (int i = 0; i < sum.length; i++) {
            double share = sum[i] / tail;
            Exposure exposure = exposures.get(i);
            byListing.merge(exposure.listing(), share, Double::sum);
            for (DependencyKind kind : DependencyKind.values()) {
                byGroup.get(kind).merge(exposure.groups().getOrDefault(kind, NO_GROUP), share, Double::sum);
            }
        }
        return new Allocation(byListing, byGroup);
    }

    /**
     * Each listing's capital factor: the capital a unit of its cover consumes at the margin. The gate holds a pool to its
     * required capital, the larger of its SCR (VaR 99.5 %) and its TVaR 99 % (the Swiss Solvency Test's expected shortfall),
     * so that a book whose 1-in-200 year loses nothing, a few rare exposures, still holds capital for its tail. The Euler
     * gradient of the pool's TVaR 99 % with respect to one exposure's cover is that exposure's mean loss per unit of cover in
     * the pool's worst 1 % of years (a year's loss on an exposure is {@code min(1, exploits × share)} × cover, linear in the
     * cover), net of the layer pro rata; weighted by cover the gradients add up to the TVaR, and they are scaled up when the
     * SCR is the larger. Years of equal net loss (most often none) are ordered by the pool's loss per unit of cover summed
     * over its exposures, so where the pool's own tail is thin, a listing's first cover is charged the tail it would bring:
     * for a pool with no cover yet, each listing's stand-alone TVaR 99 % per unit. A listing with no cover still gets its gradient (its exploits are simulated all the same), so its
     * first cover is charged what it adds. At most 1: no cover can consume more capital than it can pay.
     */
    private Map<String, Double> capitalFactors(long seed, long[][] net, float[][] unitLoss, Map<String, SolvencyFigures> figures) {
        int years = net[0].length;
        int tail = (int) Math.ceil(years * 0.01);
        var factors = new TreeMap<String, Double>();
        int[] counts = new int[exposures.size()];
        long[] yearNet = new long[pools.size()];
        long[] yearLargest = new long[pools.size()];
        double[] contributions = new double[exposures.size()];
        for (int p = 0; p < pools.size(); p++) {
            long[] poolNet = net[p];
            float[] poolUnitLoss = unitLoss[p];
            Integer[] order = IntStream.range(0, years).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (a, b) -> poolNet[a] != poolNet[b] ? Long.compare(poolNet[b], poolNet[a])
                    : poolUnitLoss[a] != poolUnitLoss[b] ? Float.compare(poolUnitLoss[b], poolUnitLoss[a]) : Integer.compare(a, b));
            double[] gradient = new double[exposures.size()];
            for (int t = 0; t < tail; t++) {
                simulateYear(seed, order[t], yearNet, yearLargest, contributions, counts, null, null);
                long gross = 0;
                for (int i = 0; i < exposures.size(); i++) {
                    if (poolOf[i] == p && counts[i] > 0 && eventLoss[i] > 0) {
                        gross += Math.min(exposures.get(i).coverUnits(), eventLoss[i] * (long) counts[i]);
                    }
                }
                double netShare = gross == 0 ? 1 : (double) yearNet[p] / gross;
                for (int i = 0; i < exposures.size(); i++) {
                    if (poolOf[i] == p) {
                        gradient[i] += Math.min(1, counts[i] * exposures.get(i).payoutShare()) * netShare / tail;
                    }
                }
            }
            SolvencyFigures pool = figures.get(pools.get(p).poolId());
            double scale = pool.tvar99Units() > 0 ? Math.max(1, pool.scrUnits() / pool.tvar99Units()) : 1;
            for (int i = 0; i < exposures.size(); i++) {
                if (poolOf[i] == p) {
                    factors.merge(exposures.get(i).listing(), Math.min(1, gradient[i] * scale), Math::max);
                }
            }
        }
        return factors;
    }

    /** SHA-256 over every year's net loss per pool, year by year in pool order. */
    private static String digest(long[][] net) {
        try {
            var sha256 = MessageDigest.getInstance("SHA-256");
            var buffer = ByteBuffer.allocate(Long.BYTES * net.length);
            for (int y = 0; y < net[0].length; y++) {
                buffer.clear();
                for (long[] pool : net) {
                    buffer.putLong(pool[y]);
                }
                sha256.update(buffer.array(), 0, buffer.position());
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** The groups the book's exposures share, in the order first met. */
    public List<Map.Entry<DependencyKind, String>> groups() {
        return List.copyOf(groupNames);
    }
}
