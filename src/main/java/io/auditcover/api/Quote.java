package io.auditcover.api;

import io.auditcover.money.Money;
import java.time.Instant;
import java.util.List;

/**
 * A price for cover, computed from a read view and never logged: what buying now would charge, its
 * breakdown, and the most that fits now. {@code model} names the pricing model and parameter version.
 */
record Quote(
        String poolId, String protocolId, Money amount, int periodDays, Money premium, long annualRateBps,
        List<Component> breakdown, Money maxAmount, String model, Instant engineTime, long atSequence) {

    /** One part of the premium, with how it was reached. */
    record Component(String name, Money amount, String basis) {
    }

    Quote {
        breakdown = List.copyOf(breakdown);
    }
}
