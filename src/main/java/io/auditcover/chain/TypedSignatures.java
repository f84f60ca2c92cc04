package io.auditcover.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** Hashing, signing and recovering EIP-712 typed data, the same way for every statement type. */
final class TypedSignatures {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIGNATURE_BYTES = 65;

    private TypedSignatures() {
    }

    static String text(ObjectNode typedData) {
        try {
            return JSON.writeValueAsString(typedData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** keccak256(0x19 0x01 ‖ domain separator ‖ hashStruct(message)). */
    static byte[] digest(String typedData) {
        try {
            return new StructuredDataEncoder(typedData).hashStructuredData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 65-byte r ‖ s ‖ v signature of a digest, as 0x hex. */
    static String sign(byte[] digest, ECKeyPair key) {
        Sign.SignatureData signature = Sign.signMessage(digest, key, false);
        byte[] bytes = new byte[SIGNATURE_BYTES];
        System.arraycopy(signature.getR(), 0, bytes, 0, 32);
        System.arraycopy(signature.getS(), 0, bytes, 32, 32);
        System.arraycopy(signature.getV(), 0, bytes, 64, 1);
        return Numeric.toHexString(bytes);
    }

    /** The lower-case address a signature over the typed data recovers to; empty when the signature or the data is malformed. */
    static Optional<String> signer(String typedData, String signatureHex) {
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
            BigInteger publicKey = Sign.signedMessageHashToKey(digest(typedData), signature);
            return Optional.of(Numeric.prependHexPrefix(Keys.getAddress(publicKey)).toLowerCase(Locale.ROOT));
        } catch (SignatureException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
