package io.auditcover.evidence;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;

/**
 * The evidence book: the protocols, their deployed contracts and audit reports, each contract's eligibility periods as the
 * chain showed them, and how far each chain has been observed. A protocol's contracts and audits are indexed so that pricing
 * or checking one protocol reads only its own. Its changes are the engine's apply of evidence events, on the writer thread.
 */
public final class EvidenceBook {
    private TreePMap<String, Protocol> protocols = TreePMap.empty();
    private TreePMap<String, DeployedContract> contracts = TreePMap.empty();
    private TreePMap<String, AuditReport> audits = TreePMap.empty();
    private TreePMap<String, EligibilityHistory> eligibility = TreePMap.empty();
    private final TreeMap<Long, ChainCursor> chainCursors = new TreeMap<>();
    /** Per contract key and block, the latest scope check recorded there. */
    private TreePMap<String, TreePMap<Long, ScopeCheck>> scopeChecks = TreePMap.empty();
    /** Derived, rebuilt on restore and never hashed. */
    private TreePMap<String, TreePSet<String>> contractKeysByProtocol = TreePMap.empty();
    private TreePMap<String, TreePSet<String>> auditIdsByProtocol = TreePMap.empty();

    public static EvidenceBook restore(Collection<Protocol> protocols, Collection<DeployedContract> contracts,
            Collection<AuditReport> audits, Collection<EligibilityHistory> eligibility, Collection<ChainCursor> chainCursors) {
        return restore(protocols, contracts, audits, eligibility, chainCursors, List.of());
    }

    public static EvidenceBook restore(Collection<Protocol> protocols, Collection<DeployedContract> contracts,
            Collection<AuditReport> audits, Collection<EligibilityHistory> eligibility, Collection<ChainCursor> chainCursors,
            Collection<ScopeCheck> scopeChecks) {
        var book = new EvidenceBook();
        protocols.forEach(book::register);
        contracts.forEach(book::register);
        audits.forEach(book::register);
        eligibility.forEach(history -> book.eligibility = book.eligibility.plus(history.contractKey(), history));
        chainCursors.forEach(cursor -> book.chainCursors.put(cursor.chainId(), cursor));
        scopeChecks.forEach(book::scopeChecked);
        return book;
    }

    /** A view for readers on other threads (quotes read all evidence but the chain cursors), as it is now; the maps are
     * persistent, so this shares them and never changes. */
    public EvidenceBook forQuotes() {
        var view = new EvidenceBook();
        view.protocols = protocols;
        view.contracts = contracts;
        view.audits = audits;
        view.eligibility = eligibility;
        view.scopeChecks = scopeChecks;
        view.contractKeysByProtocol = contractKeysByProtocol;
        view.auditIdsByProtocol = auditIdsByProtocol;
        return view;
    }

    public NavigableMap<String, Protocol> protocols() {
        return protocols;
    }

    public NavigableMap<String, DeployedContract> contracts() {
        return contracts;
    }

    public NavigableMap<String, AuditReport> audits() {
        return audits;
    }

    /** Per contract key, its eligibility periods: in audited scope or not, by block. */
    public NavigableMap<String, EligibilityHistory> eligibility() {
        return eligibility;
    }

    /** Where the chain watcher of each chain id got to: it resumes after this block. */
    public NavigableMap<Long, ChainCursor> chainCursors() {
        return Collections.unmodifiableNavigableMap(chainCursors);
    }

    /** Per contract key, the scope checks recorded outside the watcher, by block (the latest at each block). */
    public NavigableMap<String, ? extends NavigableMap<Long, ScopeCheck>> scopeChecks() {
        return scopeChecks;
    }

    /** Every scope check kept, by contract and block: what a snapshot stores. */
    public List<ScopeCheck> scopeCheckList() {
        return scopeChecks.values().stream().flatMap(byBlock -> byBlock.values().stream()).toList();
    }

    /** The latest scope check recorded at exactly {@code block} for this contract, if any. */
    public Optional<ScopeCheck> scopeCheckAt(String contractKey, long block) {
        var byBlock = scopeChecks.get(contractKey);
        return byBlock == null ? Optional.empty() : Optional.ofNullable(byBlock.get(block));
    }

    /** The protocol, or null. */
    public Protocol protocol(String protocolId) {
        return protocols.get(protocolId);
    }

    /** The protocol's registered contracts, by key. */
    public List<DeployedContract> contractsOf(String protocolId) {
        var keys = contractKeysByProtocol.get(protocolId);
        return keys == null ? List.of() : keys.stream().map(contracts::get).toList();
    }

    /** The protocol's audit reports, by id. */
    public List<AuditReport> auditsOf(String protocolId) {
        var ids = auditIdsByProtocol.get(protocolId);
        return ids == null ? List.of() : ids.stream().map(audits::get).toList();
    }

    /** Was this contract's code in audited scope at {@code block}? Empty before it was first observed. */
    public Optional<EligibilityPeriod> eligibilityAt(String contractKey, long block) {
        EligibilityHistory history = eligibility.get(contractKey);
        return history == null ? Optional.empty() : history.at(block);
    }

    /** The indexes agree with the maps they derive from (an invariant). */
    public boolean indexesAgree() {
        var byProtocol = new TreeMap<String, TreeSet<String>>();
        contracts.values().forEach(c -> byProtocol.computeIfAbsent(c.protocolId(), k -> new TreeSet<>()).add(c.key()));
        var auditsByProtocol = new TreeMap<String, TreeSet<String>>();
        audits.values().forEach(a -> auditsByProtocol.computeIfAbsent(a.protocolId(), k -> new TreeSet<>()).add(a.id()));
        return byProtocol.equals(new TreeMap<>(contractKeysByProtocol)) && auditsByProtocol.equals(new TreeMap<>(auditIdsByProtocol));
    }

    public void register(Protocol protocol) {
        protocols = protocols.plus(protocol.id(), protocol);
    }

    public void register(DeployedContract contract) {
        contracts = contracts.plus(contract.key(), contract);
        contractKeysByProtocol = contractKeysByProtocol.plus(contract.protocolId(),
                contractKeysByProtocol.getOrDefault(contract.protocolId(), TreePSet.empty()).plus(contract.key()));
    }

    public void register(AuditReport audit) {
        audits = audits.plus(audit.id(), audit);
        auditIdsByProtocol = auditIdsByProtocol.plus(audit.protocolId(),
                auditIdsByProtocol.getOrDefault(audit.protocolId(), TreePSet.empty()).plus(audit.id()));
    }

    /** A new eligibility period of the contract as the chain showed it; the contract's code and implementation follow it. */
    public void observed(String contractKey, EligibilityPeriod period) {
        var contract = contracts.get(contractKey);
        if (contract == null) {
            throw new IllegalStateException("eligibility change names unknown contract " + contractKey);
        }
        var history = eligibility.get(contractKey);
        eligibility = eligibility.plus(contractKey, history == null ? EligibilityHistory.start(contractKey, period) : history.with(period));
        contracts = contracts.plus(contract.key(), new DeployedContract(contract.protocolId(), contract.chainId(), contract.address(), period.codeHash(),
                period.implementation()));
    }

    /** A scope check recorded; it replaces an earlier one at the same contract and block. */
    public void scopeChecked(ScopeCheck check) {
        if (!contracts.containsKey(check.contractKey())) {
            throw new IllegalStateException("scope check names unknown contract " + check.contractKey());
        }
        scopeChecks = scopeChecks.plus(check.contractKey(),
                scopeChecks.getOrDefault(check.contractKey(), TreePMap.empty()).plus(check.block(), check));
    }

    /** The chain was observed up to this block; a watcher resumes after it. */
    public void chainObservedTo(long chainId, long block, String blockHash) {
        ChainCursor cursor = chainCursors.get(chainId);
        if (cursor != null && block <= cursor.block()) {
            throw new IllegalStateException("chain " + chainId + " observed at " + block + " after " + cursor.block());
        }
        chainCursors.put(chainId, new ChainCursor(chainId, block, blockHash));
    }
}
