package io.auditcover.claims;

import io.auditcover.money.Money;
import java.util.ArrayList;
import java.util.List;

/**
 * How one pool pays the approved claims of one incident: in full when it can; otherwise every claim
 * gets the same share of its approved amount, whatever order the claims came in, and what is left
 * unpaid is recorded as the shortfall.
 *
 * @param paid      for each approved amount, in the same order, what is paid
 * @param shortfall the approved total minus what is paid
 */
public record Settlement(List<Money> paid, Money shortfall) {

    public Settlement {
        paid = List.copyOf(paid);
        if (shortfall.isNegative()) {
            throw new IllegalArgumentException("a shortfall is never negative");
        }
    }

    /** Settles {@code approved} from {@code available}; pro rata by approved amount (exactly, to the unit) when it does not all fit. */
    public static Settlement of(Money available, List<Money> approved) {
        Money total = Money.zero(available.asset());
        for (Money amount : approved) {
            if (amount.isNegative()) {
                throw new IllegalArgumentException("an approved amount is never negative: " + amount);
            }
            total = total.plus(amount);
        }
        if (!total.exceeds(available)) {
            return new Settlement(approved, Money.zero(available.asset()));
        }
        var weights = new ArrayList<Long>(approved.size());
        approved.forEach(amount -> weights.add(amount.units()));
        Money payable = available.max(Money.zero(available.asset()));
        List<Money> shares = payable.allocate(weights);
        return new Settlement(shares, total.minus(payable));
    }
}
