package io.auditcover.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.auditcover.money.Ratio;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BacktestTest {
    static final LocalDate START = LocalDate.of(2021, 1, 1);

    /** 120 protocols listed all of 2021-2023. */
    static Exposure exposure() {
        var protocols = new ArrayList<Exposure.Protocol>();
        var snapshots = new ArrayList<Exposure.Snapshot>();
        for (int i = 0; i < 120; i++) {
            protocols.add(new Exposure.Protocol("p" + i, "P" + i, START, "", "", null));
        }
        for (LocalDate month = START; month.getYear() <= 2023; month = month.plusMonths(1)) {
            for (int i = 0; i < 120; i++) {
                snapshots.add(new Exposure.Snapshot(month, "p" + i, "Dexes", List.of("Ethereum"), "2", false));
            }
        }
        return Exposure.of(protocols, snapshots, List.of(), 2023);
    }

    static Incident incident(LocalDate date, double loss, String protocol) {
        return new Incident(date, "x", "smart-contract-exploit", loss, 0, protocol, Incident.Confidence.HIGH, true);
    }

    @Test
    void each_year_is_fitted_on_the_years_before_it_and_scored_against_what_happened() {
        var incidents = new ArrayList<Incident>();
        for (int year = 2021; year <= 2023; year++) {
            for (int i = 0; i < 12; i++) {
                incidents.add(incident(LocalDate.of(year, 1 + i, 5), 150_000 * StrictMath.pow(1.6, i), "p" + i));
            }
        }
        incidents.add(incident(LocalDate.of(2022, 6, 1), 5e6, ""));
        var settings = new CalibrationSettings("smart-contract-exploit", 100_000, 2021, 2023, CalibrationSettings.YEAR_SPREAD_PRIOR, 2e7, 0.5);
        List<Backtest.Year> years = Backtest.run(incidents, exposure(), settings, PricingFixtures.parameters(), 1_000_000, Ratio.whole(2));
        assertThat(years).extracting(Backtest.Year::year).containsExactly(2022, 2023);
        var first = years.get(0);
        assertThat(first.calibratedOn()).isEqualTo("2021-2021");
        assertThat(first.protocolYears()).isCloseTo(120, within(1e-9));
        assertThat(first.observed()).isEqualTo(12);
        assertThat(first.outsidePopulation()).as("the unmatched incident is counted apart").isEqualTo(1);
        assertThat(first.predictedCount()).isGreaterThan(12);
        assertThat(first.covered()).isTrue();
        assertThat(first.logScore()).isNegative().isGreaterThan(-10);
        assertThat(first.premiumUsd()).isGreaterThan(first.plannedLossUsd());
        assertThat(first.lossRatio()).isEqualTo(first.observedLossUsd() / first.premiumUsd());
        double observed = 0;
        for (int i = 0; i < 12; i++) {
            observed += 1_000_000 * Math.min(1, 150_000 * StrictMath.pow(1.6, i) / 2e7);
        }
        assertThat(first.observedLossUsd()).isCloseTo(observed, within(1e-6));
        var summary = Backtest.summary(years);
        assertThat(summary.years()).isEqualTo(2);
        assertThat(summary.covered()).isEqualTo(2);
        for (var year : years) {
            // The loss ratio to plan is its count part times its severity part, up to P(at least one) against the rate.
            double rate = year.predictedCount() / year.protocolYears();
            assertThat(year.lossRatioToPlan()).isCloseTo(year.frequencyToPlan() * year.severityToPlan() * rate / -StrictMath.expm1(-rate),
                    within(1e-9));
            assertThat(year.plannedMedianLossUsd()).as("a right-skewed year: the median below the mean").isLessThan(year.plannedLossUsd() * 1.05);
            assertThat(year.lossPit()).isBetween(0.0, 1.0);
        }
        assertThat(Backtest.run(incidents, exposure(), settings, PricingFixtures.parameters(), 1_000_000, Ratio.whole(2))).as("deterministic")
                .isEqualTo(years);
    }

    @Test
    void an_incident_counts_only_on_a_protocol_live_in_the_exposure_at_its_month_start() {
        var protocols = List.of(new Exposure.Protocol("a", "A", START, "", "", null), new Exposure.Protocol("late", "Late", LocalDate.of(2021, 3, 10), "", "", null));
        var snapshots = new ArrayList<Exposure.Snapshot>();
        for (LocalDate month = START; month.getYear() == 2021; month = month.plusMonths(1)) {
            snapshots.add(new Exposure.Snapshot(month, "a", "Dexes", List.of("Ethereum"), "2", month.getMonthValue() == 5));
            if (month.getMonthValue() >= 4) {
                snapshots.add(new Exposure.Snapshot(month, "late", "Dexes", List.of("Ethereum"), "2", false));
            }
        }
        var exposure = Exposure.of(protocols, snapshots, List.of(), 2021);
        var settings = CalibrationSettings.defaults().years(2021, 2021);
        assertThat(settings.counts(incident(LocalDate.of(2021, 3, 20), 1e6, "late"), exposure)).as("listed, not yet in a snapshot").isFalse();
        assertThat(settings.outsidePopulation(incident(LocalDate.of(2021, 3, 20), 1e6, "late"), exposure)).as("counted apart").isTrue();
        assertThat(settings.counts(incident(LocalDate.of(2021, 4, 2), 1e6, "late"), exposure)).isTrue();
        assertThat(settings.counts(incident(LocalDate.of(2021, 5, 2), 1e6, "a"), exposure)).as("flagged at that month start").isFalse();
        assertThat(settings.counts(incident(LocalDate.of(2021, 6, 2), 1e6, "a"), exposure)).isTrue();
    }

    @Test
    void a_protocol_month_reads_the_audits_completed_before_it() {
        var protocols = List.of(new Exposure.Protocol("a", "A", START, "", "", null));
        var snapshots = new ArrayList<Exposure.Snapshot>();
        for (LocalDate month = START; month.getYear() <= 2022; month = month.plusMonths(1)) {
            snapshots.add(new Exposure.Snapshot(month, "a", "Dexes", List.of("Ethereum"), "2", false));
        }
        var audits = List.of(new Exposure.Audit("a", LocalDate.of(2021, 3, 1)), new Exposure.Audit("a", LocalDate.of(2021, 6, 15)));
        var exposure = Exposure.of(protocols, snapshots, List.of(), audits, 2022);
        var months = exposure.groupsByProtocol().get("a");
        assertThat(months.get(LocalDate.of(2021, 3, 1))).contains("audit_history:0");
        assertThat(months.get(LocalDate.of(2021, 4, 1))).contains("audit_history:1 recent");
        assertThat(months.get(LocalDate.of(2021, 7, 1))).contains("audit_history:2+ recent");
        assertThat(months.get(LocalDate.of(2022, 7, 1))).contains("audit_history:2+ old");
        // Jan-Mar 2021 none, Apr-Jun one recent, Jul 2021-Jun 2022 two recent (the latest within 365 days), then old.
        assertThat(exposure.groups().get("audit_history:0").get(2021)).isCloseTo(3 / 12.0, within(1e-12));
        assertThat(exposure.groups().get("audit_history:1 recent").get(2021)).isCloseTo(3 / 12.0, within(1e-12));
        assertThat(exposure.groups().get("audit_history:2+ recent").get(2022)).isCloseTo(6 / 12.0, within(1e-12));
        assertThat(exposure.groups().get("audit_history:2+ old").get(2022)).isCloseTo(6 / 12.0, within(1e-12));
    }

    @Test
    void exposure_counts_protocol_years_by_group_and_leaves_out_the_dead() {
        var protocols = List.of(new Exposure.Protocol("a", "A", START, "Uniswap V2", "", null),
                new Exposure.Protocol("b", "B", START, "", "", LocalDate.of(2021, 7, 1)));
        var snapshots = new ArrayList<Exposure.Snapshot>();
        for (LocalDate month = START; month.getYear() == 2021; month = month.plusMonths(1)) {
            snapshots.add(new Exposure.Snapshot(month, "a", "Dexes", List.of("Ethereum", "BSC"), "2", false));
            snapshots.add(new Exposure.Snapshot(month, "b", "Lending", List.of("Ethereum"), "0", month.getMonthValue() == 3));
        }
        var exposure = Exposure.of(protocols, snapshots, List.of(new Exposure.LaterListing("c", LocalDate.of(2021, 12, 1), null)), 2022);
        // b: live Jan, Feb, Apr, May, Jun (March flagged, dead from July): 5 months.
        assertThat(exposure.protocolYears(2021)).isCloseTo(1 + 5 / 12.0, within(1e-12));
        assertThat(exposure.groups().get("chain:Ethereum").get(2021)).isCloseTo(1 + 5 / 12.0, within(1e-12));
        assertThat(exposure.groups().get("chain:BSC").get(2021)).isCloseTo(1, within(1e-12));
        assertThat(exposure.groups().get("fork:Uniswap V2").get(2021)).isCloseTo(1, within(1e-12));
        // 2022 is carried by the last snapshot's live protocols plus the later listing.
        assertThat(exposure.protocolYears(2022)).isCloseTo(2, within(1e-12));
        assertThat(exposure.groups().get("age:1").get(2022)).isCloseTo(1, within(1e-12));
        assertThat(exposure.covers(LocalDate.of(2022, 12, 31))).isTrue();
        assertThat(exposure.covers(LocalDate.of(2023, 1, 1))).isFalse();
        assertThat(Map.copyOf(new TreeMap<>(exposure.liveByMonth())).get(LocalDate.of(2021, 3, 1))).isEqualTo(1);
    }
}
