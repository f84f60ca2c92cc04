package io.auditcover.solvency;

import io.auditcover.evidence.EvidenceBook;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.money.Rounding;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.pool.PoolBook;
import io.auditcover.pricing.PricingBook;
import io.auditcover.reason.Reason;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether a pool can back a new cover, by its solvency policy: the cover must leave the pool's exposure to each capped
 * dependency group within its share of capacity (dependency_cap_exceeded), and its marginal capital, from the last recorded
 * run's factor for the listing, must leave capital over required capital (the larger of SCR and TVaR 99 %) at or above the
 * pool's minimum (solvency_capital_exceeded). Reads
 * only recorded figures: deciding a purchase never runs a simulation.
 */
public final class SolvencyGate {
    private SolvencyGate() {
    }

    /** Why a cover does not fit, with the largest amount that does ({@code room}) and the figures behind it. */
    public record Shortfall(Reason code, String limit, Money room, Map<String, String> details) {
        public Shortfall {
            details = Map.copyOf(details);
        }
    }

    /** The first rule the cover breaks, or empty when the pool can back it (or keeps no solvency policy). */
    public static Optional<Shortfall> shortfall(SolvencyBook solvency, PoolBook pools, PricingBook pricing, EvidenceBook evidence, Pool pool,
            Listing listing, Money amount) {
        SolvencyPolicy policy = solvency.policy(pool.id());
        if (!policy.dependencyCaps().isEmpty()) {
            var groups = Dependencies.of(listing.protocolId(), solvency, pricing, evidence);
            for (var cap : new TreeMap<>(policy.dependencyCaps()).entrySet()) {
                String group = groups.get(cap.getKey());
                if (group == null) {
                    continue;
                }
                long exposed = exposedTo(cap.getKey(), group, solvency, pools, pricing, evidence, pool.id());
                long allowed = pool.capacity().times(cap.getValue(), Rounding.POOL_PAYS).units();
                if (Math.addExact(exposed, amount.units()) > allowed) {
                    long room = Math.max(0, allowed - exposed);
                    String kind = cap.getKey().name().toLowerCase(java.util.Locale.ROOT);
                    return Optional.of(new Shortfall(Reason.DEPENDENCY_CAP_EXCEEDED, "the pool's cap on " + kind + " " + group,
                            Money.ofUnits(pool.asset(), room), Map.of("dependency_kind", kind, "dependency_group", group,
                                    "dependency_cap", ratioText(cap.getValue()), "exposed", Money.ofUnits(pool.asset(), exposed).toDecimalString())));
                }
            }
        }
        Ratio minimum = policy.minimumRatio();
        if (minimum.isZero()) {
            return Optional.empty();
        }
        long required = solvency.requiredCapitalUnits(pool.id());
        String listingKey = Listing.key(listing.poolId(), listing.protocolId());
        long factor = solvency.capitalFactorPpm(listingKey);
        long marginal = solvency.marginalCapitalUnits(listingKey, amount.units());
        // The most SCR the capital backs at the minimum ratio: capital / minimum, rounded down.
        long backed = Ratio.scale(pool.capital().units(), minimum.denominator(), minimum.numerator(), Rounding.POOL_PAYS);
        if (Math.addExact(required, marginal) <= backed) {
            return Optional.empty();
        }
        long room = factor == 0 || required >= backed ? 0
                : BigInteger.valueOf(backed - required).multiply(BigInteger.valueOf(SolvencyAssessment.FULL_FACTOR_PPM))
                        .divide(BigInteger.valueOf(factor)).min(BigInteger.valueOf(amount.units())).longValueExact();
        var details = new TreeMap<String, String>();
        details.put("minimum_solvency_ratio", ratioText(minimum));
        details.put("capital", pool.capital().toDecimalString());
        details.put("required_capital", Money.ofUnits(pool.asset(), required).toDecimalString());
        details.put("required_capital_after", Money.ofUnits(pool.asset(), required + marginal).toDecimalString());
        details.put("solvency_ratio_after", ratioText(pool.capital().units(), required + marginal));
        details.put("capital_factor", factorText(factor));
        details.put("run_id", solvency.assessment() == null ? "none" : solvency.assessment().runId());
        return Optional.of(new Shortfall(Reason.SOLVENCY_CAPITAL_EXCEEDED, "the capital the pool's minimum solvency ratio "
                + ratioText(minimum) + " backs", Money.ofUnits(pool.asset(), room), details));
    }

    /** Active cover in the pool on protocols of the group. */
    private static long exposedTo(DependencyKind kind, String group, SolvencyBook solvency, PoolBook pools, PricingBook pricing,
            EvidenceBook evidence, String poolId) {
        long exposed = 0;
        for (Listing listing : pools.listings().subMap(poolId + "/", poolId + "/\uffff").values()) {
            if (listing.activeCover().isPositive() && group.equals(Dependencies.of(listing.protocolId(), solvency, pricing, evidence).get(kind))) {
                exposed = Math.addExact(exposed, listing.activeCover().units());
            }
        }
        return exposed;
    }

    public static String ratioText(long capital, long scr) {
        return scr == 0 ? "unbounded" : new java.math.BigDecimal(capital).divide(new java.math.BigDecimal(scr), 4, java.math.RoundingMode.DOWN).stripTrailingZeros()
                .toPlainString();
    }

    /** A ratio as people write it: 1.5, not 3/2. */
    public static String ratioText(Ratio ratio) {
        return new java.math.BigDecimal(ratio.numerator()).divide(new java.math.BigDecimal(ratio.denominator()), 6,
                java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private static String factorText(long ppm) {
        return java.math.BigDecimal.valueOf(ppm, 6).stripTrailingZeros().toPlainString();
    }
}
