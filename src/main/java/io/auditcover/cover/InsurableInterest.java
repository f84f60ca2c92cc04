package io.auditcover.cover;

import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.EvidenceBook;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Who may be insured by a purchase. A buyer insures its own address, or a wallet that signed its consent to be insured by
 * that buyer ({@link InsuranceConsent}): otherwise a buyer could name a stranger's wallet and be paid for the stranger's loss.
 * A buyer known by a name (not an address) owns no wallet, so it insures one only with consent.
 */
public final class InsurableInterest {
    /** The chain a consent is signed for when its protocol has no registered contract: mainnet. */
    public static final long CHAIN_ID_DEFAULT = 1;

    private InsurableInterest() {
    }

    /** A wallet's signed consent as a purchase carries it: the signature and the whole second it is valid until. */
    public record SignedConsent(String signature, Instant validUntil) {
    }

    /**
     * Empty when the purchase may insure its wallet, else: insurable_interest_missing (another wallet, no consent),
     * invalid_command (consent without a signature or a whole-second expiry), deployment_not_identified, consent_invalid
     * (expired at {@code now}, or the signature does not recover to the wallet). {@code signer} recovers who signed a consent
     * (for the chain the protocol runs on, in this deployment's signing domain) from its signature.
     */
    public static Optional<Refusal> refusal(String deploymentId, String holder, String wallet, String poolId,
            String protocolId, SignedConsent consent, Instant now, BiFunction<InsuranceConsent, String, Optional<String>> signer) {
        if (wallet == null || wallet.equals(holder)) {
            return Optional.empty();
        }
        if (consent == null) {
            return Optional.of(Refusal.of(Reason.INSURABLE_INTEREST_MISSING, "wallet " + wallet + " is not the buyer's own; it must sign its"
                    + " consent to be insured by " + holder, Map.of("wallet", wallet)));
        }
        if (consent.signature() == null || consent.validUntil() == null || consent.validUntil().getNano() != 0) {
            return Optional.of(Refusal.of(Reason.INVALID_COMMAND, "a consent needs the wallet's signature and a valid-until time in whole seconds"));
        }
        if (deploymentId == null) {
            return Optional.of(Refusal.of(Reason.DEPLOYMENT_NOT_IDENTIFIED, "this deployment has no id yet, so no consent can be signed for it"));
        }
        if (now.isAfter(consent.validUntil())) {
            return Optional.of(Refusal.of(Reason.CONSENT_INVALID, "the wallet's consent expired at " + consent.validUntil(),
                    Map.of("wallet", wallet, "valid_until", consent.validUntil().toString())));
        }
        var signed = new InsuranceConsent(wallet, holder, poolId, protocolId, consent.validUntil());
        if (!signer.apply(signed, consent.signature()).equals(Optional.of(wallet))) {
            return Optional.of(Refusal.of(Reason.CONSENT_INVALID, "the consent is not signed by " + wallet + " for this buyer, pool and protocol",
                    Map.of("wallet", wallet)));
        }
        return Optional.empty();
    }

    /**
     * The chain a consent to be insured on this protocol is signed for (in the deployment's signing domain): the lowest chain id
     * among the protocol's registered contracts (1 when it has none): a wallet signs typed data only for the chain it is on, and
     * the funds a cover insures sit where the protocol runs. The lowest, not the first registered, because the evidence keeps
     * contracts by key, not by registration order; a consent is checked once, at purchase, so a contract registered later on a
     * lower chain only makes an unused consent be signed again.
     */
    public static long consentChainId(EvidenceBook evidence, String protocolId) {
        return evidence.contractsOf(protocolId).stream().mapToLong(DeployedContract::chainId).min().orElse(CHAIN_ID_DEFAULT);
    }
}
