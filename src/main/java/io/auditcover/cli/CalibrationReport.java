package io.auditcover.cli;

import io.auditcover.pricing.Calibrator;
import io.auditcover.pricing.LossSeverity;
import io.auditcover.pricing.PricingParameters;
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

    static String html(Calibrator.Result fit, PricingParameters parameters, int rows) {
        var c = parameters.calibration();
        var page = new StringBuilder();
        page.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Auditcover calibration ")
                .append(escape(parameters.version())).append("</title><style>body{font:14px/1.4 sans-serif;max-width:760px;margin:2em auto}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}"
                        + "svg{background:#fafafa;border:1px solid #ddd}</style></head><body>");
        page.append("<h1>Calibration ").append(escape(parameters.version())).append("</h1>");
        page.append("<p>").append(rows).append(" rows read. Filters and assumptions: ").append(escape(c.filters())).append(".</p>");
        page.append(String.format(Locale.ROOT, "<table><tr><th>base annual rate</th><td>%.4f per protocol-year (90%%: %.4f-%.4f),"
                + " %d incidents over %.0f protocol-years</td></tr><tr><th>severity</th><td>lognormal mu %.3f (90%%: %.3f-%.3f),"
                + " sigma %.3f (90%%: %.3f-%.3f), %d losses, KS distance %.3f</td></tr></table>", c.baseAnnualRate(), fit.rateLow(),
                fit.rateHigh(), c.incidents(), c.exposureProtocolYears(), c.severityMu(), fit.muLow(), fit.muHigh(), c.severitySigma(),
                fit.sigmaLow(), fit.sigmaHigh(), fit.sortedLosses().length, fit.ksStatistic()));
        page.append("<h2>Incidents per year (loss at least the minimum)</h2>").append(incidentsPerYear(fit));
        page.append("<h2>Severity: fitted lognormal against the data</h2>").append(severity(fit, c.severity()));
        page.append(quantiles(fit, c.severity()));
        page.append("<h2>Factor effects (range of each multiplier, log scale)</h2>").append(factors(parameters));
        page.append("<h2>Sources</h2><table>");
        parameters.sources().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> page.append("<tr><th>")
                .append(escape(entry.getKey())).append("</th><td>").append(escape(entry.getValue())).append("</td></tr>"));
        page.append("</table></body></html>\n");
        return page.toString();
    }

    private static String incidentsPerYear(Calibrator.Result fit) {
        var svg = svgStart();
        int max = Math.max(1, fit.incidentsByYear().values().stream().mapToInt(Integer::intValue).max().orElse(1));
        int count = fit.incidentsByYear().size();
        double slot = (double) (WIDTH - 2 * MARGIN) / Math.max(1, count);
        int i = 0;
        for (var entry : fit.incidentsByYear().entrySet()) {
            double height = (HEIGHT - 2.0 * MARGIN) * entry.getValue() / max;
            double x = MARGIN + i * slot + slot * 0.15;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7ab5\"/>", x,
                    HEIGHT - MARGIN - height, slot * 0.7, height));
            svg.append(text(x + slot * 0.35, HEIGHT - MARGIN + 16, Integer.toString(entry.getKey())));
            svg.append(text(x + slot * 0.35, HEIGHT - MARGIN - height - 4, Integer.toString(entry.getValue())));
            i++;
        }
        return svg.append(axes()).append("</svg>").toString();
    }

    private static String severity(Calibrator.Result fit, LossSeverity severity) {
        var svg = svgStart();
        double[] losses = fit.sortedLosses();
        double low = Math.floor(StrictMath.log10(losses[0]));
        double high = Math.max(low + 1, Math.ceil(StrictMath.log10(losses[losses.length - 1])));
        for (int i = 0; i < losses.length; i++) {
            double x = scale(StrictMath.log10(losses[i]), low, high, MARGIN, WIDTH - MARGIN);
            double y = HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * (i + 1) / losses.length;
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.6\" fill=\"#b5544a\"/>", x, y));
        }
        var line = new StringBuilder();
        for (int step = 0; step <= 150; step++) {
            double log = low + (high - low) * step / 150;
            double y = HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * severity.cdf(StrictMath.pow(10, log));
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", scale(log, low, high, MARGIN, WIDTH - MARGIN), y));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#4a7ab5\" stroke-width=\"2\" points=\"").append(line).append("\"/>");
        for (int decade = (int) low; decade <= (int) high; decade++) {
            svg.append(text(scale(decade, low, high, MARGIN, WIDTH - MARGIN), HEIGHT - MARGIN + 16, "1e" + decade));
        }
        svg.append(text(MARGIN + 90, MARGIN - 10, "dots: data (empirical CDF); line: fit"));
        return svg.append(axes()).append("</svg>").toString();
    }

    private static String quantiles(Calibrator.Result fit, LossSeverity severity) {
        var table = new StringBuilder("<table><tr><th>quantile</th><th>data (USD)</th><th>fit (USD)</th></tr>");
        for (double p : new double[] {0.5, 0.9, 0.99}) {
            table.append(String.format(Locale.ROOT, "<tr><td>p%.0f</td><td>%,.0f</td><td>%,.0f</td></tr>", p * 100,
                    Calibrator.empiricalQuantile(fit.sortedLosses(), p), severity.quantile(p)));
        }
        return table.append("</table>").toString();
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
