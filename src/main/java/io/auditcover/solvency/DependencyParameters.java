package io.auditcover.solvency;

/**
 * How one kind of dependency correlates exploits: the correlation {@code rho} of the latent variables of two protocols that
 * share a group of this kind (the weight of the group's common factor), and where the figure comes from.
 */
public record DependencyParameters(DependencyKind kind, double rho, String source) {
    public DependencyParameters {
        if (kind == null || !(rho >= 0 && rho <= 1) || source == null || source.isBlank()) {
            throw new IllegalArgumentException("a dependency needs a kind, a correlation in [0, 1] and its source");
        }
    }
}
