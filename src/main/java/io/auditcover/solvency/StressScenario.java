package io.auditcover.solvency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A named, deterministic "what if": one or more shocks, each exploiting every exposure it hits a stated number of times
 * (once unless told). A shock hits every exposure in one dependency group (every fork of a parent, every reader of an
 * oracle) or every listing of one protocol. Several groups, or a group and a protocol, are shocks combined with
 * {@link #and}: each shock is an event of its own, so an exposure two shocks hit is exploited by both (a fork that reads the
 * failed oracle pays twice, as two events in one simulated year do), and one exposure never pays more than its cover.
 *
 * <p>Built from the factories and refined by {@link #withExploits} and {@link #named}; each step returns a new scenario.
 */
public final class StressScenario {
    /** Exploits per exposure per shock: far past any cover's worth, so the cap is the cover, not this. */
    public static final int EXPLOITS_MAX = 1_000;
    /** Shocks in one scenario. */
    public static final int SHOCKS_MAX = 32;
    /** Characters: room for the default name and description of a combination of every shock allowed. */
    public static final int NAME_LENGTH_MAX = 1_000;
    public static final int DESCRIPTION_LENGTH_MAX = 10_000;

    private final String name;
    private final String description;
    private final List<Shock> shocks;

    private StressScenario(String name, String description, List<Shock> shocks) {
        require(!shocks.isEmpty() && shocks.size() <= SHOCKS_MAX, "a scenario needs 1 to " + SHOCKS_MAX + " shocks, got " + shocks.size());
        require(name != null && !name.isBlank() && name.length() <= NAME_LENGTH_MAX,
                "a scenario needs a name of 1 to " + NAME_LENGTH_MAX + " characters, got " + quoted(name));
        require(description != null && !description.isBlank() && description.length() <= DESCRIPTION_LENGTH_MAX,
                "scenario " + quoted(name) + " needs a description of 1 to " + DESCRIPTION_LENGTH_MAX + " characters");
        this.name = name;
        this.description = description;
        this.shocks = List.copyOf(shocks);
    }

    /** Every exposure whose dependency of this kind is this group is exploited: the fork parent's bug, the oracle's failure. */
    public static StressScenario groupFails(DependencyKind kind, String group) {
        require(kind != null, "a group failure needs a dependency kind, one of " + Arrays.toString(DependencyKind.values()));
        require(group != null && !group.isBlank(), "a group failure of kind " + kind + " needs the group's name, got " + quoted(group));
        var shock = new GroupFails(kind, group, 1);
        return new StressScenario(shock.target(), describe(kind, group), List.of(shock));
    }

    /** Every listing of this protocol, in every pool, is exploited. */
    public static StressScenario protocolExploited(String protocolId) {
        require(protocolId != null && !protocolId.isBlank(), "a protocol exploit needs the protocol's id, got " + quoted(protocolId));
        var shock = new ProtocolExploited(protocolId, 1);
        return new StressScenario(shock.target(), "protocol " + protocolId + " is exploited", List.of(shock));
    }

    /** This scenario's shocks and the other's, together; named and described by both until {@link #named}. */
    public StressScenario and(StressScenario other) {
        require(other != null, "scenario " + quoted(name) + " cannot be combined with no scenario");
        var combined = new ArrayList<>(shocks);
        combined.addAll(other.shocks);
        return new StressScenario(name + " and " + other.name, description + "; and " + other.description, combined);
    }

    /** The same hits, with every shock exploiting each exposure it hits {@code exploits} times. */
    public StressScenario withExploits(int exploits) {
        require(exploits >= 1 && exploits <= EXPLOITS_MAX,
                "scenario " + quoted(name) + " needs 1 to " + EXPLOITS_MAX + " exploits per shock, got " + exploits);
        return new StressScenario(name, description, shocks.stream().map(shock -> shock.withExploits(exploits)).toList());
    }

    /** The same shocks under a name and description of one's own. */
    public StressScenario named(String name, String description) {
        return new StressScenario(name, description, shocks);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** How many times the scenario exploits this exposure: the sum over the shocks that hit it (0 if none does). */
    int exploitsOf(Exposure exposure) {
        return shocks.stream().mapToInt(shock -> shock.hits(exposure) ? shock.exploits() : 0).sum();
    }

    /** What the first shock that hits none of these exposures aims at, if one does: usually a misspelt name. */
    Optional<String> missedTarget(List<Exposure> exposures) {
        return shocks.stream().filter(shock -> exposures.stream().noneMatch(shock::hits)).map(Shock::target).findFirst();
    }

    private static String describe(DependencyKind kind, String group) {
        return switch (kind) {
            case FORK -> "the fork parent " + group + " has a bug: every fork exploited";
            case ORACLE -> "the oracle " + group + " fails: every protocol reading it exploited";
            case CHAIN -> "the chain " + group + " halts: every protocol on it exploited";
            case BRIDGE -> "the bridge " + group + " is drained: every protocol whose assets cross it exploited";
            case AUDITOR -> "auditor " + group + "'s blind spot: every protocol it audited exploited";
        };
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String quoted(String text) {
        return text == null ? "null" : "'" + text + "'";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StressScenario scenario && name.equals(scenario.name) && description.equals(scenario.description)
                && shocks.equals(scenario.shocks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, shocks);
    }

    @Override
    public String toString() {
        return name + " " + shocks;
    }

    /** One event of a scenario: what it hits and how many times it exploits each exposure hit. */
    private sealed interface Shock {
        int exploits();

        boolean hits(Exposure exposure);

        Shock withExploits(int exploits);

        /** What it hits, as a scenario's default name says it. */
        String target();
    }

    private record GroupFails(DependencyKind kind, String group, int exploits) implements Shock {
        @Override
        public boolean hits(Exposure exposure) {
            return group.equals(exposure.groups().get(kind));
        }

        @Override
        public Shock withExploits(int exploits) {
            return new GroupFails(kind, group, exploits);
        }

        @Override
        public String target() {
            return kind.name().toLowerCase(Locale.ROOT) + " " + group;
        }
    }

    private record ProtocolExploited(String protocolId, int exploits) implements Shock {
        @Override
        public boolean hits(Exposure exposure) {
            return protocolId.equals(exposure.protocolId());
        }

        @Override
        public Shock withExploits(int exploits) {
            return new ProtocolExploited(protocolId, exploits);
        }

        @Override
        public String target() {
            return "protocol " + protocolId;
        }
    }
}
