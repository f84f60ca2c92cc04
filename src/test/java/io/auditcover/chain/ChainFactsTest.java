package io.auditcover.chain;

import static io.auditcover.chain.Node.address;
import static io.auditcover.chain.Node.uint;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.ChainFacts.TokenTransfer;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Rounding;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A vault behind a proxy holds ether and tokens; one transaction drains it; the facts read either side of that block. */
class ChainFactsTest {
    static final String ATTACKER = "0x000000000000000000000000000000000000beef";
    static final BigInteger FIVE_ETHER = new BigInteger("5000000000000000000");
    static final BigInteger TOKENS = BigInteger.valueOf(250_000);

    Node node;
    Web3ChainFacts facts;
    String token;
    String vault;
    long drainBlock;

    @BeforeEach
    void drainAVault() {
        node = Node.start();
        facts = new Web3ChainFacts(node.anvil.url());
        token = node.deploy("TestToken", uint(1_000_000));
        String implementation = node.deploy("Vault", address(token), uint(1_000));
        vault = node.deploy("Proxy1967", address(implementation), address(Node.DEPLOYER.getAddress()));
        node.sendEther(vault, FIVE_ETHER);
        node.transact(token, "transfer", address(vault), new org.web3j.abi.datatypes.generated.Uint256(TOKENS));
        node.mine(2);
        drainBlock = node.transact(vault, "sweep", address(ATTACKER)).getBlockNumber().longValueExact();
        node.mine(2);
    }

    @AfterEach
    void stopNode() {
        facts.close();
        node.close();
    }

    @Test
    void ether_balances_before_and_after_the_drain_block_are_read_at_those_blocks() {
        assertThat(facts.chainId()).isEqualTo(Anvil.CHAIN_ID);
        assertThat(facts.nativeBalance(vault, drainBlock - 1)).isEqualTo(FIVE_ETHER);
        assertThat(facts.nativeBalance(vault, drainBlock)).isZero();
        assertThat(facts.nativeBalance(ATTACKER, drainBlock - 1)).isZero();
        assertThat(facts.nativeBalance(ATTACKER, drainBlock)).isEqualTo(FIVE_ETHER);
        BigInteger lost = facts.nativeBalance(vault, drainBlock - 1).subtract(facts.nativeBalance(vault, drainBlock));
        assertThat(ChainAmounts.toMoney(lost, 18, new Asset("ETH", 9), Rounding.POOL_PAYS)).isEqualTo(Money.whole(new Asset("ETH", 9), 5));
    }

    @Test
    void token_balances_before_and_after_the_drain_block_are_read_at_those_blocks() {
        assertThat(facts.tokenBalance(token, vault, drainBlock - 1)).isEqualTo(TOKENS);
        assertThat(facts.tokenBalance(token, vault, drainBlock)).isZero();
        assertThat(facts.tokenBalance(token, ATTACKER, drainBlock)).isEqualTo(TOKENS);
    }

    @Test
    void the_transfers_out_of_the_vault_over_the_incident_are_the_drain() {
        var transfers = facts.transfersOut(token, vault, 0, drainBlock + 2);
        var anyToken = facts.transfersOut(null, vault, drainBlock, drainBlock);

        assertThat(transfers).singleElement().satisfies(transfer -> {
            assertThat(transfer.to()).isEqualTo(ATTACKER);
            assertThat(transfer.from()).isEqualTo(vault);
            assertThat(transfer.amount()).isEqualTo(TOKENS);
            assertThat(transfer.block()).isEqualTo(drainBlock);
        });
        assertThat(anyToken).extracting(TokenTransfer::token).containsExactly(token);
        assertThat(facts.transfersOut(token, vault, 0, drainBlock - 1)).isEmpty();
    }
}
