package io.auditcover.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.engine.Command;
import io.auditcover.engine.Outcome;
import io.auditcover.money.Money;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published view always equals the engine's state once a write is answered: covers, claims, books and all. */
class ReadModelTest {
    @TempDir
    Path directory;

    @Test
    void the_view_published_after_each_batch_matches_the_engine_state() {
        try (var service = new ServiceFixture(directory)) {
            String holder = ServiceFixture.address(ServiceFixture.OTHER_BUYER);
            for (int i = 0; i < 50; i++) {
                var outcome = service.engine.submit(new Command.BuyCover("view-buy-" + i, holder, ServiceFixture.POOL, ServiceFixture.PROTOCOL,
                        Money.whole(ServiceFixture.USDC, 100 + i), 28 + (i % 3) * 30)).join();
                assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
            }
            var incident = service.incident("view-exploit", io.auditcover.claims.Cause.ARITHMETIC);
            service.engine.submit(new Command.ReportIncident("view-report", incident)).join();
            service.engine.submit(new Command.AttestIncident("view-attest", incident.id(), io.auditcover.chain.IncidentStatements.sign(ServiceFixture.DEPLOYMENT, incident,
                    true, ServiceFixture.ORACLE.getEcKeyPair()))).join();
            assertThat(service.engine.submit(new Command.SettleIncident("view-settle", incident.id())).join()).isInstanceOf(Outcome.Accepted.class);
            service.clock.advance(Duration.ofDays(40));
            service.engine.submit(new Command.AdvanceTime("view-tick")).join();
            var view = service.server.view();
            var expected = service.engine.read(state -> new Object[] {new TreeMap<>(state.covers()), state.claimIds().stream().map(id -> state.claim(id).orElseThrow()).toList(),
                    new TreeMap<>(state.pools()), new TreeMap<>(state.ledger().balances()), state.ledger().transferCount(), state.time()})
                    .join();
            assertThat(view.covers()).isEqualTo(expected[0]);
            assertThat(List.copyOf(view.claims().values())).isEqualTo(expected[1]).hasSizeGreaterThan(50);
            assertThat(view.pools()).isEqualTo(expected[2]);
            assertThat(view.balances()).isEqualTo(expected[3]);
            assertThat((long) view.transfers().size()).isEqualTo(expected[4]);
            assertThat(view.time()).isEqualTo(expected[5]);
            assertThat(view.coverIdsOf(holder)).hasSize(50);
            assertThat(view.covers().values()).filteredOn(c -> c.status() == io.auditcover.cover.CoverStatus.EXPIRED).isNotEmpty();
        }
    }
}
