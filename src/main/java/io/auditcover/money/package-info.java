/**
 * Exact money. An {@link io.auditcover.money.Asset} is a currency with an accounting scale (at most
 * 9 decimals); {@link io.auditcover.money.Money} is a whole number of its smallest units, with
 * overflow-checked arithmetic; {@link io.auditcover.money.Ratio} is the one type for rates, shares
 * and weights; {@link io.auditcover.money.Rounding} is the one rule: what the pool receives rounds
 * up, what it pays rounds down.
 */
package io.auditcover.money;
