package io.auditcover.engine;

import static io.auditcover.engine.EngineFixtures.DEPLOYMENT;
import static io.auditcover.engine.EngineFixtures.OTHER_DEPLOYMENT;
import static io.auditcover.engine.EngineFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auditcover.chain.IncidentStatements;
import io.auditcover.claims.Cause;
import io.auditcover.claims.Incident;
import io.auditcover.reason.Reason;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.money.Money;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/** A deployment is identified once in its own log, and only statements signed for it and for the incident's chain count. */
class DeploymentIdentityTest {
    @TempDir
    Path directory;

    @Test
    void a_deployment_is_identified_once_with_a_32_byte_id() {
        var state = new State();
        assertThat(state.deploymentId()).isNull();
        for (String bad : new String[] {null, "0x1234", "0x" + "D1".repeat(32), "d1".repeat(32), "0x" + "d1".repeat(33)}) {
            assertThat(Decider.decide(state, new Command.IdentifyDeployment("i", bad), START)).as(bad).extracting("code")
                    .isEqualTo(Reason.INVALID_COMMAND);
        }
        var identified = Decider.decide(state, new Command.IdentifyDeployment("i", DEPLOYMENT), START);
        assertThat(identified).isEqualTo(new Event.DeploymentIdentified(DEPLOYMENT));
        Applier.apply(state, (Event) identified);
        assertThat(state.deploymentId()).isEqualTo(DEPLOYMENT);
        var again = (Rejection) Decider.decide(state, new Command.IdentifyDeployment("j", OTHER_DEPLOYMENT), START);
        assertThat(again.code()).isEqualTo(Reason.ALREADY_EXISTS);
        assertThat(again.details()).containsEntry("deployment_id", DEPLOYMENT);
    }

    @Test
    void the_id_survives_a_restart_and_enters_the_state_hash() {
        String withId;
        String withoutId;
        try (Engine engine = Engine.start(EngineFixtures.log(directory.resolve("a")), new ManualClock(START), Engine.Settings.DEFAULT, EngineFixtures.SIGNATURES)) {
            withoutId = engine.stateHash();
            assertThat(engine.submit(new Command.IdentifyDeployment("id", DEPLOYMENT)).join()).isInstanceOf(Outcome.Accepted.class);
            withId = engine.stateHash();
        }
        assertThat(withId).isNotEqualTo(withoutId);
        try (Engine engine = Engine.start(EngineFixtures.log(directory.resolve("a")), new ManualClock(START), Engine.Settings.DEFAULT, EngineFixtures.SIGNATURES)) {
            assertThat(engine.stateHash()).isEqualTo(withId);
            assertThat(engine.read(State::deploymentId).join()).isEqualTo(DEPLOYMENT);
        }
        try (Engine other = Engine.start(EngineFixtures.log(directory.resolve("b")), new ManualClock(START), Engine.Settings.DEFAULT, EngineFixtures.SIGNATURES)) {
            other.submit(new Command.IdentifyDeployment("id", OTHER_DEPLOYMENT)).join();
            assertThat(other.stateHash()).isNotEqualTo(withId);
        }
    }

    @Test
    void a_snapshot_keeps_the_deployment_id() {
        var book = Business.standard(1_000);
        assertThat(StateSnapshot.of(book.state).restore().deploymentId()).isEqualTo(DEPLOYMENT);
        assertThat(StateSnapshot.hash(StateSnapshot.of(book.state).restore())).isEqualTo(StateSnapshot.hash(book.state));
    }

    @Test
    void an_attestation_before_the_deployment_is_identified_is_refused() {
        var book = Business.standard(1_000);
        var unidentified = StateSnapshot.of(book.state).restore();
        unidentified.deploymentId = null;
        var incident = Business.incident("early", Cause.REENTRANCY, book.now.minusSeconds(60));
        book.ok(new Command.ReportIncident(book.id(), incident));
        unidentified.claims.reported(book.state.incidents().get(incident.id()));
        var refused = Decider.decide(unidentified, new Command.AttestIncident("a", incident.id(),
                Business.signature(incident, true, Business.ORACLES.get(0))), book.now);
        assertThat(refused).extracting("code").isEqualTo(Reason.DEPLOYMENT_NOT_IDENTIFIED);
    }

    @Test
    void a_statement_signed_for_another_deployment_is_refused_as_an_unknown_oracle() {
        var book = Business.standard(1_000);
        var incident = Business.incident("replayed", Cause.REENTRANCY, book.now.minusSeconds(60));
        book.ok(new Command.ReportIncident(book.id(), incident));
        String forOther = IncidentStatements.sign(OTHER_DEPLOYMENT, incident, true, Business.ORACLES.get(0));
        assertThat(book.no(new Command.AttestIncident(book.id(), incident.id(), forOther)).code()).isEqualTo(Reason.UNKNOWN_ORACLE);
        assertThat(book.state.incidents().get(incident.id()).signers()).isEmpty();
        book.ok(new Command.AttestIncident(book.id(), incident.id(), Business.signature(incident, true, Business.ORACLES.get(0))));
    }

    @Test
    void a_statement_signed_for_chain_1_about_an_incident_on_chain_10_is_refused() throws Exception {
        var book = Business.standard(1_000);
        String address = "0x00000000000000000000000000000000000000b7";
        book.ok(new Command.RegisterContract(book.id(), new DeployedContract(Business.PROTOCOL, 10, address, Business.CODE_HASH, null)));
        var incident = new Incident("optimism-drain", Business.PROTOCOL, List.of("10:" + address), 150, 152, book.now.minusSeconds(60),
                Cause.REENTRANCY, Money.whole(EngineFixtures.USDC, 1_000), List.of());
        book.ok(new Command.ReportIncident(book.id(), incident));
        var typed = (ObjectNode) new ObjectMapper().readTree(IncidentStatements.typedData(DEPLOYMENT, incident, true));
        assertThat(typed.path("domain").path("chainId").asLong()).isEqualTo(10);
        ((ObjectNode) typed.get("domain")).put("chainId", 1);
        byte[] digest = new StructuredDataEncoder(typed.toString()).hashStructuredData();
        var signed = Sign.signMessage(digest, Business.ORACLES.get(0), false);
        String forChain1 = Numeric.toHexString(signed.getR()) + Numeric.toHexStringNoPrefix(signed.getS())
                + Numeric.toHexStringNoPrefix(signed.getV());
        assertThat(book.no(new Command.AttestIncident(book.id(), incident.id(), forChain1)).code()).isEqualTo(Reason.UNKNOWN_ORACLE);
        book.ok(new Command.AttestIncident(book.id(), incident.id(), Business.signature(incident, true, Business.ORACLES.get(0))));
    }
}
