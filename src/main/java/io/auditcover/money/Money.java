package io.auditcover.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An exact amount: a whole number of the asset's smallest units. Arithmetic is overflow-checked and
 * refuses to mix assets.
 */
public record Money(Asset asset, long units) implements Comparable<Money> {
    public Money {
        if (asset == null) {
            throw new IllegalArgumentException("money needs an asset");
        }
    }

    public static Money zero(Asset asset) {
        return new Money(asset, 0);
    }

    public static Money ofUnits(Asset asset, long units) {
        return new Money(asset, units);
    }

    /** Parses a decimal string such as "1250.50"; more decimals than the asset's scale is an error, never rounded. */
    public static Money parse(Asset asset, String decimal) {
        BigDecimal value;
        try {
            value = new BigDecimal(decimal.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal amount: " + decimal, e);
        }
        if (value.stripTrailingZeros().scale() > asset.scale()) {
            throw new IllegalArgumentException("amount has more than " + asset.scale() + " decimals for " + asset.code() + ": " + decimal);
        }
        try {
            return new Money(asset, value.movePointRight(asset.scale()).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount out of range: " + decimal, e);
        }
    }

    public static Money whole(Asset asset, long wholeCoins) {
        return new Money(asset, Math.multiplyExact(wholeCoins, asset.unitsPerWhole()));
    }

    public Money plus(Money other) {
        requireSameAsset(other);
        return new Money(asset, Math.addExact(units, other.units));
    }

    public Money minus(Money other) {
        requireSameAsset(other);
        return new Money(asset, Math.subtractExact(units, other.units));
    }

    public Money negate() {
        return new Money(asset, Math.negateExact(units));
    }

    public Money times(Ratio ratio, Rounding rounding) {
        return new Money(asset, ratio.applyTo(units, rounding));
    }

    /** {@code this × numerator / denominator} with one rounding. */
    public Money scaled(long numerator, long denominator, Rounding rounding) {
        return new Money(asset, Ratio.scale(units, numerator, denominator, rounding));
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean isZero() {
        return units == 0;
    }

    public boolean isPositive() {
        return units > 0;
    }

    public boolean isNegative() {
        return units < 0;
    }

    public boolean exceeds(Money other) {
        return compareTo(other) > 0;
    }

    /**
     * Splits this amount by weights so the parts add up exactly: each part is rounded down, then the
     * units left over go one each to the largest remainders (ties to the earlier weight).
     */
    public List<Money> allocate(List<Long> weights) {
        if (units < 0) {
            throw new IllegalArgumentException("only a non-negative amount can be allocated: " + this);
        }
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("allocation needs at least one weight");
        }
        long total = 0;
        for (long weight : weights) {
            if (weight < 0) {
                throw new IllegalArgumentException("allocation weights must not be negative: " + weight);
            }
            total = Math.addExact(total, weight);
        }
        if (total == 0) {
            throw new IllegalArgumentException("allocation weights must not all be zero");
        }
        int count = weights.size();
        long[] parts = new long[count];
        // Each remainder is below the total, so it fits in a long even when units × weight does not.
        long[] remainders = new long[count];
        long given = 0;
        BigInteger bigTotal = BigInteger.valueOf(total);
        for (int i = 0; i < count; i++) {
            long weight = weights.get(i);
            if (Math.multiplyHigh(units, weight) == 0 && units * weight >= 0) {
                parts[i] = units * weight / total;
                remainders[i] = units * weight % total;
            } else {
                BigInteger[] split = BigInteger.valueOf(units).multiply(BigInteger.valueOf(weight)).divideAndRemainder(bigTotal);
                parts[i] = split[0].longValueExact();
                remainders[i] = split[1].longValueExact();
            }
            given += parts[i];
        }
        // Fewer units are left than there are weights (the remainders add up to less than count × total), so each of the
        // first `left` weights by remainder, largest first and ties to the earlier, gets one: a sort, not a scan per unit.
        long left = units - given;
        if (left > 0) {
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> remainders[a] != remainders[b] ? Long.compare(remainders[b], remainders[a]) : Integer.compare(a, b));
            for (int k = 0; k < left; k++) {
                parts[order[k]]++;
            }
        }
        var result = new ArrayList<Money>(count);
        for (long part : parts) {
            result.add(new Money(asset, part));
        }
        return List.copyOf(result);
    }

    /** The amount as a plain decimal string at the asset's scale, e.g. "1250.500000". */
    public String toDecimalString() {
        return BigDecimal.valueOf(units, asset.scale()).toPlainString();
    }

    @Override
    public int compareTo(Money other) {
        requireSameAsset(other);
        return Long.compare(units, other.units);
    }

    @Override
    public String toString() {
        return toDecimalString() + " " + asset.code();
    }

    private void requireSameAsset(Money other) {
        if (!asset.equals(other.asset)) {
            throw new IllegalArgumentException("cannot mix " + asset + " and " + other.asset);
        }
    }
}
