package io.auditcover.money;

import java.math.BigInteger;

/**
 * An exact non-negative fraction: rates, shares of capacity, leverage, weights. Kept in lowest terms
 * so equal ratios are equal records.
 */
public record Ratio(long numerator, long denominator) implements Comparable<Ratio> {
    public static final Ratio ZERO = new Ratio(0, 1);
    public static final Ratio ONE = new Ratio(1, 1);
    public static final long BPS_PER_ONE = 10_000;

    public Ratio {
        if (denominator <= 0) {
            throw new IllegalArgumentException("ratio denominator must be positive: " + denominator);
        }
        if (numerator < 0) {
            throw new IllegalArgumentException("ratio must not be negative: " + numerator);
        }
        long divisor = gcd(numerator, denominator);
        numerator /= divisor;
        denominator /= divisor;
    }

    public static Ratio of(long numerator, long denominator) {
        return new Ratio(numerator, denominator);
    }

    public static Ratio bps(long basisPoints) {
        return new Ratio(basisPoints, BPS_PER_ONE);
    }

    public static Ratio whole(long value) {
        return new Ratio(value, 1);
    }

    /** Parses "0.25", "2" or "25%" exactly. */
    public static Ratio parse(String text) {
        String trimmed = text.strip();
        boolean percent = trimmed.endsWith("%");
        var decimal = new java.math.BigDecimal(percent ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
        if (percent) {
            decimal = decimal.movePointLeft(2);
        }
        if (decimal.signum() < 0) {
            throw new IllegalArgumentException("ratio must not be negative: " + text);
        }
        decimal = decimal.stripTrailingZeros();
        int scale = Math.max(decimal.scale(), 0);
        if (scale > 18) {
            throw new IllegalArgumentException("ratio has too many decimals: " + text);
        }
        return new Ratio(decimal.movePointRight(scale).longValueExact(), BigInteger.TEN.pow(scale).longValueExact());
    }

    /** {@code value × this}, rounded as the rule says; exact for any long inputs. */
    public long applyTo(long value, Rounding rounding) {
        return Ratio.scale(value, numerator, denominator, rounding);
    }

    /** {@code value × numerator / denominator} with one rounding, overflow-checked. */
    public static long scale(long value, long numerator, long denominator, Rounding rounding) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be positive: " + denominator);
        }
        long high = Math.multiplyHigh(value, numerator);
        long low = value * numerator;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return rounding == Rounding.POOL_RECEIVES ? Math.ceilDiv(low, denominator) : Math.floorDiv(low, denominator);
        }
        BigInteger[] quotient = BigInteger.valueOf(value).multiply(BigInteger.valueOf(numerator))
                .divideAndRemainder(BigInteger.valueOf(denominator));
        BigInteger result = quotient[0];
        if (quotient[1].signum() != 0) {
            boolean negative = quotient[1].signum() < 0;
            if (rounding == Rounding.POOL_RECEIVES && !negative) {
                result = result.add(BigInteger.ONE);
            } else if (rounding == Rounding.POOL_PAYS && negative) {
                result = result.subtract(BigInteger.ONE);
            }
        }
        return result.longValueExact();
    }

    public Ratio times(Ratio other) {
        return new Ratio(Math.multiplyExact(numerator, other.numerator), Math.multiplyExact(denominator, other.denominator));
    }

    public boolean isZero() {
        return numerator == 0;
    }

    @Override
    public int compareTo(Ratio other) {
        return BigInteger.valueOf(numerator).multiply(BigInteger.valueOf(other.denominator))
                .compareTo(BigInteger.valueOf(other.numerator).multiply(BigInteger.valueOf(denominator)));
    }

    @Override
    public String toString() {
        return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long next = a % b;
            a = b;
            b = next;
        }
        return a == 0 ? 1 : a;
    }
}
