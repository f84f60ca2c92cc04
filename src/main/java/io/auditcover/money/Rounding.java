package io.auditcover.money;

/**
 * The single rounding rule: whatever the pool receives (premiums, shares burned) rounds up, whatever
 * it gives away (payouts, withdrawals, shares minted) rounds down, so rounding never costs the pool.
 */
public enum Rounding {
    /** For amounts the pool receives. */
    POOL_RECEIVES,
    /** For amounts the pool pays out. */
    POOL_PAYS
}
