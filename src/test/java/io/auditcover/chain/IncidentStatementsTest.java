package io.auditcover.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Cause;
import io.auditcover.claims.Incident;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

class IncidentStatementsTest {
    /** The first of anvil's well-known development keys, and its address. */
    static final Credentials ORACLE = Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    static final String ORACLE_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    static final Asset USD = new Asset("USD", 2);
    static final Incident DRAIN = new Incident("inc-1", "bridgeport", List.of("1:0x00000000000000000000000000000000000000aa"), 19_000_000,
            19_000_002, Instant.parse("2026-03-01T12:00:00Z"), Cause.REENTRANCY, Money.whole(USD, 4_200_000),
            List.of("0x" + "ab".repeat(32)));

    @Test
    void a_signed_confirmation_recovers_to_the_oracle_that_signed_it() {
        String signature = IncidentStatements.sign(DRAIN, true, ORACLE.getEcKeyPair());
        assertThat(ORACLE.getAddress()).isEqualTo(ORACLE_ADDRESS);
        assertThat(IncidentStatements.signer(DRAIN, true, signature)).contains(ORACLE_ADDRESS);
    }

    @Test
    void a_signature_over_other_fields_or_the_other_verdict_recovers_to_someone_else() {
        String signature = IncidentStatements.sign(DRAIN, true, ORACLE.getEcKeyPair());
        var inflated = new Incident(DRAIN.id(), DRAIN.protocolId(), DRAIN.contractKeys(), DRAIN.fromBlock(), DRAIN.toBlock(),
                DRAIN.occurredAt(), DRAIN.cause(), Money.whole(USD, 9_000_000), DRAIN.transactionHashes());
        assertThat(IncidentStatements.signer(inflated, true, signature)).isNotEqualTo(Optional.of(ORACLE_ADDRESS));
        assertThat(IncidentStatements.signer(DRAIN, false, signature)).isNotEqualTo(Optional.of(ORACLE_ADDRESS));
    }

    @Test
    void malformed_or_tampered_signatures_never_recover_to_the_oracle() {
        String signature = IncidentStatements.sign(DRAIN, true, ORACLE.getEcKeyPair());
        assertThat(IncidentStatements.signer(DRAIN, true, "0x1234")).isEmpty();
        assertThat(IncidentStatements.signer(DRAIN, true, "not hex")).isEmpty();
        char flipped = signature.charAt(10) == '0' ? '1' : '0';
        String tampered = signature.substring(0, 10) + flipped + signature.substring(11);
        assertThat(IncidentStatements.signer(DRAIN, true, tampered)).isNotEqualTo(Optional.of(ORACLE_ADDRESS));
    }

    @Test
    void the_typed_data_names_every_field_a_wallet_shows() {
        String typed = IncidentStatements.typedData(DRAIN, true);
        assertThat(typed).contains("\"primaryType\":\"IncidentStatement\"", "\"cause\":\"reentrancy\"", "\"fromBlock\":19000000",
                "\"estimatedLoss\":\"4200000.00 USD\"", "\"confirms\":true");
        assertThat(IncidentStatements.digest(DRAIN, true)).hasSize(32);
    }
}
