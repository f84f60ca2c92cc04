package io.auditcover.chain;

import static io.auditcover.chain.Node.address;
import static io.auditcover.chain.Node.uint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.claims.Cause;
import io.auditcover.claims.DepositorLoss;
import io.auditcover.claims.Incident;
import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.PositionReader;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Positions in a protocol on a real node, set up once (every test only reads). An ERC-4626 vault holds 1000 USDC of Alice's
 * and 200 of the wallet's (which deposited 600 and took 400 out before the incident); a receipt token holds 800 more of the
 * wallet's. Inside the incident an exploit skims half the vault's assets, another takes 300 of the wallet's receipts through
 * an unchecked {@code transferFrom}, and the wallet redeems half its shares at the drained price; after it, the wallet redeems
 * more, which the evidence must not see.
 */
class PositionProofsTest {
    static final String ATTACKER = "0x000000000000000000000000000000000000beef";
    static final String ALICE = "0x00000000000000000000000000000000000a11ce";
    static final String BYSTANDER = "0x000000000000000000000000000000000000cafe";
    static final String WALLET = Node.DEPLOYER.getAddress().toLowerCase(Locale.ROOT);
    static final Asset USDC = new Asset("USDC", 6);
    static final Asset ETH = new Asset("ETH", 9);

    static Node node;
    static Web3ChainFacts facts;
    static LossProofs proofs;
    static Incident incident;
    static String vault;
    static String receipt;

    @BeforeAll
    static void positionsDrainedOnChain() {
        node = Node.start();
        facts = new Web3ChainFacts(node.anvil.url());
        String usdc = node.deploy("TestAsset", uint(1_000_000_000_000L));
        vault = node.deploy("ShareVault", address(usdc));
        receipt = node.deploy("LeakyReceipt", address(usdc));
        node.transact(usdc, "approve", address(vault), uint(1_000_000_000_000L));
        node.transact(usdc, "approve", address(receipt), uint(1_000_000_000_000L));
        node.transact(vault, "deposit", uint(1_000_000_000), address(ALICE));
        node.transact(vault, "deposit", uint(600_000_000), address(WALLET));
        node.transact(vault, "redeem", uint(400_000_000), address(WALLET), address(WALLET));
        node.transact(receipt, "deposit", uint(800_000_000), address(WALLET));
        node.mine(2);

        long fromBlock = node.transact(vault, "skim", address(ATTACKER), uint(600_000_000)).getBlockNumber().longValueExact();
        node.transact(receipt, "transferFrom", address(WALLET), address(ATTACKER), uint(300_000_000));
        node.transact(vault, "redeem", uint(100_000_000), address(WALLET), address(WALLET));
        node.mine(1);
        long toBlock = node.head();

        node.transact(vault, "redeem", uint(50_000_000), address(WALLET), address(WALLET));
        node.mine(1);
        incident = new Incident("vault-drain", ChainFixtures.PROTOCOL, List.of(Anvil.CHAIN_ID + ":" + vault), fromBlock, toBlock,
                Instant.parse("2026-03-01T12:00:00Z"), Cause.ACCESS_CONTROL, Money.zero(USDC), List.of());
        proofs = new LossProofs(facts, List.of(new AssetToken("USDC", usdc, 6), AssetToken.nativeCoin("ETH")));
    }

    @AfterAll
    static void stopNode() {
        facts.close();
        node.close();
    }

    @Test
    void a_depositor_whose_vault_shares_were_drained_proves_what_they_lost_in_value() {
        LossEvidence evidence = proofs.evidence(ALICE, USDC, incident, PositionReader.vault(vault));

        assertThat(evidence).isEqualTo(new LossEvidence(Money.whole(USDC, 1_000), Money.whole(USDC, 500), incident.fromBlock() - 1,
                incident.toBlock(), PositionReader.vault(vault), Money.zero(USDC)));
        assertThat(evidence.provenLoss()).isEqualTo(Money.whole(USDC, 500));
    }

    @Test
    void what_a_wallet_took_out_before_the_incident_is_not_lost_and_what_it_took_out_inside_counts_as_kept() {
        LossEvidence evidence = proofs.evidence(WALLET, USDC, incident, PositionReader.vault(vault));

        assertThat(evidence.balanceBefore()).as("600 deposited, 400 redeemed before").isEqualTo(Money.whole(USDC, 200));
        assertThat(evidence.balanceAfter()).as("100 shares left at half price").isEqualTo(Money.whole(USDC, 50));
        assertThat(evidence.withdrawn()).as("100 shares redeemed at half price inside the incident").isEqualTo(Money.whole(USDC, 50));
        assertThat(evidence.provenLoss()).isEqualTo(Money.whole(USDC, 100));
    }

    @Test
    void the_depositors_of_a_vault_are_read_from_its_transfers_with_their_positions_around_the_incident() {
        var reader = PositionReader.vault(vault);
        List<DepositorLoss> depositors = proofs.depositors(reader, USDC, incident, 0);

        assertThat(depositors).extracting(DepositorLoss::wallet).containsExactly(ALICE, WALLET);
        assertThat(depositors.get(0).evidence()).isEqualTo(proofs.evidence(ALICE, USDC, incident, reader));
        assertThat(depositors.get(1).evidence()).isEqualTo(proofs.evidence(WALLET, USDC, incident, reader));
        assertThat(proofs.depositors(reader, USDC, incident, incident.fromBlock())).as("no transfer read, no depositor").isEmpty();
        assertThatThrownBy(() -> proofs.depositors(PositionReader.vault(ATTACKER), USDC, incident, 0))
                .isInstanceOfSatisfying(LossProofs.Failure.class, failure -> assertThat(failure.code()).isEqualTo("position_not_contract"));
    }

    @Test
    void a_wallet_without_a_position_proves_no_loss() {
        LossEvidence evidence = proofs.evidence(BYSTANDER, USDC, incident, PositionReader.vault(vault));

        assertThat(evidence.balanceBefore()).isEqualTo(Money.zero(USDC)).isEqualTo(evidence.balanceAfter());
        assertThat(evidence.provenLoss()).isEqualTo(Money.zero(USDC));
    }

    @Test
    void receipts_taken_from_the_wallet_are_lost_at_their_fixed_rate() {
        var reader = PositionReader.receipt(receipt);
        LossEvidence evidence = proofs.evidence(WALLET, USDC, incident, reader);

        assertThat(evidence).isEqualTo(new LossEvidence(Money.whole(USDC, 800), Money.whole(USDC, 500), incident.fromBlock() - 1,
                incident.toBlock(), reader, Money.zero(USDC)));
        var atHalf = new PositionReader(PositionReader.Kind.ERC20_BALANCE, receipt, null, Ratio.of(1, 2));
        assertThat(proofs.evidence(WALLET, USDC, incident, atHalf).provenLoss()).isEqualTo(Money.whole(USDC, 150));
    }

    @Test
    void without_a_reader_the_wallet_balance_of_the_asset_is_read_as_before() {
        assertThat(proofs.evidence(WALLET, USDC, incident, null)).isEqualTo(proofs.evidence(WALLET, USDC, incident));
    }

    @Test
    void a_reader_naming_a_wallet_instead_of_a_contract_is_refused() {
        assertThatThrownBy(() -> proofs.evidence(ALICE, USDC, incident, PositionReader.vault(ATTACKER)))
                .isInstanceOfSatisfying(LossProofs.Failure.class, failure -> assertThat(failure.code()).isEqualTo("position_not_contract"))
                .hasMessageContaining(ATTACKER);
        var paidByWallet = new PositionReader(PositionReader.Kind.ERC20_BALANCE, receipt, BYSTANDER, Ratio.ONE);
        assertThatThrownBy(() -> proofs.requireContracts(paidByWallet))
                .isInstanceOfSatisfying(LossProofs.Failure.class, failure -> assertThat(failure.code()).isEqualTo("position_not_contract"))
                .hasMessageContaining(BYSTANDER);
        proofs.requireContracts(PositionReader.vault(vault));
    }

    @Test
    void a_position_in_the_native_coin_is_refused_for_its_withdrawals_leave_no_logs() {
        assertThatThrownBy(() -> proofs.evidence(ALICE, ETH, incident, PositionReader.vault(vault)))
                .isInstanceOfSatisfying(LossProofs.Failure.class, failure -> assertThat(failure.code()).isEqualTo("position_in_native_coin"));
    }

    @Test
    void a_position_of_a_holder_known_by_name_or_from_genesis_cannot_be_read() {
        assertThatThrownBy(() -> proofs.evidence("alice", USDC, incident, PositionReader.vault(vault)))
                .isInstanceOfSatisfying(LossProofs.Failure.class, failure -> assertThat(failure.code()).isEqualTo("wallet_not_address"));
        var fromGenesis = new Incident("genesis", ChainFixtures.PROTOCOL, incident.contractKeys(), 0, 3, incident.occurredAt(), Cause.ACCESS_CONTROL,
                Money.zero(USDC), List.of());
        assertThatThrownBy(() -> proofs.evidence(ALICE, USDC, fromGenesis, PositionReader.vault(vault)))
                .isInstanceOfSatisfying(LossProofs.Failure.class, failure -> assertThat(failure.code()).isEqualTo("incident_at_genesis"));
    }
}
