package io.auditcover.claims;

/**
 * The raw figures a position's value was computed from at one block, as the token answered them: the wallet's balance of the
 * token and the exchange rate it was valued at ({@link PositionReader.Kind#COMPOUND_V2}: {@code exchangeRateStored()}, a mantissa
 * scaled by 1e18). Both are on-chain integers (uint256) written in decimal digits, because they need not fit a long.
 *
 * @param balance      {@code balanceOf(wallet)} in the token's base units
 * @param exchangeRate the rate read at the same block; null when the wallet held nothing there, so no rate was needed
 */
public record PositionReading(String balance, String exchangeRate) {
    /** A uint256 has at most this many decimal digits. */
    public static final int DIGITS_MAX = 78;

    public PositionReading {
        if (!isUnsigned(balance) || (exchangeRate != null && !isUnsigned(exchangeRate)) || (exchangeRate == null && !balance.equals("0"))) {
            throw new IllegalArgumentException("a position reading is a balance and, unless it is 0, an exchange rate: up to "
                    + DIGITS_MAX + " decimal digits each");
        }
    }

    /** For people: {@code balanceOf 5000000000000 x exchangeRateStored 200000000000000 / 1e18}. */
    public String describe() {
        return "balanceOf " + balance + (exchangeRate == null ? " (no rate needed)" : " x exchangeRateStored " + exchangeRate + " / 1e18");
    }

    private static boolean isUnsigned(String digits) {
        return digits != null && !digits.isEmpty() && digits.length() <= DIGITS_MAX && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                && (digits.length() == 1 || digits.charAt(0) != '0');
    }
}
