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
