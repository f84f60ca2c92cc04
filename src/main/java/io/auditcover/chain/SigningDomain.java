package io.auditcover.chain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auditcover.claims.Incident;
import io.auditcover.evidence.Identifiers;

/**
 * The EIP-712 domain every Auditcover statement is signed in: {@code {name, version, chainId, salt}}. The chain id is the chain
 * the statement is about (a wallet signs typed data only for the chain it is connected to); the salt is the deployment's id,
 * recorded once in its own log, so a signature made for one Auditcover deployment never counts in another. There is no
 * {@code verifyingContract}: the verifier is this service, not a contract.
 */
public record SigningDomain(long chainId, String deploymentId) {
    public static final String NAME = "Auditcover";
    /** Version 2 binds the deployment (salt) and the statement's own chain; version 1 had neither. */
    public static final String VERSION = "2";
    /** The chain a statement names when nothing it is about names one. */
    public static final long CHAIN_ID_DEFAULT = 1;

    public SigningDomain {
        if (chainId <= 0) {
            throw new IllegalArgumentException("a signing domain's chain id must be positive: " + chainId);
        }
        if (!Identifiers.isDeploymentId(deploymentId)) {
            throw new IllegalArgumentException("a deployment id is 0x and 64 lower-case hex digits: " + deploymentId);
        }
    }

    /** An incident's statements are signed for the chain of the first contract it names (its keys are {@code chainId:address}). */
    public static SigningDomain ofIncident(String deploymentId, Incident incident) {
        return new SigningDomain(chainOf(incident), deploymentId);
    }

    /** The chain of an incident's first contract. */
    public static long chainOf(Incident incident) {
        String key = incident.contractKeys().getFirst();
        int colon = key.indexOf(':');
        try {
            return Long.parseLong(key.substring(0, Math.max(colon, 0)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("contract key " + key + " does not start with a chain id", e);
        }
    }

    /** Adds the {@code EIP712Domain} type to {@code types} and this domain as {@code domain} to the typed data's root. */
    void writeTo(ObjectNode root, ObjectNode types) {
        ArrayNode fields = types.putArray("EIP712Domain");
        fields.add(member("name", "string")).add(member("version", "string")).add(member("chainId", "uint256"))
                .add(member("salt", "bytes32"));
        root.putObject("domain").put("name", NAME).put("version", VERSION).put("chainId", chainId).put("salt", deploymentId);
    }

    static ObjectNode member(String name, String type) {
        return JsonNodeFactory.instance.objectNode().put("name", name).put("type", type);
    }
}
