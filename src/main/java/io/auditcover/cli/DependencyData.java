package io.auditcover.cli;

import io.auditcover.pricing.CalibrationSettings;
import io.auditcover.pricing.Incident;
import io.auditcover.solvency.DependencyFit;
import io.auditcover.solvency.DependencyKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The group-year counts that fit a dependency kind's correlation ({@link DependencyFit}), from the calibration's data files:
 * for each group of a kind and each year, how many of its protocols were live and how many of those were exploited.
 *
 * <p>The same population and the same incidents as the frequency calibration, so that ρ and the rate it correlates describe
 * one event: a protocol is live in a year when it is live at one of the year's month starts as {@link CalibrationData} reads the
 * listings (listed then, not flagged dead or rugged in that snapshot, its adapter not dead; May–December 2024 from the last
 * snapshot less the protocols dead since), and it is exploited in the year when an incident that the calibration counts
 * ({@link CalibrationSettings#counts}: smart-contract exploit, net loss at least the minimum, match confidence high or medium,
 * live at the incident's month start) names it; two in one year count once. Groups are read from protocols.csv: FORK its
 * {@code forkedFrom}, CHAIN its {@code chain_first}, ORACLE the first oracle it lists that is a shared feed. A protocol
 * without one is in no group of that kind. The other kinds (bridge, auditor) have no column to group by here.
 */
record DependencyData(Map<DependencyKind, List<DependencyFit.GroupYear>> counts) {
    static final List<DependencyKind> KINDS = List.of(DependencyKind.FORK, DependencyKind.ORACLE, DependencyKind.CHAIN);
    /** What a fit names as its data. */
    static final String SOURCE = "datasets/incident_matches.csv on protocols.csv and protocol_listings_monthly.csv";
    /** Oracle values that name no feed shared with other protocols: a protocol's own price logic is its own dependency. */
    static final Set<String> ORACLES_NOT_SHARED = Set.of("Internal");

    DependencyData {
        var copy = new EnumMap<DependencyKind, List<DependencyFit.GroupYear>>(DependencyKind.class);
        counts.forEach((kind, rows) -> copy.put(kind, List.copyOf(rows)));
        counts = Map.copyOf(copy);
    }

    /** One protocol's groups, blank where it has none of the kind. */
    private record Member(String id, String fork, String chain, String oracle) {
        String group(DependencyKind kind) {
            return switch (kind) {
                case FORK -> fork;
                case CHAIN -> chain;
                case ORACLE -> oracle;
                case BRIDGE, AUDITOR -> "";
            };
        }
    }

    static DependencyData read(Path folder) throws IOException {
        CalibrationData calibration = CalibrationData.read(folder);
        List<Member> members = CalibrationData.rows(folder.resolve(CalibrationData.PROTOCOLS), new int[1],
                r -> new Member(r.get("id"), r.get("forkedFrom").strip(), r.get("chain_first").strip(), sharedOracle(r.get("oracles"))));
        var settings = CalibrationSettings.defaults();
        var exploited = new HashSet<String>();
        for (Incident incident : calibration.incidents()) {
            if (settings.counts(incident, calibration.exposure())) {
                exploited.add(incident.protocolId() + "@" + incident.date().getYear());
            }
        }
        Map<String, TreeMap<LocalDate, List<String>>> liveMonths = calibration.exposure().groupsByProtocol();
        var counts = new EnumMap<DependencyKind, List<DependencyFit.GroupYear>>(DependencyKind.class);
        for (DependencyKind kind : KINDS) {
            counts.put(kind, groupYears(kind, members, liveMonths, exploited));
        }
        return new DependencyData(counts);
    }

    /** Live and exploited members of each (group, year) of {@code kind}, in group and year order. */
    private static List<DependencyFit.GroupYear> groupYears(DependencyKind kind, List<Member> members,
            Map<String, TreeMap<LocalDate, List<String>>> liveMonths, Set<String> exploited) {
        var tally = new TreeMap<String, TreeMap<Integer, int[]>>();
        for (Member member : members) {
            String group = member.group(kind);
            var months = liveMonths.get(member.id());
            if (group.isEmpty() || months == null) {
                continue;
            }
            months.keySet().stream().map(LocalDate::getYear).distinct().forEach(year -> {
                int[] count = tally.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(year, y -> new int[2]);
                count[0]++;
                if (exploited.contains(member.id() + "@" + year)) {
                    count[1]++;
                }
            });
        }
        var out = new ArrayList<DependencyFit.GroupYear>();
        tally.forEach((group, years) -> years.forEach((year, count) -> out.add(new DependencyFit.GroupYear(group, year, count[0], count[1]))));
        return out;
    }

    /** The first oracle listed that other protocols can share, or blank. */
    static String sharedOracle(String oracles) {
        return Arrays.stream(oracles.split(";")).map(String::strip).filter(o -> !o.isEmpty() && !ORACLES_NOT_SHARED.contains(o)).findFirst()
                .orElse("");
    }

    /** The fit of each kind with data against {@code baseline}, in {@link #KINDS} order. */
    Map<DependencyKind, DependencyFit> fits(DependencyFit.Baseline baseline) {
        var fits = new EnumMap<DependencyKind, DependencyFit>(DependencyKind.class);
        for (DependencyKind kind : KINDS) {
            fits.put(kind, DependencyFit.fit(kind, counts.get(kind), baseline, SOURCE));
        }
        return fits;
    }
}
