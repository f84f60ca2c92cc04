package io.auditcover.chain;

import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Rounding;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Raw on-chain integers (wei, token base units with {@code decimals} places) as {@link Money} in the
 * insurer's accounting scale (at most 9 places), rounded by the one rule: what the pool pays rounds down,
 * what it receives rounds up. A proven loss feeds a payout, so it is converted with {@code POOL_PAYS}.
 */
public final class ChainAmounts {
    /** ERC-20 decimals are a uint8; real tokens use at most 18, some up to 24. */
    public static final int DECIMALS_MAX = 36;

    private ChainAmounts() {
    }

    public static Money toMoney(BigInteger raw, int decimals, Asset asset, Rounding rounding) {
        if (raw == null || raw.signum() < 0) {
            throw new IllegalArgumentException("an on-chain amount is a non-negative integer: " + raw);
        }
        if (decimals < 0 || decimals > DECIMALS_MAX) {
            throw new IllegalArgumentException("decimals must be 0-" + DECIMALS_MAX + ": " + decimals);
        }
        var exact = new java.math.BigDecimal(raw).movePointLeft(decimals).movePointRight(asset.scale());
        RoundingMode mode = rounding == Rounding.POOL_PAYS ? RoundingMode.DOWN : RoundingMode.UP;
        return Money.ofUnits(asset, exact.setScale(0, mode).longValueExact());
    }
}
