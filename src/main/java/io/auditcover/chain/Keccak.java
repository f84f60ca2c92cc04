package io.auditcover.chain;

import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** keccak256 as Ethereum uses it (not NIST SHA3-256), as 0x-prefixed lower-case hex. */
public final class Keccak {
    /** The hash of no bytes: the code hash of an address without code. */
    public static final String EMPTY = hex(new byte[0]);

    private Keccak() {
    }

    public static String hex(byte[] bytes) {
        return Numeric.toHexString(Hash.sha3(bytes));
    }

    /** The first topic of an event's logs, from its signature, e.g. {@code Transfer(address,address,uint256)}. */
    public static String topic(String eventSignature) {
        return Hash.sha3String(eventSignature);
    }
}
