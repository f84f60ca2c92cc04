/**
 * Risk pools. A {@link io.auditcover.pool.Pool} holds underwriters' capital in one asset under its
 * {@link io.auditcover.pool.PoolRules}; underwriters hold shares ({@link io.auditcover.pool.Position}),
 * whose value (NAV per share) rises with earned premium and falls with losses. Capital backing active
 * cover is locked; only free capital can be withdrawn, after a
 * {@link io.auditcover.pool.WithdrawalRequest} has waited out the notice period. Shares waiting to
 * leave still bear the losses that happen before they leave.
 */
package io.auditcover.pool;
