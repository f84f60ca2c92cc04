package io.auditcover.engine;

/** What deciding a command gives: one event, or a rejection that changes nothing. */
public sealed interface Decision permits Event, Rejection {
}
