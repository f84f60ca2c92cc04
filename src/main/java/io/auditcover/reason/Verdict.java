package io.auditcover.reason;

/** What a domain decision gives: the decided value, or the refusal that changes nothing. */
public sealed interface Verdict<T> {

    record Accepted<T>(T value) implements Verdict<T> {
    }

    record Refused<T>(Refusal refusal) implements Verdict<T> {
    }

    static <T> Verdict<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> Verdict<T> refused(Refusal refusal) {
        return new Refused<>(refusal);
    }
}
