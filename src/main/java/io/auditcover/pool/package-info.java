/**
 * Risk pools. A {@link io.auditcover.pool.Pool} holds underwriters' capital in one asset under its
 * {@link io.auditcover.pool.PoolRules}; underwriters hold shares ({@link io.auditcover.pool.Position}),
 * whose value (NAV per share) rises with earned premium and falls with losses. Capital backing active
 * cover is locked; only free capital can be withdrawn, after a
 * {@link io.auditcover.pool.WithdrawalRequest} has waited out the notice period. Shares waiting to
 * leave still bear the losses that happen before they leave, and capital paid out is held back
 * ({@link io.auditcover.pool.HeldWithdrawal}) for the pool's incident report window. Who bears an incident
 * is read from each position's {@link io.auditcover.pool.ShareHistory} as of the incident's time.
 */
package io.auditcover.pool;
