package io.auditcover.chain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auditcover.claims.Incident;
import java.util.Optional;
import org.web3j.crypto.ECKeyPair;

/**
 * What a security oracle signs about an incident: an EIP-712 typed statement over every field the
 * incident names, saying whether the oracle confirms it or disputes it. A wallet shows the fields
 * before signing, and the {@link SigningDomain} (the deployment's id as salt, the chain of the incident's
 * first contract) keeps the signature from being replayed in another deployment or about another chain.
 * Lists (contracts, transactions) are signed as one comma-joined string each.
 */
public final class IncidentStatements {
    private IncidentStatements() {
    }

    /** The EIP-712 typed data (as {@code eth_signTypedData_v4} takes it) of a confirmation or a dispute, for this deployment. */
    public static String typedData(String deploymentId, Incident incident, boolean confirms) {
        ObjectNode root = TypedSignatures.JSON.createObjectNode();
        ObjectNode types = root.putObject("types");
        SigningDomain domain = SigningDomain.ofIncident(deploymentId, incident);
        domain.writeTo(root, types);
        ArrayNode statement = types.putArray("IncidentStatement");
        for (String[] member : new String[][] {{"incidentId", "string"}, {"protocolId", "string"}, {"contracts", "string"},
            {"fromBlock", "uint256"}, {"toBlock", "uint256"}, {"occurredAt", "uint256"}, {"cause", "string"},
            {"estimatedLoss", "string"}, {"transactions", "string"}, {"lossShareBps", "uint256"}, {"confirms", "bool"}}) {
            statement.add(SigningDomain.member(member[0], member[1]));
        }
        root.put("primaryType", "IncidentStatement");
        ObjectNode message = root.putObject("message");
        message.put("incidentId", incident.id())
                .put("protocolId", incident.protocolId())
                .put("contracts", String.join(",", incident.contractKeys()))
                .put("fromBlock", incident.fromBlock())
                .put("toBlock", incident.toBlock())
                .put("occurredAt", incident.occurredAt().getEpochSecond())
                .put("cause", incident.cause().wire())
                .put("estimatedLoss", incident.estimatedLoss().toString())
                .put("transactions", String.join(",", incident.transactionHashes()))
                .put("lossShareBps", incident.lossShareBps())
                .put("confirms", confirms);
        return TypedSignatures.text(root);
    }

    /** The 32-byte hash a signer signs: keccak256(0x19 0x01 ‖ domain separator ‖ hashStruct(statement)). */
    public static byte[] digest(String deploymentId, Incident incident, boolean confirms) {
        return TypedSignatures.digest(typedData(deploymentId, incident, confirms));
    }

    /** Signs a statement with an oracle's key; returns the 65-byte r ‖ s ‖ v signature as 0x hex. */
    public static String sign(String deploymentId, Incident incident, boolean confirms, ECKeyPair key) {
        return TypedSignatures.sign(digest(deploymentId, incident, confirms), key);
    }

    /**
     * The lowercase address a signature over this statement in this deployment recovers to; empty when the signature is
     * malformed. A signature over other fields, or made for another deployment or chain, recovers to some other address, so
     * callers compare the result with the oracles they trust.
     */
    public static Optional<String> signer(String deploymentId, Incident incident, boolean confirms, String signatureHex) {
        return TypedSignatures.signer(typedData(deploymentId, incident, confirms), signatureHex);
    }
}
