package io.auditcover.solvency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The scenarios every book is put through, chosen from the book itself so they follow its concentrations: for each kind of
 * dependency, its largest group (by active cover) fails; the largest protocol is exploited; and the largest fork family is
 * exploited together with the oracle most of its cover reads, the combination a shared codebase and a shared price feed
 * make likely. Ties go to the name first in order, so one book always gives one set.
 */
public final class StressScenarios {
    private StressScenarios() {
    }

    /** The standard set for a book, sorted by name; a kind no exposure has (or none with cover in force) gives no scenario. */
    public static List<StressScenario> standard(List<Exposure> exposures) {
        var scenarios = new ArrayList<StressScenario>();
        for (DependencyKind kind : DependencyKind.values()) {
            largest(exposures, exposure -> exposure.groups().get(kind)).map(group -> StressScenario.groupFails(kind, group))
                    .ifPresent(scenarios::add);
        }
        largest(exposures, Exposure::protocolId).map(StressScenario::protocolExploited).ifPresent(scenarios::add);
        largestForkFamilyWithItsOracle(exposures).ifPresent(scenarios::add);
        scenarios.sort(Comparator.comparing(StressScenario::name));
        return List.copyOf(scenarios);
    }

    /** The largest fork family's bug and the failure of the oracle with most of the family's cover, as one scenario. */
    private static Optional<StressScenario> largestForkFamilyWithItsOracle(List<Exposure> exposures) {
        Optional<String> parent = largest(exposures, exposure -> exposure.groups().get(DependencyKind.FORK));
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        var family = exposures.stream().filter(exposure -> parent.get().equals(exposure.groups().get(DependencyKind.FORK))).toList();
        return largest(family, exposure -> exposure.groups().get(DependencyKind.ORACLE)).map(oracle -> {
            var together = StressScenario.groupFails(DependencyKind.FORK, parent.get())
                    .and(StressScenario.groupFails(DependencyKind.ORACLE, oracle));
            return together.named(together.name(), "the fork parent " + parent.get() + " has a bug and " + oracle
                    + ", the oracle its forks read most, fails: every fork and every reader of " + oracle
                    + " exploited, a fork that reads it twice");
        });
    }

    /**
     * The key with the most active cover among the exposures that have one (a null key is none), ties to the first name;
     * empty if no key has any cover in force, since a scenario that costs nothing tells nothing.
     */
    private static Optional<String> largest(List<Exposure> exposures, Function<Exposure, String> key) {
        var cover = new TreeMap<String, Long>();
        for (Exposure exposure : exposures) {
            String name = key.apply(exposure);
            if (name != null) {
                cover.merge(name, exposure.coverUnits(), Math::addExact);
            }
        }
        String best = null;
        long bestCover = 0;
        for (Map.Entry<String, Long> entry : cover.entrySet()) {
            if (entry.getValue() > bestCover) {
                best = entry.getKey();
                bestCover = entry.getValue();
            }
        }
        return Optional.ofNullable(best);
    }
}
