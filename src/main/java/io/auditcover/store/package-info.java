/**
 * The durable event log. A {@link io.auditcover.store.LogEntry} is what the engine appends (one
 * event of one command); a {@link io.auditcover.store.LogRecord} is what the log stores: the entry
 * with its sequence number and its link in the hash chain,
 * {@code hash = SHA-256(previous hash || canonical bytes)}. A snapshot is the serialized engine state
 * at a sequence, so start-up need not replay from zero.
 */
package io.auditcover.store;
