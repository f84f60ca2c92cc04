package io.auditcover.reinsurance;

import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.money.Rounding;
import java.util.regex.Pattern;

/**
 * A pool's excess-of-loss reinsurance layer, per occurrence: of one incident's loss to the pool, the reinsurer pays what
 * lies above the {@code retention}, up to the layer's {@code limit}; the pool bears the rest.
 *
 * <p>A priced layer (a treaty) also has an {@code annualPremium}, earned by the reinsurer day by day from the pool's capital,
 * and a number of {@code reinstatements}: in each treaty year the reinsurer pays at most {@code limit × (1 + reinstatements)}
 * in all, and each amount it pays out of the reinstated part costs the pool {@code reinstatementPremium} of the annual premium
 * pro rata to the limit (1 is the market's "one reinstatement at 100 %", 0 a free one), charged at the settlement that uses
 * it. The reinsurer's account is {@code reinsurer/<reinsurer>}. A layer with neither premium nor reinstatements is the
 * free, unlimited layer of old: every incident recovers, with no aggregate.
 */
public record ExcessOfLoss(Money retention, Money limit, Money annualPremium, Integer reinstatements, Ratio reinstatementPremium,
        String reinsurer) {
    public static final int REINSTATEMENTS_MAX = 100;
    public static final String DEFAULT_REINSURER = "reinsurer";
    private static final Pattern REINSURER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public ExcessOfLoss {
        if (retention == null || limit == null || retention.isNegative() || !limit.isPositive()) {
            throw new IllegalArgumentException("a layer has a retention of zero or more and a positive limit");
        }
        if (!retention.asset().equals(limit.asset())) {
            throw new IllegalArgumentException("retention and limit must be in one asset");
        }
        if (annualPremium != null && (!annualPremium.asset().equals(limit.asset()) || annualPremium.isNegative()
                || annualPremium.exceeds(limit))) {
            throw new IllegalArgumentException("a layer's annual premium is in its asset, zero or more, and at most its limit");
        }
        if (reinstatements != null && (reinstatements < 0 || reinstatements > REINSTATEMENTS_MAX)) {
            throw new IllegalArgumentException("a layer has 0 to " + REINSTATEMENTS_MAX + " reinstatements");
        }
        if (reinstatementPremium != null && (annualPremium == null || reinstatements == null
                || reinstatementPremium.compareTo(Ratio.ONE) > 0)) {
            throw new IllegalArgumentException("a reinstatement premium (0 to 1 of the annual premium) needs an annual premium"
                    + " and a number of reinstatements");
        }
        if (reinsurer != null && !REINSURER_NAME.matcher(reinsurer).matches()) {
            throw new IllegalArgumentException("a reinsurer's name is 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
    }

    /** The free layer with no aggregate limit: what a layer was before treaties. */
    public ExcessOfLoss(Money retention, Money limit) {
        this(retention, limit, null, null, null, null);
    }

    /** Whether the layer is a treaty: priced, or limited in aggregate, so its years are kept (see {@link ReinsuranceTreaty}). */
    public boolean isTreaty() {
        return annualPremium != null || reinstatements != null;
    }

    /** The reinsurer whose account the premium is booked to. */
    public String reinsurerName() {
        return reinsurer == null ? DEFAULT_REINSURER : reinsurer;
    }

    /** What the reinsurer pays for one incident that costs the pool {@code loss}, before the aggregate. */
    public Money recovery(Money loss) {
        Money above = loss.minus(retention).max(Money.zero(loss.asset()));
        return above.min(limit);
    }

    /** The most the reinsurer pays in one treaty year; null when unlimited. */
    public Money aggregateLimit() {
        return reinstatements == null ? null : Money.ofUnits(limit.asset(), Math.multiplyExact(limit.units(), 1L + reinstatements));
    }

    /** The part of the aggregate that reinstatements add, which costs a reinstatement premium to use. */
    public Money reinstatable() {
        return reinstatements == null ? Money.zero(limit.asset()) : Money.ofUnits(limit.asset(), Math.multiplyExact(limit.units(), (long) reinstatements));
    }

    /**
     * The reinstatement premium for {@code reinstated} of the limit put back: annual premium × reinstatement premium × reinstated
     * ÷ limit, rounded down (the pool pays it).
     */
    public Money reinstatementPremiumFor(Money reinstated) {
        if (reinstatementPremium == null || annualPremium == null || !reinstated.isPositive()) {
            return Money.zero(limit.asset());
        }
        Money full = annualPremium.times(reinstatementPremium, Rounding.POOL_PAYS);
        return full.scaled(reinstated.units(), limit.units(), Rounding.POOL_PAYS);
    }
}
