package io.auditcover.cli;

import io.auditcover.claims.ClaimDecided;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import io.auditcover.store.SqliteEventLog;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/** {@code claims explain} prints every rule of a claim decided in a real log. */
class ClaimsCommandTest {
    static final Asset USDC = new Asset("USDC", 6);
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path directory;

    @Test
    void explain_prints_each_rule_its_verdict_and_facts_for_a_claim_denied_by_an_exclusion() {
        ECKeyPair oracle = ECKeyPair.create(BigInteger.valueOf(7));
        String oracleAddress = ("0x" + Keys.getAddress(oracle.getPublicKey())).toLowerCase(Locale.ROOT);
        var incident = new Incident("inc-1", "lendwell", List.of("1:0x00000000000000000000000000000000000000a1"), 10, 11,
                NOW.plusSeconds(1), Cause.PHISHING, Money.whole(USDC, 1), List.of());
        var clock = new ManualClock(NOW);
        try (Engine engine = Engine.start(SqliteEventLog.open(directory), clock, new Engine.Settings(16, 1_000, true),
                new io.auditcover.chain.Web3SignatureRecovery())) {
            String deployment = "0x" + "c1".repeat(32);
            List<Command> commands = List.of(new Command.IdentifyDeployment("deployment", deployment), new Command.AdvanceTime("t"),
                    new Command.RegisterProtocol("p", new Protocol("lendwell", "Lendwell", "lending")),
                    new Command.RegisterContract("k", new io.auditcover.evidence.DeployedContract("lendwell", 1,
                            "0x00000000000000000000000000000000000000a1", "0x" + "1".repeat(64), null)),
                    new Command.CreatePool("pool", "alpha", USDC, new PoolRules(Ratio.whole(2), Ratio.ONE, Duration.ofDays(7))),
                    new Command.ListProtocol("list", "alpha", "lendwell", 200),
                    new Command.SetClaimTerms("terms", "alpha", "lendwell", ClaimTerms.parametric(Ratio.ONE, Money.zero(USDC))),
                    new Command.Deposit("dep", "alpha", "ada", Money.whole(USDC, 100_000)),
                    new Command.BuyCover("buy", "bob", "alpha", "lendwell", Money.whole(USDC, 1_000), 30),
                    new Command.ConfigureAttestation("oracles", new AttestationRules(Set.of(oracleAddress), 1, Duration.ofDays(1), Duration.ZERO)),
                    new Command.ReportIncident("report", incident),
                    new Command.AttestIncident("attest", "inc-1", IncidentStatements.sign(deployment, incident, true, oracle)),
                    new Command.SettleIncident("settle", "inc-1"));
            for (Command command : commands) {
                if (command instanceof Command.ReportIncident) {
                    clock.advance(Duration.ofSeconds(10));
                }
                assertThat(engine.submit(command).join()).as(command.commandId()).isInstanceOf(Outcome.Accepted.class);
            }
            var settled = (Event.IncidentSettled) ((Outcome.Accepted) engine.submit(new Command.SettleIncident("settle", "inc-1")).join()).event();
            assertThat(settled.claims()).singleElement().extracting(ClaimDecided::reasonCode).isEqualTo("cause_excluded");
        }

        String output = run("claims", "explain", "--data-dir", directory.toString(), "1");
        assertThat(output).contains("claim 1: cover 1, incident inc-1, pool alpha: cause_excluded")
                .containsPattern("1\\. cover_active_at_incident +passed")
                .containsPattern("4\\. cause_not_excluded +failed +cause_excluded")
                .contains("cause: phishing")
                .containsPattern("10\\. filed_within_claim_window +passed");
        assertThat(Main.run("claims", "explain", "--data-dir", directory.toString(), "2")).isEqualTo(1);
        assertThat(run("claims", "list", "--data-dir", directory.toString(), "--incident", "inc-1"))
                .containsPattern("1 +1 +inc-1 +parametric +decided +cause_excluded +0\\.000000 USDC +0\\.000000 USDC")
                .contains("1 claims");
        assertThat(run("claims", "list", "--data-dir", directory.toString(), "--incident", "inc-9")).contains("0 claims");
        assertThat(run("claims", "incidents", "--data-dir", directory.toString()))
                .containsPattern("inc-1 +lendwell +phishing +final +1/1 +0 +all at ").contains("1 incidents");
    }

    @Test
    void explain_prints_a_tied_assessment_as_a_draw_with_each_rationale_and_assessor_remove_takes_one_off_the_panels() {
        String first = "0x" + "01".repeat(20);
        String second = "0x" + "02".repeat(20);
        ECKeyPair oracle = ECKeyPair.create(BigInteger.valueOf(7));
        String oracleAddress = ("0x" + Keys.getAddress(oracle.getPublicKey())).toLowerCase(Locale.ROOT);
        var incident = new Incident("inc-1", "lendwell", List.of("1:0x00000000000000000000000000000000000000a1"), 10, 11,
                NOW.plusSeconds(1), Cause.REENTRANCY, Money.whole(USDC, 1), List.of());
        var clock = new ManualClock(NOW);
        try (Engine engine = Engine.start(SqliteEventLog.open(directory), clock, new Engine.Settings(16, 1_000, true),
                new io.auditcover.chain.Web3SignatureRecovery())) {
            String deployment = "0x" + "c1".repeat(32);
            List<Command> commands = List.of(new Command.IdentifyDeployment("deployment", deployment), new Command.AdvanceTime("t"),
                    new Command.RegisterProtocol("p", new Protocol("lendwell", "Lendwell", "lending")),
                    new Command.RegisterContract("k", new io.auditcover.evidence.DeployedContract("lendwell", 1,
                            "0x00000000000000000000000000000000000000a1", "0x" + "1".repeat(64), null)),
                    new Command.CreatePool("pool", "alpha", USDC, new PoolRules(Ratio.whole(2), Ratio.ONE, Duration.ofDays(7))),
                    new Command.ListProtocol("list", "alpha", "lendwell", 200),
                    new Command.SetClaimTerms("terms", "alpha", "lendwell", ClaimTerms.indemnity(Money.zero(USDC))),
                    new Command.Deposit("dep", "alpha", "ada", Money.whole(USDC, 100_000)),
                    new Command.BuyCover("buy", "bob", "alpha", "lendwell", Money.whole(USDC, 1_000), 30),
                    new Command.RegisterAssessor("a1", first, 1, 1), new Command.RegisterAssessor("a2", second, 1, 1),
                    new Command.ConfigureAssessment("rules", new io.auditcover.claims.AssessmentRules(Duration.ofDays(3), Duration.ofDays(1),
                            Duration.ofDays(1), 2, Duration.ofDays(1), 2)),
                    new Command.ConfigureAttestation("oracles", new AttestationRules(Set.of(oracleAddress), 1, Duration.ofDays(1), Duration.ZERO)),
                    new Command.ReportIncident("report", incident),
                    new Command.AttestIncident("attest", "inc-1", IncidentStatements.sign(deployment, incident, true, oracle)),
                    new Command.FileClaim("claim", "bob", 1, "inc-1", Money.whole(USDC, 500), null),
                    new Command.CastVote("v1", first, 1, true, "the trace shows the drain"),
                    new Command.CastVote("v2", second, 1, false, "funds moved before the exploit"));
            for (Command command : commands) {
                if (command instanceof Command.ReportIncident) {
                    clock.advance(Duration.ofSeconds(10));
                }
                assertThat(engine.submit(command).join()).as(command.commandId()).isInstanceOf(Outcome.Accepted.class);
            }
            clock.advance(Duration.ofDays(31));
            assertThat(engine.submit(new Command.AdvanceTime("later")).join()).isInstanceOf(Outcome.Accepted.class);
            var settled = (Event.IncidentSettled) ((Outcome.Accepted) engine.submit(new Command.SettleIncident("settle", "inc-1")).join()).event();
            assertThat(settled.claims()).singleElement().extracting(ClaimDecided::reasonCode).isEqualTo("assessors_draw");
        }

        assertThat(run("claims", "explain", "--data-dir", directory.toString(), "1"))
                .contains("claim 1: cover 1, incident inc-1, pool alpha: assessors_draw")
                .contains("assessors: round 1, outcome draw (accept 1, deny 1, quorum 2)")
                .containsPattern(first + " +accept +the trace shows the drain")
                .containsPattern(second + " +deny +funds moved before the exploit");
        assertThat(run("claims", "list", "--data-dir", directory.toString())).containsPattern("1 +1 +inc-1 +indemnity +decided +assessors_draw");
        assertThat(Main.run("assessor", "remove", first, "--data-dir", directory.toString())).isZero();
        assertThat(Main.run("assessor", "remove", first, "--data-dir", directory.toString())).as("removed already, and never signed in").isEqualTo(1);
        try (var log = SqliteEventLog.open(directory)) {
            assertThat(Engine.rebuild(log).assessors()).containsOnlyKeys(second);
        }
    }

    @Test
    void claims_appeal_sends_a_claim_the_rules_denied_to_assessors_with_a_bond_and_assessor_unstake_request_asks_for_stake_back() {
        String assessor = "0x" + "01".repeat(20);
        ECKeyPair oracle = ECKeyPair.create(BigInteger.valueOf(7));
        String oracleAddress = ("0x" + Keys.getAddress(oracle.getPublicKey())).toLowerCase(Locale.ROOT);
        var incident = new Incident("inc-1", "lendwell", List.of("1:0x00000000000000000000000000000000000000a1"), 10, 11,
                NOW.plusSeconds(1), Cause.KEY_COMPROMISE, Money.whole(USDC, 1), List.of());
        var clock = new ManualClock(NOW);
        try (Engine engine = Engine.start(SqliteEventLog.open(directory), clock, new Engine.Settings(16, 1_000, true),
                new io.auditcover.chain.Web3SignatureRecovery())) {
            String deployment = "0x" + "c1".repeat(32);
            List<Command> commands = List.of(new Command.IdentifyDeployment("deployment", deployment), new Command.AdvanceTime("t"),
                    new Command.RegisterProtocol("p", new Protocol("lendwell", "Lendwell", "lending")),
                    new Command.RegisterContract("k", new io.auditcover.evidence.DeployedContract("lendwell", 1,
                            "0x00000000000000000000000000000000000000a1", "0x" + "1".repeat(64), null)),
                    new Command.CreatePool("pool", "alpha", USDC, new PoolRules(Ratio.whole(2), Ratio.ONE, Duration.ofDays(7))),
                    new Command.ListProtocol("list", "alpha", "lendwell", 200),
                    new Command.SetClaimTerms("terms", "alpha", "lendwell", ClaimTerms.indemnity(Money.zero(USDC))),
                    new Command.Deposit("dep", "alpha", "ada", Money.whole(USDC, 100_000)),
                    new Command.BuyCover("buy", "bob", "alpha", "lendwell", Money.whole(USDC, 1_000), 30),
                    new Command.RegisterAssessor("a1", assessor, 1, 1),
                    new Command.StakeAssessor("stake", assessor, Money.whole(USDC, 300)),
                    new Command.ConfigureAttestation("oracles", new AttestationRules(Set.of(oracleAddress), 1, Duration.ofDays(1), Duration.ZERO)),
                    new Command.ReportIncident("report", incident),
                    new Command.AttestIncident("attest", "inc-1", IncidentStatements.sign(deployment, incident, true, oracle)),
                    new Command.FileClaim("claim", "bob", 1, "inc-1", Money.whole(USDC, 500), null));
            for (Command command : commands) {
                if (command instanceof Command.ReportIncident) {
                    clock.advance(Duration.ofSeconds(10));
                }
                assertThat(engine.submit(command).join()).as(command.commandId()).isInstanceOf(Outcome.Accepted.class);
            }
        }
        String data = directory.toString();
        assertThat(CliRun.of("claims", "appeal", "--data-dir", data, "1", "ten").err()).contains("claims: bad bond: not a decimal amount: ten");
        assertThat(CliRun.of("claims", "appeal", "--data-dir", data, "9", "25").err()).contains("claim 9 was not filed in this log (claim_not_found)");
        var tooSmall = CliRun.of("claims", "appeal", "--data-dir", data, "1", "24.99");
        assertThat(tooSmall.exitCode()).isEqualTo(1);
        assertThat(tooSmall.err()).contains("claims: refused, bond_too_small");
        assertThat(CliRun.of("claims", "appeal", "--data-dir", data, "x", "25").exitCode()).as("not a claim id").isEqualTo(2);

        assertThat(CliRun.of("assessor", "unstake-request", "--data-dir", data, assessor, "301").err())
                .contains("assessor: refused, stake_withdrawal_exceeds_free_stake");
        assertThat(CliRun.of("assessor", "unstake-request", "--data-dir", data, "0x" + "cd".repeat(20), "1").err())
                .contains("has no stake (assessor_not_found)");
        var requested = CliRun.of("assessor", "unstake-request", "--data-dir", data, assessor, "100");
        assertThat(requested.exitCode()).as(requested.err()).isZero();
        assertThat(requested.err()).contains("asked to withdraw 100.000000 USDC of its stake, withdrawable from");
        assertThat(CliRun.of("assessor", "unstake", "--data-dir", data, assessor).err()).as("a day's notice")
                .contains("assessor: refused, notice_period_not_over");

        var appealed = CliRun.of("claims", "appeal", "--data-dir", data, "1", "25");
        assertThat(appealed.exitCode()).as(appealed.err()).isZero();
        assertThat(appealed.out()).contains("claim 1 appealed for bob with a bond of 25.000000 USDC: round 1, voting ends");
        try (var log = SqliteEventLog.open(directory)) {
            var state = Engine.rebuild(log);
            assertThat(state.claim(1).orElseThrow().appeals()).singleElement().satisfies(appeal -> assertThat(appeal.holder()).isEqualTo("bob"));
            assertThat(state.claimBook().stakeWithdrawals()).containsOnlyKeys(assessor);
        }
        assertThat(CliRun.of("claims", "appeal", "--data-dir", data, "1", "25").err()).contains("claims: refused, voting_not_over");
    }

    private static String run(String... arguments) {
        return CliRun.succeeding(arguments);
    }
}
