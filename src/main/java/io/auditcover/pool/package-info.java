/**
 * Risk pools. A {@link io.auditcover.pool.Pool} holds underwriters' capital in one asset under its
 * {@link io.auditcover.pool.PoolRules}; underwriters hold shares ({@link io.auditcover.pool.Position}),
 * whose value (NAV per share) rises with earned premium and falls with losses. Capital backing active
 * cover is locked; only free capital can be withdrawn, after a
 * {@link io.auditcover.pool.WithdrawalRequest} has waited out the notice period. Shares waiting to
 * leave still bear the losses that happen before they leave, and capital paid out is held back
 * ({@link io.auditcover.pool.HeldWithdrawal}) for the pool's incident report window. Who bears an incident
 * is read from each position's {@link io.auditcover.pool.ShareHistory} as of the incident's time.
 * The {@link io.auditcover.pool.PoolBook} keeps them; {@link io.auditcover.pool.Capital} decides deposits and withdrawals,
 * {@link io.auditcover.pool.Listings} what is listed and what a listing does while its code is out of audited scope.
 */
package io.auditcover.pool;
