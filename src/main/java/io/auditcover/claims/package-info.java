/**
 * Claims against covers. For now an operator approves a {@link io.auditcover.claims.Claim} amount on an
 * active cover and it is paid from the pool at once; a payout never exceeds the cover's remaining
 * amount. Automated adjudication replaces the operator's approval later. {@link io.auditcover.claims.ChainFacts}
 * is the port through which claims read proof of loss from the chain (balances at a block, transfers out).
 */
package io.auditcover.claims;
