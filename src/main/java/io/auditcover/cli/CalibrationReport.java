package io.auditcover.cli;

import io.auditcover.pricing.Backtest;
import io.auditcover.pricing.FactorFit;
import io.auditcover.pricing.PricingParameters;
import io.auditcover.pricing.SeverityFit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The calibration report: one self-contained HTML page with inline SVG plots, no scripts, no external files. */
final class CalibrationReport {
    static final int WIDTH = 640;
    static final int HEIGHT = 260;
    static final int MARGIN = 50;

    private CalibrationReport() {
    }

    static String html(CalibrateCommand.Calibrated result, CalibrationData files) {
        var parameters = result.parameters();
        var fit = result.fit();
        var c = parameters.calibration();
        var page = new StringBuilder();
        page.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Auditcover calibration ")
                .append(escape(parameters.version())).append("</title><style>body{font:14px/1.4 sans-serif;max-width:860px;margin:2em auto}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}"
                        + "svg{background:#fafafa;border:1px solid #ddd}</style></head><body>");
        page.append("<h1>Calibration ").append(escape(parameters.version())).append("</h1>");
        page.append("<p>").append(files.rows()).append(" rows read from the data files. Filters: ").append(escape(c.filters())).append(".</p>");
        page.append("<h2>Exposure and incidents per year</h2><table><tr><th>year</th><th>live protocol-years</th><th>incidents in the population</th>"
                + "<th>outside it (not counted)</th><th>rate per protocol-year</th><th>mix of groups (mean fitted factor)</th>"
                + "<th>rate per risk-weighted protocol-year</th></tr>");
        var mix = new java.util.TreeMap<Integer, io.auditcover.pricing.JointFactorFit.YearMix>();
        fit.joint().years().forEach(year -> mix.put(year.year(), year));
        for (var entry : fit.protocolYearsByYear().entrySet()) {
            int n = fit.incidentsByYear().get(entry.getKey());
            var year = mix.get(entry.getKey());
            page.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.0f</td><td>%d</td><td>%d</td><td>%.4f</td><td>%s</td><td>%s</td></tr>", entry.getKey(),
                    entry.getValue(), n, fit.outsideByYear().get(entry.getKey()), n / entry.getValue(),
                    year == null ? "-" : String.format(Locale.ROOT, "&times;%.2f", year.meanFactor()),
                    year == null ? "-" : String.format(Locale.ROOT, "%.4f", year.riskWeightedRate())));
        }
        var f = fit.frequency();
        page.append("</table>").append(String.format(Locale.ROOT, "<p>Frequency: Poisson counts with a random-walk log rate (negative binomial predictive)."
                + " Base rate %.4f per protocol-year (predictive mean for %d), log-rate sd %.3f, year spread %.3f, trend %.3f a year"
                + " (the mean year-on-year change, shrunk toward none).</p>", c.baseAnnualRate(), f.lastYear() + 1, StrictMath.sqrt(c.rateLogVariance()),
                StrictMath.sqrt(f.yearSpreadSquared()), f.trendPerYear()));
        page.append("<h2>Backtest: predicted count (90% interval) against observed</h2>").append(backtestPlot(result.backtest()));
        page.append(backtestTable(result.backtest()));
        page.append("<h2>Severity: survival of net losses (log-log)</h2>").append(survival(fit.severity()));
        page.append(quantiles(fit.severity())).append(thresholds(fit.severity()));
        page.append("<h2>Losses as a share of the protocol's deposits</h2><p>Not reported: no data file gives a protocol's deposits (TVL) at"
                + " any date (protocols.csv has only a has_tvl_adapter flag, the monthly listings no TVL column, neither incident file the"
                + " victim's TVL), so no loss can be divided by its protocol's deposits. The severity stays in USD and its TVL scaling a stated"
                + " assumption; it is not used for severity because there is nothing to fit it on.</p>");
        var summary = Backtest.summary(result.backtest());
        page.append(String.format(Locale.ROOT, "<p>Loss ratio to plan %.2f on average = count part (observed ÷ predicted incidents, mean %.2f)"
                + " × severity part (payout per incident observed ÷ fitted, mean %.2f); against the plan's median simulated year %.2f."
                + " See docs/pricing.md, section 5b, for what limits it.</p>", summary.meanLossRatioToPlan(), summary.meanFrequencyToPlan(),
                summary.meanSeverityToPlan(), summary.meanLossToMedianPlan()));
        page.append("<h2>Fitted factors: relative rate by group, fitted jointly (Poisson GLM with year intercepts and credibility priors,"
                + " normalised to a population average of 1)</h2><p>Audit history: ").append(files.audits().size())
                .append(" links of audit reports to listed protocols from <code>audit_reports.csv</code> (month-start counts before each protocol-month)."
                        + " The one-way factor beside each joint one shows what fitting each dimension alone would claim.</p>")
                .append(fittedFactors(fit.factors(), fit.marginalFactors()));
        page.append("<h2>Factor effects (stated priors: range of each multiplier, log scale)</h2>").append(factors(parameters));
        page.append("<h2>Sources</h2><table>");
        parameters.sources().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> page.append("<tr><th>")
                .append(escape(entry.getKey())).append("</th><td>").append(escape(entry.getValue())).append("</td></tr>"));
        page.append("</table></body></html>\n");
        return page.toString();
    }

    private static String backtestPlot(List<Backtest.Year> years) {
        var svg = svgStart();
        double max = 1;
        for (var y : years) {
            max = Math.max(max, Math.max(y.countHigh(), y.observed()));
        }
        double slot = (double) (WIDTH - 2 * MARGIN) / Math.max(1, years.size());
        int i = 0;
        for (var y : years) {
            double x = MARGIN + slot * (i++ + 0.5);
            double low = HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * y.countLow() / max;
            double high = HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * y.countHigh() / max;
            double mean = HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * y.predictedCount() / max;
            double observed = HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * y.observed() / max;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#4a7ab5\" stroke-width=\"6\"/>", x, low, x, high));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#123\" stroke-width=\"2\"/>", x - 10, mean, x + 10, mean));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#b5544a\"/>", x, observed));
            svg.append(text(x, HEIGHT - MARGIN + 16, Integer.toString(y.year())));
        }
        for (int tick = 0; tick <= 4; tick++) {
            double value = max * tick / 4;
            svg.append(text(MARGIN - 20, HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * tick / 4 + 4, String.format(Locale.ROOT, "%.0f", value)));
        }
        svg.append(text(WIDTH / 2.0, HEIGHT - 8, "year predicted (fitted on the years before it)"));
        svg.append(verticalLabel("incidents in the population"));
        svg.append(text(WIDTH / 2.0, MARGIN - 20, "bar: 90% predictive interval; dash: predicted mean; dot: observed"));
        return svg.append(axes()).append("</svg>").toString();
    }

    private static String backtestTable(List<Backtest.Year> years) {
        var table = new StringBuilder("<table><tr><th>year</th><th>fitted on</th><th>protocol-years</th><th>predicted</th><th>90% interval</th>"
                + "<th>observed</th><th>outside population</th><th>log score</th><th>naive log score</th><th>PIT</th><th>median fit / obs (USD)</th>"
                + "<th>p90 fit / obs (USD)</th><th>loss ratio</th><th>loss ratio / plan</th></tr>");
        for (var y : years) {
            table.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%s</td><td>%.0f</td><td>%.1f</td><td>%d-%d</td><td>%d</td><td>%d</td><td>%.2f</td>"
                    + "<td>%.2f</td><td>%.2f</td><td>%,.0f / %,.0f</td><td>%,.0f / %,.0f</td><td>%.2f</td><td>%.2f</td></tr>", y.year(), y.calibratedOn(),
                    y.protocolYears(), y.predictedCount(), y.countLow(), y.countHigh(), y.observed(), y.outsidePopulation(), y.logScore(), y.naiveLogScore(),
                    y.pit(), y.severityMedianFit(), y.severityMedianObserved(), y.severityP90Fit(), y.severityP90Observed(), y.lossRatio(), y.lossRatioToPlan()));
        }
        var s = Backtest.summary(years);
        return table.append(String.format(Locale.ROOT, "</table><p>%d of %d years inside the 90%% interval; log score %.2f against the naive"
                + " baseline's %.2f; loss ratio to plan %.2f on average (%.2f pooled).</p>", s.covered(), s.years(), s.logScore(), s.naiveLogScore(),
                s.meanLossRatioToPlan(), s.pooledLossRatioToPlan())).toString();
    }

    private static String survival(SeverityFit.Result fit) {
        var svg = svgStart();
        double[] losses = fit.sortedLosses();
        var severity = fit.severity();
        double low = Math.floor(StrictMath.log10(losses[0]));
        double high = Math.max(low + 1, Math.ceil(StrictMath.log10(losses[losses.length - 1])));
        double bottom = Math.floor(StrictMath.log10(1.0 / losses.length));
        for (int i = 0; i < losses.length; i++) {
            double survival = (double) (losses.length - i) / losses.length;
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#b5544a\"/>",
                    scale(StrictMath.log10(losses[i]), low, high, MARGIN, WIDTH - MARGIN), scale(StrictMath.log10(survival), bottom, 0, HEIGHT - MARGIN, MARGIN)));
        }
        var line = new StringBuilder();
        for (int step = 0; step <= 150; step++) {
            double log = low + (high - low) * step / 150;
            double survival = 1 - severity.cdf(StrictMath.pow(10, log));
            if (survival <= 0 || log < StrictMath.log10(severity.thresholdUsd())) {
                continue;
            }
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", scale(log, low, high, MARGIN, WIDTH - MARGIN),
                    scale(Math.max(bottom, StrictMath.log10(survival)), bottom, 0, HEIGHT - MARGIN, MARGIN)));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#4a7ab5\" stroke-width=\"2\" points=\"").append(line).append("\"/>");
        for (int decade = (int) low; decade <= (int) high; decade++) {
            svg.append(text(scale(decade, low, high, MARGIN, WIDTH - MARGIN), HEIGHT - MARGIN + 16, "1e" + decade));
        }
        for (int decade = (int) bottom; decade <= 0; decade++) {
            svg.append(text(MARGIN - 20, scale(decade, bottom, 0, HEIGHT - MARGIN, MARGIN) + 4, "1e" + decade));
        }
        if (severity.hasTail()) {
            double x = scale(StrictMath.log10(severity.tailFromUsd()), low, high, MARGIN, WIDTH - MARGIN);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"4\"/>", x, MARGIN, x,
                    HEIGHT - MARGIN));
        }
        svg.append(text(WIDTH / 2.0, HEIGHT - 8, "net loss (USD, log scale)"));
        svg.append(verticalLabel("P(loss > x) (log scale)"));
        svg.append(text(WIDTH / 2.0, MARGIN - 20, "dots: data; line: spliced fit; dashed: tail threshold"));
        return svg.append(axes()).append("</svg>").toString();
    }

    private static String quantiles(SeverityFit.Result fit) {
        var table = new StringBuilder(String.format(Locale.ROOT, "<p>In-sample fit on %d losses: Kolmogorov-Smirnov distance %.3f overall, %.3f in the tail.</p>"
                + "<table><tr><th>quantile</th><th>data (USD)</th><th>fit (USD)</th></tr>", fit.sortedLosses().length, fit.ks(), fit.tailKs()));
        for (double p : new double[] {0.5, 0.75, 0.9, 0.95, 0.99}) {
            table.append(String.format(Locale.ROOT, "<tr><td>p%.0f</td><td>%,.0f</td><td>%,.0f</td></tr>", p * 100,
                    SeverityFit.empiricalQuantile(fit.sortedLosses(), p), fit.severity().quantile(p)));
        }
        return table.append("</table>").toString();
    }

    private static String thresholds(SeverityFit.Result fit) {
        var table = new StringBuilder("<h3>Tail threshold diagnostics (mean excess and shape stability)</h3><table><tr><th>threshold u (USD)</th>"
                + "<th>losses above u</th><th>mean excess (USD)</th><th>GPD shape &xi;</th><th>90% interval</th><th>scale (USD)</th></tr>");
        for (var candidate : fit.candidates()) {
            boolean chosen = fit.severity().hasTail() && candidate.tailFromUsd() == fit.severity().tailFromUsd();
            table.append(String.format(Locale.ROOT, "<tr><td>%,.0f%s</td><td>%d</td><td>%,.0f</td><td>%.3f</td><td>%.3f-%.3f</td><td>%,.0f</td></tr>",
                    candidate.tailFromUsd(), chosen ? " (chosen)" : "", candidate.tailLosses(), candidate.meanExcessUsd(), candidate.shape(),
                    candidate.shape() - 1.645 * candidate.shapeStandardError(), candidate.shape() + 1.645 * candidate.shapeStandardError(), candidate.scale()));
        }
        return table.append("</table>").toString();
    }

    /** Each group's factor with its 90 % interval on a log axis from 1/8 to 8, then the table of estimates and rows. */
    private static String fittedFactors(Map<String, List<FactorFit.Group>> factors, Map<String, List<FactorFit.Group>> marginal) {
        var oneWay = new java.util.TreeMap<String, FactorFit.Group>();
        marginal.values().forEach(groups -> groups.forEach(g -> oneWay.put(g.dimension() + ":" + g.name(), g)));
        var rows = new ArrayList<FactorFit.Group>();
        factors.values().forEach(rows::addAll);
        int height = MARGIN + 16 * rows.size();
        var svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">", WIDTH, height));
        double left = 260;
        double right = WIDTH - 30;
        int row = 0;
        for (var group : rows) {
            double y = 14 + 16 * row++;
            double a = scale(clampLog2(group.low()), -3, 3, left, right);
            double b = scale(clampLog2(group.high()), -3, 3, left, right);
            double m = scale(clampLog2(group.factor()), -3, 3, left, right);
            svg.append(String.format(Locale.ROOT, "<text x=\"6\" y=\"%.1f\" font-size=\"10\">%s</text>", y + 4,
                    escape(group.dimension() + ": " + group.name() + " (" + group.incidents() + " / " + Math.round(group.protocolYears()) + ")")));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#4a7ab5\" stroke-width=\"3\"/>", a, y, b, y));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#123\"/>", m, y));
        }
        double one = scale(0, -3, 3, left, right);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>", one, one, height - 30));
        for (double tick : new double[] {0.125, 0.25, 0.5, 1, 2, 4, 8}) {
            svg.append(text(scale(log2(tick), -3, 3, left, right), height - 18, "x" + tick));
        }
        svg.append(text((left + right) / 2, height - 4, "relative exploit rate (log scale); dot: estimate, bar: 90% interval; (incidents / protocol-years)"));
        svg.append("</svg>");
        var table = new StringBuilder("<table><tr><th>dimension</th><th>group</th><th>incidents</th><th>protocol-years</th><th>joint factor</th>"
                + "<th>90% interval</th><th>credibility</th><th>one-way factor</th></tr>");
        for (var group : rows) {
            var m = oneWay.get(group.dimension() + ":" + group.name());
            table.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%.0f</td><td>%.2f</td><td>%.2f-%.2f</td><td>%.2f</td><td>%s</td></tr>",
                    escape(group.dimension()), escape(group.name()), group.incidents(), group.protocolYears(), group.factor(), group.low(), group.high(),
                    group.credibility(), m == null ? "-" : String.format(Locale.ROOT, "%.2f", m.factor())));
        }
        return svg.append(table).append("</table>").toString();
    }

    private static double clampLog2(double value) {
        return Math.max(-3, Math.min(3, log2(Math.max(value, 1e-9))));
    }

    private static String verticalLabel(String label) {
        return String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>",
                HEIGHT / 2, HEIGHT / 2, escape(label));
    }

    /** Each factor's smallest and largest multiplier as a bar around 1 on a log axis from 0.25 to 4. */
    private static String factors(PricingParameters parameters) {
        Map<String, double[]> ranges = ranges(parameters.factors());
        int height = MARGIN + 22 * ranges.size();
        var svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">", WIDTH, height));
        double left = 220;
        double right = WIDTH - 90;
        double one = scale(0, -2, 2, left, right);
        int row = 0;
        for (var entry : ranges.entrySet()) {
            double y = 20 + 22 * row++;
            double a = scale(log2(entry.getValue()[0]), -2, 2, left, right);
            double b = scale(log2(entry.getValue()[1]), -2, 2, left, right);
            svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%.1f\" font-size=\"12\">%s</text>", y + 12, escape(entry.getKey())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"#4a7ab5\"/>", a, y,
                    Math.max(1.5, b - a)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">x%.2f-%.2f</text>", b + 4, y + 11,
                    entry.getValue()[0], entry.getValue()[1]));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>", one, one, height - 20));
        for (double tick : new double[] {0.25, 0.5, 1, 2, 4}) {
            svg.append(text(scale(log2(tick), -2, 2, left, right), height - 6, "x" + tick));
        }
        return svg.append("</svg>").toString();
    }

    static Map<String, double[]> ranges(PricingParameters.FactorTables t) {
        var ranges = new LinkedHashMap<String, double[]>();
        ranges.put("audit_count", range(t.auditCount()));
        var auditors = new ArrayList<>(t.auditorTrackRecord().values());
        auditors.add(t.unknownAuditor());
        ranges.put("auditor_track_record", range(auditors));
        ranges.put("months_since_audit", range(t.monthsSinceAudit().stream().map(PricingParameters.Step::multiplier).toList()));
        ranges.put("unresolved_findings", new double[] {1, t.findingsMultiplierMax()});
        ranges.put("unaudited_code_share", new double[] {1, 1 + t.outOfScopeSlope()});
        ranges.put("bounty_share_of_tvl", range(t.bountyShareOfTvl().stream().map(PricingParameters.Step::multiplier).toList()));
        ranges.put("days_live_without_incident", range(t.daysLiveWithoutIncident().stream().map(PricingParameters.Step::multiplier).toList()));
        ranges.put("tvl", new double[] {t.tvlMultiplierMin(), t.tvlMultiplierMax()});
        ranges.put("upgradeable", new double[] {1, t.upgradeable()});
        ranges.put("admin_key", range(new ArrayList<>(t.adminKey().values())));
        var categories = new ArrayList<>(t.category().values());
        categories.add(t.unknownCategory());
        ranges.put("category", range(categories));
        return ranges;
    }

    private static double[] range(List<Double> values) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new double[] {min, max};
    }

    private static double log2(double value) {
        return StrictMath.log(value) / StrictMath.log(2);
    }

    private static double scale(double value, double from, double to, double left, double right) {
        return left + (right - left) * (value - from) / (to - from);
    }

    private static StringBuilder svgStart() {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">", WIDTH, HEIGHT));
    }

    private static String axes() {
        return String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
                MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN, MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN);
    }

    private static String text(double x, double y, String text) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%s</text>", x, y, escape(text));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
