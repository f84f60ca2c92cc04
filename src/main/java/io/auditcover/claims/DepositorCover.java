package io.auditcover.claims;

import io.auditcover.money.Money;
import io.auditcover.money.Rounding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Cover a protocol buys for its depositors (Nexus Native Protocol Cover, OpenCover insured vaults): one cover, whose claim at an
 * incident is the depositors' losses read from chain. The claim counts their loss under the average clause: when the funds
 * exposed at the incident (every depositor's position before it) exceed the cover amount, the loss counted is
 * {@code loss × cover ÷ exposed funds}, as an underinsured property is paid. What the claim is paid is split among the
 * depositors pro rata to each one's proven loss, exactly (the units left by rounding go to the largest remainders), and paid to
 * each wallet. Pure.
 */
public final class DepositorCover {
    /** Depositors one claim names; a protocol with more files through an insurer's bulk process, not this one. */
    public static final int DEPOSITORS_MAX = 1_000;
    /** The depositors are read from the position token's transfers over at most this many blocks (about two years of mainnet). */
    public static final long SCAN_BLOCKS_MAX = 5_000_000;
    /** Losses a recovery quote splits. */
    public static final int QUOTED_LOSSES_MAX = 100;

    private DepositorCover() {
    }

    /** What a depositors' claim comes to: the figures of its explanation and the quote alike. */
    public record Recovery(Money exposedFunds, Money loss, boolean averageClause, Money lossCounted, Money payable, List<Money> recoveries) {
        public Recovery {
            recoveries = List.copyOf(recoveries);
        }
    }

    /** What every depositor held before the incident: the funds the cover is exposed to. */
    public static Money exposedFunds(List<DepositorLoss> depositors, Money zero) {
        Money exposed = zero;
        for (DepositorLoss depositor : depositors) {
            exposed = exposed.plus(depositor.evidence().balanceBefore());
        }
        return exposed;
    }

    /** Each depositor's proven loss, in the order named. */
    public static List<Money> losses(List<DepositorLoss> depositors) {
        return depositors.stream().map(depositor -> depositor.evidence().provenLoss()).toList();
    }

    /** The loss a cover of {@code coverAmount} counts: {@code loss × cover ÷ exposed} when the exposed funds exceed it, else the loss. */
    public static Money lossCounted(Money coverAmount, Money exposedFunds, Money loss) {
        return exposedFunds.compareTo(coverAmount) > 0 ? loss.scaled(coverAmount.units(), exposedFunds.units(), Rounding.POOL_PAYS) : loss;
    }

    /** {@code paid} split pro rata to the losses, adding up to it exactly; all zero when nobody lost anything. */
    public static List<Money> shares(Money paid, List<Money> losses) {
        if (losses.stream().noneMatch(Money::isPositive)) {
            return losses.stream().map(loss -> Money.zero(paid.asset())).toList();
        }
        return paid.allocate(losses.stream().map(Money::units).toList());
    }

    /**
     * What each depositor would recover from a cover of {@code coverAmount} with {@code deductible} (borne once, by the whole
     * claim) at these losses out of {@code exposedFunds}: the quote a protocol is shown before it buys.
     */
    public static Recovery recovery(Money coverAmount, Money deductible, Money exposedFunds, List<Money> losses) {
        Money loss = Money.zero(coverAmount.asset());
        for (Money each : losses) {
            loss = loss.plus(each);
        }
        Money counted = lossCounted(coverAmount, exposedFunds, loss);
        Money payable = counted.minus(deductible).max(Money.zero(loss.asset())).min(coverAmount);
        return new Recovery(exposedFunds, loss, exposedFunds.compareTo(coverAmount) > 0, counted, payable, shares(payable, losses));
    }

    /** Why these depositors cannot make one claim, or null: too many, none, one wallet twice, or read at other blocks than the first. */
    public static String malformed(List<DepositorLoss> depositors) {
        if (depositors == null || depositors.isEmpty() || depositors.size() > DEPOSITORS_MAX) {
            return "a depositors' claim names 1 to " + DEPOSITORS_MAX + " depositors";
        }
        var wallets = new HashSet<String>();
        LossEvidence first = depositors.getFirst().evidence();
        long exposed = 0;
        for (DepositorLoss depositor : depositors) {
            exposed = exposed > Long.MAX_VALUE - depositor.evidence().balanceBefore().units() ? -1 : exposed + depositor.evidence().balanceBefore().units();
            if (exposed < 0) {
                return "the depositors' positions add up to more than an amount can hold";
            }
            if (!wallets.add(depositor.wallet())) {
                return "depositor " + depositor.wallet() + " is named twice";
            }
            LossEvidence evidence = depositor.evidence();
            if (evidence.beforeBlock() != first.beforeBlock() || evidence.afterBlock() != first.afterBlock()
                    || !evidence.position().equals(first.position())) {
                return "every depositor's position is read by one reader at the same two blocks";
            }
        }
        return null;
    }

    /** The depositors' shares of a claim paid {@code paid}, to their wallets, in the order named (none for nothing paid). */
    public static List<DepositorPaid> paid(long claimId, String poolId, List<DepositorLoss> depositors, Money paid) {
        var result = new ArrayList<DepositorPaid>();
        if (!paid.isPositive()) {
            return result;
        }
        List<Money> shares = shares(paid, losses(depositors));
        for (int i = 0; i < depositors.size(); i++) {
            if (shares.get(i).isPositive()) {
                result.add(new DepositorPaid(claimId, poolId, depositors.get(i).wallet(), shares.get(i)));
            }
        }
        return result;
    }
}
