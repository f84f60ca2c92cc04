package io.auditcover.cover;

import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Money;
import io.auditcover.money.Rounding;
import java.time.Duration;
import java.time.Instant;

/**
 * A policy. {@code paid} is what claims have taken from it, {@code earned} how much of the premium the
 * pool has earned so far. {@code wallet} is the address the buyer declared at purchase as the one insured:
 * its balances on chain prove an indemnity claim's loss (null when there is none, e.g. a holder known by name).
 */
public record Cover(
        long id, String holder, String poolId, String protocolId, Money amount, Instant start, Instant end,
        Money premium, CoverTerms terms, Money paid, Money earned, CoverStatus status, String wallet) {
    private static final long DAYS_PER_YEAR = 365;

    public Cover {
        if (!amount.isPositive() || premium.isNegative() || paid.isNegative() || earned.isNegative()) {
            throw new IllegalArgumentException("cover " + id + " amounts out of range");
        }
        if (paid.exceeds(amount)) {
            throw new IllegalStateException("cover " + id + " paid " + paid + " above its amount " + amount);
        }
        if (earned.exceeds(premium)) {
            throw new IllegalStateException("cover " + id + " earned " + earned + " above its premium " + premium);
        }
        if (wallet != null && !Identifiers.isAddress(wallet)) {
            throw new IllegalArgumentException("cover " + id + ": the insured wallet must be 0x and 40 lower-case hex digits");
        }
    }

    /** Premium for a fixed annual rate: amount × rate × days / 365, rounded up (the pool receives it). */
    public static Money premiumFor(Money amount, long annualRateBps, int periodDays) {
        return amount.scaled(Math.multiplyExact(annualRateBps, periodDays), 10_000 * DAYS_PER_YEAR, Rounding.POOL_RECEIVES);
    }

    public static Instant endOf(Instant start, int periodDays) {
        return start.plus(Duration.ofDays(periodDays));
    }

    public Money remaining() {
        return amount.minus(paid);
    }

    public boolean activeAt(Instant time) {
        return status == CoverStatus.ACTIVE && !time.isBefore(start) && time.isBefore(end);
    }

    /** Premium earned by {@code time}: whole days passed over days in the period, rounded down; all of it at the end. */
    public Money earnedBy(Instant time) {
        long days = Math.max(0, Duration.between(start, time).toDays());
        if (days >= terms.periodDays()) {
            return premium;
        }
        return premium.scaled(days, terms.periodDays(), Rounding.POOL_PAYS);
    }

    public Cover withEarned(Money newEarned) {
        return new Cover(id, holder, poolId, protocolId, amount, start, end, premium, terms, paid, newEarned, status, wallet);
    }

    public Cover expired() {
        return new Cover(id, holder, poolId, protocolId, amount, start, end, premium, terms, paid, earned, CoverStatus.EXPIRED, wallet);
    }

    public Cover withPaid(Money newPaid) {
        return new Cover(id, holder, poolId, protocolId, amount, start, end, premium, terms, newPaid, earned, status, wallet);
    }
}
