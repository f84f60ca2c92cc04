package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.api.RegisterCsv;
import io.auditcover.chain.IncidentStatements;
import io.auditcover.claims.AttestationRules;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.Incident;
import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.engine.Event;
import io.auditcover.engine.ManualClock;
import io.auditcover.engine.Outcome;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import io.auditcover.reason.Reason;
import io.auditcover.store.SqliteEventLog;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * {@code claims register} (table, CSV, loss triangle) and {@code scope record} on a real log: two incidents on a contract the
 * watcher never observed, one in January paid after an operator's scope check, one in March denied out of scope.
 */
class ClaimRegisterCommandTest {
    static final Asset USDC = new Asset("USDC", 6);
    static final Instant JANUARY = Instant.parse("2026-01-10T00:00:00Z");
    static final String CONTRACT = "1:0x00000000000000000000000000000000000000a1";
    static final String DEPLOYMENT = "0x" + "c1".repeat(32);
    static final ECKeyPair ORACLE = ECKeyPair.create(BigInteger.valueOf(7));

    @TempDir
    Path directory;

    private static Incident incident(String id, long block, Instant occurredAt) {
        return new Incident(id, "lendwell", List.of(CONTRACT), block, block + 1, occurredAt, Cause.REENTRANCY, Money.whole(USDC, 1), List.of());
    }

    private static void ok(Engine engine, Command command) {
        assertThat(engine.submit(command).join()).as(command.commandId()).isInstanceOf(Outcome.Accepted.class);
    }

    /** A parametric listing paying 50 %, bob's 2,000 cover, a deductible-bearing indemnity cover for cleo; nothing observed on chain. */
    private void business(ManualClock clock) {
        String oracle = ("0x" + Keys.getAddress(ORACLE.getPublicKey())).toLowerCase(Locale.ROOT);
        try (Engine engine = Engine.start(SqliteEventLog.open(directory), clock, Engine.Settings.DEFAULT,
                new io.auditcover.chain.Web3SignatureRecovery())) {
            for (Command command : List.of(new Command.IdentifyDeployment("deployment", DEPLOYMENT), new Command.AdvanceTime("t"),
                    new Command.RegisterProtocol("p", new Protocol("lendwell", "Lendwell", "lending")),
                    new Command.RegisterContract("k", new DeployedContract("lendwell", 1, CONTRACT.substring(2), "0x" + "1".repeat(64), null)),
                    new Command.RegisterAudit("a", new AuditReport("audit-1", "lendwell", "Hashes & Co", LocalDate.parse("2025-12-01"), "abcdef1",
                            List.of("0x" + "1".repeat(64)), List.of())),
                    new Command.CreatePool("pool", "alpha", USDC, new PoolRules(Ratio.whole(2), Ratio.ONE, Duration.ofDays(7))),
                    new Command.ListProtocol("list", "alpha", "lendwell", 200),
                    new Command.SetClaimTerms("terms", "alpha", "lendwell", ClaimTerms.parametric(Ratio.of(1, 2), Money.whole(USDC, 0))),
                    new Command.Deposit("dep", "alpha", "ada", Money.whole(USDC, 100_000)),
                    new Command.BuyCover("buy", "bob", "alpha", "lendwell", Money.whole(USDC, 2_000), 180),
                    new Command.ConfigureAttestation("oracles", new AttestationRules(Set.of(oracle), 1, Duration.ofDays(1), Duration.ZERO)))) {
                ok(engine, command);
            }
            clock.advance(Duration.ofDays(1));
            var january = incident("inc-jan", 50, clock.instant().minusSeconds(60));
            ok(engine, new Command.ReportIncident("report-jan", january));
            ok(engine, new Command.AttestIncident("attest-jan", "inc-jan", IncidentStatements.sign(DEPLOYMENT, january, true, ORACLE)));
            var refused = (Outcome.Rejected) engine.submit(new Command.SettleIncident("settle-jan-0", "inc-jan")).join();
            assertThat(refused.rejection().code()).isEqualTo(Reason.ASSESSORS_UNAVAILABLE);
            // The operator's check, as scope record submits it; then the settlement pays in February, a month after the incident.
            ok(engine, new Command.RecordScopeCheck("check-jan", CONTRACT, 50, true, "audit-1", null, "ops", "post-mortem: audited pool"));
            clock.advance(Duration.ofDays(30));
            ok(engine, new Command.AdvanceTime("t-feb"));
            ok(engine, new Command.SettleIncident("settle-jan", "inc-jan"));
            clock.advance(Duration.ofDays(40));
            ok(engine, new Command.AdvanceTime("t-mar"));
            var march = incident("inc-mar", 70, clock.instant().minusSeconds(60));
            ok(engine, new Command.ReportIncident("report-mar", march));
            ok(engine, new Command.AttestIncident("attest-mar", "inc-mar", IncidentStatements.sign(DEPLOYMENT, march, true, ORACLE)));
            ok(engine, new Command.RecordScopeCheck("check-mar", CONTRACT, 70, false, null, null, "ops", "unaudited code at block 70"));
            var settled = (Event.IncidentSettled) ((Outcome.Accepted) engine.submit(new Command.SettleIncident("settle-mar", "inc-mar"))
                    .join()).event();
            assertThat(settled.claims()).singleElement().extracting(c -> c.reasonCode()).isEqualTo("code_out_of_audited_scope");
        }
    }

    @Test
    void register_csv_lists_every_claim_with_its_dates_amounts_and_reason_code() {
        business(new ManualClock(JANUARY));

        List<String> lines = run("claims", "register", "--csv", "--data-dir", directory.toString()).lines().toList();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(String.join(",", RegisterCsv.REGISTER_HEADER));
        assertThat(lines.get(1)).isEqualTo("1,1,bob,alpha,lendwell,inc-jan,parametric,decided,approved,USDC,"
                + "2026-01-10T23:59:00Z,2026-01-11T00:00:00Z,2026-01-11T00:00:00Z,2026-01-11T00:00:00Z,2026-02-10T00:00:00Z,"
                + "2026-02-10T00:00:00Z,,,1000.000000,1000.000000,0.000000,0.000000,0.000000");
        assertThat(lines.get(2)).isEqualTo("2,1,bob,alpha,lendwell,inc-mar,parametric,decided,code_out_of_audited_scope,USDC,"
                + "2026-03-21T23:59:00Z,2026-03-22T00:00:00Z,2026-03-22T00:00:00Z,2026-03-22T00:00:00Z,2026-03-22T00:00:00Z,"
                + ",,,0.000000,0.000000,0.000000,0.000000,0.000000");
        assertThat(run("claims", "explain", "--data-dir", directory.toString(), "1"))
                .contains("scope of " + CONTRACT + " at block 50: in scope of audit-1, recorded by ops (operator)")
                .contains("post-mortem: audited pool");
        assertThat(run("claims", "register", "--data-dir", directory.toString())).contains("2 claims")
                .containsPattern("1 +inc-jan +parametric +approved");
    }

    @Test
    void register_triangle_csv_gives_cumulative_paid_by_incident_month_and_development_month() {
        business(new ManualClock(JANUARY));

        List<String> lines = run("claims", "register", "--triangle", "--csv", "--data-dir", directory.toString()).lines().toList();

        // Valued now (this machine's clock, after March 2026): the January row is the longest; the first three columns are fixed.
        assertThat(lines.get(0)).startsWith("asset,incident_month,development_month_0,development_month_1,development_month_2,");
        assertThat(lines.get(1)).startsWith("USDC,2026-01,0.000000,1000.000000,1000.000000,");
        assertThat(lines.get(2)).startsWith("USDC,2026-03,0.000000,0.000000,");
        assertThat(lines).hasSize(3);
        assertThat(run("claims", "register", "--triangle", "--data-dir", directory.toString()))
                .contains("USDC paid, cumulative, by incident month and development month").containsPattern("2026-01 +0\\.000000 +1000\\.000000");
    }

    @Test
    void scope_record_writes_an_operators_check_and_refuses_a_bad_one() {
        business(new ManualClock(JANUARY));

        assertThat(run("scope", "record", "--contract", CONTRACT, "--block", "90", "--out-of-scope", "self_destructed", "--evidence",
                "redeployed after the exploit", "--checked-by", "ops", "--data-dir", directory.toString()))
                .contains("recorded " + CONTRACT + " at block 90: out of scope (self_destructed)");
        assertThat(Main.run("scope", "record", "--contract", CONTRACT, "--block", "91", "--in-scope-of", "audit-9", "--evidence", "x",
                "--data-dir", directory.toString())).as("unknown audit").isEqualTo(1);
        try (var log = SqliteEventLog.open(directory)) {
            var state = Engine.rebuild(log);
            var check = state.scopeChecks().get(CONTRACT).get(90L);
            assertThat(check.inScope()).isFalse();
            assertThat(check.reason().wire()).isEqualTo("self_destructed");
            assertThat(check.checkedBy()).isEqualTo("ops");
            assertThat(state.scopeChecks().get(CONTRACT)).doesNotContainKey(91L);
        }
    }

    private static String run(String... arguments) {
        return CliRun.succeeding(arguments);
    }
}
