package io.auditcover.api;

import io.auditcover.cli.ChainAdapters;
import static io.auditcover.api.ApiTest.assertError;
import static io.auditcover.api.ApiTest.coverBody;
import static io.auditcover.api.ServiceFixture.POOL;
import static io.auditcover.api.ServiceFixture.PROTOCOL;
import static io.auditcover.chain.Node.address;
import static io.auditcover.chain.Node.uint;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.chain.AssetToken;
import io.auditcover.chain.IncidentStatements;
import io.auditcover.chain.LossProofs;
import io.auditcover.chain.Node;
import io.auditcover.chain.Web3ChainFacts;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.Incident;
import io.auditcover.claims.Rule;
import io.auditcover.engine.Command;
import io.auditcover.money.Money;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An indemnity claim over HTTP whose loss the service proves on a real node: the treasury wallet the buyer declared at
 * purchase sends 300 of its USDC to an attacker inside the incident's blocks; the claim says 400; the rules approve what the
 * chain shows. A cover on the buyer's own wallet, which lost nothing, is denied. With the node gone, a claim is refused as
 * retryable and nothing is written.
 */
class ProofOfLossTest {
    static final String ATTACKER = "0x000000000000000000000000000000000000beef";

    @TempDir
    Path directory;

    @Test
    void the_loss_a_claim_is_paid_is_the_one_the_chain_shows_not_the_one_claimed() {
        Node node = Node.start();
        try (var facts = new Web3ChainFacts(node.anvil.url())) {
            String usdc = node.deploy("TestToken", uint(5_000_000_000L));
            // The fixture saw the contract in audited scope from block 100: the incident must come after it.
            var proofs = new LossProofs(facts, List.of(new AssetToken("USDC", usdc, 6)));
            try (var service = new ServiceFixture(directory, ChainAdapters.lossEvidence(proofs))) {
                service.submit(new Command.SetClaimTerms("terms", POOL, PROTOCOL, ClaimTerms.indemnity(Money.whole(ServiceFixture.USDC, 50))));
                String holder = service.signIn(ServiceFixture.BUYER);
                String treasury = Node.DEPLOYER.getAddress().toLowerCase(java.util.Locale.ROOT);
                String consent = service.walletConsent(Node.DEPLOYER, ServiceFixture.BUYER);
                var bought = service.post("/api/covers", holder, declaring(coverBody("2000", 60), treasury, consent), "buy-1");
                assertThat(bought.body().get("wallet").asText()).isEqualTo(treasury);
                long coverId = bought.body().get("id").asLong();
                long otherCoverId = service.post("/api/covers", holder, declaring(coverBody("1000", 60), treasury, consent), "buy-2").body().get("id").asLong();
                var own = service.post("/api/covers", holder, coverBody("1000", 60), "buy-3").body();
                assertThat(own.get("wallet").asText()).as("by default the buyer's own wallet").isEqualTo(ServiceFixture.address(ServiceFixture.BUYER));
                node.mine((int) Math.max(2, 101 - node.head()));
                long fromBlock = node.transact(usdc, "transfer", address(ATTACKER), uint(300_000_000)).getBlockNumber().longValueExact();
                node.mine(1);
                long toBlock = node.head();
                node.transact(usdc, "transfer", address(ATTACKER), uint(1_000_000_000));

                service.clock.advance(Duration.ofMinutes(30));
                var incident = new Incident("token-drain", PROTOCOL, List.of(ServiceFixture.CONTRACT), fromBlock, toBlock,
                        service.clock.instant().minus(Duration.ofMinutes(10)), Cause.ACCESS_CONTROL, Money.whole(ServiceFixture.USDC, 300),
                        List.of());
                service.submit(new Command.ReportIncident("report", incident));
                service.submit(new Command.AttestIncident("attest", incident.id(), IncidentStatements.sign(ServiceFixture.DEPLOYMENT, incident, true,
                        ServiceFixture.ORACLE.getEcKeyPair())));

                var filed = service.post("/api/claims", holder, claim(coverId, "400"), "claim-1");
                assertThat(filed.status()).as("%s", filed.body()).isEqualTo(201);
                assertThat(filed.body().at("/claimed_loss/amount").asText()).isEqualTo("400.000000");
                assertThat(filed.body().at("/proven_loss/amount").asText()).isEqualTo("300.000000");
                assertThat(filed.body().get("reason_code").asText()).isEqualTo("approved");
                assertThat(filed.body().at("/approved/amount").asText()).as("proven loss less the 50 USDC deductible").isEqualTo("250.000000");
                var untouched = service.post("/api/claims", holder, claim(own.get("id").asLong(), "100"), "claim-own");
                assertThat(untouched.body().at("/proven_loss/amount").asText()).as("the buyer's own wallet lost nothing").isEqualTo("0.000000");
                assertThat(untouched.body().get("reason_code").asText()).isEqualTo(Rule.LOSS_AT_LEAST_DEDUCTIBLE.failureCode());

                node.close();
                String head = service.get("/api/log/head", null).body().get("hash").asText();
                assertError(service.post("/api/claims", holder, claim(otherCoverId, "100"), "claim-2"), 503, "chain_unavailable");
                assertThat(service.get("/api/log/head", null).body().get("hash").asText()).isEqualTo(head);
            }
        } finally {
            node.close();
        }
    }

    /** A purchase body that declares the insured wallet, with its consent to be insured by the buyer. */
    private static String declaring(String coverBody, String wallet, String consent) {
        return coverBody.substring(0, coverBody.length() - 1) + ",\"wallet\":\"" + wallet + "\"," + consent + "}";
    }

    private static String claim(long coverId, String loss) {
        return "{\"cover_id\":" + coverId + ",\"incident_id\":\"token-drain\",\"claimed_loss\":{\"amount\":\"" + loss + "\",\"asset\":\"USDC\"}}";
    }
}
