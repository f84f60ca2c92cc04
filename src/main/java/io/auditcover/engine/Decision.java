package io.auditcover.engine;

import io.auditcover.reason.Verdict;
import java.util.function.Function;

/** What deciding a command gives: one event, or a rejection that changes nothing. */
public sealed interface Decision permits Event, Rejection {

    /** A domain rule's verdict as the engine's decision: its value made into the event, or its refusal as the rejection. */
    static <T> Decision of(Verdict<T> verdict, Function<T, Event> event) {
        return switch (verdict) {
            case Verdict.Accepted<T> accepted -> event.apply(accepted.value());
            case Verdict.Refused<T> refused -> Rejection.of(refused.refusal());
        };
    }
}
