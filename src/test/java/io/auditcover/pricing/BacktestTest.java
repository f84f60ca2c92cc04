package io.auditcover.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.auditcover.money.Ratio;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestTest {

    @Test
    void each_year_is_priced_on_the_years_before_it_and_observed_loss_is_what_its_incidents_would_have_paid() {
        var incidents = new ArrayList<Incident>();
        for (int i = 0; i < 10; i++) {
            incidents.add(new Incident(LocalDate.of(2020, 1 + i, 1), 50_000 * Math.pow(3, i), "smart-contract-exploit", "logic-error", "unknown"));
        }
        incidents.add(new Incident(LocalDate.of(2021, 3, 1), 5_000_000, "smart-contract-exploit", "logic-error", "unknown"));
        incidents.add(new Incident(LocalDate.of(2021, 4, 1), 50_000_000, "smart-contract-exploit", "logic-error", "unknown"));
        incidents.add(new Incident(LocalDate.of(2021, 5, 1), 50_000, "smart-contract-exploit", "logic-error", "unknown"));
        incidents.add(new Incident(LocalDate.of(2021, 6, 1), 9e9, "operational", "private-key-compromise", "unknown"));
        var settings = new CalibrationSettings("smart-contract-exploit", 100_000, 2021, 2021, Map.of(2020, 100.0, 2021, 200.0), 2e7, 0.5, 0, 1);
        List<Backtest.Year> years = Backtest.run(incidents, settings, PricingFixtures.parameters(), 2020, 1_000_000, Ratio.whole(2));
        assertThat(years).hasSize(1);
        var year = years.get(0);
        assertThat(year.calibratedOn()).isEqualTo("2020-2020");
        assertThat(year.incidents()).isEqualTo(2);
        assertThat(year.observedLossUsd()).isCloseTo(1_000_000 * (5e6 / 2e7) + 1_000_000, within(1e-6));
        assertThat(year.baseRate()).isCloseTo(9 / 100.0, within(1e-12));
        assertThat(year.premiumUsd()).isGreaterThan(year.predictedLossUsd());
        assertThat(year.lossRatio()).isEqualTo(year.observedLossUsd() / year.premiumUsd());
    }
}
