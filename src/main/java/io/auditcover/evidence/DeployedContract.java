package io.auditcover.evidence;

/**
 * A contract a protocol runs on a chain. For a proxy, {@code implementation} names the code that
 * actually runs; that is the code an audit must cover.
 */
public record DeployedContract(
        String protocolId, long chainId, String address, String codeHash, ProxyImplementation implementation) {

    /** The implementation behind a proxy: its address and runtime code hash. */
    public record ProxyImplementation(String address, String codeHash) {
        public ProxyImplementation {
            requireAddress(address);
            requireHash(codeHash);
        }
    }

    public DeployedContract {
        Identifiers.requireId(protocolId, "protocol id");
        if (chainId <= 0) {
            throw new IllegalArgumentException("chain id must be positive: " + chainId);
        }
        requireAddress(address);
        requireHash(codeHash);
    }

    /** The code hash that must be in an audit's scope: the implementation's for a proxy, else the contract's own. */
    public String coveredCodeHash() {
        return implementation == null ? codeHash : implementation.codeHash();
    }

    /** The contract's key within a protocol: chain and address. */
    public String key() {
        return chainId + ":" + address;
    }

    private static void requireAddress(String address) {
        if (!Identifiers.isAddress(address)) {
            throw new IllegalArgumentException("address must be 0x and 40 lower-case hex digits: " + address);
        }
    }

    private static void requireHash(String hash) {
        if (!Identifiers.isHash(hash)) {
            throw new IllegalArgumentException("code hash must be 0x and 64 lower-case hex digits: " + hash);
        }
    }
}
