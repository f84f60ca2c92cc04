package io.auditcover.cover;

import java.time.Instant;

/**
 * A wallet's consent to be insured by a buyer: the wallet, the buyer (an address or the name the engine knows it by), the
 * pool and protocol of the cover, and until when it holds (whole seconds). The wallet signs it; the chain adapter recovers
 * the signer.
 */
public record InsuranceConsent(String wallet, String buyer, String poolId, String protocolId, Instant validUntil) {
}
