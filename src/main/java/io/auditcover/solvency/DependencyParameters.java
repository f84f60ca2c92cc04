package io.auditcover.solvency;

import java.util.EnumMap;
import java.util.Map;

/**
 * How one kind of dependency correlates exploits: the correlation {@code rho} of the latent variables of two protocols that
 * share a group of this kind (the weight of the group's common factor), and where the figure comes from.
 */
public record DependencyParameters(DependencyKind kind, double rho, String source) {
    /**
     * The correlations a run uses unless told otherwise. Fork, oracle and chain are fitted on 2021-2024 (DependencyFit over
     * datasets/incident_matches.csv and the DefiLlama listings: 278 fork, 129 oracle and 651 chain group-years): measured
     * against each group's own rate, which pricing already charges, no kind shows more same-year co-exploits than chance
     * (rho 0), so each is set at the upper end of its 95 % interval, the most four years of data leave room for; the oracle's
     * pooled-rate reading (0.031, up to 0.074) is the larger and is used. Bridges and auditors have no column to group by in
     * the data and stay assumed. A protocol in a group of every kind keeps 56 % of its variance its own.
     */
    public static final Map<DependencyKind, DependencyParameters> DEFAULTS = defaults();

    private static Map<DependencyKind, DependencyParameters> defaults() {
        var defaults = new EnumMap<DependencyKind, DependencyParameters>(DependencyKind.class);
        defaults.put(DependencyKind.FORK, new DependencyParameters(DependencyKind.FORK, 0.07,
                "fitted 2021-2024: rho 0 against each family's own rate (95 % interval 0-0.069, 278 group-years); the upper bound used"));
        defaults.put(DependencyKind.ORACLE, new DependencyParameters(DependencyKind.ORACLE, 0.074,
                "fitted 2021-2024: rho 0.031 against the year's pooled rate (95 % interval 0-0.074, 129 group-years); the upper bound used"));
        defaults.put(DependencyKind.CHAIN, new DependencyParameters(DependencyKind.CHAIN, 0.05,
                "fitted 2021-2024: rho 0 against each chain's own rate (95 % interval 0-0.049, 651 group-years); the upper bound used"));
        defaults.put(DependencyKind.BRIDGE, new DependencyParameters(DependencyKind.BRIDGE, 0.15,
                "assumed (no bridge column in the data): a drained bridge leaves every protocol holding its wrapped assets short"));
        defaults.put(DependencyKind.AUDITOR, new DependencyParameters(DependencyKind.AUDITOR, 0.10,
                "assumed (audit reports do not join incidents by auditor here): an auditor's blind spot repeats across its reports"));
        return Map.copyOf(defaults);
    }

    public DependencyParameters {
        if (kind == null || !(rho >= 0 && rho <= 1) || source == null || source.isBlank()) {
            throw new IllegalArgumentException("a dependency needs a kind, a correlation in [0, 1] and its source");
        }
    }
}
