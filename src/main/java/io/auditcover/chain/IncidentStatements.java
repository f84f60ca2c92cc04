package io.auditcover.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auditcover.claims.Incident;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * What a security oracle signs about an incident: an EIP-712 typed statement over every field the
 * incident names, saying whether the oracle confirms it or disputes it. A wallet shows the fields
 * before signing, and the domain (name, version, chain id) keeps the signature from being replayed
 * elsewhere. Lists (contracts, transactions) are signed as one comma-joined string each.
 */
public final class IncidentStatements {
    public static final String DOMAIN_NAME = "Auditcover";
    public static final String DOMAIN_VERSION = "1";
    /** The chain id in the signing domain: statements are about mainnet incidents unless a deployment says otherwise. */
    public static final long DOMAIN_CHAIN_ID = 1;
    private static final int SIGNATURE_BYTES = 65;
    private static final ObjectMapper JSON = new ObjectMapper();

    private IncidentStatements() {
    }

    /** The EIP-712 typed data (as {@code eth_signTypedData_v4} takes it) of a confirmation or a dispute. */
    public static String typedData(Incident incident, boolean confirms) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode types = root.putObject("types");
        field(types.putArray("EIP712Domain"), "name", "string").add(member("version", "string")).add(member("chainId", "uint256"));
        ArrayNode statement = types.putArray("IncidentStatement");
        for (String[] member : new String[][] {{"incidentId", "string"}, {"protocolId", "string"}, {"contracts", "string"},
            {"fromBlock", "uint256"}, {"toBlock", "uint256"}, {"occurredAt", "uint256"}, {"cause", "string"},
            {"estimatedLoss", "string"}, {"transactions", "string"}, {"lossShareBps", "uint256"}, {"confirms", "bool"}}) {
            statement.add(member(member[0], member[1]));
        }
        root.put("primaryType", "IncidentStatement");
        ObjectNode domain = root.putObject("domain");
        domain.put("name", DOMAIN_NAME).put("version", DOMAIN_VERSION).put("chainId", DOMAIN_CHAIN_ID);
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
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 32-byte hash a signer signs: keccak256(0x19 0x01 ‖ domain separator ‖ hashStruct(statement)). */
    public static byte[] digest(Incident incident, boolean confirms) {
        try {
            return new StructuredDataEncoder(typedData(incident, confirms)).hashStructuredData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs a statement with an oracle's key; returns the 65-byte r ‖ s ‖ v signature as 0x hex. */
    public static String sign(Incident incident, boolean confirms, ECKeyPair key) {
        Sign.SignatureData signature = Sign.signMessage(digest(incident, confirms), key, false);
        byte[] bytes = new byte[SIGNATURE_BYTES];
        System.arraycopy(signature.getR(), 0, bytes, 0, 32);
        System.arraycopy(signature.getS(), 0, bytes, 32, 32);
        System.arraycopy(signature.getV(), 0, bytes, 64, 1);
        return Numeric.toHexString(bytes);
    }

    /**
     * The lowercase address a signature over this statement recovers to; empty when the signature is
     * malformed. A signature over other fields recovers to some other address, so callers compare the
     * result with the oracles they trust.
     */
    public static Optional<String> signer(Incident incident, boolean confirms, String signatureHex) {
        byte[] bytes;
        try {
            bytes = Numeric.hexStringToByteArray(signatureHex);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (bytes.length != SIGNATURE_BYTES) {
            return Optional.empty();
        }
        byte v = bytes[64] < 27 ? (byte) (bytes[64] + 27) : bytes[64];
        var signature = new Sign.SignatureData(v, Arrays.copyOfRange(bytes, 0, 32), Arrays.copyOfRange(bytes, 32, 64));
        try {
            BigInteger publicKey = Sign.signedMessageHashToKey(digest(incident, confirms), signature);
            return Optional.of(Numeric.prependHexPrefix(Keys.getAddress(publicKey)).toLowerCase(Locale.ROOT));
        } catch (SignatureException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static ArrayNode field(ArrayNode array, String name, String type) {
        return array.add(member(name, type));
    }

    private static ObjectNode member(String name, String type) {
        return JSON.createObjectNode().put("name", name).put("type", type);
    }
}
