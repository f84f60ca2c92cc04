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
import io.auditcover.claims.Incident;
import io.auditcover.cli.ChainAdapters;
import io.auditcover.engine.Command;
import io.auditcover.money.Money;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cover a protocol buys for its depositors, over HTTP, on a real node: before buying, the protocol sees what each depositor
 * would recover; its vault then holds 2,000 USDC of three depositors (a fourth took its deposit out before the incident); an
 * exploit skims half. The service reads the depositors from the vault's transfers and their positions at the incident's
 * blocks; under the average clause a 1,000 cover counts 1,000 × 1,000 ÷ 2,000 = 500, paid to each depositor's wallet account.
 */
class DepositorCoverApiTest {
    static final String ATTACKER = "0x000000000000000000000000000000000000beef";
    static final String ALICE = "0x00000000000000000000000000000000000a11ce";
    static final String BOB = "0x0000000000000000000000000000000000000b0b";
    static final String CAROL = "0x00000000000000000000000000000000000ca201";

    @TempDir
    Path directory;

    @Test
    void a_protocol_bought_cover_pays_the_depositors_the_chain_shows_pro_rata_under_the_average_clause() {
        try (Node node = Node.start(); var facts = new Web3ChainFacts(node.anvil.url())) {
            String usdc = node.deploy("TestAsset", uint(1_000_000_000_000L));
            String vault = node.deploy("ShareVault", address(usdc));
            var proofs = new LossProofs(facts, List.of(new AssetToken("USDC", usdc, 6)));
            try (var service = new ServiceFixture(directory, ChainAdapters.lossEvidence(proofs))) {
                String ops = service.operatorKey;
                String termsPath = "/api/pools/" + POOL + "/claim-terms";
                String terms = "{\"protocol_id\":\"" + PROTOCOL + "\",\"trigger\":\"indemnity\"";
                assertError(service.post(termsPath, ops, terms + ",\"payees\":\"depositors\"}", null), 400, "validation_failed");
                assertError(service.post(termsPath, ops, terms + ",\"payees\":\"everyone\"}", null), 400, "malformed_request");
                var set = service.post(termsPath, ops, terms + ",\"payees\":\"depositors\",\"position_reader\":{\"kind\":\"erc4626\","
                        + "\"token\":\"" + vault + "\"}}", null);
                assertThat(set.status()).as("%s", set.body()).isEqualTo(201);

                String quote = "/api/quotes/depositor-recovery?pool_id=" + POOL + "&protocol_id=" + PROTOCOL + "&asset=USDC&amount=1000";
                var recovery = service.get(quote + "&exposed_funds=2000&losses=500,300,200", null);
                assertThat(recovery.status()).as("%s", recovery.body()).isEqualTo(200);
                assertThat(recovery.body().get("pays_depositors").asBoolean()).isTrue();
                assertThat(recovery.body().get("average_clause").asBoolean()).isTrue();
                assertThat(recovery.body().at("/loss_counted/amount").asText()).isEqualTo("500.000000");
                assertThat(recovery.body().get("depositors").findValuesAsText("amount"))
                        .containsExactly("500.000000", "250.000000", "300.000000", "150.000000", "200.000000", "100.000000");
                assertError(service.get(quote + "&exposed_funds=100&losses=500", null), 400, "malformed_request");
                assertError(service.get(quote + "&exposed_funds=2000&losses=5x", null), 400, "malformed_request");
                assertError(service.get(quote.replace("asset=USDC", "asset=ETH") + "&exposed_funds=2000&losses=5", null), 422, "asset_mismatch");

                String protocol = service.signIn(ServiceFixture.BUYER);
                long coverId = service.post("/api/covers", protocol, coverBody("1000", 60), "buy-protocol").body().get("id").asLong();

                // The fixture saw the contract in audited scope from block 100: the incident must come after it.
                node.mine((int) Math.max(2, 95 - node.head()));
                String deployer = Node.DEPLOYER.getAddress().toLowerCase(Locale.ROOT);
                node.transact(usdc, "approve", address(vault), uint(1_000_000_000_000L));
                node.transact(vault, "deposit", uint(1_000_000_000), address(ALICE));
                node.transact(vault, "deposit", uint(600_000_000), address(BOB));
                node.transact(vault, "deposit", uint(100_000_000), address(deployer));
                node.transact(vault, "deposit", uint(400_000_000), address(CAROL));
                node.transact(vault, "redeem", uint(100_000_000), address(deployer), address(deployer));
                node.mine(5);
                long fromBlock = node.transact(vault, "skim", address(ATTACKER), uint(1_000_000_000)).getBlockNumber().longValueExact();
                long toBlock = node.head();

                service.clock.advance(Duration.ofMinutes(30));
                var incident = new Incident("vault-drain", PROTOCOL, List.of(ServiceFixture.CONTRACT), fromBlock, toBlock,
                        service.clock.instant().minus(Duration.ofMinutes(10)), Cause.ACCESS_CONTROL, Money.whole(USDC, 1_000), List.of());
                service.submit(new Command.ReportIncident("report", incident));
                service.submit(new Command.AttestIncident("attest", incident.id(), IncidentStatements.sign(ServiceFixture.DEPLOYMENT,
                        incident, true, ServiceFixture.ORACLE.getEcKeyPair())));

                String claimBody = "{\"cover_id\":" + coverId + ",\"incident_id\":\"vault-drain\",\"since_block\":0}";
                assertError(service.post("/api/claims/depositors", service.signIn(ServiceFixture.OTHER_BUYER), claimBody, null), 403, "forbidden");
                assertError(service.post("/api/claims/depositors", protocol, claimBody.replace("vault-drain", "nope"), null), 404,
                        "incident_not_found");
                var filed = service.post("/api/claims/depositors", protocol, claimBody, "claim-depositors");
                assertThat(filed.status()).as("%s", filed.body()).isEqualTo(201);
                assertThat(filed.body().at("/claimed_loss/amount").asText()).as("the depositors' loss").isEqualTo("1000.000000");
                assertThat(filed.body().at("/proven_loss/amount").asText()).as("under the average clause").isEqualTo("500.000000");
                assertThat(filed.body().at("/approved/amount").asText()).isEqualTo("500.000000");
                long claimId = filed.body().get("id").asLong();
                JsonNode loss = PositionLossApiTest.lossFacts(service.get("/api/claims/" + claimId + "/explanation", protocol).body());
                assertThat(loss.get("depositors").asText()).as("the one that left before is not among them").isEqualTo("3");
                assertThat(loss.get("exposed_funds").asText()).isEqualTo(Money.whole(USDC, 2_000) + " at block " + (fromBlock - 1));
                assertThat(loss.get("depositor 0001").asText()).startsWith(ALICE + " lost " + Money.whole(USDC, 500));

                var settled = service.post("/api/incidents/vault-drain/settlement", protocol, "{}", "settle");
                assertThat(settled.status()).as("%s", settled.body()).isEqualTo(201);
                assertThat(service.get("/api/claims/" + claimId, protocol).body().at("/paid/amount").asText()).isEqualTo("500.000000");
                Map<String, String> accounts = new TreeMap<>();
                for (JsonNode account : service.get("/api/ledger/accounts", null).body().get("items")) {
                    accounts.put(account.get("name").asText(), account.at("/balance/amount").asText());
                }
                assertThat(accounts).containsEntry("wallet/" + ALICE, "250.000000").containsEntry("wallet/" + BOB, "150.000000")
                        .containsEntry("wallet/" + CAROL, "100.000000").doesNotContainKey("wallet/" + deployer);
            }
        }
    }
}
