package io.auditcover.solvency;

import io.auditcover.cover.Cover;
import io.auditcover.money.Ratio;
import io.auditcover.money.Rounding;
import io.auditcover.pool.Listing;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import org.pcollections.TreePMap;

/**
 * The solvency book: each pool's solvency policy, each protocol's recorded dependencies, the last recorded assessment, and
 * the SCR charged since it by covers sold after the run (each at its listing's factor; a listing the run did not see at the
 * full cover), kept for the pools that have a policy. Expired cover is not credited back until the next run: between runs the book only errs towards holding more
 * capital. Its changes are the engine's apply of solvency events, on the writer thread.
 */
public final class SolvencyBook {
    private TreePMap<String, SolvencyPolicy> policies = TreePMap.empty();
    private TreePMap<String, Map<DependencyKind, String>> dependencies = TreePMap.empty();
    private TreePMap<String, Long> chargedSinceUnits = TreePMap.empty();
    private SolvencyAssessment assessment;

    /** What a snapshot keeps; null when the book is empty, so states from before solvency existed hash as they did. */
    public record Content(Map<String, SolvencyPolicy> policies, Map<String, Map<DependencyKind, String>> dependencies,
            SolvencyAssessment assessment, Map<String, Long> chargedSinceUnits) {
    }

    public Content content() {
        if (policies.isEmpty() && dependencies.isEmpty() && assessment == null && chargedSinceUnits.isEmpty()) {
            return null;
        }
        return new Content(policies, dependencies, assessment, chargedSinceUnits);
    }

    public static SolvencyBook restore(Content content) {
        var book = new SolvencyBook();
        if (content != null) {
            book.policies = TreePMap.from(content.policies());
            book.dependencies = TreePMap.from(content.dependencies());
            book.assessment = content.assessment();
            book.chargedSinceUnits = TreePMap.from(content.chargedSinceUnits());
        }
        return book;
    }

    /** A view for readers on other threads, as the book is now; the maps are persistent, so this shares them. */
    public SolvencyBook forQuotes() {
        var view = new SolvencyBook();
        view.policies = policies;
        view.dependencies = dependencies;
        view.chargedSinceUnits = chargedSinceUnits;
        view.assessment = assessment;
        return view;
    }

    public NavigableMap<String, SolvencyPolicy> policies() {
        return policies;
    }

    public SolvencyPolicy policy(String poolId) {
        return policies.getOrDefault(poolId, SolvencyPolicy.NONE);
    }

    /** Each protocol's recorded dependency groups, by kind. */
    public NavigableMap<String, Map<DependencyKind, String>> dependencies() {
        return dependencies;
    }

    /** The last recorded assessment, or null before the first. */
    public SolvencyAssessment assessment() {
        return assessment;
    }

    /** The SCR charged to the pool by covers sold after the last run, in units. */
    public long chargedSinceUnits(String poolId) {
        return chargedSinceUnits.getOrDefault(poolId, 0L);
    }

    /** The capital the gate holds the pool to: the run's required capital plus what covers sold since were charged. */
    public long requiredCapitalUnits(String poolId) {
        PoolSolvency figures = assessment == null ? null : assessment.pools().get(poolId);
        return Math.addExact(figures == null ? 0 : figures.requiredCapitalUnits(), chargedSinceUnits(poolId));
    }

    /** Parts per million of cover a new cover on the listing consumes: the run's factor, or the whole cover when it has none. */
    public long capitalFactorPpm(String listingKey) {
        Long factor = assessment == null ? null : assessment.capitalFactorsPpm().get(listingKey);
        return factor == null ? SolvencyAssessment.FULL_FACTOR_PPM : factor;
    }

    /**
     * The capital a unit of cover on the listing holds, as pricing charges its cost: the last run's factor, times the pool's
     * minimum solvency ratio where it keeps one (the gate holds that much); NaN before a run has priced the listing (pricing
     * then holds amount ÷ leverage).
     */
    public double capitalPerCover(String poolId, String protocolId) {
        Long factor = assessment == null ? null : assessment.capitalFactorsPpm().get(Listing.key(poolId, protocolId));
        if (factor == null) {
            return Double.NaN;
        }
        Ratio minimum = policy(poolId).minimumRatio();
        double ratio = minimum.isZero() ? 1 : (double) minimum.numerator() / minimum.denominator();
        return Math.min(10, (double) factor / SolvencyAssessment.FULL_FACTOR_PPM * ratio);
    }

    /** The capital a cover of {@code units} on the listing consumes, rounded up. */
    public long marginalCapitalUnits(String listingKey, long units) {
        return Ratio.scale(units, capitalFactorPpm(listingKey), SolvencyAssessment.FULL_FACTOR_PPM,
                Rounding.POOL_RECEIVES);
    }

    /**
     * Sets the pool's policy. Charges are kept only for pools with a policy (so a book without one stays empty); a pool taking
     * its first policy is charged for its active covers the last run did not see ({@code soldAfterRun}: every active cover
     * of the book sold after it).
     */
    public void setPolicy(String poolId, SolvencyPolicy policy, Collection<Cover> soldAfterRun) {
        if (policy.equals(SolvencyPolicy.NONE)) {
            policies = policies.minus(poolId);
            chargedSinceUnits = chargedSinceUnits.minus(poolId);
            return;
        }
        boolean first = !policies.containsKey(poolId);
        policies = policies.plus(poolId, policy);
        if (first) {
            soldAfterRun.stream().filter(cover -> cover.poolId().equals(poolId))
                    .forEach(cover -> coverSold(cover.poolId(), cover.protocolId(), cover.amount().units()));
        }
    }

    public void recordDependencies(String protocolId, Map<DependencyKind, String> groups) {
        dependencies = groups.isEmpty() ? dependencies.minus(protocolId) : dependencies.plus(protocolId, Map.copyOf(new EnumMap<>(groups)));
    }

    /** Records a run; the covers sold after the last one it saw and still active are charged at its factors. */
    public void assessed(SolvencyAssessment next, Collection<Cover> soldAfterRun) {
        assessment = next;
        chargedSinceUnits = TreePMap.empty();
        soldAfterRun.forEach(cover -> coverSold(cover.poolId(), cover.protocolId(), cover.amount().units()));
    }

    /** Charges a cover sold now to its pool, when the pool keeps a policy. */
    public void coverSold(String poolId, String protocolId, long units) {
        if (!policies.containsKey(poolId)) {
            return;
        }
        long charge = marginalCapitalUnits(Listing.key(poolId, protocolId), units);
        if (charge > 0) {
            chargedSinceUnits = chargedSinceUnits.plus(poolId, Math.addExact(chargedSinceUnits(poolId), charge));
        }
    }
}
