package io.auditcover.ledger;

import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The books: balances by account and every transfer in order. Owned by one thread (the engine's
 * writer); every posting is checked before it changes anything.
 */
public final class Ledger {
    private final TreeMap<Account, Long> balances = new TreeMap<>();
    private final List<Transfer> transfers = new ArrayList<>();

    /** Posts a transfer; a non-external account may never go below zero. */
    public Transfer post(Account debit, Account credit, Money amount, String memo) {
        debit = known(debit);
        credit = known(credit);
        var transfer = new Transfer(transfers.size() + 1L, debit, credit, amount, memo);
        long debitAfter = Math.subtractExact(balance(debit).units(), amount.units());
        if (!debit.isExternal() && debitAfter < 0) {
            throw new IllegalStateException("transfer " + transfer + " would overdraw " + debit);
        }
        long creditAfter = Math.addExact(balance(credit).units(), amount.units());
        balances.put(debit, debitAfter);
        balances.put(credit, creditAfter);
        transfers.add(transfer);
        return transfer;
    }

    /** The book's own instance of an account it already has (one is named in every transfer; the rest would be copies). */
    private Account known(Account account) {
        Account key = balances.floorKey(account);
        return key != null && key.equals(account) ? key : account;
    }

    public Money balance(Account account) {
        return Money.ofUnits(account.asset(), balances.getOrDefault(account, 0L));
    }

    public Map<Account, Long> balances() {
        return Collections.unmodifiableMap(balances);
    }

    public List<Transfer> transfers() {
        return Collections.unmodifiableList(transfers);
    }

    public long transferCount() {
        return transfers.size();
    }

    /** Balances of each asset sum to zero, and only external accounts are negative; returns the violations. */
    public List<String> violations() {
        var sums = new TreeMap<String, Long>();
        var problems = new ArrayList<String>();
        for (var entry : balances.entrySet()) {
            Account account = entry.getKey();
            sums.merge(account.asset().code(), entry.getValue(), Math::addExact);
            if (!account.isExternal() && entry.getValue() < 0) {
                problems.add("account " + account + " is negative: " + entry.getValue());
            }
        }
        sums.forEach((asset, sum) -> {
            if (sum != 0) {
                problems.add("balances of " + asset + " sum to " + sum + ", not zero");
            }
        });
        return problems;
    }

    /** Restores books from a snapshot: the transfers are replayed, so balances are recomputed, not trusted. */
    public static Ledger fromTransfers(List<Transfer> transfers) {
        var ledger = new Ledger();
        for (Transfer transfer : transfers) {
            var posted = ledger.post(transfer.debit(), transfer.credit(), transfer.amount(), transfer.memo());
            if (posted.id() != transfer.id()) {
                throw new IllegalStateException("transfer ids are not consecutive at " + transfer.id());
            }
        }
        return ledger;
    }

    /** The assets that have at least one account. */
    public List<Asset> assets() {
        return balances.keySet().stream().map(Account::asset).distinct().toList();
    }
}
