package io.auditcover.chain;

import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.CodeObservation;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.DeployedContract.ProxyImplementation;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.web3j.utils.Numeric;

/**
 * Looks at one contract at one block: its runtime code and hash; the implementation behind it when it is
 * a proxy (ERC-1967 implementation slot, then the ERC-1967 beacon slot and the beacon's
 * {@code implementation()}, then the EIP-1822 PROXIABLE slot); and the audit covering the code that
 * actually runs (the implementation's for a proxy).
 */
public final class ContractInspector {
    /** ERC-1967: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1). */
    public static final String IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";
    /** ERC-1967: bytes32(uint256(keccak256("eip1967.proxy.beacon")) - 1). */
    public static final String BEACON_SLOT = "0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50";
    /** EIP-1822: keccak256("PROXIABLE"). */
    public static final String PROXIABLE_SLOT = "0xc5f16f0fcc639fa48a6947836d9850f504798523bf8c9a3a87d5876cf622bcf7";
    /** The selector of {@code implementation()}. */
    static final byte[] IMPLEMENTATION_CALL = Numeric.hexStringToByteArray("0x5c60da1b");
    public static final String UPGRADED_TOPIC = Keccak.topic("Upgraded(address)");
    public static final String BEACON_UPGRADED_TOPIC = Keccak.topic("BeaconUpgraded(address)");

    /** How a proxy names its implementation. */
    public enum ProxyKind {
        NONE, ERC1967, ERC1967_BEACON, EIP1822
    }

    /** One contract at one block: what the engine gets, plus how it was read, for people. */
    public record Reading(DeployedContract contract, long block, CodeObservation observation, ProxyKind proxyKind,
            CodeMatcher.Match match) {
    }

    private final ChainReader reader;

    public ContractInspector(ChainReader reader) {
        this.reader = reader;
    }

    /** Reads {@code contract} at {@code block} and matches it against {@code audits} (the contract's protocol's). */
    public Reading inspect(DeployedContract contract, long block, Collection<AuditReport> audits) {
        byte[] code = reader.code(contract.address(), block);
        String codeHash = Keccak.hex(code);
        if (code.length == 0) {
            var observation = new CodeObservation(contract.key(), codeHash, false, null, null, null);
            return new Reading(contract, block, observation, ProxyKind.NONE, null);
        }
        ProxyKind kind = ProxyKind.NONE;
        String implementationAddress = null;
        Optional<String> fromSlot = address(reader.storage(contract.address(), IMPLEMENTATION_SLOT, block));
        if (fromSlot.isPresent()) {
            kind = ProxyKind.ERC1967;
            implementationAddress = fromSlot.get();
        } else {
            Optional<String> beacon = address(reader.storage(contract.address(), BEACON_SLOT, block));
            if (beacon.isPresent()) {
                kind = ProxyKind.ERC1967_BEACON;
                implementationAddress = reader.call(beacon.get(), IMPLEMENTATION_CALL, block).flatMap(ContractInspector::word)
                        .orElse(null);
            } else {
                Optional<String> proxiable = address(reader.storage(contract.address(), PROXIABLE_SLOT, block));
                if (proxiable.isPresent()) {
                    kind = ProxyKind.EIP1822;
                    implementationAddress = proxiable.get();
                }
            }
        }
        byte[] coveredCode = code;
        ProxyImplementation implementation = null;
        if (implementationAddress != null) {
            coveredCode = reader.code(implementationAddress, block);
            implementation = new ProxyImplementation(implementationAddress, Keccak.hex(coveredCode));
        }
        CodeMatcher.Match match = coveredCode.length == 0 ? null : CodeMatcher.match(coveredCode, Keccak.hex(coveredCode), audits);
        var observation = new CodeObservation(contract.key(), codeHash, true, implementation,
                match == null ? null : match.auditId(), match == null ? null : match.normalizedCodeHash());
        return new Reading(contract, block, observation, kind, match);
    }

    /** The address in the low 20 bytes of a 32-byte word; empty when the word is zero. */
    static Optional<String> address(byte[] word) {
        if (word.length != 32) {
            return Optional.empty();
        }
        boolean zero = true;
        for (byte b : word) {
            zero &= b == 0;
        }
        if (zero) {
            return Optional.empty();
        }
        return Optional.of(Numeric.toHexString(Arrays.copyOfRange(word, 12, 32)).toLowerCase(Locale.ROOT));
    }

    private static Optional<String> word(byte[] returned) {
        return returned.length == 32 ? address(returned) : Optional.empty();
    }
}
