package io.auditcover.pricing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * The factors fitted jointly: one Poisson GLM with log link over protocol-year cells, {@code log E[n] = log exposure + year +
 * Σ dimension effects}, so correlated dimensions (the audit flag, the category, the age, the audit history) share the incidents
 * they explain instead of each claiming all of it, as a one-way fit does. A calendar-year intercept per year takes the level
 * (the rate fell every year while the population aged), so no factor absorbs the trend.
 *
 * <p>Credibility for thin levels is kept as a Gaussian prior on each level's log factor, centred on 0 (the population average):
 * its variance τ² per dimension is the between-group variance the one-way Bühlmann-Straub fit estimates (on the log scale,
 * within [{@link #PRIOR_VARIANCE_MIN}, {@link #PRIOR_VARIANCE_MAX}]), so a level with few expected incidents stays near 1 and
 * one with many follows its data. The fit maximises the penalised likelihood by Newton steps (Hipparchus Cholesky); the
 * 90 % interval is the posterior's normal approximation (inverse penalised Hessian). Poisson given the year effects: variation
 * between protocols beyond the dimensions would widen the intervals. A multi-valued part (several chains) enters as the mean of
 * its levels' indicators, so its multiplier is the geometric mean of their factors, as quotes read it. Each dimension's factors
 * are normalised to an exposure-weighted mean of 1 over the cells; the whole set's level is fixed by {@link FittedFactors}.
 */
public final class JointFactorFit {
    public static final double PRIOR_VARIANCE_MIN = 0.05 * 0.05;
    public static final double PRIOR_VARIANCE_MAX = 1.0;
    static final int ITERATIONS_MAX = 200;
    static final double STEP_TOLERANCE = 1e-10;
    static final double Z90 = 1.6448536269514722;

    private JointFactorFit() {
    }

    /** One cell: a year, the levels ("dimension:level") its protocol-months read, the exposure in protocol-years and the incidents. */
    record Cell(int year, List<String> levels, double protocolYears, int incidents) {
        Cell {
            levels = List.copyOf(levels);
        }
    }

    /** A fitted level: its log factor (before the dimension's normalisation) and posterior standard deviation. */
    record Coefficient(double estimate, double standardDeviation) {
    }

    /** The posterior mode and covariance, with the parameter index ("year:2022", "category:Lending", ...). */
    record Solution(Map<String, Integer> index, double[] beta, RealMatrix covariance) {
        Coefficient coefficient(String name) {
            int i = index.get(name);
            return new Coefficient(beta[i], StrictMath.sqrt(covariance.getEntry(i, i)));
        }
    }

    /**
     * One calendar year of the population as the joint fit sees it: its protocol-years and counted incidents, the mean over its
     * protocol-years of the product of every fitted factor (normalised so that the mean over all the fitted years is 1: above 1, the
     * year's protocols sit in riskier groups than the population's), and the rate per risk-weighted protocol-year (incidents ÷
     * protocol-years × mean factor), the part of the year's rate the population's mix of groups does not explain.
     */
    public record YearMix(int year, double protocolYears, int incidents, double meanFactor, double riskWeightedRate) {
        /** The crude rate per protocol-year. */
        public double rate() {
            return incidents / protocolYears;
        }
    }

    /**
     * The joint factors of every dimension ({@link #fit}), the mix of each fitted year ({@link YearMix}), and the mean multiplier
     * of another year's population under the same solution, so a year can be predicted at its own mix of groups.
     */
    public static final class Joint {
        private final Map<String, List<FactorFit.Group>> factors;
        private final List<YearMix> years;
        private final Solution solution;
        private final Map<String, List<FactorFit.Group>> marginal;
        private final double fittedMean;

        Joint(Map<String, List<FactorFit.Group>> factors, List<Cell> cells, Solution solution, Map<String, List<FactorFit.Group>> marginal) {
            this.factors = factors;
            this.solution = solution;
            this.marginal = marginal;
            this.fittedMean = meanMultiplier(cells, solution);
            this.years = yearMix(cells, solution, fittedMean);
        }

        /** The fitted factors by dimension. */
        public Map<String, List<FactorFit.Group>> factors() {
            return factors;
        }

        /** Each fitted year's mix. */
        public List<YearMix> years() {
            return years;
        }

        /**
         * The mean multiplier over {@code year}'s protocol-years (its listings' groups, pooled as the fit pooled them; a level the
         * fit never saw reads ×1) relative to the fitted years' mean: above 1, that year's protocols sit in riskier groups.
         */
        public double relativeMix(Exposure exposure, CalibrationSettings year) {
            return meanMultiplier(cells(List.of(), exposure, year, marginal), solution) / fittedMean;
        }
    }

    /** The joint estimates of every dimension, in the shape of the one-way fit (same groups, rows), largest exposure first. */
    public static Map<String, List<FactorFit.Group>> fit(List<Incident> incidents, Exposure exposure, CalibrationSettings settings,
            Map<String, List<FactorFit.Group>> marginal) {
        return joint(incidents, exposure, settings, marginal).factors();
    }

    /** The joint estimates ({@link #fit}) with each year's mix of groups read from the same solution. */
    public static Joint joint(List<Incident> incidents, Exposure exposure, CalibrationSettings settings, Map<String, List<FactorFit.Group>> marginal) {
        var cells = cells(incidents, exposure, settings, marginal);
        var variances = new TreeMap<String, Double>();
        marginal.forEach((dimension, groups) -> variances.put(dimension, priorVariance(groups)));
        Solution solution = solution(cells, variances);
        return new Joint(factors(cells, solution, variances, marginal), cells, solution, marginal);
    }

    private static Map<String, List<FactorFit.Group>> factors(List<Cell> cells, Solution solution, Map<String, Double> variances,
            Map<String, List<FactorFit.Group>> marginal) {
        var result = new TreeMap<String, List<FactorFit.Group>>();
        marginal.forEach((dimension, groups) -> {
            double[] gradient = new double[solution.beta().length];
            double norm = dimensionMean(cells, solution, dimension, gradient);
            var out = new ArrayList<FactorFit.Group>();
            for (FactorFit.Group group : groups) {
                Integer i = solution.index().get(dimension + ":" + group.name());
                double estimate = i == null ? 0 : solution.beta()[i];
                double variance = contrastVariance(solution.covariance(), i, gradient);
                double sd = StrictMath.sqrt(variance);
                double credibility = Math.max(0, Math.min(1, 1 - variance / variances.get(dimension)));
                out.add(new FactorFit.Group(dimension, group.name(), group.incidents(), group.protocolYears(), StrictMath.exp(estimate) / norm,
                        StrictMath.exp(estimate - Z90 * sd) / norm, StrictMath.exp(estimate + Z90 * sd) / norm, credibility));
            }
            out.sort(Comparator.comparingDouble(FactorFit.Group::protocolYears).reversed());
            result.put(dimension, out);
        });
        return result;
    }

    /** Each year's exposure-weighted mean multiplier over {@code mean}, the fitted years' own. */
    private static List<YearMix> yearMix(List<Cell> cells, Solution solution, double mean) {
        var sums = new TreeMap<Integer, double[]>();
        for (Cell cell : cells) {
            double[] year = sums.computeIfAbsent(cell.year(), y -> new double[3]);
            year[0] += cell.protocolYears();
            year[1] += cell.protocolYears() * multiplier(cell, solution);
            year[2] += cell.incidents();
        }
        var out = new ArrayList<YearMix>();
        sums.forEach((year, s) -> out.add(new YearMix(year, s[0], (int) s[2], s[1] / s[0] / mean, s[2] / (s[1] / mean))));
        return List.copyOf(out);
    }

    /** The exposure-weighted mean of the cells' multipliers. */
    private static double meanMultiplier(List<Cell> cells, Solution solution) {
        double exposure = 0;
        double weighted = 0;
        for (Cell cell : cells) {
            exposure += cell.protocolYears();
            weighted += cell.protocolYears() * multiplier(cell, solution);
        }
        return weighted / exposure;
    }

    /** A cell's multiplier from every level (the year intercept left out), each divided among its dimension's levels; unseen levels ×1. */
    private static double multiplier(Cell cell, Solution solution) {
        var perDimension = new TreeMap<String, Integer>();
        cell.levels().forEach(level -> perDimension.merge(level.substring(0, level.indexOf(':')), 1, Integer::sum));
        double log = 0;
        for (String level : cell.levels()) {
            Integer i = solution.index().get(level);
            if (i != null) {
                log += solution.beta()[i] / perDimension.get(level.substring(0, level.indexOf(':')));
            }
        }
        return StrictMath.exp(log);
    }

    /** τ² of a dimension: log(1 + between-group variance ÷ rate²) of the one-way fit, within the stated bounds. */
    static double priorVariance(List<FactorFit.Group> groups) {
        double total = 0;
        int incidents = 0;
        double weightSquares = 0;
        for (FactorFit.Group g : groups) {
            total += g.protocolYears();
            incidents += g.incidents();
            weightSquares += g.protocolYears() * g.protocolYears();
        }
        double rate = Math.max(incidents, 0.5) / total;
        double squares = 0;
        for (FactorFit.Group g : groups) {
            double x = g.incidents() / g.protocolYears();
            squares += g.protocolYears() * (x - rate) * (x - rate);
        }
        double between = (squares - (groups.size() - 1) * rate) / (total - weightSquares / total);
        double variance = between > 0 ? StrictMath.log1p(between / (rate * rate)) : PRIOR_VARIANCE_MIN;
        return Math.max(PRIOR_VARIANCE_MIN, Math.min(PRIOR_VARIANCE_MAX, variance));
    }

    /**
     * The cells: every protocol-month of the settings' years with groups, and the later listings without groups (their
     * "unknown" levels), by year and levels; a level the one-way fit pooled reads "other". An incident joins the cell of the
     * protocol-month it is counted in (the last month start on or before it, or the protocol's first).
     */
    static List<Cell> cells(List<Incident> incidents, Exposure exposure, CalibrationSettings settings, Map<String, List<FactorFit.Group>> marginal) {
        var levels = new TreeMap<String, java.util.Set<String>>();
        marginal.forEach((dimension, groups) -> levels.put(dimension, new java.util.TreeSet<>(groups.stream().map(FactorFit.Group::name).toList())));
        var exposures = new TreeMap<String, double[]>();
        var keys = new TreeMap<String, List<String>>();
        double[] listedMonths = new double[settings.toYear() - settings.fromYear() + 1];
        for (var protocol : new TreeMap<>(exposure.groupsByProtocol()).values()) {
            for (var month : protocol.entrySet()) {
                int year = month.getKey().getYear();
                if (year >= settings.fromYear() && year <= settings.toYear()) {
                    listedMonths[year - settings.fromYear()]++;
                    add(exposures, keys, year, pooled(month.getValue(), levels), 1.0 / Exposure.MONTHS_PER_YEAR, 0);
                }
            }
        }
        var unknown = pooled(List.of("category:unknown", "chain:unknown", "audits:unknown", "fork:unknown", "age:0",
                AuditHistory.DIMENSION + ":" + AuditHistory.NONE), levels);
        for (int year = settings.fromYear(); year <= settings.toYear(); year++) {
            double later = exposure.protocolYears(year) - listedMonths[year - settings.fromYear()] / Exposure.MONTHS_PER_YEAR;
            if (later > 1e-9) {
                add(exposures, keys, year, unknown, later, 0);
            }
        }
        for (Incident incident : incidents) {
            var months = exposure.groupsByProtocol().get(incident.protocolId());
            if (!settings.counts(incident, exposure) || months == null) {
                continue;
            }
            var entry = months.floorEntry(incident.date());
            Map.Entry<LocalDate, List<String>> used = entry != null ? entry : months.firstEntry();
            int year = used.getKey().getYear();
            if (year >= settings.fromYear() && year <= settings.toYear()) {
                add(exposures, keys, year, pooled(used.getValue(), levels), 0, 1);
            }
        }
        var cells = new ArrayList<Cell>();
        exposures.forEach((key, value) -> cells.add(new Cell((int) value[2], keys.get(key), value[0], (int) value[1])));
        return cells;
    }

    private static void add(TreeMap<String, double[]> exposures, TreeMap<String, List<String>> keys, int year, List<String> levels,
            double protocolYears, int incidents) {
        String key = year + "|" + String.join("|", levels);
        double[] value = exposures.computeIfAbsent(key, k -> new double[] {0, 0, year});
        value[0] += protocolYears;
        value[1] += incidents;
        keys.putIfAbsent(key, levels);
    }

    /** The keys as the fit names them: a level the one-way fit pooled (or never saw) reads "other"; sorted. */
    private static List<String> pooled(List<String> raw, Map<String, java.util.Set<String>> levels) {
        var out = new ArrayList<String>();
        for (String key : raw) {
            int colon = key.indexOf(':');
            String dimension = key.substring(0, colon);
            var known = levels.get(dimension);
            if (known != null) {
                out.add(known.contains(key.substring(colon + 1)) ? key : dimension + ":" + FittedFactors.OTHER);
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Maximises the penalised Poisson likelihood: one unpenalised intercept per year, one coefficient per level with prior
     * variance {@code variances.get(dimension)}. Cells with exposure but no incidents count; a cell must have exposure.
     */
    static Map<String, Coefficient> solve(List<Cell> cells, Map<String, Double> variances) {
        Solution solution = solution(cells, variances);
        var out = new TreeMap<String, Coefficient>();
        solution.index().keySet().forEach(name -> out.put(name, solution.coefficient(name)));
        return out;
    }

    /**
     * The variance of a level's normalised log factor, {@code β_l − log(dimension mean)}: (e_l − g)' Σ (e_l − g), g the gradient of
     * the log mean. The dimension's common shift is confounded with the year intercepts and cancels in the normalised factor, so
     * it must not widen the interval. A level the fit never saw ({@code level} null) is the prior's.
     */
    static double contrastVariance(RealMatrix covariance, Integer level, double[] gradient) {
        int p = gradient.length;
        double[] a = new double[p];
        for (int i = 0; i < p; i++) {
            a[i] = -gradient[i];
        }
        if (level != null) {
            a[level] += 1;
        }
        double variance = 0;
        for (int i = 0; i < p; i++) {
            if (a[i] != 0) {
                for (int j = 0; j < p; j++) {
                    variance += a[i] * covariance.getEntry(i, j) * a[j];
                }
            }
        }
        return Math.max(0, variance);
    }

    static Solution solution(List<Cell> cells, Map<String, Double> variances) {
        var index = new TreeMap<String, Integer>();
        for (Cell cell : cells) {
            if (!(cell.protocolYears() > 0)) {
                throw new IllegalArgumentException("a cell with incidents needs exposure: " + cell);
            }
            index.putIfAbsent("year:" + cell.year(), 0);
            cell.levels().forEach(level -> index.putIfAbsent(level, 0));
        }
        int p = 0;
        for (var entry : index.entrySet()) {
            entry.setValue(p++);
        }
        double[] penalty = new double[p];
        index.forEach((name, i) -> penalty[i] = name.startsWith("year:") ? 0 : 1 / variances.getOrDefault(name.substring(0, name.indexOf(':')), PRIOR_VARIANCE_MAX));
        int[][] columns = new int[cells.size()][];
        double[][] values = new double[cells.size()][];
        design(cells, index, columns, values);
        double[] beta = start(cells, index, p);
        double objective = objective(cells, columns, values, beta, penalty);
        RealMatrix hessian = null;
        for (int iteration = 0; iteration < ITERATIONS_MAX; iteration++) {
            double[] gradient = new double[p];
            hessian = hessian(cells, columns, values, beta, penalty, gradient);
            double[] step = new CholeskyDecomposition(hessian).getSolver().solve(new ArrayRealVector(gradient, false)).toArray();
            double scale = 1;
            double[] next = beta;
            double value = objective;
            for (int halving = 0; halving < 40; halving++) {
                next = beta.clone();
                for (int i = 0; i < p; i++) {
                    next[i] += scale * step[i];
                }
                value = objective(cells, columns, values, next, penalty);
                if (value >= objective - 1e-12) {
                    break;
                }
                scale /= 2;
            }
            double largest = 0;
            for (int i = 0; i < p; i++) {
                largest = Math.max(largest, Math.abs(next[i] - beta[i]));
            }
            beta = next;
            objective = value;
            if (largest < STEP_TOLERANCE) {
                break;
            }
        }
        hessian = hessian(cells, columns, values, beta, penalty, new double[p]);
        RealMatrix covariance = new CholeskyDecomposition(hessian).getSolver().getInverse();
        return new Solution(java.util.Collections.unmodifiableMap(index), beta, covariance);
    }

    /** Each cell's non-zero design entries: its year's intercept (1) and per dimension 1 ÷ the number of its levels there. */
    private static void design(List<Cell> cells, Map<String, Integer> index, int[][] columns, double[][] values) {
        for (int c = 0; c < cells.size(); c++) {
            Cell cell = cells.get(c);
            var perDimension = new TreeMap<String, Integer>();
            cell.levels().forEach(level -> perDimension.merge(level.substring(0, level.indexOf(':')), 1, Integer::sum));
            columns[c] = new int[cell.levels().size() + 1];
            values[c] = new double[cell.levels().size() + 1];
            columns[c][0] = index.get("year:" + cell.year());
            values[c][0] = 1;
            for (int k = 0; k < cell.levels().size(); k++) {
                String level = cell.levels().get(k);
                columns[c][k + 1] = index.get(level);
                values[c][k + 1] = 1.0 / perDimension.get(level.substring(0, level.indexOf(':')));
            }
        }
    }

    /** Year intercepts at each year's crude log rate, every level at 0. */
    private static double[] start(List<Cell> cells, Map<String, Integer> index, int p) {
        var counts = new TreeMap<Integer, double[]>();
        for (Cell cell : cells) {
            double[] sums = counts.computeIfAbsent(cell.year(), y -> new double[2]);
            sums[0] += cell.incidents();
            sums[1] += cell.protocolYears();
        }
        double[] beta = new double[p];
        counts.forEach((year, sums) -> beta[index.get("year:" + year)] = StrictMath.log(Math.max(sums[0], 0.5) / sums[1]));
        return beta;
    }

    private static double linear(int[] columns, double[] values, double[] beta) {
        double eta = 0;
        for (int k = 0; k < columns.length; k++) {
            eta += values[k] * beta[columns[k]];
        }
        return eta;
    }

    /** The penalised log likelihood (up to a constant): Σ n·η − E·exp(η) − Σ β² ÷ 2τ². */
    private static double objective(List<Cell> cells, int[][] columns, double[][] values, double[] beta, double[] penalty) {
        double sum = 0;
        for (int c = 0; c < cells.size(); c++) {
            double eta = linear(columns[c], values[c], beta);
            sum += cells.get(c).incidents() * eta - cells.get(c).protocolYears() * StrictMath.exp(eta);
        }
        for (int i = 0; i < beta.length; i++) {
            sum -= penalty[i] * beta[i] * beta[i] / 2;
        }
        return sum;
    }

    /** The negative Hessian X'diag(μ)X + Λ, and the gradient X'(n − μ) − Λβ into {@code gradient}. */
    private static RealMatrix hessian(List<Cell> cells, int[][] columns, double[][] values, double[] beta, double[] penalty, double[] gradient) {
        int p = beta.length;
        double[][] h = new double[p][p];
        for (int c = 0; c < cells.size(); c++) {
            double mu = cells.get(c).protocolYears() * StrictMath.exp(linear(columns[c], values[c], beta));
            double residual = cells.get(c).incidents() - mu;
            int[] cols = columns[c];
            double[] vals = values[c];
            for (int a = 0; a < cols.length; a++) {
                gradient[cols[a]] += vals[a] * residual;
                for (int b = 0; b < cols.length; b++) {
                    h[cols[a]][cols[b]] += mu * vals[a] * vals[b];
                }
            }
        }
        for (int i = 0; i < p; i++) {
            h[i][i] += penalty[i];
            gradient[i] -= penalty[i] * beta[i];
        }
        return new Array2DRowRealMatrix(h, false);
    }

    /**
     * The exposure-weighted mean over the cells of one dimension's multiplier (what its factors are divided by), and into
     * {@code gradient} the derivative of its log by each coefficient.
     */
    private static double dimensionMean(List<Cell> cells, Solution solution, String dimension, double[] gradient) {
        double exposure = 0;
        double sum = 0;
        String prefix = dimension + ":";
        for (Cell cell : cells) {
            double log = 0;
            int n = 0;
            for (String level : cell.levels()) {
                if (level.startsWith(prefix)) {
                    log += solution.beta()[solution.index().get(level)];
                    n++;
                }
            }
            double multiplier = n == 0 ? 1 : StrictMath.exp(log / n);
            exposure += cell.protocolYears();
            sum += cell.protocolYears() * multiplier;
            for (String level : cell.levels()) {
                if (level.startsWith(prefix)) {
                    gradient[solution.index().get(level)] += cell.protocolYears() * multiplier / n;
                }
            }
        }
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] /= sum;
        }
        return sum / exposure;
    }
}
