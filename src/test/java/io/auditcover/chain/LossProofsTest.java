package io.auditcover.chain;

import io.auditcover.claims.LossEvidence;
import static io.auditcover.chain.Node.address;
import static io.auditcover.chain.Node.uint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.claims.Cause;
import io.auditcover.claims.Incident;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * One incident on a real node, set up once (every test only reads): inside its blocks the deployer's
 * wallet sends away part of two tokens and a vault is swept of its ether; a bystander holds tokens
 * untouched; after the incident the deployer sends more, which the evidence must not see.
 */
class LossProofsTest {
    static final String ATTACKER = "0x000000000000000000000000000000000000beef";
    static final String BYSTANDER = "0x000000000000000000000000000000000000cafe";
    static final String WALLET = Node.DEPLOYER.getAddress().toLowerCase(java.util.Locale.ROOT);
    static final Asset USDC = new Asset("USDC", 6);
    static final Asset DAI = new Asset("DAI", 6);
    static final Asset ETH = new Asset("ETH", 9);
    static final Asset HUGE = new Asset("HUGE", 9);
    static final BigInteger FIVE_ETHER = new BigInteger("5000000000000000000");
    /** 1000.000000000000000001 of an 18-decimal token: one wei more than a whole number. */
    static final BigInteger DAI_SUPPLY = new BigInteger("1000000000000000000001");
    /** 250.5000004 of an 18-decimal token: finer than the books' 6 places. */
    static final BigInteger DAI_STOLEN = new BigInteger("250500000400000000000");

    static Node node;
    static Web3ChainFacts facts;
    static LossProofs proofs;
    static Incident incident;
    static String vault;

    @BeforeAll
    static void anIncidentOnChain() {
        node = Node.start();
        facts = new Web3ChainFacts(node.anvil.url());
        String usdc = node.deploy("TestToken", uint(1_000_000_000));
        String dai = node.deploy("TestToken", new Uint256(DAI_SUPPLY));
        String huge = node.deploy("TestToken", new Uint256(BigInteger.TEN.pow(40)));
        vault = node.deploy("Vault", address(usdc), uint(1_000));
        node.sendEther(vault, FIVE_ETHER);
        node.transact(usdc, "transfer", address(BYSTANDER), uint(40_000_000));
        node.mine(2);

        long fromBlock = node.transact(usdc, "transfer", address(ATTACKER), uint(250_500_000)).getBlockNumber().longValueExact();
        node.transact(dai, "transfer", address(ATTACKER), new Uint256(DAI_STOLEN));
        node.transact(vault, "sweep", address(ATTACKER));
        node.mine(2);
        long toBlock = node.head();

        node.transact(usdc, "transfer", address(ATTACKER), uint(1_000_000));
        node.mine(1);
        incident = incident(fromBlock, toBlock);
        proofs = new LossProofs(facts, List.of(new AssetToken("USDC", usdc, 6), new AssetToken("DAI", dai, 18),
                AssetToken.nativeCoin("ETH"), new AssetToken("HUGE", huge, 18)));
    }

    @AfterAll
    static void stopNode() {
        facts.close();
        node.close();
    }

    static Incident incident(long fromBlock, long toBlock) {
        return new Incident("vault-drain", ChainFixtures.PROTOCOL, List.of(Anvil.CHAIN_ID + ":" + ATTACKER), fromBlock, toBlock,
                Instant.parse("2026-03-01T12:00:00Z"), Cause.ACCESS_CONTROL, Money.zero(USDC), List.of());
    }

    @Test
    void tokens_sent_away_inside_the_incident_show_as_the_balances_before_its_first_block_and_at_its_last() {
        LossEvidence evidence = proofs.evidence(WALLET, USDC, incident);

        assertThat(evidence).isEqualTo(new LossEvidence(Money.parse(USDC, "960"), Money.parse(USDC, "709.5"),
                incident.fromBlock() - 1, incident.toBlock()));
        assertThat(proofs.chainId()).isEqualTo(Anvil.CHAIN_ID);
    }

    @Test
    void a_wallet_swept_of_its_ether_proves_the_whole_native_balance_lost() {
        LossEvidence evidence = proofs.evidence(vault, ETH, incident);

        assertThat(evidence.balanceBefore()).isEqualTo(Money.whole(ETH, 5));
        assertThat(evidence.balanceAfter()).isEqualTo(Money.zero(ETH));
    }

    @Test
    void a_wallet_the_incident_did_not_touch_proves_no_loss() {
        LossEvidence evidence = proofs.evidence(BYSTANDER, USDC, incident);

        assertThat(evidence.balanceBefore()).isEqualTo(Money.parse(USDC, "40")).isEqualTo(evidence.balanceAfter());
    }

    @Test
    void an_eighteen_decimal_token_in_six_place_books_rounds_before_down_and_after_up_so_the_loss_is_never_overstated() {
        LossEvidence evidence = proofs.evidence(WALLET, DAI, incident);

        assertThat(evidence.balanceBefore()).isEqualTo(Money.parse(DAI, "1000"));
        assertThat(evidence.balanceAfter()).isEqualTo(Money.parse(DAI, "749.5"));
        assertThat(evidence.balanceBefore().minus(evidence.balanceAfter())).isEqualTo(Money.parse(DAI, "250.5"));
    }

    @Test
    void an_asset_without_a_token_is_refused_before_the_wallet_is_looked_at() {
        assertThatThrownBy(() -> proofs.evidence("alice", new Asset("WBTC", 8), incident))
                .isInstanceOfSatisfying(LossProofs.Failure.class, failure -> assertThat(failure.code()).isEqualTo("asset_not_configured"))
                .hasMessage("no token is configured for WBTC on chain 31337");
    }

    @Test
    void a_holder_known_by_name_has_no_wallet_to_read() {
        assertThatThrownBy(() -> proofs.evidence("alice", USDC, incident))
                .isInstanceOfSatisfying(LossProofs.Failure.class, failure -> assertThat(failure.code()).isEqualTo("wallet_not_address"));
    }

    @Test
    void an_incident_from_block_zero_has_no_balance_before_it() {
        assertThatThrownBy(() -> proofs.evidence(WALLET, USDC, incident(0, 3)))
                .isInstanceOfSatisfying(LossProofs.Failure.class, failure -> assertThat(failure.code()).isEqualTo("incident_at_genesis"));
    }

    @Test
    void a_balance_beyond_the_books_range_is_refused_rather_than_cut() {
        assertThatThrownBy(() -> proofs.evidence(WALLET, HUGE, incident))
                .isInstanceOfSatisfying(LossProofs.Failure.class, failure -> assertThat(failure.code()).isEqualTo("balance_out_of_range"));
    }

    @Test
    void a_node_that_stopped_answering_is_chain_unavailable() {
        var anvil = Anvil.start();
        try (var stopped = new Web3ChainFacts(anvil.url())) {
            anvil.close();
            var unreachable = new LossProofs(stopped, List.of(AssetToken.nativeCoin("ETH")));

            assertThatThrownBy(() -> unreachable.evidence(WALLET, ETH, incident))
                    .isInstanceOfSatisfying(LossProofs.Failure.class, failure -> {
                        assertThat(failure.reason()).isEqualTo(LossProofs.Reason.CHAIN_UNAVAILABLE);
                        assertThat(failure.getCause()).isInstanceOf(ChainUnavailableException.class);
                    });
        }
    }

    @Test
    void one_asset_mapped_to_two_tokens_is_a_configuration_error() {
        assertThatThrownBy(() -> new LossProofs(facts, List.of(AssetToken.nativeCoin("ETH"), AssetToken.nativeCoin("ETH"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("asset ETH has more than one token");
    }
}
