package io.auditcover.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The truncated fits recover known parameters from synthetic samples; the spliced limited mean is the integral of its survival. */
class SeverityFitTest {
    static final long SEED = 20_241_231L;

    @Test
    void a_lognormal_seen_only_above_a_threshold_is_recovered_by_the_truncated_fit() {
        var random = new Random(SEED);
        double mu = 12;
        double sigma = 2.5;
        double threshold = 100_000;
        double[] sample = new double[4_000];
        for (int i = 0; i < sample.length; ) {
            double x = StrictMath.exp(mu + sigma * random.nextGaussian());
            if (x >= threshold) {
                sample[i++] = x;
            }
        }
        var fit = SeverityFit.truncatedLognormal(sample, threshold, Double.POSITIVE_INFINITY);
        assertThat(fit.mu()).isCloseTo(mu, within(0.25));
        assertThat(fit.sigma()).isCloseTo(sigma, within(0.1));
        var naive = LossSeverity.fit(sample);
        assertThat(Math.abs(naive.mu() - mu)).as("ignoring the truncation is biased").isGreaterThan(1.0);
    }

    @Test
    void a_generalised_pareto_tail_is_recovered() {
        var random = new Random(SEED);
        double shape = 0.4;
        double scale = 1e6;
        double[] excesses = new double[20_000];
        for (int i = 0; i < excesses.length; i++) {
            double u = random.nextDouble();
            excesses[i] = scale * (StrictMath.pow(1 - u, -shape) - 1) / shape;
        }
        double[] fit = SeverityFit.generalisedPareto(excesses);
        assertThat(fit[0]).isCloseTo(shape, within(0.08));
        assertThat(fit[1] / scale).isCloseTo(1, within(0.08));
    }

    @Test
    void the_spliced_limited_mean_is_the_integral_of_its_survival_and_quantiles_invert_the_cdf() {
        var severity = new SplicedSeverity(100_000, new LossSeverity(14, 2), 5e6, 0.2, 0.3, 8e6);
        double cap = 2e7;
        double integral = 100_000;
        int steps = 200_000;
        double width = (cap - 100_000) / steps;
        for (int i = 0; i < steps; i++) {
            integral += (1 - severity.cdf(100_000 + (i + 0.5) * width)) * width;
        }
        assertThat(severity.limitedMean(cap) / integral).isCloseTo(1, within(1e-4));
        for (double p : new double[] {0.1, 0.5, 0.79, 0.81, 0.99}) {
            assertThat(severity.cdf(severity.quantile(p))).isCloseTo(p, within(1e-9));
        }
        assertThat(severity.cdf(5e6)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void threshold_stability_picks_a_tail_on_a_pareto_sample() {
        var random = new Random(SEED);
        double[] sample = new double[2_000];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = 100_000 * StrictMath.pow(1 - random.nextDouble(), -0.7);
        }
        var fit = SeverityFit.fit(sample, 100_000);
        assertThat(fit.severity().hasTail()).as(fit.candidates().toString()).isTrue();
        assertThat(fit.severity().tailShape()).isCloseTo(0.7, within(0.25));
        assertThat(fit.ks()).isLessThan(0.06);
    }
}
