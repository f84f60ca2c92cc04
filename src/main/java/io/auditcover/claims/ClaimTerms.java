package io.auditcover.claims;

import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The claim terms frozen into a cover at purchase: how it pays, what it excludes, how long the buyer
 * must have held it before an incident counts (waiting period), and how long after an incident a claim
 * may be filed. A change of a listing's terms never reaches a cover already sold.
 *
 * @param payoutRatio parametric covers pay {@code amount × payoutRatio}, or with {@link PayoutBasis#LOSS_SHARE}
 *                    {@code amount × payoutRatio × the incident's loss share}; indemnity covers ignore it
 * @param deductible  indemnity covers pay {@code min(claimed loss, proven loss) − reimbursed − deductible}; parametric covers ignore it
 * @param minimumLossShare null for none; else an indemnity claim whose loss counted (before reimbursements) is below
 *                    {@code minimumLossShare × amount} is denied, and a parametric cover pays only for an incident that took at
 *                    least this share of the protocol (its loss share): a parametric payout proves no loss of its own, so the
 *                    only loss it can be held to is the incident's. Null in covers sold before the term existed.
 * @param recoveriesToHolderDeductibleFirst subrogation: when funds are recovered after the incident's claims were paid, whether
 *                    the holder of an indemnity cover gets back the deductible it bore before the pool gets anything; null
 *                    (covers sold before the term existed) and false: the pools get every recovery.
 * @param position    null for none; else an indemnity claim's loss is proven on the wallet's position in the protocol read this
 *                    way, instead of on its balance of the cover's asset
 * @param payees      null or {@link Payees#INSURED_WALLET} for cover of the insured wallet; {@link Payees#DEPOSITORS} for cover a
 *                    protocol buys for its depositors, whose claim is their losses read by {@code position} ({@link DepositorCover})
 */
public record ClaimTerms(TriggerKind trigger, Ratio payoutRatio, Money deductible, Set<Cause> exclusions, Duration waitingPeriod,
        Duration claimWindow, PayoutBasis basis, Ratio minimumLossShare, Boolean recoveriesToHolderDeductibleFirst, PositionReader position,
        Payees payees) {

    /** Whom an indemnity claim pays. */
    public enum Payees {
        /** The wallet insured at purchase (or the holder). */
        INSURED_WALLET,
        /** Every depositor of the protocol's position token, pro rata to its proven loss, under the average clause. */
        DEPOSITORS
    }

    /** Terms paying the insured wallet. */
    public ClaimTerms(TriggerKind trigger, Ratio payoutRatio, Money deductible, Set<Cause> exclusions, Duration waitingPeriod,
            Duration claimWindow, PayoutBasis basis, Ratio minimumLossShare, Boolean recoveriesToHolderDeductibleFirst, PositionReader position) {
        this(trigger, payoutRatio, deductible, exclusions, waitingPeriod, claimWindow, basis, minimumLossShare,
                recoveriesToHolderDeductibleFirst, position, null);
    }

    /** Terms whose losses are proven on the wallet's balance of the cover's asset. */
    public ClaimTerms(TriggerKind trigger, Ratio payoutRatio, Money deductible, Set<Cause> exclusions, Duration waitingPeriod,
            Duration claimWindow, PayoutBasis basis, Ratio minimumLossShare, Boolean recoveriesToHolderDeductibleFirst) {
        this(trigger, payoutRatio, deductible, exclusions, waitingPeriod, claimWindow, basis, minimumLossShare,
                recoveriesToHolderDeductibleFirst, null);
    }

    /** Terms whose recoveries go to the pools only. */
    public ClaimTerms(TriggerKind trigger, Ratio payoutRatio, Money deductible, Set<Cause> exclusions, Duration waitingPeriod,
            Duration claimWindow, PayoutBasis basis, Ratio minimumLossShare) {
        this(trigger, payoutRatio, deductible, exclusions, waitingPeriod, claimWindow, basis, minimumLossShare, null);
    }

    /** How a parametric payout ratio applies: as it stands, or scaled by the share of the protocol's deposits the incident took. */
    public enum PayoutBasis {
        FIXED,
        LOSS_SHARE
    }

    /** Terms without a minimum loss share. */
    public ClaimTerms(TriggerKind trigger, Ratio payoutRatio, Money deductible, Set<Cause> exclusions, Duration waitingPeriod,
            Duration claimWindow, PayoutBasis basis) {
        this(trigger, payoutRatio, deductible, exclusions, waitingPeriod, claimWindow, basis, null);
    }

    /** Terms paying a fixed ratio. */
    public ClaimTerms(TriggerKind trigger, Ratio payoutRatio, Money deductible, Set<Cause> exclusions, Duration waitingPeriod,
            Duration claimWindow) {
        this(trigger, payoutRatio, deductible, exclusions, waitingPeriod, claimWindow, PayoutBasis.FIXED);
    }

    /** The share of the cover amount a parametric claim pays for an incident that took {@code lossShare} of the protocol. */
    public Ratio parametricRatio(Ratio lossShare) {
        return basis == PayoutBasis.LOSS_SHARE ? payoutRatio.times(lossShare) : payoutRatio;
    }

    /** The same terms with this minimum loss share (null: none). */
    public ClaimTerms withMinimumLossShare(Ratio share) {
        return new ClaimTerms(trigger, payoutRatio, deductible, exclusions, waitingPeriod, claimWindow, basis, share,
                recoveriesToHolderDeductibleFirst, position, payees);
    }

    /** The same terms with recoveries paying the holder's deductible first, or not (null: not, as before the term existed). */
    public ClaimTerms withRecoveriesToHolderDeductibleFirst(Boolean first) {
        return new ClaimTerms(trigger, payoutRatio, deductible, exclusions, waitingPeriod, claimWindow, basis, minimumLossShare, first,
                position, payees);
    }

    /** The same terms proving losses on the position {@code reader} reads (null: on the wallet's balance of the cover's asset). */
    public ClaimTerms withPosition(PositionReader reader) {
        return new ClaimTerms(trigger, payoutRatio, deductible, exclusions, waitingPeriod, claimWindow, basis, minimumLossShare,
                recoveriesToHolderDeductibleFirst, reader, payees);
    }

    /** The same terms for a protocol's depositors, their positions read by {@code reader}. */
    public ClaimTerms forDepositors(PositionReader reader) {
        return new ClaimTerms(trigger, payoutRatio, deductible, exclusions, waitingPeriod, claimWindow, basis, minimumLossShare,
                recoveriesToHolderDeductibleFirst, reader, Payees.DEPOSITORS);
    }

    /** Whether a claim on these terms pays a protocol's depositors rather than the insured wallet. */
    public boolean paysDepositors() {
        return payees == Payees.DEPOSITORS;
    }

    /** Whether a recovery pays the holder's deductible before the pools (only indemnity covers have one). */
    public boolean holderDeductibleFirst() {
        return Boolean.TRUE.equals(recoveriesToHolderDeductibleFirst) && trigger == TriggerKind.INDEMNITY;
    }

    /**
     * The least loss an indemnity claim on a cover of {@code coverAmount} must count, or null without the term: rounded up, so
     * that for whole units {@code loss < minimumLoss} exactly when {@code loss < share × amount}.
     */
    public Money minimumLoss(Money coverAmount) {
        return minimumLossShare == null ? null : coverAmount.times(minimumLossShare, io.auditcover.money.Rounding.POOL_RECEIVES);
    }

    public static final Duration WAITING_PERIOD_MAX = Duration.ofDays(30);
    public static final Duration CLAIM_WINDOW_MIN = Duration.ofDays(1);
    public static final Duration CLAIM_WINDOW_MAX = Duration.ofDays(365);

    public ClaimTerms {
        if (trigger == null || payoutRatio == null || deductible == null || exclusions == null || waitingPeriod == null
                || claimWindow == null || basis == null) {
            throw new IllegalArgumentException("every claim term is required");
        }
        if (payoutRatio.compareTo(Ratio.ZERO) <= 0 || payoutRatio.compareTo(Ratio.ONE) > 0) {
            throw new IllegalArgumentException("payout ratio must be above 0 and at most 1: " + payoutRatio);
        }
        if (minimumLossShare != null && (minimumLossShare.compareTo(Ratio.ZERO) <= 0 || minimumLossShare.compareTo(Ratio.ONE) > 0)) {
            throw new IllegalArgumentException("minimum loss share must be above 0 and at most 1: " + minimumLossShare);
        }
        if (position != null && trigger != TriggerKind.INDEMNITY) {
            throw new IllegalArgumentException("only indemnity terms prove a loss on a position; a parametric cover pays for the event");
        }
        if (payees == Payees.DEPOSITORS && position == null) {
            throw new IllegalArgumentException("cover for a protocol's depositors reads their positions: it needs a position reader");
        }
        if (deductible.isNegative()) {
            throw new IllegalArgumentException("deductible must not be negative: " + deductible);
        }
        if (waitingPeriod.isNegative() || waitingPeriod.compareTo(WAITING_PERIOD_MAX) > 0) {
            throw new IllegalArgumentException("waiting period must be 0 to " + WAITING_PERIOD_MAX.toDays() + " days");
        }
        if (claimWindow.compareTo(CLAIM_WINDOW_MIN) < 0 || claimWindow.compareTo(CLAIM_WINDOW_MAX) > 0) {
            throw new IllegalArgumentException("claim window must be " + CLAIM_WINDOW_MIN.toDays() + " to " + CLAIM_WINDOW_MAX.toDays() + " days");
        }
        // An enum set keeps declaration order, so the encoded terms (and every state hash) are the same in every JVM.
        exclusions = Collections.unmodifiableSet(exclusions.isEmpty() ? EnumSet.noneOf(Cause.class) : EnumSet.copyOf(exclusions));
    }

    /** The terms of a cover whose listing set none: indemnity in the cover's asset, with no deductible. */
    public static ClaimTerms defaultTerms(io.auditcover.money.Asset asset) {
        return indemnity(Money.zero(asset));
    }

    /** Indemnity with the default exclusions, no deductible, no waiting period and a 30-day claim window. */
    public static ClaimTerms indemnity(Money deductible) {
        return new ClaimTerms(TriggerKind.INDEMNITY, Ratio.ONE, deductible, Cause.defaultExclusions(), Duration.ZERO, Duration.ofDays(30));
    }

    /** Parametric with the default exclusions, paying {@code payoutRatio} of the amount. */
    public static ClaimTerms parametric(Ratio payoutRatio, Money zero) {
        return new ClaimTerms(TriggerKind.PARAMETRIC, payoutRatio, zero, Cause.defaultExclusions(), Duration.ZERO, Duration.ofDays(30));
    }
}
