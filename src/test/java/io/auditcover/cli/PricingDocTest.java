package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.engine.PricingFile;
import io.auditcover.money.Money;
import io.auditcover.pricing.Market;
import io.auditcover.pricing.MarketParameters;
import io.auditcover.pricing.Quote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/pricing.md is what the engine generates from the bundled parameters, and its worked examples price as the engine does. */
class PricingDocTest {
    static final Path DOC = Path.of("docs/pricing.md");

    @Test
    void the_committed_pricing_doc_is_exactly_what_the_live_parameters_generate() throws IOException {
        var files = CalibrationData.read(Path.of("datasets"));
        String generated = PricingDoc.render(PricingFile.bundled(), PricingDocCommand.backtest(files, PricingFile.bundled()), PricingDocCommand.fitted(files),
                PricingDocCommand.trendSensitivity(files, PricingFile.bundled()));
        if (Boolean.getBoolean("auditcover.regenerate")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/pricing.md is stale: run ./auditcover pricing-doc --out docs/pricing.md (or mvn test -Dauditcover.regenerate=true)")
                .isEqualTo(generated);
    }

    @Test
    void every_worked_example_adds_up_and_charges_the_market_price() {
        for (var example : PricingDoc.examples()) {
            Quote quote = PricingDoc.quote(example, PricingFile.bundled());
            var b = quote.breakdown();
            assertThat(b.technical().plus(b.marketAdjustment())).isEqualTo(quote.premium());
            assertThat(quote.premium()).isEqualTo(Market.premium(example.amount(), quote.basePriceBps(), example.periodDays()));
            // 7 priors (the fitted category, age and audit history replace four), 6 fitted factors, the unknown listing and the
            // normalisation.
            assertThat(quote.risk().factors()).hasSize(15);
            if (example.mode() == MarketParameters.Mode.FIXED) {
                assertThat(quote.basePriceBps()).isEqualTo(example.listingPriceBps());
            } else {
                assertThat(quote.basePriceBps()).isEqualTo(Math.max(quote.technicalPriceBps(), example.listingPriceBps()));
            }
        }
    }

    @Test
    void a_riskier_protocol_costs_more_per_unit_of_cover() {
        var examples = PricingDoc.examples();
        Quote blueChip = PricingDoc.quote(examples.get(0), PricingFile.bundled());
        Quote bridge = PricingDoc.quote(examples.get(1), PricingFile.bundled());
        assertThat(bridge.risk().annualRate()).isGreaterThan(5 * blueChip.risk().annualRate());
        assertThat(bridge.technicalPriceBps()).isGreaterThan(blueChip.technicalPriceBps());
        assertThat(Money.zero(blueChip.premium().asset())).isNotEqualTo(blueChip.premium());
    }
}
