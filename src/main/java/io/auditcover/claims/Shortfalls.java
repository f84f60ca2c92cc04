package io.auditcover.claims;

import io.auditcover.money.Money;
import io.auditcover.pool.Pool;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import io.auditcover.reason.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a pool short at settlement still owes, and how it pays it. A short pool's claims keep their unpaid part as a liability
 * of the pool ({@link DecidedClaim#unpaid()}); every later gain of its capital (a deposit, premium earned, a recovery of
 * funds) pays that liability before it becomes capital (premium is set aside and paid once an engine day, {@link #paysOn}): the oldest incident first (by when its claims were decided), and
 * within one incident pro rata to what each claim owes, exactly to the unit. A pool owing claims of an incident is spent: it
 * sells no cover and takes no deposit ({@code pool_spent}) until an operator reopens it; after that, a deposit's money pays
 * what is owed first and mints shares only for the rest. Pure: reads the books.
 */
public final class Shortfalls {
    private Shortfalls() {
    }

    /**
     * Whether a tick from {@code from} to {@code to} pays unpaid claims from premium: when it starts a new engine day (UTC).
     * Premium earned on the other ticks is set aside for them, so a pool owing a mass exploit's claims pays each of them once a
     * day, not on every tick.
     */
    public static boolean paysOn(Instant from, Instant to) {
        return !from.truncatedTo(java.time.temporal.ChronoUnit.DAYS).equals(to.truncatedTo(java.time.temporal.ChronoUnit.DAYS));
    }

    /** What the pool's decided claims still owe, in all. */
    public static Money owed(ClaimBook claims, Pool pool) {
        long units = 0;
        for (long owed : claims.owedBy(pool.id()).values()) {
            units = Math.addExact(units, owed);
        }
        return Money.ofUnits(pool.asset(), units);
    }

    /** pool_spent while the pool owes claims of an incident it was not reopened after; null when it is open. */
    public static Refusal spent(ClaimBook claims, Pool pool) {
        if (!claims.spent(pool.id())) {
            return null;
        }
        return Refusal.of(Reason.POOL_SPENT, "pool " + pool.id() + " was short at settlement and owes " + owed(claims, pool)
                + " of unpaid claims; it sells no cover and takes no deposit until an operator reopens it",
                Map.of("owed", owed(claims, pool).toDecimalString()));
    }

    /**
     * How {@code gain} of new capital in the pool pays what it owes: incidents oldest first (by when their claims were
     * decided, then by id), within one incident pro rata to what each claim owes; never more than is owed. Empty when the pool
     * owes nothing.
     */
    public static List<ShortfallPayment> pay(ClaimBook claims, String poolId, Money gain) {
        var owedByIncident = claims.owedBy(poolId);
        if (owedByIncident.isEmpty() || !gain.isPositive()) {
            return List.of();
        }
        var incidents = new ArrayList<List<DecidedClaim>>();
        for (String incidentId : owedByIncident.keySet()) {
            incidents.add(claims.owingClaimsOn(incidentId).stream().filter(claim -> claim.poolId().equals(poolId)).toList());
        }
        incidents.sort(Comparator.comparing((List<DecidedClaim> owing) -> owing.getFirst().decidedAt())
                .thenComparing(owing -> owing.getFirst().incidentId()));
        var payments = new ArrayList<ShortfallPayment>();
        Money left = gain;
        for (List<DecidedClaim> owing : incidents) {
            if (!left.isPositive()) {
                break;
            }
            Money incidentOwed = Money.zero(gain.asset());
            var weights = new ArrayList<Long>(owing.size());
            for (DecidedClaim claim : owing) {
                incidentOwed = incidentOwed.plus(claim.unpaid());
                weights.add(claim.unpaid().units());
            }
            List<Money> parts = left.exceeds(incidentOwed) || left.equals(incidentOwed) ? owing.stream().map(DecidedClaim::unpaid).toList()
                    : left.allocate(weights);
            for (int i = 0; i < owing.size(); i++) {
                if (parts.get(i).isPositive()) {
                    payments.add(new ShortfallPayment(owing.get(i).claimId(), parts.get(i)));
                    left = left.minus(parts.get(i));
                }
            }
        }
        return List.copyOf(payments);
    }

    /** What the gains paid, in all. */
    public static Money total(List<ShortfallPayment> payments, Money zero) {
        Money sum = zero;
        for (ShortfallPayment payment : payments) {
            sum = sum.plus(payment.amount());
        }
        return sum;
    }

    /** A reopening as decided: the incidents whose unpaid claims it acknowledges, and what the pool still owes on them. */
    public record Reopened(String poolId, List<String> incidentIds, Money owed, Instant at) {
        public Reopened {
            incidentIds = List.copyOf(incidentIds);
        }
    }

    /**
     * pool_not_found, pool_not_spent. The operator reopens a spent pool: it sells cover and takes deposits again, and what it
     * owes stays owed, paid first from every later gain (a deposit's money included).
     */
    public static Verdict<Reopened> reopen(Books books, String poolId, Instant now) {
        Pool pool = poolId == null ? null : books.pools().pool(poolId);
        if (pool == null) {
            return Verdict.refused(Refusal.notFound(Reason.POOL_NOT_FOUND, "pool", poolId));
        }
        if (!books.claims().spent(pool.id())) {
            return Verdict.refused(Refusal.of(Reason.POOL_NOT_SPENT, "pool " + pool.id() + " owes no claim it was not reopened after"));
        }
        var acknowledged = books.claims().reopenedShortfalls().get(pool.id());
        var incidents = books.claims().owedBy(pool.id()).keySet().stream()
                .filter(incidentId -> acknowledged == null || !acknowledged.contains(incidentId)).toList();
        return Verdict.accepted(new Reopened(pool.id(), incidents, owed(books.claims(), pool), now));
    }
}
