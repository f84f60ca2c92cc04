package io.auditcover.solvency;

import java.util.EnumMap;
import java.util.Map;

/**
 * How one kind of dependency correlates exploits: the correlation {@code rho} of the latent variables of two protocols that
 * share a group of this kind (the weight of the group's common factor), and where the figure comes from.
 */
public record DependencyParameters(DependencyKind kind, double rho, String source) {
    /**
     * The correlations a run uses unless told otherwise. They sum to 0.75, so a protocol in a group of every kind keeps a
     * quarter of its variance its own.
     */
    public static final Map<DependencyKind, DependencyParameters> DEFAULTS = defaults();

    private static Map<DependencyKind, DependencyParameters> defaults() {
        var defaults = new EnumMap<DependencyKind, DependencyParameters>(DependencyKind.class);
        defaults.put(DependencyKind.FORK, new DependencyParameters(DependencyKind.FORK, 0.30,
                "assumed: a bug in a parent codebase is inherited by every fork that kept the code"));
        defaults.put(DependencyKind.ORACLE, new DependencyParameters(DependencyKind.ORACLE, 0.15,
                "assumed: a manipulated or stale feed reaches every reader of it, but most exploits are not oracle-borne"));
        defaults.put(DependencyKind.BRIDGE, new DependencyParameters(DependencyKind.BRIDGE, 0.15,
                "assumed: a drained bridge leaves every protocol holding its wrapped assets short"));
        defaults.put(DependencyKind.CHAIN, new DependencyParameters(DependencyKind.CHAIN, 0.05,
                "assumed: a chain halt or reorg touches all its protocols, but rarely as a covered exploit"));
        defaults.put(DependencyKind.AUDITOR, new DependencyParameters(DependencyKind.AUDITOR, 0.10,
                "assumed: an auditor's blind spot repeats across its reports"));
        return Map.copyOf(defaults);
    }

    public DependencyParameters {
        if (kind == null || !(rho >= 0 && rho <= 1) || source == null || source.isBlank()) {
            throw new IllegalArgumentException("a dependency needs a kind, a correlation in [0, 1] and its source");
        }
    }
}
