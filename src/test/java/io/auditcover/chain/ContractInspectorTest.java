package io.auditcover.chain;

import static io.auditcover.chain.ChainFixtures.auditOfArtifacts;
import static io.auditcover.chain.ChainFixtures.auditOfHashes;
import static io.auditcover.chain.ChainFixtures.contract;
import static io.auditcover.chain.Node.address;
import static io.auditcover.chain.Node.uint;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.chain.ContractInspector.ProxyKind;
import io.auditcover.evidence.CompiledArtifact;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContractInspectorTest {
    Node node;
    ChainReader reader;
    ContractInspector inspector;
    String token;

    @BeforeEach
    void startNode() {
        node = Node.start();
        reader = ChainReader.connect(node.anvil.url());
        inspector = new ContractInspector(reader);
        token = node.deploy("TestToken", uint(1_000_000));
    }

    @AfterEach
    void stopNode() {
        reader.close();
        node.close();
    }

    @Test
    void an_audited_implementation_behind_an_erc1967_proxy_is_in_scope() {
        String implementation = node.deploy("Vault", address(token), uint(1_000));
        String proxy = node.deploy("Proxy1967", address(implementation), address(Node.DEPLOYER.getAddress()));
        long block = reader.headBlock();
        String implementationHash = Keccak.hex(reader.code(implementation, block));
        var audit = auditOfHashes("audit-1", implementationHash);

        var reading = inspector.inspect(contract(proxy), block, List.of(audit));

        assertThat(reading.proxyKind()).isEqualTo(ProxyKind.ERC1967);
        assertThat(reading.observation().implementation().address()).isEqualTo(implementation);
        assertThat(reading.observation().coveredCodeHash()).isEqualTo(implementationHash);
        assertThat(reading.observation().codeHash()).isEqualTo(Keccak.hex(reader.code(proxy, block)));
        assertThat(reading.observation().matchedAuditId()).isEqualTo("audit-1");
        assertThat(reading.match().by()).isEqualTo("code_hash");
    }

    @Test
    void the_proxy_itself_being_audited_does_not_put_an_unaudited_implementation_in_scope() {
        String implementation = node.deploy("VaultV2", address(token));
        String proxy = node.deploy("Proxy1967", address(implementation), address(Node.DEPLOYER.getAddress()));
        long block = reader.headBlock();
        var audit = auditOfHashes("audit-1", Keccak.hex(reader.code(proxy, block)));

        var reading = inspector.inspect(contract(proxy), block, List.of(audit));

        assertThat(reading.observation().matchedAuditId()).isNull();
    }

    @Test
    void a_beacon_proxy_and_an_eip1822_proxy_resolve_to_their_implementations() {
        String implementation = node.deploy("Vault", address(token), uint(7));
        String beacon = node.deploy("Beacon", address(implementation));
        String beaconProxy = node.deploy("BeaconProxy", address(beacon));
        String uupsProxy = node.deploy("UupsProxy", address(implementation));
        long block = reader.headBlock();
        var audit = auditOfHashes("audit-1", Keccak.hex(reader.code(implementation, block)));

        var viaBeacon = inspector.inspect(contract(beaconProxy), block, List.of(audit));
        var viaUups = inspector.inspect(contract(uupsProxy), block, List.of(audit));

        assertThat(viaBeacon.proxyKind()).isEqualTo(ProxyKind.ERC1967_BEACON);
        assertThat(viaBeacon.observation().implementation().address()).isEqualTo(implementation);
        assertThat(viaBeacon.observation().matchedAuditId()).isEqualTo("audit-1");
        assertThat(viaUups.proxyKind()).isEqualTo(ProxyKind.EIP1822);
        assertThat(viaUups.observation().implementation().address()).isEqualTo(implementation);
        assertThat(viaUups.observation().matchedAuditId()).isEqualTo("audit-1");
    }

    @Test
    void a_redeploy_of_audited_source_with_another_immutable_matches_by_artifact_only() {
        String audited = node.deploy("Vault", address(token), uint(1_000));
        String redeployed = node.deploy("Vault", address(token), uint(2_000));
        long block = reader.headBlock();
        String auditedHash = Keccak.hex(reader.code(audited, block));
        CompiledArtifact artifact = ArtifactFile.parse(Node.artifact("Vault"));
        assertThat(artifact.immutables()).isNotEmpty();

        var byHash = inspector.inspect(contract(redeployed), block, List.of(auditOfHashes("audit-hash", auditedHash)));
        var byArtifact = inspector.inspect(contract(redeployed), block, List.of(auditOfArtifacts("audit-artifact", artifact)));

        assertThat(byHash.observation().codeHash()).isNotEqualTo(auditedHash);
        assertThat(byHash.observation().matchedAuditId()).isNull();
        assertThat(byArtifact.observation().matchedAuditId()).isEqualTo("audit-artifact");
        assertThat(byArtifact.match().by()).isEqualTo("artifact");
        assertThat(byArtifact.observation().matchedNormalizedCodeHash()).isEqualTo(artifact.normalizedCodeHash());
    }

    @Test
    void without_masking_the_immutables_a_redeploy_does_not_match_the_artifact() throws Exception {
        String redeployed = node.deploy("Vault", address(token), uint(2_000));
        long block = reader.headBlock();
        CompiledArtifact full = ArtifactFile.parse(Node.artifact("Vault"));
        byte[] runtime = org.web3j.utils.Numeric.hexStringToByteArray(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(Node.artifact("Vault")).path("deployedBytecode").asText());
        CompiledArtifact unmasked = ArtifactFile.fromRuntime("Vault", runtime, List.of());
        // solc leaves immutables as zeros in the artifact, so both normalize the artifact alike; only the deployed side differs.
        assertThat(unmasked.normalizedCodeHash()).isEqualTo(full.normalizedCodeHash());

        var reading = inspector.inspect(contract(redeployed), block, List.of(auditOfArtifacts("audit-unmasked", unmasked)));

        assertThat(reading.observation().matchedAuditId()).isNull();
    }

    @Test
    void an_address_without_code_is_read_as_having_none() {
        long block = reader.headBlock();
        var reading = inspector.inspect(contract("0x00000000000000000000000000000000000000aa"), block, List.of());

        assertThat(reading.observation().hasCode()).isFalse();
        assertThat(reading.observation().codeHash()).isEqualTo(Keccak.EMPTY);
    }
}
