package io.auditcover.solvency;

import io.auditcover.claims.ClaimBook;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.reinsurance.ReinsuranceTreaty;
import io.auditcover.claims.TriggerKind;
import io.auditcover.cover.CoverBook;
import io.auditcover.evidence.EvidenceBook;
import io.auditcover.money.Money;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Listings;
import io.auditcover.pool.Pool;
import io.auditcover.pool.PoolBook;
import io.auditcover.pricing.PricingBook;
import io.auditcover.pricing.Quoting;
import io.auditcover.pricing.Risk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The book as the capital model reads it: one exposure per listing (its active cover, the pricing model's annual rate and
 * rate for the protocol, as a year's quote on it would price it, the share of cover an exploit pays by the listing's claim
 * terms, and its dependency groups) and each pool's
 * capital and excess-of-loss layer; and the last cover it includes, which the recorded run names. A listing with no cover is
 * kept (at zero cover), so the run gives it a capital factor before its first sale.
 */
public record SolvencyInputs(List<Exposure> exposures, List<PoolCapital> pools, long coverIdThrough) {
    public SolvencyInputs {
        exposures = List.copyOf(exposures);
        pools = List.copyOf(pools);
    }

    public static SolvencyInputs of(PoolBook pools, CoverBook covers, PricingBook pricing, EvidenceBook evidence, ClaimBook claims,
            SolvencyBook solvency, Instant time) {
        Map<String, ExcessOfLoss> reinsurance = claims.reinsurance();
        var exposures = new ArrayList<Exposure>();
        var capital = new ArrayList<PoolCapital>();
        for (Pool pool : pools.pools().values()) {
            capital.add(poolCapital(pool, reinsurance.get(pool.id()), claims.treaties().get(pool.id()), time));
        }
        for (Listing listing : pools.listings().values()) {
            Pool pool = pools.pool(listing.poolId());
            Money priced = listing.activeCover().isPositive() ? listing.activeCover() : Money.ofUnits(pool.asset(), 1);
            Risk risk = Quoting.price(pricing, evidence, pool, listing, Listings.annualRateBps(pools, evidence, listing), priced, 365, time, time,
                    Double.NaN)
                    .risk();
            exposures.add(new Exposure(pool.id(), listing.protocolId(), listing.activeCover().units(), Math.min(50, risk.annualRate()),
                    payoutShare(claims.listingClaimTerms().get(Listing.key(pool.id(), listing.protocolId())), risk),
                    Dependencies.of(listing.protocolId(), solvency, pricing, evidence)));
        }
        return new SolvencyInputs(exposures, capital, covers.lastCoverId());
    }

    /**
     * A pool's capital and layer for the year ahead. A treaty's aggregate is what its current treaty year has left (and its
     * reinstatable part likewise): a layer whose aggregate is spent saves nothing until it renews, which errs towards holding
     * more capital.
     */
    static PoolCapital poolCapital(Pool pool, ExcessOfLoss layer, ReinsuranceTreaty treaty, Instant time) {
        if (layer == null) {
            return new PoolCapital(pool.id(), pool.capital().units(), 0, 0);
        }
        if (treaty == null) {
            return new PoolCapital(pool.id(), pool.capital().units(), layer.retention().units(), layer.limit().units());
        }
        long used = treaty.recoveredIn(Math.max(0, treaty.yearOf(time)));
        long aggregate = layer.aggregateLimit() == null ? Long.MAX_VALUE : Math.max(0, layer.aggregateLimit().units() - used);
        long reinstatable = Math.max(0, layer.reinstatable().units() - used);
        long annualPremium = layer.annualPremium() == null ? 0 : layer.annualPremium().units();
        return new PoolCapital(pool.id(), pool.capital().units(), layer.retention().units(), layer.limit().units(), aggregate, reinstatable,
                layer.reinstatementPremiumFor(layer.limit()).units(), annualPremium);
    }

    /**
     * The share of cover one exploit pays: a parametric listing pays its terms' ratio (the most, where the ratio is scaled by
     * the share of deposits taken); an indemnity listing the pricing model's expected loss share. Covers keep the terms they
     * were sold on; the listing's terms in force stand for them here.
     */
    private static double payoutShare(ClaimTerms terms, Risk risk) {
        if (terms != null && terms.trigger() == TriggerKind.PARAMETRIC) {
            return (double) terms.payoutRatio().numerator() / terms.payoutRatio().denominator();
        }
        return Math.max(0, Math.min(1, risk.payoutRatio()));
    }

    /** Whether there is anything to assess: a pool and a listing. */
    public boolean isEmpty() {
        return exposures.isEmpty() || pools.isEmpty();
    }
}
