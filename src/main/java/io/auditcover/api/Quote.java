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
        List<Component> breakdown, List<Factor> factors, Money maxAmount, String model, String quoteId, Instant validUntil, String parametersVersion,
        Instant engineTime, long atSequence) {

    /** One part of the premium, with how it was reached. */
    record Component(String name, Money amount, String basis) {
    }

    /**
     * One risk factor: what was measured, the multiplier it gave the exploit rate, and where its table comes from: "fitted: …"
     * (from the data) or "prior: …" (a stated assumption).
     */
    record Factor(String name, double measured, double multiplier, String source) {
    }

    Quote {
        breakdown = List.copyOf(breakdown);
        factors = List.copyOf(factors);
    }
}
