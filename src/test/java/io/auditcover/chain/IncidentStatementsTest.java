package io.auditcover.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.claims.Cause;
import io.auditcover.claims.Incident;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

class IncidentStatementsTest {
    /** The first of anvil's well-known development keys, and its address. */
    static final Credentials ORACLE = Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    static final String ORACLE_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    static final Asset USD = new Asset("USD", 2);
    static final String DEPLOYMENT_A = "0x" + "a1".repeat(32);
    static final String DEPLOYMENT_B = "0x" + "b2".repeat(32);
    static final Incident DRAIN = new Incident("inc-1", "bridgeport", List.of("10:0x00000000000000000000000000000000000000aa"), 19_000_000,
            19_000_002, Instant.parse("2026-03-01T12:00:00Z"), Cause.REENTRANCY, Money.whole(USD, 4_200_000),
            List.of("0x" + "ab".repeat(32)));

    @Test
    void a_signed_confirmation_recovers_to_the_oracle_that_signed_it() {
        String signature = IncidentStatements.sign(DEPLOYMENT_A, DRAIN, true, ORACLE.getEcKeyPair());
        assertThat(ORACLE.getAddress()).isEqualTo(ORACLE_ADDRESS);
        assertThat(IncidentStatements.signer(DEPLOYMENT_A, DRAIN, true, signature)).contains(ORACLE_ADDRESS);
    }

    @Test
    void a_signature_over_other_fields_or_the_other_verdict_recovers_to_someone_else() {
        String signature = IncidentStatements.sign(DEPLOYMENT_A, DRAIN, true, ORACLE.getEcKeyPair());
        var inflated = new Incident(DRAIN.id(), DRAIN.protocolId(), DRAIN.contractKeys(), DRAIN.fromBlock(), DRAIN.toBlock(),
                DRAIN.occurredAt(), DRAIN.cause(), Money.whole(USD, 9_000_000), DRAIN.transactionHashes());
        assertThat(IncidentStatements.signer(DEPLOYMENT_A, inflated, true, signature)).isNotEqualTo(Optional.of(ORACLE_ADDRESS));
        assertThat(IncidentStatements.signer(DEPLOYMENT_A, DRAIN, false, signature)).isNotEqualTo(Optional.of(ORACLE_ADDRESS));
    }

    @Test
    void a_signature_made_for_one_deployment_recovers_to_someone_else_in_another() {
        String signature = IncidentStatements.sign(DEPLOYMENT_A, DRAIN, true, ORACLE.getEcKeyPair());
        assertThat(IncidentStatements.signer(DEPLOYMENT_B, DRAIN, true, signature)).isNotEqualTo(Optional.of(ORACLE_ADDRESS));
    }

    @Test
    void malformed_or_tampered_signatures_never_recover_to_the_oracle() {
        String signature = IncidentStatements.sign(DEPLOYMENT_A, DRAIN, true, ORACLE.getEcKeyPair());
        assertThat(IncidentStatements.signer(DEPLOYMENT_A, DRAIN, true, "0x1234")).isEmpty();
        assertThat(IncidentStatements.signer(DEPLOYMENT_A, DRAIN, true, "not hex")).isEmpty();
        char flipped = signature.charAt(10) == '0' ? '1' : '0';
        String tampered = signature.substring(0, 10) + flipped + signature.substring(11);
        assertThat(IncidentStatements.signer(DEPLOYMENT_A, DRAIN, true, tampered)).isNotEqualTo(Optional.of(ORACLE_ADDRESS));
    }

    @Test
    void the_typed_data_names_every_field_a_wallet_shows_and_the_domain_binds_deployment_and_chain() {
        String typed = IncidentStatements.typedData(DEPLOYMENT_A, DRAIN, true);
        assertThat(typed).contains("\"primaryType\":\"IncidentStatement\"", "\"cause\":\"reentrancy\"", "\"fromBlock\":19000000",
                "\"estimatedLoss\":\"4200000.00 USD\"", "\"confirms\":true",
                "\"domain\":{\"name\":\"Auditcover\",\"version\":\"2\",\"chainId\":10,\"salt\":\"" + DEPLOYMENT_A + "\"}",
                "{\"name\":\"salt\",\"type\":\"bytes32\"}");
        assertThat(typed).doesNotContain("verifyingContract");
        assertThat(IncidentStatements.digest(DEPLOYMENT_A, DRAIN, true)).hasSize(32);
    }

    /** The domain separator as EIP-712 defines it, computed by hand: web3j must encode the salt as the raw 32 bytes. */
    @Test
    void the_domain_separator_is_the_one_eip_712_defines_with_the_salt_as_bytes32() throws Exception {
        var separator = new ByteArrayOutputStream();
        separator.write(Hash.sha3("EIP712Domain(string name,string version,uint256 chainId,bytes32 salt)".getBytes(StandardCharsets.UTF_8)));
        separator.write(Hash.sha3("Auditcover".getBytes(StandardCharsets.UTF_8)));
        separator.write(Hash.sha3("2".getBytes(StandardCharsets.UTF_8)));
        separator.write(Numeric.toBytesPadded(BigInteger.TEN, 32));
        separator.write(Numeric.hexStringToByteArray(DEPLOYMENT_A));
        byte[] expected = Hash.sha3(separator.toByteArray());
        var encoder = new StructuredDataEncoder(IncidentStatements.typedData(DEPLOYMENT_A, DRAIN, true));
        assertThat(Numeric.toHexString(encoder.hashDomain())).isEqualTo(Numeric.toHexString(expected));
    }

    @Test
    void a_domain_needs_a_positive_chain_and_a_32_byte_deployment_id() {
        assertThat(SigningDomain.ofIncident(DEPLOYMENT_A, DRAIN)).isEqualTo(new SigningDomain(10, DEPLOYMENT_A));
        assertThatThrownBy(() -> new SigningDomain(0, DEPLOYMENT_A)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SigningDomain(1, "0x1234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SigningDomain(1, DEPLOYMENT_A.toUpperCase(java.util.Locale.ROOT))).isInstanceOf(IllegalArgumentException.class);
    }
}
