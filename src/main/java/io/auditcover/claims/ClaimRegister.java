package io.auditcover.claims;

import io.auditcover.cover.Cover;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The claims register, for the people who audit the insurer: every claim with its incident, its dates (occurred, reported,
 * confirmed, filed, decided, paid), its amounts (claimed, proven, approved, paid, the deductible of its frozen terms, what a
 * short pool left unpaid) and its reason code; and the loss development triangle, paid by incident month and development
 * month, cumulative. Pure: reads the books.
 *
 * <p>A parametric claim claims nothing (the event triggers it), so its claimed and proven amounts are absent; the confirmation
 * files it, so its filing date is the incident's confirmation. A claim is paid when its incident's settlement pays it.
 */
public final class ClaimRegister {
    /** The most claims one page of the register lists. */
    public static final int PAGE_SIZE_MAX = 1_000;
    /** The widest triangle, in development months (twenty years); what is paid later counts in the last. */
    public static final int DEVELOPMENT_MONTHS_MAX = 240;

    private ClaimRegister() {
    }

    /**
     * One claim in the register. Dates a claim has not reached are null ({@code confirmedAt}, {@code decidedAt}, {@code paidAt});
     * so are amounts that do not apply: {@code claimed} and {@code proven} for a parametric claim or an unproven loss,
     * {@code shortfall} until decided. {@code approved} is what the rules approved at filing until the settlement decides it;
     * {@code paid} includes what a short pool paid later, {@code paidAt} is its last payment, {@code shortfall} what the pool
     * still owes on it, and {@code recovered} what recoveries of the funds after payout returned to the pool for it.
     */
    public record Entry(long claimId, long coverId, String holder, String poolId, String protocolId, String incidentId, TriggerKind trigger,
            Claim.Stage stage, String reasonCode, Instant occurredAt, Instant reportedAt, Instant confirmedAt, Instant filedAt,
            Instant decidedAt, Instant paidAt, Money claimed, Money proven, Money approved, Money paid, Money deductible, Money shortfall,
            Money recovered) {

        public Asset asset() {
            return approved.asset();
        }
    }

    /** The claims after {@code afterClaimId}, in id order, at most {@code limit} (1 to {@link #PAGE_SIZE_MAX}). */
    public static List<Entry> entries(Books books, long afterClaimId, int limit) {
        if (limit < 1 || limit > PAGE_SIZE_MAX) {
            throw new IllegalArgumentException("a register page lists 1-" + PAGE_SIZE_MAX + " claims");
        }
        var entries = new ArrayList<Entry>();
        for (long claimId : books.claims().claimIds().tailSet(afterClaimId, false)) {
            if (entries.size() == limit) {
                break;
            }
            entries.add(entry(books, claimId));
        }
        return entries;
    }

    /** Every claim, in id order: the whole register, as a download gives it. */
    public static List<Entry> all(Books books) {
        var entries = new ArrayList<Entry>();
        for (long claimId : books.claims().claimIds()) {
            entries.add(entry(books, claimId));
        }
        return entries;
    }

    /** Claim {@code claimId} as the register shows it; the id must be a claim's. */
    public static Entry entry(Books books, long claimId) {
        Claim claim = books.claims().claim(claimId, coverId -> books.covers().covers().get(coverId).holder());
        if (claim == null) {
            throw new IllegalStateException("no claim " + claimId);
        }
        Cover cover = books.covers().covers().get(claim.coverId());
        IncidentCase incidentCase = books.claims().incidents().get(claim.incidentId());
        ClaimTerms terms = books.termsOf(cover);
        boolean parametric = terms.trigger() == TriggerKind.PARAMETRIC;
        boolean decided = claim.stage() == Claim.Stage.DECIDED;
        Money zero = Money.zero(cover.amount().asset());
        return new Entry(claim.claimId(), cover.id(), claim.holder(), cover.poolId(), cover.protocolId(), claim.incidentId(), terms.trigger(),
                claim.stage(), claim.reasonCode(), incidentCase.incident().occurredAt(), incidentCase.reportedAt(), incidentCase.confirmedAt(),
                parametric ? incidentCase.confirmedAt() : claim.filedAt(), claim.decidedAt(),
                decided && claim.paid().isPositive() ? lastPayment(claim) : null, parametric ? null : claim.claimedLoss(),
                parametric ? null : claim.provenLoss(), claim.approved(), claim.paid(), terms.deductible(),
                decided ? claim.unpaid().max(zero) : null, recovered(claim, zero));
    }

    private static Instant lastPayment(Claim claim) {
        return claim.paidLater().isEmpty() ? claim.decidedAt() : claim.paidLater().getLast().at();
    }

    private static Money recovered(Claim claim, Money zero) {
        Money sum = zero;
        for (ClaimRecovery part : claim.recoveries()) {
            sum = sum.plus(part.toPool());
        }
        return sum;
    }

    /**
     * One asset's loss development: for each month in which incidents occurred, the cumulative amount paid on their claims by
     * development month (0 is the incident's own month), up to the valuation month; a later incident month has fewer
     * development months, which gives the triangle its shape.
     */
    public record Triangle(Asset asset, YearMonth valuationMonth, List<Row> rows) {
        public Triangle {
            rows = List.copyOf(rows);
        }

        /** The development months the oldest row reaches: the triangle's width. */
        public int developmentMonths() {
            return rows.stream().mapToInt(row -> row.cumulativePaid().size()).max().orElse(0);
        }
    }

    /** One incident month of a triangle: {@code cumulativePaid.get(d)} is what was paid by the end of development month d. */
    public record Row(YearMonth incidentMonth, List<Money> cumulativePaid) {
        public Row {
            cumulativePaid = List.copyOf(cumulativePaid);
        }
    }

    /**
     * The loss development triangles of every asset a claim was paid in, valued at {@code asOf} (never before the last payment),
     * months in UTC. Every incident month with a claim appears, paid or not. A payment counts in the month it was made: what the
     * settlement paid in its month, what a short pool paid later in theirs. Paid is gross of recoveries.
     */
    public static List<Triangle> development(Books books, Instant asOf) {
        Instant valuation = asOf;
        for (DecidedClaim decided : books.claims().decidedClaims().values()) {
            for (LatePayment payment : decided.latePayments()) {
                valuation = payment.at().isAfter(valuation) ? payment.at() : valuation;
            }
            if (decided.paid().isPositive() && decided.decidedAt().isAfter(valuation)) {
                valuation = decided.decidedAt();
            }
        }
        YearMonth valuationMonth = month(valuation);
        // asset code -> incident month -> development month -> paid in that month
        var paidByAsset = new TreeMap<String, TreeMap<YearMonth, TreeMap<Long, Money>>>();
        var assets = new TreeMap<String, Asset>();
        for (long claimId : books.claims().claimIds()) {
            Entry entry = entry(books, claimId);
            assets.putIfAbsent(entry.asset().code(), entry.asset());
            YearMonth incidentMonth = month(entry.occurredAt());
            var byMonth = paidByAsset.computeIfAbsent(entry.asset().code(), code -> new TreeMap<>())
                    .computeIfAbsent(incidentMonth, month -> new TreeMap<>());
            DecidedClaim decided = books.claims().decidedClaims().get(claimId);
            if (decided != null && decided.paid().isPositive()) {
                Money atSettlement = decided.paid();
                for (LatePayment payment : decided.latePayments()) {
                    byMonth.merge(development(incidentMonth, payment.at()), payment.amount(), Money::plus);
                    atSettlement = atSettlement.minus(payment.amount());
                }
                if (atSettlement.isPositive()) {
                    byMonth.merge(development(incidentMonth, decided.decidedAt()), atSettlement, Money::plus);
                }
            }
        }
        var triangles = new ArrayList<Triangle>();
        paidByAsset.forEach((code, byIncidentMonth) -> {
            Asset asset = assets.get(code);
            var rows = new ArrayList<Row>();
            byIncidentMonth.forEach((incidentMonth, paidByDevelopment) -> {
                long width = Math.min(DEVELOPMENT_MONTHS_MAX,
                        Math.max(0, incidentMonth.until(valuationMonth, java.time.temporal.ChronoUnit.MONTHS)) + 1);
                var cumulative = new ArrayList<Money>();
                Money total = Money.zero(asset);
                for (long development = 0; development < width; development++) {
                    total = total.plus(paidByDevelopment.getOrDefault(development, Money.zero(asset)));
                    cumulative.add(total);
                }
                rows.add(new Row(incidentMonth, cumulative));
            });
            triangles.add(new Triangle(asset, valuationMonth, rows));
        });
        return triangles;
    }

    /** The development month of a payment at {@code paidAt} on an incident of {@code incidentMonth}, capped at the widest. */
    private static long development(YearMonth incidentMonth, Instant paidAt) {
        return Math.min(DEVELOPMENT_MONTHS_MAX - 1, Math.max(0, incidentMonth.until(month(paidAt), java.time.temporal.ChronoUnit.MONTHS)));
    }

    private static YearMonth month(Instant instant) {
        return YearMonth.from(instant.atZone(ZoneOffset.UTC));
    }
}
