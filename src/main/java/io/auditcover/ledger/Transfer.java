package io.auditcover.ledger;

import io.auditcover.money.Money;

/** One movement of money: {@code amount} leaves {@code debit} and arrives in {@code credit}. */
public record Transfer(long id, Account debit, Account credit, Money amount, String memo) {
    public static final int MEMO_LENGTH_MAX = 200;

    public Transfer {
        if (id <= 0) {
            throw new IllegalArgumentException("transfer id must be positive: " + id);
        }
        if (debit.equals(credit)) {
            throw new IllegalArgumentException("a transfer needs two different accounts: " + debit);
        }
        if (!debit.asset().equals(amount.asset()) || !credit.asset().equals(amount.asset())) {
            throw new IllegalArgumentException("transfer of " + amount + " between " + debit + " and " + credit);
        }
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a transfer moves a positive amount: " + amount);
        }
        if (memo == null || memo.length() > MEMO_LENGTH_MAX) {
            throw new IllegalArgumentException("memo must be at most " + MEMO_LENGTH_MAX + " characters");
        }
    }
}
