package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.engine.PricingFile;
import io.auditcover.pricing.CalibrationSettings;
import io.auditcover.pricing.Calibrator;
import io.auditcover.pricing.SeverityFit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibration on the shipped data files: exposure pinned to the files, the bundled parameters are what it writes, bad input writes nothing. */
class CalibrateCommandTest {
    static final Path DATA = Path.of("datasets");
    static CalibrationData files;

    @TempDir
    Path directory;

    @BeforeAll
    static void read() throws IOException {
        files = CalibrationData.read(DATA);
    }

    @Test
    void exposure_counts_match_the_listing_files() {
        var live = files.exposure().liveByMonth();
        // Listed and not flagged dead or rugged at the snapshot, and no adapter death on or before it (the data README's
        // 1,018 / 2,075 / 3,441 at the ends of 2021-2023 leave out the flags only).
        assertThat(live).containsEntry(LocalDate.of(2021, 5, 1), 188).containsEntry(LocalDate.of(2022, 1, 1), 1_017)
                .containsEntry(LocalDate.of(2023, 1, 1), 2_071).containsEntry(LocalDate.of(2024, 1, 1), 3_198);
        assertThat(live.firstKey()).isEqualTo(LocalDate.of(2021, 5, 1));
        assertThat(live.lastKey()).isEqualTo(LocalDate.of(2024, 12, 1));
        assertThat(Math.round(files.exposure().protocolYears(2021))).isEqualTo(272);
        assertThat(Math.round(files.exposure().protocolYears(2022))).isEqualTo(1_552);
        assertThat(Math.round(files.exposure().protocolYears(2023))).isEqualTo(2_583);
        assertThat(Math.round(files.exposure().protocolYears(2024))).isEqualTo(3_870);
        assertThat(files.exposure().groups()).containsKeys("category:Dexes", "chain:Ethereum", "audits:2", "fork:Uniswap V2", "age:0");
    }

    @Test
    void audit_history_exposure_matches_the_audit_report_file() {
        // 1,346 rows of audit_reports.csv carry candidate links; after dropping repeats of another list, ambiguous direct matches and
        // the rejected common words, 1,091 (protocol, day) links to 519 listed protocols remain (recounted apart from this code).
        assertThat(files.audits()).hasSize(1_091);
        assertThat(files.audits().stream().map(io.auditcover.pricing.Exposure.Audit::protocolId).distinct().count()).isEqualTo(519);
        var groups = files.exposure().groups();
        var years = new java.util.TreeMap<String, Long>();
        for (String band : io.auditcover.pricing.AuditHistory.BANDS) {
            var byYear = groups.getOrDefault("audit_history:" + band, new java.util.TreeMap<>());
            years.put(band, Math.round(byYear.values().stream().mapToDouble(Double::doubleValue).sum()));
        }
        assertThat(years).containsEntry("0", 7_357L).containsEntry("1 recent", 244L).containsEntry("1 old", 298L).containsEntry("2+ recent", 221L)
                .containsEntry("2+ old", 157L);
        // Every live protocol-month is in exactly one band.
        assertThat(years.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(Math.round(files.exposure().protocolYears(2021)
                + files.exposure().protocolYears(2022) + files.exposure().protocolYears(2023) + files.exposure().protocolYears(2024)));
    }

    @Test
    void incidents_are_counted_in_the_population_and_outside_it_separately() {
        var fit = Calibrator.fit(files.incidents(), files.exposure(), CalibrationSettings.defaults(), fraction -> { });
        // Counted: matched to a listed protocol live in the exposure at the start of the incident's month. 15 incidents of the match
        // table's 148 in-population ones are not (14 in the weeks between a listing and its first month-start snapshot, one on a
        // protocol never live in one) and are counted apart with those outside the population (39 / 48 / 59 / 67 before).
        assertThat(fit.incidentsByYear()).containsEntry(2021, 20).containsEntry(2022, 37).containsEntry(2023, 45).containsEntry(2024, 31);
        assertThat(fit.outsideByYear()).containsEntry(2021, 44).containsEntry(2022, 51).containsEntry(2023, 64).containsEntry(2024, 69);
        assertThat(fit.calibration().incidents()).isEqualTo(133);
        for (var incident : files.incidents()) {
            if (CalibrationSettings.defaults().counts(incident, files.exposure())) {
                assertThat(files.exposure().groupsByProtocol().get(incident.protocolId())).as(incident.name())
                        .containsKey(incident.date().withDayOfMonth(1));
            }
        }
    }

    @Test
    void the_severity_fit_on_the_real_data_matches_its_quantiles() {
        var fit = Calibrator.fit(files.incidents(), files.exposure(), CalibrationSettings.defaults(), fraction -> { }).severity();
        double[] losses = fit.sortedLosses();
        assertThat(fit.severity().hasTail()).isTrue();
        for (double p : new double[] {0.5, 0.9, 0.99}) {
            assertThat(fit.severity().quantile(p) / SeverityFit.empiricalQuantile(losses, p)).as("p" + p).isBetween(0.7, 1.4);
        }
        assertThat(fit.ks()).as("Kolmogorov-Smirnov distance").isLessThan(0.08);
    }

    @Test
    void fitted_factors_average_to_one_over_the_population_and_state_their_rows() {
        var factors = Calibrator.fit(files.incidents(), files.exposure(), CalibrationSettings.defaults(), fraction -> { }).factors();
        assertThat(factors).containsOnlyKeys("age", "audit_history", "audits", "category", "chain", "fork");
        for (var entry : factors.entrySet()) {
            var groups = entry.getValue();
            if (!entry.getKey().equals("chain")) {
                // One value per protocol-month: the joint fit's exposure-weighted normalisation is the groups' (a protocol on several
                // chains reads their geometric mean, so the chain groups' own weighted mean is not the one normalised).
                assertThat(io.auditcover.pricing.FactorFit.populationAverage(groups)).as(entry.getKey()).isCloseTo(1.0,
                        org.assertj.core.api.Assertions.within(1e-9));
            }
            for (var group : groups) {
                assertThat(group.low()).isLessThanOrEqualTo(group.factor());
                assertThat(group.high()).isGreaterThanOrEqualTo(group.factor());
                if (!group.name().equals("other")) {
                    assertThat(group.protocolYears()).isGreaterThanOrEqualTo(io.auditcover.pricing.FactorFit.GROUP_PROTOCOL_YEARS_MIN);
                }
            }
        }
        int audited = factors.get("audits").stream().mapToInt(io.auditcover.pricing.FactorFit.Group::incidents).sum();
        assertThat(audited).as("every counted incident falls in one audit-flag group").isEqualTo(133);
    }

    @Test
    void each_year_mix_of_groups_averages_one_over_the_fitted_years_and_a_year_is_read_at_its_own() {
        var settings = CalibrationSettings.defaults();
        var joint = Calibrator.fit(files.incidents(), files.exposure(), settings, fraction -> { }).joint();
        double exposure = 0;
        double weighted = 0;
        for (var year : joint.years()) {
            exposure += year.protocolYears();
            weighted += year.protocolYears() * year.meanFactor();
            assertThat(year.riskWeightedRate() * year.meanFactor()).as("the crude rate is the risk-weighted rate times the mix")
                    .isCloseTo(year.rate(), org.assertj.core.api.Assertions.within(1e-12));
            assertThat(joint.relativeMix(files.exposure(), settings.years(year.year(), year.year()))).as("year %d read alone", year.year()).isCloseTo(year.meanFactor(),
                    org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(weighted / exposure).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(joint.years()).extracting(io.auditcover.pricing.JointFactorFit.YearMix::incidents).containsExactly(20, 37, 45, 31);
        assertThat(joint.years().get(0).meanFactor()).as("2021's protocols sat in riskier groups than 2024's")
                .isGreaterThan(joint.years().get(3).meanFactor());
    }

    @Test
    void the_backtest_runs_at_another_trend_prior_as_a_sensitivity_and_refuses_one_out_of_range() {
        var weaker = CliRun.of("backtest", "--data", "datasets", "--trend-prior", "0.25");
        assertThat(weaker.exitCode()).as(weaker.err()).isZero();
        var summary = io.auditcover.pricing.Backtest.summary(io.auditcover.pricing.Backtest.run(files.incidents(), files.exposure(),
                CalibrationSettings.defaults().withTrendPrior(0.25), io.auditcover.engine.PricingFile.bundled(), CalibrateCommand.BOOK_COVER_USD,
                CalibrateCommand.BOOK_LEVERAGE));
        assertThat(weaker.out()).contains(String.format(java.util.Locale.ROOT, "log score %.2f", summary.logScore()))
                .contains(String.format(java.util.Locale.ROOT, "loss ratio to plan %.2f on average", summary.meanLossRatioToPlan()));
        assertThat(summary.logScore()).as("the model's own prior scores better than a weaker one")
                .isLessThan(io.auditcover.pricing.Backtest.summary(io.auditcover.pricing.Backtest.run(files.incidents(), files.exposure(),
                        CalibrationSettings.defaults(), io.auditcover.engine.PricingFile.bundled(), CalibrateCommand.BOOK_COVER_USD,
                        CalibrateCommand.BOOK_LEVERAGE)).logScore());
        for (String bad : java.util.List.of("0", "-1", "1e9")) {
            var refused = CliRun.of("backtest", "--data", "datasets", "--trend-prior", bad);
            assertThat(refused.exitCode()).as(bad).isEqualTo(2);
            assertThat(refused.err()).contains("--trend-prior must be above 0 and at most 1000");
        }
    }

    @Test
    void the_whole_factor_set_averages_one_over_the_protocol_years_of_the_exposure_table() {
        var settings = CalibrationSettings.defaults();
        var parameters = CalibrateCommand.calibrate(files, settings, PricingFile.bundled(), fraction -> { }).parameters();
        var fitted = parameters.fitted();
        double priors = io.auditcover.pricing.RiskModel.priorsWithoutEvidence(parameters.factors(), fitted);
        assertThat(fitted.populationAverage(files.exposure(), settings) * priors).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        // The fitted dimensions overlap, so their product averages above 1 over the listed protocols; an unknown listing reads it.
        assertThat(fitted.listingUnknown()).isGreaterThan(1.0);
    }

    @Test
    void a_protocol_with_default_evidence_pays_the_base_rate_up_to_its_audit_history() {
        var parameters = PricingFile.bundled();
        var input = new io.auditcover.pricing.PricingInput(new io.auditcover.evidence.Protocol("plain", "Plain", "dex"), java.util.List.of(),
                java.util.List.of(), null, LocalDate.of(2026, 1, 1));
        var risk = io.auditcover.pricing.RiskModel.assess(parameters, input);
        var byName = new java.util.TreeMap<String, io.auditcover.pricing.Factor>();
        risk.factors().forEach(factor -> byName.put(factor.name(), factor));
        // The audit history is known (none registered), not unknown: it reads the fitted no-audit factor, and the unknown listing
        // reads the listed protocols' mean; against the population's own mix that lands within a few percent of the base rate.
        double none = parameters.fitted().dimensions().get("audit_history").get("0").factor();
        assertThat(byName.get("audit_history").multiplier()).isEqualTo(none);
        assertThat(byName).doesNotContainKeys("audit_count", "months_since_audit");
        assertThat(risk.annualRate() / parameters.calibration().baseAnnualRate()).isBetween(0.9, 1.1);
    }

    @Test
    void a_listed_protocol_reads_its_fitted_groups_and_an_unlisted_group_reads_other() {
        var parameters = PricingFile.bundled();
        var listing = new io.auditcover.pricing.RiskProfile.Listing("Lending", java.util.List.of("Ethereum"), "Compound V2", "2", LocalDate.of(2025, 6, 1));
        var profile = new io.auditcover.pricing.RiskProfile("lender", 20_000_000, 0, LocalDate.of(2025, 6, 1), null, true,
                io.auditcover.pricing.RiskProfile.AdminKey.MULTISIG, io.auditcover.pricing.RiskProfile.AuditKind.FIRM, listing);
        var factors = factors(parameters, profile);
        var lending = parameters.fitted().dimensions().get("category").get("Lending");
        assertThat(factors.get("category").multiplier()).isEqualTo(lending.factor());
        assertThat(io.auditcover.pricing.RiskModel.describe(parameters, factors.get("category"))).contains(String.format(java.util.Locale.ROOT, "from %d incidents", lending.incidents()));
        assertThat(factors.get("age_since_listing").multiplier()).isEqualTo(parameters.fitted().dimensions().get("age").get("0").factor());
        var rare = new io.auditcover.pricing.RiskProfile("lender", 20_000_000, 0, LocalDate.of(2025, 6, 1), null, true,
                io.auditcover.pricing.RiskProfile.AdminKey.MULTISIG, io.auditcover.pricing.RiskProfile.AuditKind.FIRM,
                new io.auditcover.pricing.RiskProfile.Listing("Insurance", java.util.List.of(), null, null, null));
        var other = factors(parameters, rare);
        assertThat(other.get("category").multiplier()).isEqualTo(parameters.fitted().dimensions().get("category").get("other").factor());
        assertThat(other.get("chain").multiplier()).isEqualTo(1.0);
        assertThat(io.auditcover.pricing.RiskModel.describe(parameters, other.get("chain"))).contains("unknown");
    }

    private static java.util.Map<String, io.auditcover.pricing.Factor> factors(io.auditcover.pricing.PricingParameters parameters,
            io.auditcover.pricing.RiskProfile profile) {
        var input = new io.auditcover.pricing.PricingInput(new io.auditcover.evidence.Protocol("lender", "Lender", "lending"), java.util.List.of(),
                java.util.List.of(), profile, LocalDate.of(2026, 1, 1));
        var byName = new java.util.TreeMap<String, io.auditcover.pricing.Factor>();
        io.auditcover.pricing.RiskModel.assess(parameters, input).factors().forEach(factor -> byName.put(factor.name(), factor));
        return byName;
    }

    @Test
    void a_quote_reads_its_audit_history_from_the_registered_audits_and_names_the_audit_lists_as_the_source() {
        var parameters = PricingFile.bundled();
        var at = LocalDate.of(2026, 1, 1);
        var audits = java.util.List.of(audit("a1", at.minusDays(400)), audit("a2", at.minusDays(30)), audit("later", at.plusDays(10)));
        var input = new io.auditcover.pricing.PricingInput(new io.auditcover.evidence.Protocol("lender", "Lender", "lending"), java.util.List.of(),
                audits, null, at);
        var byName = new java.util.TreeMap<String, io.auditcover.pricing.Factor>();
        io.auditcover.pricing.RiskModel.assess(parameters, input).factors().forEach(factor -> byName.put(factor.name(), factor));
        var recent = parameters.fitted().dimensions().get("audit_history").get("2+ recent");
        assertThat(byName.get("audit_history").multiplier()).as("two completed before the quote, the latest within a year").isEqualTo(recent.factor());
        assertThat(io.auditcover.pricing.RiskModel.describe(parameters, byName.get("audit_history"))).startsWith("fitted: audit_history 2+ recent x").contains("datasets/audit_reports.csv");
        assertThat(byName.get("audit_history").source()).as("a quote keeps the source as a key the parameters spell out")
                .isEqualTo("fitted|audit_history|3|2+ recent");
        assertThat(byName).as("the fitted audit history replaces the stated audit count and months since audit")
                .doesNotContainKeys("audit_count", "months_since_audit").containsKey("auditor_track_record");
    }

    private static io.auditcover.evidence.AuditReport audit(String id, LocalDate date) {
        return new io.auditcover.evidence.AuditReport(id, "lender", "Spearbit", date, "c0ffee1", java.util.List.of("0x" + "ab".repeat(32)), java.util.List.of());
    }

    @Test
    void calibration_is_deterministic() {
        var start = PricingFile.bundled();
        var first = CalibrateCommand.calibrate(files, CalibrationSettings.defaults(), start, fraction -> { });
        var second = CalibrateCommand.calibrate(files, CalibrationSettings.defaults(), start, fraction -> { });
        assertThat(second.parameters()).isEqualTo(first.parameters());
        assertThat(second.backtest()).isEqualTo(first.backtest());
    }

    @Test
    void the_bundled_parameters_are_exactly_what_calibrate_writes_from_the_shipped_data() throws IOException {
        Path out = directory.resolve("parameters.json");
        Path report = directory.resolve("report.html");
        var run = run("calibrate", "--data", DATA.toString(), "--out", out.toString(), "--report", report.toString());
        assertThat(run.code()).isZero();
        assertThat(PricingFile.read(out)).isEqualTo(PricingFile.bundled());
        String html = Files.readString(report);
        assertThat(html).startsWith("<!doctype html>").contains("<svg").contains("Backtest").contains("survival").contains("Factor effects")
                .contains("net loss (USD, log scale)").contains("incidents in the population").doesNotContain("<script");
        assertThat(html).as("docs/calibration-report.html is the report calibrate writes from the shipped data: regenerate it with"
                + " ./auditcover calibrate --report docs/calibration-report.html").isEqualTo(Files.readString(Path.of("docs/calibration-report.html")));
        assertThat(run.stdout()).contains("base rate 0.0056").contains("3 of 3 years inside the 90% interval");
        assertThat(run.stderr()).as("no progress bar without a terminal").doesNotContain("calibrating [");
    }

    @Test
    void a_missing_data_file_names_it_and_writes_nothing() throws IOException {
        Path data = copyData();
        Files.delete(data.resolve(CalibrationData.LATER));
        Path out = directory.resolve("parameters.json");
        var run = run("calibrate", "--data", data.toString(), "--out", out.toString(), "--report", directory.resolve("r.html").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.stderr()).contains(CalibrationData.LATER).contains("missing").contains("nothing written");
        assertThat(out).doesNotExist();
    }

    @Test
    void a_malformed_row_names_the_file_and_row_and_writes_nothing() throws IOException {
        Path data = copyData();
        Path matches = data.resolve(CalibrationData.MATCHES);
        var lines = new java.util.ArrayList<>(Files.readAllLines(matches));
        lines.set(3, lines.get(3).replaceFirst("^\\d{4}-\\d{2}-\\d{2}", "2022-13-45"));
        Files.write(matches, lines);
        Path out = directory.resolve("parameters.json");
        var run = run("calibrate", "--data", data.toString(), "--out", out.toString(), "--report", directory.resolve("r.html").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.stderr()).contains(CalibrationData.MATCHES + " row 4 (line 4)").contains("nothing written");
        assertThat(out).doesNotExist();
        Files.write(matches, java.util.List.of("date,name", "2022-01-01,\"unterminated"));
        run = run("calibrate", "--data", data.toString(), "--out", out.toString(), "--report", directory.resolve("r.html").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.stderr()).contains(CalibrationData.MATCHES);
        assertThat(out).doesNotExist();
    }

    @Test
    void the_adapter_death_dates_the_source_writes_impossibly_are_read_as_the_period_end() {
        assertThat(CalibrationData.date("2022-02-31")).isEqualTo(LocalDate.of(2022, 2, 28));
        assertThat(CalibrationData.date("2023-20-20")).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(CalibrationData.date("")).isNull();
    }

    private Path copyData() throws IOException {
        Path data = Files.createDirectories(directory.resolve("data"));
        for (String name : CalibrationData.FILES) {
            Files.copy(DATA.resolve(name), data.resolve(name));
        }
        return data;
    }

    record Run(int code, String stdout, String stderr) {
    }

    static Run run(String... args) {
        var stdout = new ByteArrayOutputStream();
        var stderr = new ByteArrayOutputStream();
        var previous = System.out;
        var previousErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previous);
            System.setErr(previousErr);
        }
    }
}
