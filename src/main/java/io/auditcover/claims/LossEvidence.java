package io.auditcover.claims;

import io.auditcover.money.Money;

/**
 * What the chain shows of the insured wallet around the incident, at two stated blocks: the wallet's balance of the cover's
 * asset, or, when its listing names a {@link PositionReader}, the value of its position in the protocol, then with what it
 * withdrew from the protocol in between. Proven loss = before − (after + withdrawn), never below zero.
 *
 * @param position  the reader the values come from; null for balances of the cover's asset (evidence from before readers)
 * @param withdrawn with a position, the cover's asset the wallet received from the protocol in blocks
 *                  {@code beforeBlock + 1 .. afterBlock}; null without one
 * @param readingBefore with a position valued at an exchange rate ({@link PositionReader.Kind#COMPOUND_V2}), the balance and
 *                  rate the value at {@code beforeBlock} came from; null for every other evidence
 * @param readingAfter the same at {@code afterBlock}
 */
public record LossEvidence(Money balanceBefore, Money balanceAfter, long beforeBlock, long afterBlock, PositionReader position,
        Money withdrawn, PositionReading readingBefore, PositionReading readingAfter) {

    /** A position's values as the token answers them, with no raw figures to keep (an ERC-4626 vault, a receipt). */
    public LossEvidence(Money balanceBefore, Money balanceAfter, long beforeBlock, long afterBlock, PositionReader position, Money withdrawn) {
        this(balanceBefore, balanceAfter, beforeBlock, afterBlock, position, withdrawn, null, null);
    }

    /** Balances of the cover's asset. */
    public LossEvidence(Money balanceBefore, Money balanceAfter, long beforeBlock, long afterBlock) {
        this(balanceBefore, balanceAfter, beforeBlock, afterBlock, null, null, null, null);
    }

    /** Whether the values are of a position in the protocol (else of the wallet's balance of the cover's asset). */
    public boolean ofPosition() {
        return position != null;
    }

    /**
     * Whether the evidence holds together: both values, a block before the other, a withdrawal exactly with a position, and the
     * raw readings at both blocks exactly with a position valued at an exchange rate.
     */
    public boolean wellFormed() {
        boolean atExchangeRate = position != null && position.kind() == PositionReader.Kind.COMPOUND_V2;
        return balanceBefore != null && balanceAfter != null && !balanceBefore.isNegative() && !balanceAfter.isNegative() && beforeBlock >= 0
                && afterBlock >= beforeBlock
                && (position == null) == (withdrawn == null) && (withdrawn == null || !withdrawn.isNegative())
                && (readingBefore != null) == atExchangeRate && (readingAfter != null) == atExchangeRate;
    }

    /** before − (after + withdrawn), never below zero; the assets are the caller's to have checked. */
    public Money provenLoss() {
        // Subtracted one at a time: each figure is non-negative, so no step can overflow.
        Money left = balanceBefore.minus(balanceAfter);
        if (withdrawn != null) {
            left = left.minus(withdrawn);
        }
        return left.max(Money.zero(balanceBefore.asset()));
    }
}
