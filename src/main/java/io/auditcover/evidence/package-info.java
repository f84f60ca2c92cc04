/**
 * What the insurer knows about a protocol before it sells cover: the {@link io.auditcover.evidence.Protocol},
 * its {@link io.auditcover.evidence.DeployedContract}s (chain, address, runtime code hash, proxy
 * implementation) and its {@link io.auditcover.evidence.AuditReport}s (auditor, date, commit, scope as
 * code hashes, {@link io.auditcover.evidence.Finding}s). "Audit" here always means an audit report about
 * a protocol, never the insurer's own log.
 * The {@link io.auditcover.evidence.EvidenceBook} keeps them with each protocol's contracts and audits indexed;
 * {@link io.auditcover.evidence.ChainObservations} checks registrations and what each chain observation opens. A
 * {@link io.auditcover.evidence.ScopeCheck} is scope at one block recorded outside the watcher (a code observation read from a
 * node elsewhere, or an operator's judgement with its evidence); {@link io.auditcover.evidence.ScopeChecks} checks them.
 */
package io.auditcover.evidence;
