package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketSimCommandTest {

    @Test
    void the_simulation_prints_base_price_bumped_price_and_premium_for_each_purchase() {
        var simulation = new MarketSimCommand.Simulation("USDC", 6, "1000000", 365, 250, 0,
                new MarketSimCommand.MarketTerms(io.auditcover.pricing.MarketParameters.Mode.MARKET, 500, 200),
                List.of(new MarketSimCommand.Purchase(0, "100000"), new MarketSimCommand.Purchase(0, "200000"),
                        new MarketSimCommand.Purchase(0.5, "50000"), new MarketSimCommand.Purchase(1, "100000")));
        var bytes = new ByteArrayOutputStream();
        MarketSimCommand.run(simulation, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        var lines = bytes.toString(StandardCharsets.UTF_8).lines().map(line -> List.of(line.trim().split("\\s+"))).toList();
        assertThat(lines.get(1)).containsExactly("1", "0.000", "100000.000000", "250", "300", "2500.000000");
        assertThat(lines.get(2)).containsExactly("2", "0.000", "200000.000000", "300", "400", "6000.000000");
        assertThat(lines.get(3)).containsExactly("3", "0.500", "50000.000000", "300", "325", "1500.000000");
        assertThat(lines.get(4)).containsExactly("4", "1.500", "100000.000000", "250", "300", "2500.000000");
    }

    @Test
    void with_a_utilisation_curve_purchases_near_full_capacity_pay_the_surge() {
        var simulation = new MarketSimCommand.Simulation("USDC", 6, "1000000", 365, 250, 0,
                new MarketSimCommand.MarketTerms(io.auditcover.pricing.MarketParameters.Mode.MARKET, 0, 200, 9_000, 2_000),
                List.of(new MarketSimCommand.Purchase(0, "900000"), new MarketSimCommand.Purchase(0, "100000")));
        var bytes = new ByteArrayOutputStream();
        MarketSimCommand.run(simulation, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        var lines = bytes.toString(StandardCharsets.UTF_8).lines().map(line -> List.of(line.trim().split("\\s+"))).toList();
        assertThat(lines.get(1)).containsExactly("1", "0.000", "900000.000000", "250", "250", "22500.000000");
        assertThat(lines.get(2)).containsExactly("2", "0.000", "100000.000000", "250", "250", "12500.000000");
    }

    @Test
    void the_example_file_runs() {
        var previous = System.out;
        var bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("market-sim", "docs/examples/market-sim.json")).isZero();
        } finally {
            System.setOut(previous);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("base bps").hasLineCount(6);
    }
}
