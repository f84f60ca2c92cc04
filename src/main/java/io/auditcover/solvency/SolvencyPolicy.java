package io.auditcover.solvency;

import io.auditcover.money.Ratio;
import java.util.EnumMap;
import java.util.Map;

/**
 * A pool's solvency rules: the solvency ratio (capital / SCR) it must keep after every sale, and the largest share of its
 * capacity it may expose to any one dependency group of a kind (e.g. at most 30 % of capacity on forks of one parent). A
 * zero minimum ratio keeps no ratio; a kind without a cap is uncapped.
 */
public record SolvencyPolicy(Ratio minimumRatio, Map<DependencyKind, Ratio> dependencyCaps) {
    /** Far above any ratio a regulator asks (Solvency II's is 1): a figure above it is a typing error. */
    public static final Ratio MINIMUM_RATIO_MAX = Ratio.whole(10);
    public static final SolvencyPolicy NONE = new SolvencyPolicy(Ratio.ZERO, Map.of());

    public SolvencyPolicy {
        if (minimumRatio == null || minimumRatio.compareTo(Ratio.ZERO) < 0 || minimumRatio.compareTo(MINIMUM_RATIO_MAX) > 0) {
            throw new IllegalArgumentException("the minimum solvency ratio must be 0 to " + MINIMUM_RATIO_MAX);
        }
        var caps = new EnumMap<DependencyKind, Ratio>(DependencyKind.class);
        for (var cap : (dependencyCaps == null ? Map.<DependencyKind, Ratio>of() : dependencyCaps).entrySet()) {
            if (cap.getKey() == null || cap.getValue() == null || cap.getValue().isZero() || cap.getValue().compareTo(Ratio.ONE) > 0) {
                throw new IllegalArgumentException("a dependency cap names a kind and a share of capacity above 0 and at most 1");
            }
            caps.put(cap.getKey(), cap.getValue());
        }
        dependencyCaps = Map.copyOf(caps);
    }
}
