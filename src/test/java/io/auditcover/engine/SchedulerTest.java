package io.auditcover.engine;

import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Cause;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.CodeObservation;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Money;
import io.auditcover.pool.PoolRules;
import io.auditcover.money.Ratio;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's own timer: time advances to the clock, and a final incident's parametric covers are paid without anyone asking. */
class SchedulerTest {
    @TempDir
    Path directory;

    private int next;

    private Outcome run(Engine engine, Command command) {
        Outcome outcome = engine.submit(command).join();
        assertThat(outcome).as("%s", command).isInstanceOf(Outcome.Accepted.class);
        return outcome;
    }

    private String id() {
        return "s-" + next++;
    }

    @Test
    void a_tick_advances_time_and_settles_each_final_incident_once() {
        var clock = new ManualClock(EngineFixtures.START);
        var lines = new ArrayList<String>();
        try (var engine = Engine.start(EngineFixtures.log(directory), clock, Engine.Settings.DEFAULT, EngineFixtures.SIGNATURES);
                var scheduler = new Scheduler(engine, clock, lines::add)) {
            run(engine, new Command.IdentifyDeployment(id(), EngineFixtures.DEPLOYMENT));
            run(engine, new Command.RegisterProtocol(id(), new Protocol(Business.PROTOCOL, "Lendwell", "lending")));
            run(engine, new Command.RegisterContract(id(), new DeployedContract(Business.PROTOCOL, Business.CHAIN, Business.ADDRESS,
                    Business.CODE_HASH, null)));
            run(engine, new Command.RegisterAudit(id(), new AuditReport("audit-1", Business.PROTOCOL, "Hashes & Co",
                    LocalDate.parse("2025-12-01"), "abcdef1", List.of(Business.CODE_HASH), List.of())));
            run(engine, new Command.ObserveChain(id(), Business.CHAIN, 100, "0x" + "a".repeat(64),
                    List.of(new CodeObservation(Business.CONTRACT, Business.CODE_HASH, true, null, "audit-1", null))));
            run(engine, new Command.CreatePool(id(), "alpha", USDC, new PoolRules(Ratio.whole(4), Ratio.ONE, Duration.ofDays(7))));
            run(engine, new Command.ListProtocol(id(), "alpha", Business.PROTOCOL, 200));
            run(engine, new Command.ConfigureAttestation(id(), Business.rules()));
            run(engine, new Command.SetClaimTerms(id(), "alpha", Business.PROTOCOL, Business.HALF_PARAMETRIC));
            run(engine, new Command.Deposit(id(), "alpha", "ada", Money.whole(USDC, 100_000)));
            run(engine, new Command.BuyCover(id(), "bob", "alpha", Business.PROTOCOL, Money.whole(USDC, 10_000), 90));
            clock.advance(Duration.ofDays(10));
            var incident = Business.incident("inc-1", Cause.REENTRANCY, clock.instant().minusSeconds(3600));
            run(engine, new Command.ReportIncident(id(), incident));
            for (int oracle = 0; oracle < 2; oracle++) {
                run(engine, new Command.AttestIncident(id(), incident.id(), Business.signature(incident, true, Business.ORACLES.get(oracle))));
            }

            assertThat(scheduler.tick()).as("confirmed, but the dispute window is open").isEmpty();
            assertThat(engine.read(State::time).join()).isEqualTo(clock.instant());

            clock.advance(Business.DISPUTE_WINDOW.plusSeconds(1));
            assertThat(scheduler.tick()).containsExactly("inc-1");
            assertThat(engine.read(State::time).join()).isEqualTo(clock.instant());
            var claims = engine.read(state -> List.copyOf(state.claimRecords().values())).join();
            assertThat(claims).singleElement().satisfies(claim -> {
                assertThat(claim.reasonCode()).isEqualTo("approved");
                assertThat(claim.paid()).isEqualTo(Money.whole(USDC, 5_000));
            });
            assertThat(lines).contains("settled incident inc-1");

            clock.advance(Duration.ofHours(1));
            assertThat(scheduler.tick()).as("a settled incident is not asked again").isEmpty();
        }
    }
}
