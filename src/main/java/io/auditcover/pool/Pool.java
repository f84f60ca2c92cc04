package io.auditcover.pool;

import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.money.Rounding;

/**
 * A pool's figures. {@code capital} is the underwriters' equity (deposits + earned premium − losses −
 * withdrawals); {@code unearnedPremium} is premium received for cover time not yet passed, a
 * liability, not equity; {@code activeCover} is the remaining amount of every active cover it backs.
 */
public record Pool(
        String id, Asset asset, PoolRules rules, Money capital, Money unearnedPremium, long shares,
        long sharesPendingWithdrawal, Money activeCover, Money premiumsEarned, Money paidOut) {

    public Pool {
        for (Money money : new Money[] {capital, unearnedPremium, activeCover, premiumsEarned, paidOut}) {
            if (!money.asset().equals(asset)) {
                throw new IllegalArgumentException("pool " + id + " keeps " + asset + ", not " + money.asset());
            }
            if (money.isNegative()) {
                throw new IllegalStateException("pool " + id + " figure went negative: " + money);
            }
        }
        if (shares < 0 || sharesPendingWithdrawal < 0 || sharesPendingWithdrawal > shares) {
            throw new IllegalStateException("pool " + id + " shares out of range: " + shares + "/" + sharesPendingWithdrawal);
        }
    }

    public static Pool open(String id, Asset asset, PoolRules rules) {
        Money zero = Money.zero(asset);
        return new Pool(id, asset, rules, zero, zero, 0, 0, zero, zero, zero);
    }

    /** The most active cover the pool may carry: capital × leverage. */
    public Money capacity() {
        return capital.times(rules.leverage(), Rounding.POOL_PAYS);
    }

    /** The most active cover on one protocol: capacity × max protocol share. */
    public Money protocolCapacity() {
        return capacity().times(rules.maxProtocolShare(), Rounding.POOL_PAYS);
    }

    /** Capital the active cover needs (cover ÷ leverage, rounded up), never more than the capital there is. */
    public Money locked() {
        Money required = activeCover.scaled(rules.leverage().denominator(), rules.leverage().numerator(), Rounding.POOL_RECEIVES);
        return required.min(capital);
    }

    public Money free() {
        return capital.minus(locked());
    }

    /** Shares a deposit mints at the current NAV, rounded down; one share per unit in an empty pool. */
    public long sharesFor(Money deposit) {
        if (shares == 0) {
            return deposit.units();
        }
        return Ratio.scale(deposit.units(), shares, capital.units(), Rounding.POOL_PAYS);
    }

    /** What shares are worth at the current NAV, rounded down. */
    public Money valueOf(long someShares) {
        if (shares == 0) {
            return Money.zero(asset);
        }
        return capital.scaled(someShares, shares, Rounding.POOL_PAYS);
    }

    /** A pool whose capital was wiped out while shares remain cannot price new shares. */
    public boolean insolvent() {
        return shares > 0 && capital.isZero();
    }

    /** NAV per whole share, in the pool's asset, for display. */
    public Money navPerShare() {
        if (shares == 0) {
            return Money.whole(asset, 1);
        }
        return capital.scaled(asset.unitsPerWhole(), shares, Rounding.POOL_PAYS);
    }

    public Pool withCapital(Money newCapital) {
        return new Pool(id, asset, rules, newCapital, unearnedPremium, shares, sharesPendingWithdrawal, activeCover, premiumsEarned, paidOut);
    }

    public Pool deposited(Money amount, long minted) {
        return new Pool(id, asset, rules, capital.plus(amount), unearnedPremium, Math.addExact(shares, minted),
                sharesPendingWithdrawal, activeCover, premiumsEarned, paidOut);
    }

    public Pool withdrawalRequested(long someShares) {
        return new Pool(id, asset, rules, capital, unearnedPremium, shares, Math.addExact(sharesPendingWithdrawal, someShares),
                activeCover, premiumsEarned, paidOut);
    }

    public Pool withdrawn(long someShares, Money amount) {
        return new Pool(id, asset, rules, capital.minus(amount), unearnedPremium, Math.subtractExact(shares, someShares),
                Math.subtractExact(sharesPendingWithdrawal, someShares), activeCover, premiumsEarned, paidOut);
    }

    public Pool coverSold(Money coverAmount, Money premium) {
        return new Pool(id, asset, rules, capital, unearnedPremium.plus(premium), shares, sharesPendingWithdrawal,
                activeCover.plus(coverAmount), premiumsEarned, paidOut);
    }

    public Pool premiumEarned(Money earned) {
        return new Pool(id, asset, rules, capital.plus(earned), unearnedPremium.minus(earned), shares, sharesPendingWithdrawal,
                activeCover, premiumsEarned.plus(earned), paidOut);
    }

    public Pool coverReleased(Money remaining) {
        return new Pool(id, asset, rules, capital, unearnedPremium, shares, sharesPendingWithdrawal,
                activeCover.minus(remaining), premiumsEarned, paidOut);
    }

    /** A payout lowers capital (every share bears it) and the cover's remaining amount at risk. */
    public Pool paid(Money payout) {
        return new Pool(id, asset, rules, capital.minus(payout), unearnedPremium, shares, sharesPendingWithdrawal,
                activeCover.minus(payout), premiumsEarned, paidOut.plus(payout));
    }

    /**
     * A claim's unpaid part paid after settlement from capital the pool gained: it leaves capital, and {@code activeReleased}
     * of it was on a cover still active.
     */
    public Pool paidLate(Money payment, Money activeReleased) {
        return new Pool(id, asset, rules, capital.minus(payment), unearnedPremium, shares, sharesPendingWithdrawal,
                activeCover.minus(activeReleased), premiumsEarned, paidOut.plus(payment));
    }

    /**
     * An incident's settlement: a reinsurance {@code recovery} enters capital, {@code payout} leaves it, of which
     * {@code activeReleased} was on covers still active; {@code burned} shares ({@code pendingBurned} of them waiting to
     * withdraw) leave with the loss they bore.
     */
    public Pool settled(Money recovery, Money payout, Money activeReleased, long burned, long pendingBurned) {
        return new Pool(id, asset, rules, capital.plus(recovery).minus(payout), unearnedPremium, Math.subtractExact(shares, burned),
                Math.subtractExact(sharesPendingWithdrawal, pendingBurned), activeCover.minus(activeReleased), premiumsEarned,
                paidOut.plus(payout));
    }
}
