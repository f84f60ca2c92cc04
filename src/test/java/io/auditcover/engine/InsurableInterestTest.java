package io.auditcover.engine;

import io.auditcover.cover.InsurableInterest;
import static io.auditcover.engine.EngineFixtures.DEPLOYMENT;
import static io.auditcover.engine.EngineFixtures.OTHER_DEPLOYMENT;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.chain.InsuranceConsents;
import io.auditcover.chain.SigningDomain;
import io.auditcover.reason.Reason;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.money.Money;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/** A buyer insures its own wallet, or one that signed its consent to be insured by that buyer on that pool and protocol. */
class InsurableInterestTest {
    static final ECKeyPair STRANGER_KEY = ECKeyPair.create(BigInteger.valueOf(4_242));
    static final String STRANGER = Business.address(STRANGER_KEY);
    static final String BUYER = "0x" + "cd".repeat(20);
    static final Money USDC_100 = Money.whole(USDC, 100);

    private static Business book() {
        return Business.standard(100_000);
    }

    private static Command.BuyCover buy(Business book, String holder, String wallet, Command.WalletConsent consent) {
        return new Command.BuyCover(book.id(), holder, "alpha", Business.PROTOCOL, USDC_100, 90, null, wallet, consent);
    }

    /** The stranger's consent to be insured by {@code buyer} on alpha/lendwell until {@code validUntil}, for {@code deployment}. */
    private static Command.WalletConsent consent(String buyer, Instant validUntil, String deployment, ECKeyPair key) {
        var signed = new io.auditcover.cover.InsuranceConsent(STRANGER, buyer, "alpha", Business.PROTOCOL, validUntil);
        return new Command.WalletConsent(InsuranceConsents.sign(new SigningDomain(Business.CHAIN, deployment), signed, key), validUntil);
    }

    @Test
    void a_buyer_insures_its_own_address_without_any_consent() {
        var book = book();
        var bought = (Event.CoverBought) book.ok(buy(book, BUYER, BUYER, null));
        assertThat(bought.cover().wallet()).isEqualTo(BUYER);
        assertThat(((Event.CoverBought) book.ok(buy(book, BUYER, null, null))).cover().wallet()).isEqualTo(BUYER);
        assertThat(((Event.CoverBought) book.ok(buy(book, "bob", null, null))).cover().wallet()).isNull();
    }

    @Test
    void a_strangers_wallet_without_its_consent_is_refused_and_changes_nothing() {
        var book = book();
        String before = StateSnapshot.hash(book.state);
        var refused = book.no(buy(book, BUYER, STRANGER, null));
        assertThat(refused.code()).isEqualTo(Reason.INSURABLE_INTEREST_MISSING);
        assertThat(refused.details()).containsEntry("wallet", STRANGER);
        assertThat(book.no(buy(book, "bob", STRANGER, null)).code()).as("a buyer known by name owns no wallet")
                .isEqualTo(Reason.INSURABLE_INTEREST_MISSING);
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(before);
    }

    @Test
    void a_wallet_that_consented_is_insured_by_that_buyer_until_its_consent_expires() {
        var book = book();
        Instant until = book.now.plus(Duration.ofHours(1));
        var bought = (Event.CoverBought) book.ok(buy(book, BUYER, STRANGER, consent(BUYER, until, DEPLOYMENT, STRANGER_KEY)));
        assertThat(bought.cover().wallet()).isEqualTo(STRANGER);
        assertThat(bought.cover().holder()).isEqualTo(BUYER);
        var named = (Event.CoverBought) book.ok(buy(book, "bob", STRANGER, consent("bob", until, DEPLOYMENT, STRANGER_KEY)));
        assertThat(named.cover().wallet()).isEqualTo(STRANGER);
        book.now = until;
        book.ok(buy(book, BUYER, STRANGER, consent(BUYER, until, DEPLOYMENT, STRANGER_KEY)));
        book.now = until.plusSeconds(1);
        var expired = book.no(buy(book, BUYER, STRANGER, consent(BUYER, until, DEPLOYMENT, STRANGER_KEY)));
        assertThat(expired.code()).isEqualTo(Reason.CONSENT_INVALID);
        assertThat(expired.details()).containsEntry("valid_until", until.toString());
    }

    @Test
    void a_consent_for_another_buyer_pool_deployment_or_signed_by_another_key_is_invalid() {
        var book = book();
        Instant until = book.now.plus(Duration.ofHours(1));
        var forOtherBuyer = consent("mallory", until, DEPLOYMENT, STRANGER_KEY);
        var forOtherDeployment = consent(BUYER, until, OTHER_DEPLOYMENT, STRANGER_KEY);
        var byOtherKey = consent(BUYER, until, DEPLOYMENT, Business.STRANGER);
        var otherTime = new Command.WalletConsent(consent(BUYER, until, DEPLOYMENT, STRANGER_KEY).signature(), until.plusSeconds(60));
        var garbage = new Command.WalletConsent("0x1234", until);
        for (var consent : java.util.List.of(forOtherBuyer, forOtherDeployment, byOtherKey, otherTime, garbage)) {
            assertThat(book.no(buy(book, BUYER, STRANGER, consent)).code()).as("%s", consent).isEqualTo(Reason.CONSENT_INVALID);
        }
        var otherPool = new Command.BuyCover(book.id(), BUYER, "beta", Business.PROTOCOL, USDC_100, 90, null, STRANGER,
                consent(BUYER, until, DEPLOYMENT, STRANGER_KEY));
        assertThat(book.no(otherPool).code()).isEqualTo(Reason.CONSENT_INVALID);
    }

    @Test
    void the_checks_run_shape_then_interest_then_consent_shape_then_deployment_then_expiry_then_signature() {
        var book = book();
        Instant until = book.now.plus(Duration.ofHours(1));
        var good = consent(BUYER, until, DEPLOYMENT, STRANGER_KEY);
        assertThat(book.no(buy(book, BUYER, "0xABC", good)).code()).isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(buy(book, BUYER, STRANGER, null)).code()).isEqualTo(Reason.INSURABLE_INTEREST_MISSING);
        assertThat(book.no(buy(book, BUYER, STRANGER, new Command.WalletConsent(null, until))).code()).isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(buy(book, BUYER, STRANGER, new Command.WalletConsent(good.signature(), until.plusMillis(5)))).code())
                .isEqualTo(Reason.INVALID_COMMAND);
        var unidentified = StateSnapshot.of(book.state).restore();
        unidentified.deploymentId = null;
        assertThat(Decider.decide(unidentified, buy(book, BUYER, STRANGER, good), book.now, EngineFixtures.SIGNATURES)).extracting("code")
                .isEqualTo(Reason.DEPLOYMENT_NOT_IDENTIFIED);
        book.now = until.plusSeconds(1);
        assertThat(book.no(buy(book, BUYER, STRANGER, good)).code()).isEqualTo(Reason.CONSENT_INVALID);
    }

    @Test
    void a_consent_is_signed_for_the_lowest_chain_the_protocol_runs_on_or_chain_1() {
        var book = book();
        assertThat(InsurableInterest.consentChainId(book.state.evidence(), Business.PROTOCOL)).isEqualTo(1);
        assertThat(InsurableInterest.consentChainId(book.state.evidence(), "unknown")).isEqualTo(1);
        var other = new Business();
        other.ok(new Command.IdentifyDeployment("d", DEPLOYMENT));
        other.ok(new Command.RegisterProtocol("p", new io.auditcover.evidence.Protocol("veloria", "Veloria", "dex")));
        other.ok(new Command.RegisterContract("c1", new DeployedContract("veloria", 8453, "0x" + "81".repeat(20), Business.CODE_HASH, null)));
        other.ok(new Command.RegisterContract("c2", new DeployedContract("veloria", 10, "0x" + "82".repeat(20), Business.CODE_HASH, null)));
        assertThat(InsurableInterest.consentChainId(other.state.evidence(), "veloria")).isEqualTo(10);
    }
}
