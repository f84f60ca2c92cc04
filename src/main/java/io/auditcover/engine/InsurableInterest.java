package io.auditcover.engine;

import io.auditcover.cover.InsuranceConsent;
import io.auditcover.engine.Command.BuyCover;
import io.auditcover.reason.Reason;
import io.auditcover.evidence.DeployedContract;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Who may be insured by a purchase. A buyer insures its own address, or a wallet that signed its consent to be insured by
 * that buyer ({@link InsuranceConsent}): otherwise a buyer could name a stranger's wallet and be paid for the stranger's loss.
 * A buyer known by a name (not an address) owns no wallet, so it insures one only with consent.
 */
public final class InsurableInterest {
    private InsurableInterest() {
    }

    /**
     * Null when the purchase may insure its wallet, else: insurable_interest_missing (another wallet, no consent),
     * invalid_command (consent without a signature or a whole-second expiry), deployment_not_identified, consent_invalid
     * (expired at {@code now}, or the signature does not recover to the wallet).
     */
    static Rejection refusal(State state, BuyCover command, Instant now, SignatureRecovery signatures) {
        String wallet = command.wallet();
        if (wallet == null || wallet.equals(command.holder())) {
            return null;
        }
        Command.WalletConsent consent = command.walletConsent();
        if (consent == null) {
            return Rejection.of(Reason.INSURABLE_INTEREST_MISSING, "wallet " + wallet + " is not the buyer's own; it must sign its consent"
                    + " to be insured by " + command.holder(), Map.of("wallet", wallet));
        }
        if (consent.signature() == null || consent.validUntil() == null || consent.validUntil().getNano() != 0) {
            return Rejection.of(Reason.INVALID_COMMAND, "a consent needs the wallet's signature and a valid-until time in whole seconds");
        }
        if (state.deploymentId == null) {
            return Rejection.of(Reason.DEPLOYMENT_NOT_IDENTIFIED, "this deployment has no id yet, so no consent can be signed for it");
        }
        if (now.isAfter(consent.validUntil())) {
            return Rejection.of(Reason.CONSENT_INVALID, "the wallet's consent expired at " + consent.validUntil(),
                    Map.of("wallet", wallet, "valid_until", consent.validUntil().toString()));
        }
        var signed = new InsuranceConsent(wallet, command.holder(), command.poolId(), command.protocolId(), consent.validUntil());
        Optional<String> signer = signatures.consentSigner(state.deploymentId, consentChainId(state, command.protocolId()), signed,
                consent.signature());
        if (!signer.equals(Optional.of(wallet))) {
            return Rejection.of(Reason.CONSENT_INVALID, "the consent is not signed by " + wallet + " for this buyer, pool and protocol",
                    Map.of("wallet", wallet));
        }
        return null;
    }

    /**
     * The chain a consent to be insured on this protocol is signed for (in the deployment's signing domain): the lowest chain id among the protocol's registered contracts (1 when it has none): a wallet signs typed data only for
     * the chain it is on, and the funds a cover insures sit where the protocol runs. The lowest, not the first registered,
     * because state keeps contracts by key, not by registration order; a consent is checked once, at purchase, so a contract
     * registered later on a lower chain only makes an unused consent be signed again.
     */
    public static long consentChainId(State state, String protocolId) {
        return state.evidence.contractsOf(protocolId).stream().mapToLong(DeployedContract::chainId).min().orElse(CHAIN_ID_DEFAULT);
    }

    /** The chain a consent is signed for when its protocol has no registered contract: mainnet. */
    public static final long CHAIN_ID_DEFAULT = 1;
}
