/**
 * Double-entry books. An {@link io.auditcover.ledger.Account} holds one asset; a
 * {@link io.auditcover.ledger.Transfer} moves an amount from its debit account to its credit account.
 * Only an asset's {@code external} account stands for the outside world and may go negative, so the
 * balances of each asset always sum to zero. Nothing is edited: a correction is a reversing transfer.
 */
package io.auditcover.ledger;
