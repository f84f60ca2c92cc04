package io.auditcover.access;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

/** What a wallet's personal_sign does with a message, for tests that sign in: r ‖ s ‖ v of the prefixed message, 0x hex. */
public final class PersonalSignatures {
    private PersonalSignatures() {
    }

    public static String sign(Credentials wallet, String message) {
        var signature = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), wallet.getEcKeyPair());
        byte[] bytes = new byte[65];
        System.arraycopy(signature.getR(), 0, bytes, 0, 32);
        System.arraycopy(signature.getS(), 0, bytes, 32, 32);
        bytes[64] = signature.getV()[0];
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
