package io.auditcover.api;

import io.auditcover.claims.Incident;
import io.auditcover.cover.InsuranceConsent;

/**
 * The EIP-712 typed data (as the JSON {@code eth_signTypedData_v4} takes) of the statements the API hands out to be signed: an
 * oracle's confirmation or dispute of an incident, and a wallet's consent to be insured. The chain adapter builds them and the
 * command line wires it in, so the HTTP edge does not depend on the chain edge.
 */
public interface StatementsToSign {

    /** What an oracle signs to confirm ({@code confirms}) or dispute the incident, in this deployment's signing domain. */
    String incident(String deploymentId, Incident incident, boolean confirms);

    /** What a wallet signs to consent to be insured, for the chain the protocol runs on, in this deployment's signing domain. */
    String consent(long chainId, String deploymentId, InsuranceConsent consent);
}
