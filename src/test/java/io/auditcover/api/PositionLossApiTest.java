package io.auditcover.api;

import static io.auditcover.api.ApiTest.assertError;
import static io.auditcover.api.ApiTest.coverBody;
import static io.auditcover.api.ServiceFixture.POOL;
import static io.auditcover.api.ServiceFixture.PROTOCOL;
import static io.auditcover.api.ServiceFixture.USDC;
import static io.auditcover.chain.Node.address;
import static io.auditcover.chain.Node.uint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditcover.chain.AssetToken;
import io.auditcover.chain.IncidentStatements;
import io.auditcover.chain.LossProofs;
import io.auditcover.chain.Node;
import io.auditcover.chain.Web3ChainFacts;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.Incident;
import io.auditcover.claims.PositionReader;
import io.auditcover.claims.Rule;
import io.auditcover.cli.ChainAdapters;
import io.auditcover.engine.Command;
import io.auditcover.money.Money;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A depositor's loss proven on its ERC-4626 vault shares over HTTP, on a real node: the listing's terms read positions in the
 * vault; the insured wallet deposited 600 USDC and took 400 out before the incident; an exploit skims half the vault and the
 * wallet redeems half its remaining shares at the drained price inside the incident. Its balance of USDC rose, yet the chain
 * proves it lost 100 on its position, which is paid; the buyer's own wallet, with no position, is denied. Readers of an unknown
 * kind or naming a wallet are refused with their codes and change nothing. A supplier of a Compound v2-style market is proven
 * the same way on its supplied balance, the explanation showing the balance and exchange rate read at each block.
 */
class PositionLossApiTest {
    static final String ATTACKER = "0x000000000000000000000000000000000000beef";
    static final String ALICE = "0x00000000000000000000000000000000000a11ce";

    @TempDir
    Path directory;

    @Test
    void a_depositor_whose_vault_shares_were_drained_is_proven_and_paid_on_its_position() {
        try (Node node = Node.start(); var facts = new Web3ChainFacts(node.anvil.url())) {
            String usdc = node.deploy("TestAsset", uint(1_000_000_000_000L));
            String vault = node.deploy("ShareVault", address(usdc));
            var proofs = new LossProofs(facts, List.of(new AssetToken("USDC", usdc, 6)));
            try (var service = new ServiceFixture(directory, ChainAdapters.lossEvidence(proofs))) {
                String ops = service.operatorKey;
                String termsPath = "/api/pools/" + POOL + "/claim-terms";
                String head = service.get("/api/log/head", null).body().get("hash").asText();
                assertError(service.post(termsPath, ops, terms("{\"kind\":\"curve_lp\",\"token\":\"" + vault + "\"}"), null), 422,
                        "unknown_position_kind");
                assertError(service.post(termsPath, ops, terms("{\"kind\":\"erc4626\",\"token\":\"" + ATTACKER + "\"}"), null), 422,
                        "position_not_contract");
                assertError(service.post(termsPath, ops, terms("{\"kind\":\"erc20_balance\",\"token\":\"" + vault + "\",\"custodian\":\""
                        + ALICE + "\"}"), null), 422, "position_not_contract");
                assertError(service.post(termsPath, ops, terms("{\"kind\":\"erc4626\",\"token\":\"0x12\"}"), null), 400, "validation_failed");
                assertError(service.post(termsPath, ops, terms("{\"kind\":\"erc4626\",\"token\":\"" + vault + "\",\"rate\":\"2\"}"), null), 400,
                        "validation_failed");
                assertError(service.post(termsPath, ops, terms("{\"kind\":\"erc4626\",\"token\":\"" + vault + "\",\"pool\":\"x\"}"), null),
                        400, "malformed_request");
                assertThat(service.get("/api/log/head", null).body().get("hash").asText()).as("bad readers change nothing").isEqualTo(head);
                var set = service.post(termsPath, ops, terms("{\"kind\":\"erc4626\",\"token\":\"" + vault + "\"}"), null);
                assertThat(set.status()).as("%s", set.body()).isEqualTo(201);
                assertThat(service.engine.read(s -> s.listingClaimTerms().get(POOL + "/" + PROTOCOL)).join())
                        .isEqualTo(ClaimTerms.indemnity(Money.zero(USDC)).withPosition(PositionReader.vault(vault)));

                String holder = service.signIn(ServiceFixture.BUYER);
                String wallet = Node.DEPLOYER.getAddress().toLowerCase(Locale.ROOT);
                String consent = service.walletConsent(Node.DEPLOYER, ServiceFixture.BUYER);
                long coverId = service.post("/api/covers", holder, declaring(coverBody("2000", 60), wallet, consent), "buy-1").body()
                        .get("id").asLong();
                long ownCoverId = service.post("/api/covers", holder, coverBody("1000", 60), "buy-own").body().get("id").asLong();

                // The fixture saw the contract in audited scope from block 100: the incident must come after it.
                node.mine((int) Math.max(2, 95 - node.head()));
                node.transact(usdc, "approve", address(vault), uint(1_000_000_000_000L));
                node.transact(vault, "deposit", uint(1_000_000_000), address(ALICE));
                node.transact(vault, "deposit", uint(600_000_000), address(wallet));
                node.transact(vault, "redeem", uint(400_000_000), address(wallet), address(wallet));
                node.mine(5);
                long fromBlock = node.transact(vault, "skim", address(ATTACKER), uint(600_000_000)).getBlockNumber().longValueExact();
                node.transact(vault, "redeem", uint(100_000_000), address(wallet), address(wallet));
                long toBlock = node.head();
                node.transact(vault, "redeem", uint(100_000_000), address(wallet), address(wallet));

                confirmIncident(service, "vault-drain", fromBlock, toBlock);

                var filed = service.post("/api/claims", holder, claim(coverId, "400"), "claim-1");
                assertThat(filed.status()).as("%s", filed.body()).isEqualTo(201);
                assertThat(filed.body().at("/proven_loss/amount").asText()).isEqualTo("100.000000");
                assertThat(filed.body().get("reason_code").asText()).isEqualTo("approved");
                assertThat(filed.body().at("/approved/amount").asText()).isEqualTo("100.000000");
                var noPosition = service.post("/api/claims", holder, claim(ownCoverId, "100"), "claim-own");
                assertThat(noPosition.body().at("/proven_loss/amount").asText()).as("no position, no loss").isEqualTo("0.000000");
                assertThat(noPosition.body().get("reason_code").asText()).isEqualTo(Rule.LOSS_AT_LEAST_DEDUCTIBLE.failureCode());

                long claimId = filed.body().get("id").asLong();
                JsonNode loss = lossFacts(service.get("/api/claims/" + claimId + "/explanation", holder).body());
                assertThat(loss.get("position_reader").asText()).isEqualTo("erc4626 " + vault);
                assertThat(loss.get("position_before").asText()).isEqualTo(Money.whole(USDC, 200) + " at block " + (fromBlock - 1));
                assertThat(loss.get("position_after").asText()).isEqualTo(Money.whole(USDC, 50) + " at block " + toBlock);
                assertThat(loss.get("position_withdrawn").asText()).isEqualTo(Money.whole(USDC, 50) + " in blocks " + fromBlock + "-" + toBlock);
                assertThat(loss.get("proven_loss").asText()).isEqualTo(Money.whole(USDC, 100).toString());

                var settled = service.post("/api/incidents/vault-drain/settlement", holder, "{}", "settle");
                assertThat(settled.status()).as("%s", settled.body()).isEqualTo(201);
                assertThat(service.get("/api/claims/" + claimId, holder).body().at("/paid/amount").asText()).isEqualTo("100.000000");
            }
        }
    }

    @Test
    void a_supplier_whose_lending_market_was_drained_is_proven_and_paid_on_its_supplied_balance() {
        try (Node node = Node.start(); var facts = new Web3ChainFacts(node.anvil.url())) {
            String usdc = node.deploy("TestAsset", uint(1_000_000_000_000L));
            String market = node.deploy("LendingMarket", address(usdc), uint(200_000_000_000_000L));
            var proofs = new LossProofs(facts, List.of(new AssetToken("USDC", usdc, 6)));
            try (var service = new ServiceFixture(directory, ChainAdapters.lossEvidence(proofs))) {
                String termsPath = "/api/pools/" + POOL + "/claim-terms";
                var unknown = service.post(termsPath, service.operatorKey, terms("{\"kind\":\"compound_v3\",\"token\":\"" + market + "\"}"), null);
                assertError(unknown, 422, "unknown_position_kind");
                assertThat(unknown.body().get("message").asText()).contains("compound_v2");
                assertError(service.post(termsPath, service.operatorKey, terms("{\"kind\":\"compound_v2\",\"token\":\"" + market
                        + "\",\"rate\":\"1\"}"), null), 400, "validation_failed");
                var set = service.post(termsPath, service.operatorKey, terms("{\"kind\":\"compound_v2\",\"token\":\"" + market + "\"}"), null);
                assertThat(set.status()).as("%s", set.body()).isEqualTo(201);
                assertThat(service.engine.read(s -> s.listingClaimTerms().get(POOL + "/" + PROTOCOL)).join())
                        .isEqualTo(ClaimTerms.indemnity(Money.zero(USDC)).withPosition(PositionReader.market(market)));

                String holder = service.signIn(ServiceFixture.BUYER);
                String wallet = Node.DEPLOYER.getAddress().toLowerCase(Locale.ROOT);
                String consent = service.walletConsent(Node.DEPLOYER, ServiceFixture.BUYER);
                long coverId = service.post("/api/covers", holder, declaring(coverBody("2000", 60), wallet, consent), "buy-1").body()
                        .get("id").asLong();

                // 600 USDC supplied for 30,000 cTokens at 2e14; the exploit sweeps half the cash, so the rate halves, and the
                // wallet redeems 10,000 cTokens for 100 USDC inside the incident.
                node.mine((int) Math.max(2, 95 - node.head()));
                node.transact(usdc, "approve", address(market), uint(1_000_000_000_000L));
                node.transact(market, "mint", uint(600_000_000));
                node.mine(5);
                long fromBlock = node.transact(market, "sweep", address(ATTACKER), uint(300_000_000)).getBlockNumber().longValueExact();
                node.transact(market, "redeem", uint(1_000_000_000_000L));
                long toBlock = node.head();
                confirmIncident(service, "market-drain", fromBlock, toBlock);

                var filed = service.post("/api/claims", holder, claim(coverId, "market-drain", "400"), "claim-1");
                assertThat(filed.status()).as("%s", filed.body()).isEqualTo(201);
                assertThat(filed.body().at("/proven_loss/amount").asText()).as("600 - (200 + 100)").isEqualTo("300.000000");
                assertThat(filed.body().at("/approved/amount").asText()).isEqualTo("300.000000");

                JsonNode loss = lossFacts(service.get("/api/claims/" + filed.body().get("id").asLong() + "/explanation", holder).body());
                assertThat(loss.get("position_reader").asText()).isEqualTo("compound_v2 " + market);
                assertThat(loss.get("position_before").asText()).isEqualTo(Money.whole(USDC, 600) + " at block " + (fromBlock - 1));
                assertThat(loss.get("position_before_read").asText())
                        .isEqualTo("balanceOf 3000000000000 x exchangeRateStored 200000000000000 / 1e18 at block " + (fromBlock - 1));
                assertThat(loss.get("position_after").asText()).isEqualTo(Money.whole(USDC, 200) + " at block " + toBlock);
                assertThat(loss.get("position_after_read").asText())
                        .isEqualTo("balanceOf 2000000000000 x exchangeRateStored 100000000000000 / 1e18 at block " + toBlock);
                assertThat(loss.get("position_withdrawn").asText()).isEqualTo(Money.whole(USDC, 100) + " in blocks " + fromBlock + "-" + toBlock);
            }
        }
    }

    /** Reports the incident on the fixture's contract, ten minutes ago, and has the oracle attest it. */
    private static void confirmIncident(ServiceFixture service, String id, long fromBlock, long toBlock) {
        service.clock.advance(Duration.ofMinutes(30));
        var incident = new Incident(id, PROTOCOL, List.of(ServiceFixture.CONTRACT), fromBlock, toBlock,
                service.clock.instant().minus(Duration.ofMinutes(10)), Cause.ACCESS_CONTROL, Money.whole(USDC, 600), List.of());
        service.submit(new Command.ReportIncident("report", incident));
        service.submit(new Command.AttestIncident("attest", incident.id(), IncidentStatements.sign(ServiceFixture.DEPLOYMENT,
                incident, true, ServiceFixture.ORACLE.getEcKeyPair())));
    }

    static JsonNode lossFacts(JsonNode explanation) {
        for (JsonNode rule : explanation.get("rules")) {
            if (rule.get("rule").asText().equals(Rule.LOSS_AT_LEAST_DEDUCTIBLE.wire())) {
                return rule.get("facts");
            }
        }
        throw new AssertionError("no loss rule in " + explanation);
    }

    private static String terms(String reader) {
        return "{\"protocol_id\":\"" + PROTOCOL + "\",\"trigger\":\"indemnity\",\"position_reader\":" + reader + "}";
    }

    private static String declaring(String coverBody, String wallet, String consent) {
        return coverBody.substring(0, coverBody.length() - 1) + ",\"wallet\":\"" + wallet + "\"," + consent + "}";
    }

    private static String claim(long coverId, String loss) {
        return claim(coverId, "vault-drain", loss);
    }

    private static String claim(long coverId, String incidentId, String loss) {
        return "{\"cover_id\":" + coverId + ",\"incident_id\":\"" + incidentId + "\",\"claimed_loss\":{\"amount\":\"" + loss
                + "\",\"asset\":\"USDC\"}}";
    }
}
