package io.auditcover.api;

import io.auditcover.cover.Cover;
import io.auditcover.cover.CoverTerms;
import io.auditcover.engine.Decider;
import io.auditcover.engine.Rejection;
import io.auditcover.engine.Rejection.Code;
import io.auditcover.money.Money;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import java.util.List;
import java.util.Map;

/**
 * Prices as the engine charges today: the pool's listed annual rate × amount × days / 365, rounded up,
 * with the same checks in the same order as buying, so a quote that succeeds is what a purchase at the
 * same state would be charged.
 */
final class ListedRateQuoter implements Quoter {
    static final String MODEL = "listed-rate/1";

    @Override
    public Quote quote(ReadView view, String poolId, String protocolId, Money amount, int periodDays) {
        if (!amount.isPositive()) {
            throw reject(Code.AMOUNT_NOT_POSITIVE, "cover amount must be positive", Map.of());
        }
        if (amount.units() > Decider.AMOUNT_UNITS_MAX) {
            throw reject(Code.AMOUNT_TOO_LARGE, "amount is above the limit of " + Decider.AMOUNT_UNITS_MAX + " units", Map.of());
        }
        if (periodDays < CoverTerms.PERIOD_DAYS_MIN || periodDays > CoverTerms.PERIOD_DAYS_MAX) {
            throw reject(Code.PERIOD_OUT_OF_RANGE,
                    "cover period must be " + CoverTerms.PERIOD_DAYS_MIN + "-" + CoverTerms.PERIOD_DAYS_MAX + " days", Map.of());
        }
        Pool pool = view.pools().get(poolId);
        if (pool == null) {
            throw reject(Code.POOL_NOT_FOUND, "pool " + poolId + " does not exist", Map.of());
        }
        if (!view.protocols().containsKey(protocolId)) {
            throw reject(Code.PROTOCOL_NOT_FOUND, "protocol " + protocolId + " does not exist", Map.of());
        }
        Listing listing = view.listings().get(Listing.key(poolId, protocolId));
        if (listing == null) {
            throw reject(Code.PROTOCOL_NOT_LISTED, "pool " + poolId + " does not sell cover on " + protocolId, Map.of());
        }
        Money zero = Money.zero(pool.asset());
        Money poolRoom = pool.capacity().minus(pool.activeCover()).max(zero);
        Money room = pool.protocolCapacity().minus(listing.activeCover()).max(zero).min(poolRoom);
        if (amount.exceeds(room)) {
            Code code = amount.exceeds(poolRoom) ? Code.INSUFFICIENT_CAPACITY : Code.PROTOCOL_CAP_EXCEEDED;
            throw reject(code, amount + " is above what fits now; at most " + room,
                    Map.of("max_amount", room.toDecimalString(),
                            "max_amount_premium", Cover.premiumFor(room, listing.annualRateBps(), periodDays).toDecimalString()));
        }
        Money premium = Cover.premiumFor(amount, listing.annualRateBps(), periodDays);
        var breakdown = List.of(new Quote.Component("listed_rate", premium,
                listing.annualRateBps() + " bps a year x " + periodDays + "/365 days, rounded up"));
        return new Quote(poolId, protocolId, amount, periodDays, premium, listing.annualRateBps(), breakdown, room, MODEL,
                view.time(), view.headSequence());
    }

    private static ApiException reject(Code code, String message, Map<String, String> details) {
        return ApiException.of(Rejection.of(code, message, details));
    }
}
