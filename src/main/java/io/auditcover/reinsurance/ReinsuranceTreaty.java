package io.auditcover.reinsurance;

import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.money.Rounding;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a pool's priced layer ({@link ExcessOfLoss#isTreaty()}) stands: it incepted at {@code inception} and runs in treaty
 * years of 365 days from then, renewing on the same terms until the layer is changed or removed. It covers incidents that
 * occur from inception on (losses occurring), each against the aggregate of the treaty year it occurred in.
 *
 * <p>{@code annualEarnedUnits} is the annual premium earned to date (day by day: premium × time since inception ÷ a year,
 * rounded down); {@code chargedUnits} that plus every reinstatement premium; {@code paidUnits} what the pool's capital has
 * paid the reinsurer of it. The rest is owed, and paid as soon as there is capital to pay it. {@code recoveredByYear} is what
 * the reinsurer paid by treaty year (0 is the first).
 */
public record ReinsuranceTreaty(String poolId, Instant inception, long annualEarnedUnits, long chargedUnits, long paidUnits,
        Map<Integer, Long> recoveredByYear) {
    public static final Duration TREATY_YEAR = Duration.ofDays(365);

    public ReinsuranceTreaty {
        if (poolId == null || inception == null || annualEarnedUnits < 0 || chargedUnits < annualEarnedUnits || paidUnits < 0
                || paidUnits > chargedUnits) {
            throw new IllegalArgumentException("a treaty needs a pool, an inception, and 0 ≤ paid ≤ charged, earned ≤ charged");
        }
        recoveredByYear = Map.copyOf(new TreeMap<>(recoveredByYear));
    }

    /** A treaty just incepted: nothing earned, nothing recovered. */
    public static ReinsuranceTreaty incepted(String poolId, Instant inception) {
        return new ReinsuranceTreaty(poolId, inception, 0, 0, 0, Map.of());
    }

    /** The treaty year {@code at} falls in (0 is the first); -1 before inception. */
    public int yearOf(Instant at) {
        if (at.isBefore(inception)) {
            return -1;
        }
        return Math.toIntExact(Duration.between(inception, at).getSeconds() / TREATY_YEAR.getSeconds());
    }

    /** When treaty year {@code year} began. */
    public Instant yearStart(int year) {
        return inception.plus(TREATY_YEAR.multipliedBy(year));
    }

    /** What the reinsurer has paid in treaty year {@code year}. */
    public long recoveredIn(int year) {
        return recoveredByYear.getOrDefault(year, 0L);
    }

    /** Premium owed to the reinsurer and not yet paid. */
    public long owedUnits() {
        return chargedUnits - paidUnits;
    }

    /** The annual premium earned from inception to {@code now}: premium × seconds since inception ÷ a year's, rounded down. */
    public long annualEarnedBy(ExcessOfLoss layer, Instant now) {
        if (layer.annualPremium() == null || !now.isAfter(inception)) {
            return 0;
        }
        long seconds = Duration.between(inception, now).getSeconds();
        return Ratio.scale(layer.annualPremium().units(), seconds, TREATY_YEAR.getSeconds(), Rounding.POOL_PAYS);
    }

    /**
     * What the layer pays for an incident that occurred at {@code occurredAt} and cost the pool {@code loss}, and the
     * reinstatement premium that payment costs: the per-occurrence recovery, within what the occurrence year's aggregate has
     * left; and of it, what falls in the reinstated part of the aggregate (recoveries up to {@code limit × reinstatements}
     * put back the limit they used, at the reinstatement premium; the last limit is not reinstated). Nothing before inception.
     */
    public LayerRecovery recoveryFor(ExcessOfLoss layer, Instant occurredAt, Money loss) {
        Asset asset = loss.asset();
        int year = yearOf(occurredAt);
        if (year < 0) {
            return new LayerRecovery(year, Money.zero(asset), Money.zero(asset));
        }
        Money perOccurrence = layer.recovery(loss);
        Money aggregate = layer.aggregateLimit();
        long used = recoveredIn(year);
        long recovery = aggregate == null ? perOccurrence.units() : Math.min(perOccurrence.units(), Math.max(0, aggregate.units() - used));
        long reinstatable = layer.reinstatable().units();
        long reinstated = Math.min(used + recovery, reinstatable) - Math.min(used, reinstatable);
        return new LayerRecovery(year, Money.ofUnits(asset, recovery), layer.reinstatementPremiumFor(Money.ofUnits(asset, reinstated)));
    }

    /** A treaty year's recovery for one incident, and the reinstatement premium it costs the pool. */
    public record LayerRecovery(int year, Money recovery, Money reinstatementPremium) {
    }

    /** After a settlement: the recovery counted in its year, the reinstatement premium charged (owed until paid). */
    public ReinsuranceTreaty recovered(int year, long recoveryUnits, long reinstatementPremiumUnits) {
        var recovered = new TreeMap<>(recoveredByYear);
        if (recoveryUnits > 0) {
            recovered.merge(year, recoveryUnits, Math::addExact);
        }
        return new ReinsuranceTreaty(poolId, inception, annualEarnedUnits, Math.addExact(chargedUnits, reinstatementPremiumUnits),
                paidUnits, recovered);
    }

    /** After time advanced: {@code earnedUnits} more annual premium charged, {@code paid} of what is owed paid. */
    public ReinsuranceTreaty earned(long earnedUnits, long paid) {
        long charged = Math.addExact(chargedUnits, earnedUnits);
        return new ReinsuranceTreaty(poolId, inception, Math.addExact(annualEarnedUnits, earnedUnits), charged,
                Math.addExact(paidUnits, paid), recoveredByYear);
    }
}
