package io.auditcover.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auditcover.cover.InsuranceConsent;
import java.util.Optional;
import org.web3j.crypto.ECKeyPair;

/**
 * What a wallet signs to let a buyer insure it ({@link InsuranceConsent}, {@code validUntil} signed as Unix seconds): an EIP-712 statement naming the wallet, the buyer (an address or the name the
 * engine knows it by), the pool and protocol of the cover, and until when the consent holds (whole seconds). Without it a
 * buyer could insure a stranger's wallet and be paid for the stranger's loss. Signed in the same {@link SigningDomain} as
 * every statement, so a consent given to one deployment counts in no other.
 */
public final class InsuranceConsents {
    private InsuranceConsents() {
    }

    /** The EIP-712 typed data (as {@code eth_signTypedData_v4} takes it). */
    public static String typedData(SigningDomain domain, InsuranceConsent consent) {
        ObjectNode root = TypedSignatures.JSON.createObjectNode();
        ObjectNode types = root.putObject("types");
        domain.writeTo(root, types);
        types.putArray("InsuranceConsent").add(SigningDomain.member("wallet", "address")).add(SigningDomain.member("buyer", "string"))
                .add(SigningDomain.member("poolId", "string")).add(SigningDomain.member("protocolId", "string"))
                .add(SigningDomain.member("validUntil", "uint256"));
        root.put("primaryType", "InsuranceConsent");
        root.putObject("message").put("wallet", consent.wallet()).put("buyer", consent.buyer()).put("poolId", consent.poolId())
                .put("protocolId", consent.protocolId()).put("validUntil", consent.validUntil().getEpochSecond());
        return TypedSignatures.text(root);
    }

    public static byte[] digest(SigningDomain domain, InsuranceConsent consent) {
        return TypedSignatures.digest(typedData(domain, consent));
    }

    /** Signs a consent with the insured wallet's key; returns the 65-byte r ‖ s ‖ v signature as 0x hex. */
    public static String sign(SigningDomain domain, InsuranceConsent consent, ECKeyPair key) {
        return TypedSignatures.sign(digest(domain, consent), key);
    }

    /** The lowercase address the signature recovers to; empty when the signature or a field is malformed. */
    public static Optional<String> signer(SigningDomain domain, InsuranceConsent consent, String signatureHex) {
        try {
            return TypedSignatures.signer(typedData(domain, consent), signatureHex);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
