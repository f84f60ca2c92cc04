package io.auditcover.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import org.junit.jupiter.api.Test;

class LedgerTest {
    static final Asset USDC = new Asset("USDC", 6);
    static final Account CAPITAL = Account.poolCapital("alpha", USDC);

    @Test
    void money_enters_only_through_the_external_account_and_balances_sum_to_zero() {
        var ledger = new Ledger();
        ledger.post(Account.external(USDC), CAPITAL, Money.whole(USDC, 1_000), "deposit");
        assertThat(ledger.balance(Account.external(USDC))).isEqualTo(Money.whole(USDC, -1_000));
        assertThat(ledger.balance(CAPITAL)).isEqualTo(Money.whole(USDC, 1_000));
        assertThat(ledger.violations()).isEmpty();
    }

    @Test
    void an_overdraft_of_an_internal_account_is_refused_and_changes_nothing() {
        var ledger = new Ledger();
        ledger.post(Account.external(USDC), CAPITAL, Money.whole(USDC, 10), "deposit");
        assertThatThrownBy(() -> ledger.post(CAPITAL, Account.external(USDC), Money.whole(USDC, 11), "payout"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(ledger.balance(CAPITAL)).isEqualTo(Money.whole(USDC, 10));
        assertThat(ledger.transferCount()).isEqualTo(1);
    }

    @Test
    void a_transfer_needs_a_positive_amount_in_the_accounts_asset() {
        var ledger = new Ledger();
        assertThatThrownBy(() -> ledger.post(Account.external(USDC), CAPITAL, Money.zero(USDC), "nothing"))
                .isInstanceOf(IllegalArgumentException.class);
        var eth = new Asset("ETH", 9);
        assertThatThrownBy(() -> ledger.post(Account.external(USDC), CAPITAL, Money.whole(eth, 1), "wrong asset"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void books_rebuilt_from_transfers_have_the_same_balances() {
        var ledger = new Ledger();
        ledger.post(Account.external(USDC), CAPITAL, Money.whole(USDC, 10), "deposit");
        ledger.post(CAPITAL, Account.external(USDC), Money.whole(USDC, 4), "withdrawal");
        assertThat(Ledger.fromTransfers(ledger.transfers()).balances()).isEqualTo(ledger.balances());
    }
}
