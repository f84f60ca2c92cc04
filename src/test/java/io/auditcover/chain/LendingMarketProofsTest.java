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
import io.auditcover.claims.PositionReading;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Supplied balances in a Compound v2-style market on a real node, set up once (every test only reads). The market starts at
 * Compound's 0.02 USDC per cToken (a rate mantissa of 2e14: 6-decimal USDC, 8-decimal cTokens). The wallet supplies 900 USDC
 * and passes the 45,000 cTokens to Alice, then supplies 600 for itself. Inside the incident an exploit sweeps 700 of the
 * market's 1,500 USDC, so the exchange rate falls, and the wallet redeems a third of its cTokens at the drained rate; after it,
 * the wallet redeems more, which the evidence must not see.
 */
class LendingMarketProofsTest {
    static final String ATTACKER = "0x000000000000000000000000000000000000beef";
    static final String ALICE = "0x00000000000000000000000000000000000a11ce";
    static final String BYSTANDER = "0x000000000000000000000000000000000000cafe";
    static final String WALLET = Node.DEPLOYER.getAddress().toLowerCase(Locale.ROOT);
    static final Asset USDC = new Asset("USDC", 6);
    /** Compound's initial exchange rate for a 6-decimal asset: 0.02 × 10^(18 − 8 + 6). */
    static final long INITIAL_RATE = 200_000_000_000_000L;

    static Node node;
    static Web3ChainFacts facts;
    static LossProofs proofs;
    static Incident incident;
    static String usdc;
    static String market;

    @BeforeAll
    static void marketDrainedOnChain() {
        node = Node.start();
        facts = new Web3ChainFacts(node.anvil.url());
        usdc = node.deploy("TestAsset", uint(1_000_000_000_000L));
        market = node.deploy("LendingMarket", address(usdc), uint(INITIAL_RATE));
        node.transact(usdc, "approve", address(market), uint(1_000_000_000_000L));
        node.transact(market, "mint", uint(900_000_000));
        node.transact(market, "transfer", address(ALICE), uint(4_500_000_000_000L));
        node.transact(market, "mint", uint(600_000_000));
        node.mine(2);

        long fromBlock = node.transact(market, "sweep", address(ATTACKER), uint(700_000_000)).getBlockNumber().longValueExact();
        node.transact(market, "redeem", uint(1_000_000_000_000L));
        node.mine(1);
        long toBlock = node.head();

        node.transact(market, "redeem", uint(500_000_000_000L));
        node.mine(1);
        incident = new Incident("market-drain", ChainFixtures.PROTOCOL, List.of(Anvil.CHAIN_ID + ":" + market), fromBlock, toBlock,
                Instant.parse("2026-03-01T12:00:00Z"), Cause.ACCESS_CONTROL, Money.zero(USDC), List.of());
        proofs = new LossProofs(facts, List.of(new AssetToken("USDC", usdc, 6)));
    }

    @AfterAll
    static void stopNode() {
        facts.close();
        node.close();
    }

    @Test
    void the_market_answers_its_exchange_rate_at_each_block() {
        assertThat(facts.exchangeRate(market, incident.fromBlock() - 1)).isEqualTo(BigInteger.valueOf(INITIAL_RATE));
        assertThat(facts.exchangeRate(market, incident.toBlock())).as("693.333334 USDC over 65,000 cTokens")
                .isEqualTo(new BigInteger("106666666769230"));
    }

    @Test
    void a_supplier_whose_market_was_drained_proves_the_loss_in_underlying_value() {
        var reader = PositionReader.market(market);
        LossEvidence evidence = proofs.evidence(ALICE, USDC, incident, reader);

        // 45,000 cTokens × 2e14 / 1e18 = 900 USDC before; × 106666666769230 / 1e18 = 480.000000461535, rounded down, after.
        assertThat(evidence).isEqualTo(new LossEvidence(Money.whole(USDC, 900), Money.whole(USDC, 480), incident.fromBlock() - 1,
                incident.toBlock(), reader, Money.zero(USDC), new PositionReading("4500000000000", "200000000000000"),
                new PositionReading("4500000000000", "106666666769230")));
        assertThat(evidence.provenLoss()).isEqualTo(Money.whole(USDC, 420));
        assertThat(evidence.wellFormed()).isTrue();
    }

    @Test
    void a_redeem_inside_the_incident_counts_as_withdrawn_and_one_after_it_is_not_seen() {
        LossEvidence evidence = proofs.evidence(WALLET, USDC, incident, PositionReader.market(market));

        assertThat(evidence.balanceBefore()).as("30,000 cTokens at 2e14").isEqualTo(Money.whole(USDC, 600));
        assertThat(evidence.readingAfter()).isEqualTo(new PositionReading("2000000000000", "106666666769230"));
        assertThat(evidence.balanceAfter()).as("20,000 cTokens at the drained rate, rounded down").isEqualTo(Money.ofUnits(USDC, 213_333_333));
        assertThat(evidence.withdrawn()).as("10,000 cTokens redeemed at 106666666666666 / 1e18").isEqualTo(Money.ofUnits(USDC, 106_666_666));
        assertThat(evidence.provenLoss()).isEqualTo(Money.ofUnits(USDC, 280_000_001));
    }

    @Test
    void a_wallet_without_a_position_proves_no_loss_and_needs_no_rate() {
        LossEvidence evidence = proofs.evidence(BYSTANDER, USDC, incident, PositionReader.market(market));

        assertThat(evidence.balanceBefore()).isEqualTo(Money.zero(USDC)).isEqualTo(evidence.balanceAfter());
        assertThat(evidence.readingBefore()).isEqualTo(new PositionReading("0", null)).isEqualTo(evidence.readingAfter());
        assertThat(evidence.provenLoss()).isEqualTo(Money.zero(USDC));
    }

    @Test
    void the_suppliers_of_a_market_are_read_from_its_transfers_with_their_positions_around_the_incident() {
        var reader = PositionReader.market(market);
        List<DepositorLoss> depositors = proofs.depositors(reader, USDC, incident, 0);

        assertThat(depositors).extracting(DepositorLoss::wallet).containsExactly(WALLET, ALICE);
        assertThat(depositors.get(1).evidence()).isEqualTo(proofs.evidence(ALICE, USDC, incident, reader));
        assertThat(depositors.get(1).describe()).isEqualTo(ALICE + " lost " + Money.whole(USDC, 420) + ": " + Money.whole(USDC, 900)
                + " (balanceOf 4500000000000 x exchangeRateStored 200000000000000 / 1e18) at block " + (incident.fromBlock() - 1) + ", "
                + Money.whole(USDC, 480) + " (balanceOf 4500000000000 x exchangeRateStored 106666666769230 / 1e18) at block "
                + incident.toBlock() + ", withdrew " + Money.zero(USDC));
    }

    @Test
    void a_market_that_is_not_one_is_refused_or_unreadable() {
        assertThatThrownBy(() -> proofs.evidence(ALICE, USDC, incident, PositionReader.market(ATTACKER)))
                .isInstanceOfSatisfying(LossProofs.Failure.class, failure -> assertThat(failure.code()).isEqualTo("position_not_contract"));
        assertThatThrownBy(() -> proofs.evidence(WALLET, USDC, incident, PositionReader.market(usdc)))
                .as("a token with no exchange rate").isInstanceOfSatisfying(LossProofs.Failure.class,
                        failure -> assertThat(failure.code()).isEqualTo("chain_unavailable")).hasMessageContaining("exchangeRateStored");
    }
}
