package io.auditcover.claims;

import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Money;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import io.auditcover.reason.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An assessor's optional stake, and its slashing for fraud: the operator slashes part of the stake of an assessor who voted on
 * a claim; the slashed amount is held for the assessment cooldown, in which the operator can reverse it (back to the stake),
 * and is then forfeited to the pool the claim was on. Pure: reads the books and {@code now}.
 */
public final class AssessorStakes {
    private AssessorStakes() {
    }

    /** invalid_command (not a positive amount), assessor_not_found (not registered), asset_mismatch (a stake is in one asset). */
    public static Verdict<Money> stake(Books books, String assessor, Money amount) {
        if (amount == null || !amount.isPositive() || !Identifiers.isParty(assessor)) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "a stake names its assessor and a positive amount"));
        }
        if (!books.claims().assessors().containsKey(assessor)) {
            return Verdict.refused(Refusal.notFound(Reason.ASSESSOR_NOT_FOUND, "assessor", assessor));
        }
        Money staked = books.claims().stakes().get(assessor);
        if (staked != null && !staked.asset().equals(amount.asset())) {
            return Verdict.refused(Refusal.of(Reason.ASSET_MISMATCH, "assessor " + assessor + " stakes in " + staked.asset()));
        }
        if (staked != null && staked.units() > Long.MAX_VALUE - amount.units()) {
            return Verdict.refused(Refusal.of(Reason.AMOUNT_TOO_LARGE, "the stake would exceed what an amount can hold"));
        }
        return Verdict.accepted(amount);
    }

    /**
     * invalid_command (not a positive amount, evidence of 1 to {@link Slash#EVIDENCE_LENGTH_MAX} characters), assessor_not_found
     * (nothing staked), claim_not_found (no vote on it), vote_not_found (the assessor cast none there), asset_mismatch,
     * slash_exceeds_stake (with the stake). Held until the book's assessment cooldown has passed.
     */
    public static Verdict<Slash> slash(Books books, String assessor, long claimId, Money amount, String evidence, Instant now) {
        if (amount == null || !amount.isPositive() || evidence == null || evidence.isBlank() || evidence.length() > Slash.EVIDENCE_LENGTH_MAX) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "a slash takes a positive amount, with evidence of 1 to "
                    + Slash.EVIDENCE_LENGTH_MAX + " characters"));
        }
        Money staked = assessor == null ? null : books.claims().stakes().get(assessor);
        if (staked == null) {
            return Verdict.refused(Refusal.of(Reason.ASSESSOR_NOT_FOUND, "assessor " + assessor + " has no stake to slash"));
        }
        Assessment assessment = books.claims().assessments().get(claimId);
        FiledClaim filed = books.claims().filedClaims().get(claimId);
        if (assessment == null || filed == null) {
            return Verdict.refused(Refusal.of(Reason.CLAIM_NOT_FOUND, "claim " + claimId + " was never before assessors"));
        }
        if (!assessment.votes().containsKey(assessor)) {
            return Verdict.refused(Refusal.of(Reason.VOTE_NOT_FOUND, "assessor " + assessor + " cast no vote on claim " + claimId));
        }
        // A parametric claim sent to assessors claims no amount: its cover's is the claim's, and its asset the claim's.
        var claimAsset = Filings.claimedLoss(filed, books.covers().cover(filed.coverId())).asset();
        if (!amount.asset().equals(staked.asset()) || !amount.asset().equals(claimAsset)) {
            return Verdict.refused(Refusal.of(Reason.ASSET_MISMATCH, "assessor " + assessor + " stakes in " + staked.asset()
                    + " and claim " + claimId + " is in " + claimAsset));
        }
        if (amount.exceeds(staked)) {
            return Verdict.refused(Refusal.of(Reason.SLASH_EXCEEDS_STAKE, "assessor " + assessor + " has " + staked + " staked",
                    Map.of("stake", staked.toDecimalString(), "asset", staked.asset().code())));
        }
        long slashId = books.claims().slashes().isEmpty() ? 1 : books.claims().slashes().lastKey() + 1;
        return Verdict.accepted(new Slash(slashId, assessor, claimId, filed.poolId(), amount, evidence, now,
                now.plus(books.claims().assessmentRules().cooldown()), Slash.Status.HELD));
    }

    /** slash_not_found, slash_final (reversed or forfeited already, or its cooldown is over). */
    public static Verdict<Slash> reverse(Books books, long slashId, Instant now) {
        Slash slash = books.claims().slashes().get(slashId);
        if (slash == null) {
            return Verdict.refused(Refusal.notFound(Reason.SLASH_NOT_FOUND, "slash", Long.toString(slashId)));
        }
        if (slash.status() != Slash.Status.HELD || !now.isBefore(slash.finalAt())) {
            return Verdict.refused(Refusal.of(Reason.SLASH_FINAL, "slash " + slashId + " is final: " + (slash.status() != Slash.Status.HELD
                    ? slash.status().name().toLowerCase(java.util.Locale.ROOT) : "its cooldown ended at " + slash.finalAt()),
                    Map.of("final_at", slash.finalAt().toString())));
        }
        return Verdict.accepted(slash.with(Slash.Status.REVERSED));
    }

    /**
     * The stake an assessor can take out now: none while it sits on a vote not yet final (its whole stake answers for that vote,
     * through the cooldown in which a fraud is found), else all of it. A held slash is already out of the stake.
     */
    public static Money freeStake(Books books, String assessor, Instant now) {
        Money staked = books.claims().stakes().get(assessor);
        if (staked == null) {
            throw new IllegalStateException("assessor " + assessor + " has no stake");
        }
        for (Assessment assessment : books.claims().assessments().values()) {
            if (assessment.seats(assessor, now)) {
                return Money.zero(staked.asset());
            }
        }
        return staked;
    }

    /**
     * invalid_command (not a positive amount), assessor_not_found (nothing staked), asset_mismatch,
     * stake_withdrawal_exceeds_free_stake (with the free stake): the request replaces any earlier one and can be withdrawn after
     * the book's assessment cooldown.
     */
    public static Verdict<StakeWithdrawal> requestWithdrawal(Books books, String assessor, Money amount, Instant now) {
        if (amount == null || !amount.isPositive() || !Identifiers.isParty(assessor)) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "a stake withdrawal names its assessor and a positive amount"));
        }
        Money staked = books.claims().stakes().get(assessor);
        if (staked == null) {
            return Verdict.refused(Refusal.of(Reason.ASSESSOR_NOT_FOUND, "assessor " + assessor + " has no stake"));
        }
        if (!staked.asset().equals(amount.asset())) {
            return Verdict.refused(Refusal.of(Reason.ASSET_MISMATCH, "assessor " + assessor + " stakes in " + staked.asset()));
        }
        Refusal refusal = refusalToTake(books, assessor, amount, now);
        return refusal != null ? Verdict.refused(refusal)
                : Verdict.accepted(new StakeWithdrawal(assessor, amount, now, now.plus(books.claims().assessmentRules().cooldown())));
    }

    /**
     * invalid_command, assessor_not_found (nothing staked), withdrawal_not_found (no request), notice_period_not_over (with
     * available_at), stake_withdrawal_exceeds_free_stake (slashed, or seated on a vote, since the request: ask again).
     */
    public static Verdict<StakeWithdrawal> withdraw(Books books, String assessor, Instant now) {
        if (!Identifiers.isParty(assessor)) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "a stake withdrawal names its assessor"));
        }
        if (!books.claims().stakes().containsKey(assessor)) {
            return Verdict.refused(Refusal.of(Reason.ASSESSOR_NOT_FOUND, "assessor " + assessor + " has no stake"));
        }
        StakeWithdrawal request = books.claims().stakeWithdrawals().get(assessor);
        if (request == null) {
            return Verdict.refused(Refusal.notFound(Reason.WITHDRAWAL_NOT_FOUND, "stake withdrawal of assessor", assessor));
        }
        if (now.isBefore(request.availableAt())) {
            return Verdict.refused(Refusal.of(Reason.NOTICE_PERIOD_NOT_OVER, "the stake of assessor " + assessor + " can be withdrawn from "
                    + request.availableAt(), Map.of("available_at", request.availableAt().toString())));
        }
        Refusal refusal = refusalToTake(books, assessor, request.amount(), now);
        return refusal != null ? Verdict.refused(refusal) : Verdict.accepted(request);
    }

    /** Why {@code amount} cannot leave the assessor's stake now; null when it can. */
    private static Refusal refusalToTake(Books books, String assessor, Money amount, Instant now) {
        Money free = freeStake(books, assessor, now);
        if (!amount.exceeds(free)) {
            return null;
        }
        return Refusal.of(Reason.STAKE_WITHDRAWAL_EXCEEDS_FREE_STAKE, "assessor " + assessor + " can withdraw "
                + free + " now (none while it sits on a vote not yet final)", Map.of("free_stake", free.toDecimalString(), "asset",
                free.asset().code()));
    }

    /** The held slashes whose cooldown is over by {@code now}: forfeited to their pools as time advances. */
    public static List<Long> forfeitable(Books books, Instant now) {
        return books.claims().slashes().values().stream().filter(s -> s.status() == Slash.Status.HELD && !now.isBefore(s.finalAt()))
                .map(Slash::slashId).toList();
    }
}
