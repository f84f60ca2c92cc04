package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.engine.PricingFile;
import io.auditcover.pricing.CalibrationSettings;
import io.auditcover.pricing.Calibrator;
import io.auditcover.pricing.Incident;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibration on the real exploit history, and the bundled parameters are exactly what it produces. */
class CalibrateCommandTest {
    static final Path DATA = Path.of("datasets/exploits.csv");

    @TempDir
    Path directory;

    @Test
    void the_severity_fit_on_the_real_data_matches_its_median_and_heavy_tail() throws IOException {
        List<Incident> incidents = ExploitCsv.read(DATA);
        assertThat(incidents).hasSize(913);
        var fit = Calibrator.fit(incidents, CalibrationSettings.defaults(), fraction -> { });
        var severity = fit.calibration().severity();
        assertThat(severity.median()).isBetween(100_000.0, 250_000.0);
        assertThat(Calibrator.empiricalQuantile(fit.sortedLosses(), 0.5)).isBetween(100_000.0, 250_000.0);
        assertThat(severity.quantile(0.99)).isBetween(50e6, 500e6);
        assertThat(severity.quantile(0.9) / Calibrator.empiricalQuantile(fit.sortedLosses(), 0.9)).isBetween(0.5, 2.0);
        assertThat(fit.ksStatistic()).as("Kolmogorov-Smirnov distance").isLessThan(0.08);
        assertThat(fit.sigmaLow()).isLessThan(severity.sigma());
        assertThat(fit.sigmaHigh()).isGreaterThan(severity.sigma());
    }

    @Test
    void the_base_rate_counts_in_scope_incidents_above_the_minimum_per_assumed_protocol_year() throws IOException {
        var fit = Calibrator.fit(ExploitCsv.read(DATA), CalibrationSettings.defaults(), fraction -> { });
        assertThat(fit.incidentsByYear()).containsEntry(2021, 51).containsEntry(2022, 74).containsEntry(2023, 100).containsEntry(2024, 71);
        assertThat(fit.calibration().baseAnnualRate()).isEqualTo(296 / 8_700.0);
    }

    @Test
    void the_bundled_parameters_are_exactly_what_calibrate_writes_from_the_shipped_data() throws IOException {
        Path out = directory.resolve("parameters.json");
        Path report = directory.resolve("report.html");
        var stdout = new ByteArrayOutputStream();
        var previous = System.out;
        var previousErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("calibrate", "--data", DATA.toString(), "--out", out.toString(), "--report", report.toString());
        } finally {
            System.setOut(previous);
            System.setErr(previousErr);
        }
        assertThat(code).isZero();
        assertThat(PricingFile.read(out)).isEqualTo(PricingFile.bundled());
        String html = Files.readString(report);
        assertThat(html).startsWith("<!doctype html>").contains("<svg").contains("Incidents per year").contains("Severity").contains("Factor effects")
                .doesNotContain("<script").doesNotContain("http://www.w3.org/2000/svg\" src");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("base rate 0.0340");
    }

    @Test
    void the_csv_reader_handles_quotes_commas_and_doubled_quotes() throws IOException {
        var rows = ExploitCsv.parse("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n");
        assertThat(rows).containsExactly(List.of("a", "b"), List.of("x, y", "say \"hi\""));
    }
}
