/**
 * The state machine. A {@link io.auditcover.engine.Command} asks for a change; {@link io.auditcover.engine.Decider}
 * turns it into one {@link io.auditcover.engine.Event} or a {@link io.auditcover.engine.Rejection};
 * {@link io.auditcover.engine.Applier} folds events into {@link io.auditcover.engine.State}. The
 * {@link io.auditcover.engine.Engine} runs both on one writer thread and answers callers only after the
 * events are durable in the log. What needs an edge's capability comes in through a port the engine defines
 * ({@link io.auditcover.engine.SignatureRecovery}), so the engine imports no edge.
 */
package io.auditcover.engine;
