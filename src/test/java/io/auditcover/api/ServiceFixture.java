package io.auditcover.api;

import io.auditcover.cli.ChainAdapters;
import com.fasterxml.jackson.databind.JsonNode;
import io.auditcover.access.SiweMessage;
import io.auditcover.chain.IncidentStatements;
import io.auditcover.claims.AttestationRules;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.Incident;
import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.engine.ManualClock;
import io.auditcover.engine.Outcome;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.CodeObservation;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Finding;
import io.auditcover.evidence.FindingStatus;
import io.auditcover.evidence.Protocol;
import io.auditcover.evidence.Severity;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import io.auditcover.store.SqliteEventLog;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * A real engine on a SQLite log in a temp directory, a real server on port 0, and a small seeded
 * business: one protocol listed in one USDC pool, an underwriter's deposit and withdrawal request, a
 * buyer's parametric cover paid 10 % by an incident one oracle confirmed. Wallets are fixed test keys that sign in through the real SIWE flow.
 */
public final class ServiceFixture implements AutoCloseable {
    static final Asset USDC = new Asset("USDC", 6);
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    public static final String POOL = "blue-chip";
    public static final String PROTOCOL = "lendwell";
    static final Credentials BUYER = Credentials.create("0x" + "11".repeat(32));
    static final Credentials OTHER_BUYER = Credentials.create("0x" + "22".repeat(32));
    static final Credentials UNDERWRITER = Credentials.create("0x" + "33".repeat(32));
    static final Credentials ASSESSOR = Credentials.create("0x" + "44".repeat(32));
    /** The one security oracle; one signature confirms, and there is no dispute window. */
    static final Credentials ORACLE = Credentials.create("0x" + "55".repeat(32));
    static final String CONTRACT = "1:0x" + "cd".repeat(20);
    /** The deployment the service is; statements are signed for it. */
    static final String DEPLOYMENT = "0x" + "5e".repeat(32);

    final ManualClock clock = new ManualClock(START);
    final Engine engine;
    final ApiServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    public final String operatorKey;
    long buyerCoverId;
    long claimId;
    long withdrawalRequestId;
    private int commandNumber;

    /** An answer: status, headers we look at, and the JSON body. */
    public record Answer(int status, JsonNode body, String replayed, java.net.http.HttpHeaders headers) {
    }

    public ServiceFixture(Path directory) {
        this(directory, ApiServer.Settings.local(0).withRateLimit(0, 1));
    }

    ServiceFixture(Path directory, ApiServer.Settings settings) {
        this(directory, settings, LossEvidenceSource.NONE);
    }

    /** With claims' proof of loss read from a chain. */
    ServiceFixture(Path directory, LossEvidenceSource lossEvidence) {
        this(directory, ApiServer.Settings.local(0).withRateLimit(0, 1), lossEvidence);
    }

    private ServiceFixture(Path directory, ApiServer.Settings settings, LossEvidenceSource lossEvidence) {
        engine = Engine.start(SqliteEventLog.open(directory), clock, Engine.Settings.DEFAULT, new io.auditcover.chain.Web3SignatureRecovery());
        seed();
        server = ApiServer.start(engine, clock, directory, settings, ChainAdapters.STATEMENTS, lossEvidence);
        operatorKey = server.accessStore().createKey("ops", START);
        server.accessStore().addAssessor(address(ASSESSOR), START);
    }

    static String address(Credentials wallet) {
        return wallet.getAddress().toLowerCase(java.util.Locale.ROOT);
    }

    private void seed() {
        submit(new Command.IdentifyDeployment(id(), DEPLOYMENT));
        submit(new Command.AdvanceTime(id()));
        submit(new Command.RegisterProtocol(id(), new Protocol(PROTOCOL, "Lendwell", "lending")));
        String codeHash = "0x" + "ab".repeat(32);
        submit(new Command.RegisterContract(id(), new DeployedContract(PROTOCOL, 1, CONTRACT.substring(2), codeHash, null)));
        submit(new Command.RegisterAudit(id(), new AuditReport("lendwell-audit-1", PROTOCOL, "Trail of Bits",
                java.time.LocalDate.of(2025, 6, 1), "9f2c4e1a", List.of(codeHash),
                List.of(new Finding("f-1", Severity.HIGH, FindingStatus.FIXED)))));
        submit(new Command.CreatePool(id(), POOL, USDC, new PoolRules(Ratio.whole(2), Ratio.of(1, 2), Duration.ofDays(14))));
        submit(new Command.ListProtocol(id(), POOL, PROTOCOL, 250));
        submit(new Command.ObserveChain(id(), 1, 100, "0x" + "ef".repeat(32),
                List.of(new CodeObservation(CONTRACT, codeHash, true, null, "lendwell-audit-1", null))));
        submit(new Command.SetClaimTerms(id(), POOL, PROTOCOL, ClaimTerms.parametric(Ratio.of(1, 10), Money.zero(USDC))));
        submit(new Command.ConfigureAttestation(id(), new AttestationRules(java.util.Set.of(address(ORACLE)), 1, Duration.ofDays(2),
                Duration.ZERO)));
        submit(new Command.Deposit(id(), POOL, address(UNDERWRITER), Money.whole(USDC, 1_000_000)));
        var cover = (Outcome.Accepted) submit(new Command.BuyCover(id(), address(BUYER), POOL, PROTOCOL, Money.whole(USDC, 10_000), 90));
        buyerCoverId = ((io.auditcover.engine.Event.CoverBought) cover.event()).cover().id();
        clock.advance(Duration.ofHours(1));
        var incident = incident("fixture-exploit", Cause.REENTRANCY);
        submit(new Command.ReportIncident(id(), incident));
        submit(new Command.AttestIncident(id(), incident.id(), IncidentStatements.sign(DEPLOYMENT, incident, true, ORACLE.getEcKeyPair())));
        var settled = (Outcome.Accepted) submit(new Command.SettleIncident(id(), incident.id()));
        claimId = ((io.auditcover.engine.Event.IncidentSettled) settled.event()).claims().getFirst().claimId();
        var request = (Outcome.Accepted) submit(new Command.RequestWithdrawal(id(), POOL, address(UNDERWRITER), 1_000_000));
        withdrawalRequestId = ((io.auditcover.engine.Event.WithdrawalRequested) request.event()).request().id();
    }

    Outcome submit(Command command) {
        Outcome outcome = engine.submit(command).join();
        if (!(outcome instanceof Outcome.Accepted)) {
            throw new IllegalStateException("fixture command refused: " + outcome);
        }
        return outcome;
    }

    /** An incident on the listed contract, an hour before now, in blocks 150-151. */
    Incident incident(String id, Cause cause) {
        return new Incident(id, PROTOCOL, List.of(CONTRACT), 150, 151, clock.instant().minus(Duration.ofMinutes(30)), cause,
                Money.whole(USDC, 1_000_000), List.of("0x" + "aa".repeat(32)));
    }

    private String id() {
        return "fixture-" + (++commandNumber);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    String domain() {
        return "127.0.0.1:" + server.port();
    }

    /** Signs in through the real flow: nonce, EIP-4361 message, personal_sign, token. */
    String signIn(Credentials wallet) {
        String nonce = get("/api/auth/nonce", null).body().get("nonce").asText();
        String message = message(wallet, nonce, domain(), clock.instant().plus(Duration.ofMinutes(10)));
        var answer = post("/api/auth/siwe", null, Json.object().put("message", message).put("signature", sign(wallet, message)).toString(), null);
        if (answer.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + answer.body());
        }
        return answer.body().get("token").asText();
    }

    String message(Credentials wallet, String nonce, String domain, Instant expires) {
        return SiweMessage.format(domain, Keys.toChecksumAddress(wallet.getAddress()), "Sign in to Auditcover.", "http://" + domain, 1,
                nonce, clock.instant(), expires);
    }

    static String sign(Credentials wallet, String message) {
        return io.auditcover.access.PersonalSignatures.sign(wallet, message);
    }

    /** What eth_signTypedData_v4 does with typed data: sign its EIP-712 digest (r ‖ s ‖ v, 0x hex). */
    static String signTypedData(JsonNode typedData, Credentials wallet) {
        try {
            byte[] digest = new org.web3j.crypto.StructuredDataEncoder(typedData.toString()).hashStructuredData();
            var signature = Sign.signMessage(digest, wallet.getEcKeyPair(), false);
            return "0x" + HexFormat.of().formatHex(signature.getR()) + HexFormat.of().formatHex(signature.getS())
                    + HexFormat.of().formatHex(signature.getV());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The {@code "wallet_consent"} field of a purchase insuring {@code wallet} by {@code buyer}: the wallet's signature of the
     * consent statement this service hands out, good for ten minutes.
     */
    String walletConsent(Credentials wallet, Credentials buyer) {
        Instant until = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var typed = get("/api/consents/statement?wallet=" + address(wallet) + "&buyer=" + address(buyer) + "&pool_id=" + POOL
                + "&protocol_id=" + PROTOCOL + "&valid_until=" + until, null).body();
        return "\"wallet_consent\":{\"signature\":\"" + signTypedData(typed, wallet) + "\",\"valid_until\":\"" + until + "\"}";
    }

    static Credentials randomWallet(long seed) {
        return Credentials.create(org.web3j.crypto.ECKeyPair.create(BigInteger.valueOf(seed).add(BigInteger.TEN.pow(30))));
    }

    public Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token, null);
    }

    public Answer post(String path, String token, String body, String idempotencyKey) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), token, idempotencyKey);
    }

    Answer send(HttpRequest.Builder builder, String token, String idempotencyKey) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<byte[]> response = http.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = response.body().length == 0 ? null : parse(response);
            return new Answer(response.statusCode(), body, response.headers().firstValue("Idempotent-Replayed").orElse(null),
                    response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper RESPONSES = new com.fasterxml.jackson.databind.ObjectMapper();

    private static JsonNode parse(HttpResponse<byte[]> response) {
        try {
            return RESPONSES.readTree(response.body());
        } catch (IOException e) {
            return Json.object().put("not_json", new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }
}
