package io.auditcover.evidence;

import java.util.Locale;

/** Why deployed code is outside every audit's scope. */
public enum OutOfScopeReason {
    /** The code (or a proxy's implementation) matches no audit. */
    UNKNOWN_CODE,
    /** A proxy now points at an implementation no audit covers. */
    UPGRADED_TO_UNAUDITED_IMPLEMENTATION,
    /** No code is left at the address. */
    SELF_DESTRUCTED;

    /** As callers see it, e.g. {@code self_destructed}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
