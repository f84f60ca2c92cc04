package io.auditcover.pool;

import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Money;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import io.auditcover.reason.Verdict;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Underwriters' capital in and out of a pool: a deposit mints shares at the pool's NAV; a withdrawal is requested, waits out
 * the notice period, and is paid from free capital only, held back for the pool's incident report window. Pure: reads the
 * pools' book and {@code now}.
 */
public final class Capital {
    /** The largest amount one command may move, in units: far above any real cover, far below overflow. */
    public static final long AMOUNT_UNITS_MAX = 100_000_000_000_000_000L;
    /** The most capital one pool may hold, in units, so capacity (capital × leverage ≤ 20) never overflows. */
    public static final long POOL_CAPITAL_UNITS_MAX = 400_000_000_000_000_000L;

    private Capital() {
    }

    /** A deposit as decided: the shares it mints. */
    public record Deposited(String poolId, String underwriter, Money amount, long sharesMinted, Instant at) {
    }

    /** A withdrawal as decided: what its shares are worth now, paid and held back until {@code releaseAt}. */
    public record Withdrawn(long requestId, String poolId, String underwriter, long shares, Money amount, Instant at, Instant releaseAt) {
    }

    /** A deposit into a pool that owes nothing and is never closed to deposits. */
    public static Verdict<Deposited> deposit(PoolBook pools, String poolId, String underwriter, Money amount, Instant now) {
        return deposit(pools, poolId, underwriter, amount, id -> null, id -> null, now);
    }

    /**
     * invalid_command (underwriter), amount_not_positive, amount_too_large, pool_not_found, asset_mismatch, amount_too_large
     * (pool capital), then what {@code closed} says of the pool (pool_spent while it is spent), pool_insolvent,
     * amount_not_positive (mints no share). What the pool {@code owes} (null: nothing) is paid from the deposit first, so the
     * deposit mints shares for the rest only, at the pool's NAV.
     */
    public static Verdict<Deposited> deposit(PoolBook pools, String poolId, String underwriter, Money amount, Function<String, Refusal> closed,
            Function<String, Money> owes, Instant now) {
        if (!Identifiers.isParty(underwriter)) {
            return Verdict.refused(Refusal.invalidParty("underwriter"));
        }
        if (!amount.isPositive()) {
            return Verdict.refused(Refusal.of(Reason.AMOUNT_NOT_POSITIVE, "a deposit must be positive"));
        }
        if (amount.units() > AMOUNT_UNITS_MAX) {
            return Verdict.refused(tooLarge());
        }
        Pool pool = pools.pool(poolId);
        if (pool == null) {
            return Verdict.refused(Refusal.notFound(Reason.POOL_NOT_FOUND, "pool", poolId));
        }
        if (!pool.asset().equals(amount.asset())) {
            return Verdict.refused(assetMismatch(pool, amount));
        }
        if (pool.capital().units() + amount.units() > POOL_CAPITAL_UNITS_MAX) {
            return Verdict.refused(Refusal.of(Reason.AMOUNT_TOO_LARGE, "pool " + pool.id() + " would hold more capital than one pool may"));
        }
        Refusal refusal = closed.apply(pool.id());
        if (refusal != null) {
            return Verdict.refused(refusal);
        }
        if (pool.insolvent()) {
            return Verdict.refused(Refusal.of(Reason.POOL_INSOLVENT, "pool " + pool.id() + " has no capital left to price shares against"));
        }
        Money owed = owes.apply(pool.id());
        Money owedPaid = owed == null ? Money.zero(pool.asset()) : owed.min(amount);
        long minted = pool.sharesFor(amount.minus(owedPaid));
        if (minted <= 0) {
            return Verdict.refused(owedPaid.isPositive()
                    ? Refusal.of(Reason.AMOUNT_NOT_POSITIVE, "the pool owes " + owed + " of unpaid claims, which a deposit pays first; the rest"
                            + " is too small to mint a share", Map.of("owed", owed.toDecimalString()))
                    : Refusal.of(Reason.AMOUNT_NOT_POSITIVE, "the deposit is too small to mint a share"));
        }
        return Verdict.accepted(new Deposited(pool.id(), underwriter, amount, minted, now));
    }

    /** invalid_command (underwriter), amount_not_positive (shares), pool_not_found, insufficient_shares. Requested at {@code time}. */
    public static Verdict<WithdrawalRequest> request(PoolBook pools, String poolId, String underwriter, long shares, Instant time) {
        if (!Identifiers.isParty(underwriter)) {
            return Verdict.refused(Refusal.invalidParty("underwriter"));
        }
        if (shares <= 0) {
            return Verdict.refused(Refusal.of(Reason.AMOUNT_NOT_POSITIVE, "a withdrawal request needs a positive number of shares"));
        }
        Pool pool = pools.pool(poolId);
        if (pool == null) {
            return Verdict.refused(Refusal.notFound(Reason.POOL_NOT_FOUND, "pool", poolId));
        }
        Position position = pools.positions().get(Position.key(pool.id(), underwriter));
        long available = position == null ? 0 : position.sharesAvailable();
        if (shares > available) {
            return Verdict.refused(Refusal.of(Reason.INSUFFICIENT_SHARES, "only " + available + " shares are free to withdraw",
                    Map.of("shares_available", Long.toString(available))));
        }
        return Verdict.accepted(new WithdrawalRequest(pools.lastWithdrawalId() + 1, pool.id(), underwriter, shares, time,
                time.plus(pool.rules().noticePeriod())));
    }

    /**
     * withdrawal_not_found, not_owner, notice_period_not_over (at {@code time}), then what {@code incidentHold} says of the pool
     * (incident_pending while an incident it bears is open), insufficient_free_capital.
     */
    public static Verdict<Withdrawn> withdraw(PoolBook pools, long requestId, String underwriter, Instant time,
            Function<String, Refusal> incidentHold, Instant now) {
        WithdrawalRequest request = pools.withdrawals().get(requestId);
        if (request == null) {
            return Verdict.refused(Refusal.notFound(Reason.WITHDRAWAL_NOT_FOUND, "withdrawal request", Long.toString(requestId)));
        }
        if (!request.underwriter().equals(underwriter)) {
            return Verdict.refused(Refusal.of(Reason.NOT_OWNER, "withdrawal request " + request.id() + " belongs to another underwriter"));
        }
        if (time.isBefore(request.availableAt())) {
            return Verdict.refused(Refusal.of(Reason.NOTICE_PERIOD_NOT_OVER, "the notice period ends at " + request.availableAt(),
                    Map.of("available_at", request.availableAt().toString())));
        }
        Refusal held = incidentHold.apply(request.poolId());
        if (held != null) {
            return Verdict.refused(held);
        }
        Pool pool = pools.pool(request.poolId());
        Money amount = pool.valueOf(request.shares());
        if (amount.exceeds(pool.free())) {
            return Verdict.refused(Refusal.of(Reason.INSUFFICIENT_FREE_CAPITAL, "only " + pool.free() + " of the pool's capital is free",
                    Map.of("free_capital", pool.free().toDecimalString(), "amount", amount.toDecimalString())));
        }
        return Verdict.accepted(new Withdrawn(request.id(), pool.id(), request.underwriter(), request.shares(), amount, now,
                now.plus(pool.rules().incidentReportWindow())));
    }

    /** amount_too_large: above what one command may move. */
    public static Refusal tooLarge() {
        return Refusal.of(Reason.AMOUNT_TOO_LARGE, "amount is above the limit of " + AMOUNT_UNITS_MAX + " units");
    }

    /** asset_mismatch: the pool keeps another asset. */
    public static Refusal assetMismatch(Pool pool, Money amount) {
        return Refusal.of(Reason.ASSET_MISMATCH, "pool " + pool.id() + " keeps " + pool.asset() + ", not " + amount.asset());
    }
}
