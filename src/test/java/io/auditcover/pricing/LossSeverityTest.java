package io.auditcover.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LossSeverityTest {
    static final LossSeverity FIT = new LossSeverity(11.956, 3.08);

    @Test
    void the_fit_recovers_the_parameters_of_a_lognormal_sample() {
        var random = new Random(7);
        double[] sample = new double[20_000];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = Math.exp(12 + 3 * random.nextGaussian());
        }
        LossSeverity fit = LossSeverity.fit(sample);
        assertThat(fit.mu()).isCloseTo(12, within(0.1));
        assertThat(fit.sigma()).isCloseTo(3, within(0.05));
    }

    @Test
    void cdf_and_quantile_are_inverse() {
        for (double p : new double[] {0.01, 0.5, 0.9, 0.99}) {
            assertThat(FIT.cdf(FIT.quantile(p))).isCloseTo(p, within(1e-6));
        }
        assertThat(FIT.median()).isCloseTo(Math.exp(11.956), within(1e-6));
    }

    @Test
    void the_capped_mean_above_a_floor_matches_numerical_integration() {
        double floor = 1e5;
        double cap = 5e7;
        int steps = 200_000;
        double low = Math.log(floor);
        double high = Math.log(1e13);
        double width = (high - low) / steps;
        double sum = 0;
        double mass = 0;
        for (int i = 0; i < steps; i++) {
            double logX = low + (i + 0.5) * width;
            double density = Math.exp(-Math.pow((logX - FIT.mu()) / FIT.sigma(), 2) / 2) / (FIT.sigma() * Math.sqrt(2 * Math.PI));
            sum += Math.min(Math.exp(logX), cap) * density * width;
            mass += density * width;
        }
        assertThat(FIT.limitedMeanAbove(floor, cap)).isCloseTo(sum / mass, within(sum / mass * 1e-4));
    }

    @Test
    void a_cap_at_or_below_the_floor_is_paid_in_full() {
        assertThat(FIT.limitedMeanAbove(1e6, 5e5)).isEqualTo(5e5);
    }
}
