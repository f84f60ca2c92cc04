package io.auditcover.money;

import java.util.regex.Pattern;

/** A currency the insurer keeps books in, with its accounting scale (decimal places). */
public record Asset(String code, int scale) {
    public static final int SCALE_MAX = 9;
    public static final int CODE_LENGTH_MAX = 12;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]{1,11}");

    public Asset {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("asset code must be 2-12 upper-case letters or digits: " + code);
        }
        if (scale < 0 || scale > SCALE_MAX) {
            throw new IllegalArgumentException("asset scale must be 0.." + SCALE_MAX + ": " + scale);
        }
    }

    /** Units of this asset in one whole coin: 10^scale. */
    public long unitsPerWhole() {
        return java.math.BigInteger.TEN.pow(scale).longValueExact();
    }

    @Override
    public String toString() {
        return code;
    }
}
