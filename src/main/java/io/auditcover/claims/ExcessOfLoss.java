package io.auditcover.claims;

import io.auditcover.money.Money;

/**
 * A reinsurance layer on a pool: of one incident's loss to the pool, the reinsurer pays what lies above
 * the {@code retention}, up to the layer's {@code limit}; the pool bears the rest.
 */
public record ExcessOfLoss(Money retention, Money limit) {

    public ExcessOfLoss {
        if (retention == null || limit == null || retention.isNegative() || !limit.isPositive()) {
            throw new IllegalArgumentException("a layer has a retention of zero or more and a positive limit");
        }
        if (!retention.asset().equals(limit.asset())) {
            throw new IllegalArgumentException("retention and limit must be in one asset");
        }
    }

    /** What the reinsurer pays for an incident that costs the pool {@code loss}. */
    public Money recovery(Money loss) {
        Money above = loss.minus(retention).max(Money.zero(loss.asset()));
        return above.min(limit);
    }
}
