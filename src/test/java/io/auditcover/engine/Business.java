package io.auditcover.engine;

import static io.auditcover.engine.EngineFixtures.START;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.chain.IncidentStatements;
import io.auditcover.claims.AttestationRules;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.Incident;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.CodeObservation;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * A book of business driven straight through decide and apply (no log): deployment {@link EngineFixtures#DEPLOYMENT}, a protocol with one audited contract in scope from
 * block 100, pool alpha in USDC listing it, three security oracles of which two must sign, and helpers to report, confirm
 * and settle incidents.
 */
final class Business {
    static final String PROTOCOL = "lendwell";
    static final long CHAIN = 1;
    static final String ADDRESS = "0x00000000000000000000000000000000000000a1";
    static final String CONTRACT = CHAIN + ":" + ADDRESS;
    static final String CODE_HASH = "0x" + "1".repeat(64);
    static final List<ECKeyPair> ORACLES = List.of(key(101), key(102), key(103));
    static final ECKeyPair STRANGER = key(999);
    static final Duration ATTESTATION_WINDOW = Duration.ofDays(2);
    static final Duration DISPUTE_WINDOW = Duration.ofDays(1);
    static final ClaimTerms HALF_PARAMETRIC = ClaimTerms.parametric(Ratio.of(1, 2), Money.zero(USDC));

    final State state = new State();
    Instant now = START;
    private int next;

    static ECKeyPair key(long secret) {
        return ECKeyPair.create(BigInteger.valueOf(secret));
    }

    private static final java.util.Map<String, ECKeyPair> WALLET_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The address of a wallet named by {@code label}, whose key this book holds to sign its consents. */
    static String wallet(String label) {
        ECKeyPair key = ECKeyPair.create(new BigInteger(1, org.web3j.crypto.Hash.sha3(label.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        String address = address(key);
        WALLET_KEYS.put(address, key);
        return address;
    }

    /** The purchase with its insured wallet's signed consent to be insured by its holder (for a year), when the wallet is another's. */
    Command.BuyCover withConsent(Command.BuyCover buy) {
        if (buy.wallet() == null || buy.wallet().equals(buy.holder())) {
            return buy;
        }
        ECKeyPair key = WALLET_KEYS.get(buy.wallet());
        if (key == null) {
            throw new IllegalArgumentException("no key for wallet " + buy.wallet() + ": make it with Business.wallet");
        }
        Instant until = now.plus(Duration.ofDays(365)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var consent = new io.auditcover.cover.InsuranceConsent(buy.wallet(), buy.holder(), buy.poolId(), buy.protocolId(), until);
        String signature = io.auditcover.chain.InsuranceConsents.sign(new io.auditcover.chain.SigningDomain(CHAIN, EngineFixtures.DEPLOYMENT),
                consent, key);
        return new Command.BuyCover(buy.commandId(), buy.holder(), buy.poolId(), buy.protocolId(), buy.amount(), buy.periodDays(), buy.quote(),
                buy.wallet(), new Command.WalletConsent(signature, until));
    }

    static String address(ECKeyPair key) {
        return ("0x" + Keys.getAddress(key.getPublicKey())).toLowerCase(Locale.ROOT);
    }

    static AttestationRules rules() {
        return new AttestationRules(java.util.Set.of(address(ORACLES.get(0)), address(ORACLES.get(1)), address(ORACLES.get(2))), 2,
                ATTESTATION_WINDOW, DISPUTE_WINDOW);
    }

    /** The standard business: protocol, audited contract observed in scope at block 100, pool alpha with ada's capital. */
    static Business standard(long capitalWhole) {
        var book = new Business();
        book.ok(new Command.IdentifyDeployment("deployment", EngineFixtures.DEPLOYMENT));
        book.ok(new Command.AdvanceTime(book.id()));
        book.ok(new Command.RegisterProtocol(book.id(), new Protocol(PROTOCOL, "Lendwell", "lending")));
        book.ok(new Command.RegisterContract(book.id(), new DeployedContract(PROTOCOL, CHAIN, ADDRESS, CODE_HASH, null)));
        book.ok(new Command.RegisterAudit(book.id(), new AuditReport("audit-1", PROTOCOL, "Hashes & Co", LocalDate.parse("2025-12-01"),
                "abcdef1", List.of(CODE_HASH), List.of())));
        book.ok(new Command.ObserveChain(book.id(), CHAIN, 100, "0x" + "a".repeat(64),
                List.of(new CodeObservation(CONTRACT, CODE_HASH, true, null, "audit-1", null))));
        book.ok(new Command.CreatePool(book.id(), "alpha", USDC, new PoolRules(Ratio.whole(4), Ratio.ONE, Duration.ofDays(7))));
        book.ok(new Command.ListProtocol(book.id(), "alpha", PROTOCOL, 200));
        book.ok(new Command.ConfigureAttestation(book.id(), rules()));
        if (capitalWhole > 0) {
            book.ok(new Command.Deposit(book.id(), "alpha", "ada", Money.whole(USDC, capitalWhole)));
        }
        return book;
    }

    String id() {
        return "c-" + next++;
    }

    Decision run(Command command) {
        Decision decision = Decider.decide(state, command, now, EngineFixtures.SIGNATURES);
        if (decision instanceof Event event) {
            Applier.apply(state, event);
            assertThat(Invariants.violations(state)).as("after " + command).isEmpty();
        }
        return decision;
    }

    Event ok(Command command) {
        Decision decision = run(command);
        assertThat(decision).as("%s", command).isInstanceOf(Event.class);
        return (Event) decision;
    }

    Rejection no(Command command) {
        Decision decision = run(command);
        assertThat(decision).as("%s", command).isInstanceOf(Rejection.class);
        return (Rejection) decision;
    }

    void advance(Duration by) {
        now = now.plus(by);
        ok(new Command.AdvanceTime(id()));
    }

    Event.CoverBought buy(String holder, long amountWhole) {
        return (Event.CoverBought) ok(new Command.BuyCover(id(), holder, "alpha", PROTOCOL, Money.whole(USDC, amountWhole), 90));
    }

    static Incident incident(String id, Cause cause, Instant occurredAt) {
        return new Incident(id, PROTOCOL, List.of(CONTRACT), 150, 152, occurredAt, cause, Money.whole(USDC, 5_000_000),
                List.of("0x" + "b".repeat(64)));
    }

    static String signature(Incident incident, boolean confirms, ECKeyPair key) {
        return IncidentStatements.sign(EngineFixtures.DEPLOYMENT, incident, confirms, key);
    }

    /** Reports the incident now, has two oracles confirm it, and waits out the dispute window. */
    void reportAndConfirm(Incident incident) {
        reportAndAttest(incident);
        advance(DISPUTE_WINDOW);
    }

    /** Reports the incident now and has two oracles confirm it; its dispute window is still open. */
    Event.IncidentReported reportAndAttest(Incident incident) {
        var reported = (Event.IncidentReported) ok(new Command.ReportIncident(id(), incident));
        ok(new Command.AttestIncident(id(), incident.id(), signature(incident, true, ORACLES.get(0))));
        ok(new Command.AttestIncident(id(), incident.id(), signature(incident, true, ORACLES.get(1))));
        return reported;
    }

    Event.IncidentSettled settle(String incidentId) {
        return (Event.IncidentSettled) ok(new Command.SettleIncident(id(), incidentId));
    }
}
