package io.auditcover.claims;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Why an incident happened, in the classes of the exploit data ({@code shared/data/exploits.csv},
 * column {@code category}) plus the off-chain causes that cover terms commonly exclude.
 */
public enum Cause {
    REENTRANCY,
    PRICE_ORACLE_MANIPULATION,
    ACCESS_CONTROL,
    SIGNATURE_VERIFICATION,
    ARBITRARY_CALL,
    ROUNDING,
    ARITHMETIC,
    LOGIC_ERROR,
    INPUT_VALIDATION,
    UPGRADE_STORAGE,
    MISCONFIGURATION,
    FLASH_LOAN,
    KEY_COMPROMISE,
    PHISHING,
    FRONT_END,
    GOVERNANCE_TAKEOVER,
    ECONOMIC_DEPEG;

    /** What a cover excludes unless its terms say otherwise: losses that audited code could not have prevented. */
    public static Set<Cause> defaultExclusions() {
        return EnumSet.of(KEY_COMPROMISE, PHISHING, FRONT_END, GOVERNANCE_TAKEOVER, ECONOMIC_DEPEG);
    }

    /** The cause as callers see it, e.g. {@code key_compromise}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
