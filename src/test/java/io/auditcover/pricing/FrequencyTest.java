package io.auditcover.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FrequencyTest {
    static final Frequency.Prior PRIOR = new Frequency.Prior(StrictMath.log(2), 2);

    @Test
    void the_negative_binomial_sums_to_one_and_has_its_mean_and_variance() {
        var count = new Frequency.Count(40, 2);
        double total = 0;
        double mean = 0;
        double square = 0;
        for (int n = 0; n < 2_000; n++) {
            double p = StrictMath.exp(count.logProbability(n));
            total += p;
            mean += n * p;
            square += (double) n * n * p;
        }
        assertThat(total).isCloseTo(1, within(1e-9));
        assertThat(mean).isCloseTo(40, within(1e-6));
        assertThat(square - mean * mean).isCloseTo(40 + 40 * 40 / 2.0, within(1e-4));
        assertThat(count.quantile(0.05)).isLessThan(40).isLessThan(count.quantile(0.95));
        assertThat(count.pit(40)).isBetween(0.0, 1.0);
    }

    @Test
    void a_steady_rate_is_predicted_at_its_level_with_no_trend_and_the_prior_spread() {
        var counts = new TreeMap<Integer, Integer>();
        var exposure = new TreeMap<Integer, Double>();
        for (int year = 2021; year <= 2024; year++) {
            counts.put(year, 50);
            exposure.put(year, 1_000.0);
        }
        var fit = Frequency.fit(counts, exposure, PRIOR);
        assertThat(fit.trendPerYear()).isZero();
        assertThat(StrictMath.exp(fit.logRate())).isCloseTo(0.05, within(1e-9));
        assertThat(fit.yearSpreadSquared()).isCloseTo(2 * StrictMath.log(2) * StrictMath.log(2) / 5, within(1e-12));
        assertThat(fit.predict(1_000).mean()).isGreaterThan(50);
        assertThat(fit.incidents()).isEqualTo(200);
    }

    @Test
    void a_steady_decline_is_carried_as_a_shrunk_trend() {
        var counts = new TreeMap<Integer, Integer>();
        var exposure = new TreeMap<Integer, Double>();
        double e = 1_000;
        for (int year = 2021; year <= 2024; year++) {
            counts.put(year, 50);
            exposure.put(year, e);
            e *= 2;
        }
        var fit = Frequency.fit(counts, exposure, PRIOR);
        assertThat(fit.trendPerYear()).isCloseTo(-3 * StrictMath.log(2) / 4, within(1e-12));
    }
}
