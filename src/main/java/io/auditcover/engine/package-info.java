/**
 * The state machine, not the business. A {@link io.auditcover.engine.Command} asks for a change;
 * {@link io.auditcover.engine.Decider} unpacks it and asks the rules of its domain package, whose verdict becomes one
 * {@link io.auditcover.engine.Event} or a {@link io.auditcover.engine.Rejection}; {@link io.auditcover.engine.Applier} hands
 * each event to the books of {@link io.auditcover.engine.State} it concerns (one per domain). The
 * {@link io.auditcover.engine.Scheduler} advances time and asks for due settlements. The
 * {@link io.auditcover.engine.Engine} runs both on one writer thread and answers callers only after the
 * events are durable in the log; or, as a follower of a shared log, applies what another instance's writer appended
 * ({@code LogTail}), answers reads, refuses commands ({@link io.auditcover.engine.NotLeaderException}) and takes over
 * once the writer's lease is free. What needs an edge's capability comes in through a port the engine defines
 * ({@link io.auditcover.engine.SignatureRecovery}), so the engine imports no edge. Events and snapshots are
 * stored in the versioned binary {@link io.auditcover.engine.LogFormat} (rules in {@code docs/log-format.md});
 * {@link io.auditcover.engine.Codec} is their JSON, for the API and the state hash, and
 * {@link io.auditcover.engine.LogMigration} rewrites a log of the JSON format of before.
 */
package io.auditcover.engine;
