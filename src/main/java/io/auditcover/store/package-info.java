/**
 * The durable event log. A {@link io.auditcover.store.LogEntry} is what the engine appends (one
 * event of one command); a {@link io.auditcover.store.LogRecord} is what the log stores: the entry
 * with its sequence number and its link in the hash chain,
 * {@code hash = SHA-256(previous hash || canonical bytes)}. A snapshot is the serialized engine state
 * at a sequence, so start-up need not replay from zero. The log's head is anchored outside the log:
 * the head file holds the last commit's head, a {@link io.auditcover.store.Checkpoint} is a head
 * signed with the {@link io.auditcover.store.OperatorKey}, and a
 * {@link io.auditcover.store.Verification} compares the chain with both. A log whose file SQLite
 * cannot read is {@link io.auditcover.store.LogDamagedException damaged}, which is not the same as
 * a record that does not verify ({@link io.auditcover.store.LogCorruptedException}). A rewritten log
 * (a format migration's) takes the old one's place through {@link io.auditcover.store.LogReplacement}.
 * The store hashes payloads as bytes; what they hold is the engine's {@code LogFormat}.
 *
 * <p>{@link io.auditcover.store.EventLogs} chooses the log: the embedded SQLite file, or PostgreSQL by
 * URL, shared by instances of which one at a time is the writer. The writer holds the
 * {@link io.auditcover.store.WriterLease}: a holder, a fencing epoch that grows at every takeover, and
 * an expiry; a writer that loses it stops appending ({@link io.auditcover.store.LeaseLostException}). A
 * {@link io.auditcover.store.Succession} is a follower's side: the log to tail (every append NOTIFYs), who writes it and
 * where it serves, and the takeover once the lease is free.
 */
package io.auditcover.store;
