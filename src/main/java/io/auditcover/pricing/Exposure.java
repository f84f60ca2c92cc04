package io.auditcover.pricing;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The population at risk: live listed protocols, as protocol-years per calendar year and per group (category, chain, audit
 * flag, fork family, age since listing), from month-start listing snapshots. A protocol is live at a month start when it is
 * listed then, not flagged dead or rugged, and its adapter is not dead by that day. Months after the last snapshot are carried
 * by the last snapshot's live protocols (less those dead since) plus the TVL adapters added since (a count proxy without
 * groups, counted as category "unknown"). A protocol on several chains counts once in each chain's group. The audit history
 * ({@link AuditHistory}) of a protocol-month counts the audits linked to the protocol completed before the month starts; a
 * later listing has none linked.
 */
public record Exposure(LocalDate fromMonth, LocalDate toMonth, TreeMap<LocalDate, Integer> liveByMonth, TreeMap<Integer, Double> protocolYears,
        Map<String, TreeMap<Integer, Double>> groups, Map<String, TreeMap<LocalDate, List<String>>> groupsByProtocol) {
    public static final int MONTHS_PER_YEAR = 12;
    /** Age bands since listing, in days: the first year, the second, and later. */
    public static final int[] AGE_BAND_DAYS = {365, 730};

    /** One protocol of protocols.csv: what the groups read. {@code deadFrom} is null when never marked dead. */
    public record Protocol(String id, String name, LocalDate listedDate, String forkedFrom, String oracles, LocalDate deadFrom) {
    }

    /** One row of protocol_listings_monthly.csv: a protocol present in the listing at a snapshot. */
    public record Snapshot(LocalDate at, String protocolId, String category, List<String> chains, String auditFlag, boolean deadOrRugged) {
        public Snapshot {
            chains = List.copyOf(chains);
        }
    }

    /** One TVL adapter added after the last snapshot: a later listing without groups. */
    public record LaterListing(String module, LocalDate firstAdded, LocalDate deadFrom) {
    }

    /** One audit report linked to a listed protocol, and the day by which it was complete. */
    public record Audit(String protocolId, LocalDate completed) {
    }

    public Exposure {
        liveByMonth = new TreeMap<>(liveByMonth);
        protocolYears = new TreeMap<>(protocolYears);
        var copy = new TreeMap<String, TreeMap<Integer, Double>>();
        groups.forEach((key, value) -> copy.put(key, new TreeMap<>(value)));
        groups = copy;
        groupsByProtocol = Map.copyOf(groupsByProtocol);
    }

    /**
     * Builds the exposure from the month-start snapshots ({@code snapshots} may also hold a last, mid-month snapshot: it is the
     * base of the months after it) through December of {@code lastYear}.
     */
    public static Exposure of(List<Protocol> protocols, List<Snapshot> snapshots, List<LaterListing> later, int lastYear) {
        return of(protocols, snapshots, later, List.of(), lastYear);
    }

    /** As above, with the audit reports linked to the listed protocols (their audit history). */
    public static Exposure of(List<Protocol> protocols, List<Snapshot> snapshots, List<LaterListing> later, List<Audit> audits, int lastYear) {
        if (snapshots.isEmpty()) {
            throw new IllegalArgumentException("no listing snapshots");
        }
        var byId = new HashMap<String, Protocol>();
        protocols.forEach(protocol -> byId.put(protocol.id(), protocol));
        var auditDates = new HashMap<String, List<LocalDate>>();
        audits.forEach(audit -> auditDates.computeIfAbsent(audit.protocolId(), id -> new java.util.ArrayList<>()).add(audit.completed()));
        var byDate = new TreeMap<LocalDate, java.util.ArrayList<Snapshot>>();
        snapshots.forEach(row -> byDate.computeIfAbsent(row.at(), at -> new java.util.ArrayList<>()).add(row));
        var live = new TreeMap<LocalDate, Integer>();
        var years = new TreeMap<Integer, Double>();
        var groups = new TreeMap<String, TreeMap<Integer, Double>>();
        var byProtocol = new HashMap<String, TreeMap<LocalDate, List<String>>>();
        LocalDate lastMonth = null;
        for (var entry : byDate.entrySet()) {
            if (entry.getKey().getDayOfMonth() == 1) {
                live.put(entry.getKey(), count(entry.getKey(), entry.getValue(), byId, auditDates, years, groups, byProtocol));
                lastMonth = entry.getKey();
            }
        }
        if (lastMonth == null) {
            throw new IllegalArgumentException("no month-start snapshot");
        }
        List<Snapshot> base = byDate.lastEntry().getValue();
        LocalDate baseDate = byDate.lastKey();
        for (LocalDate month = lastMonth.plusMonths(1); month.getYear() <= lastYear; month = month.plusMonths(1)) {
            int n = count(month, base, byId, auditDates, years, groups, byProtocol);
            for (LaterListing listing : later) {
                boolean added = !listing.firstAdded().isBefore(baseDate) && listing.firstAdded().isBefore(month);
                if (added && (listing.deadFrom() == null || listing.deadFrom().isAfter(month))) {
                    n++;
                    add(years, groups, month.getYear(), List.of("category:unknown", "chain:unknown", "audits:unknown", "fork:unknown", "age:0",
                            AuditHistory.DIMENSION + ":" + AuditHistory.NONE));
                }
            }
            live.put(month, n);
        }
        return new Exposure(byDate.firstKey(), live.lastKey(), live, years, groups, byProtocol);
    }

    private static int count(LocalDate month, List<Snapshot> rows, Map<String, Protocol> byId, Map<String, List<LocalDate>> auditDates,
            TreeMap<Integer, Double> years,
            TreeMap<String, TreeMap<Integer, Double>> groups, Map<String, TreeMap<LocalDate, List<String>>> byProtocol) {
        int n = 0;
        for (Snapshot row : rows) {
            Protocol protocol = byId.get(row.protocolId());
            boolean dead = row.deadOrRugged() || (protocol != null && protocol.deadFrom() != null && !protocol.deadFrom().isAfter(month));
            if (dead) {
                continue;
            }
            n++;
            var keys = new java.util.ArrayList<String>();
            keys.add("category:" + row.category());
            row.chains().forEach(chain -> keys.add("chain:" + chain));
            keys.add("audits:" + (row.auditFlag().isEmpty() ? "unknown" : row.auditFlag()));
            keys.add("fork:" + forkFamily(protocol));
            keys.add("age:" + ageBand(protocol == null ? month : protocol.listedDate(), month));
            keys.add(AuditHistory.DIMENSION + ":" + AuditHistory.band(auditDates.getOrDefault(row.protocolId(), List.of()), month));
            add(years, groups, month.getYear(), keys);
            byProtocol.computeIfAbsent(row.protocolId(), id -> new TreeMap<>()).put(month, List.copyOf(keys));
        }
        return n;
    }

    private static void add(TreeMap<Integer, Double> years, TreeMap<String, TreeMap<Integer, Double>> groups, int year, List<String> keys) {
        double share = 1.0 / MONTHS_PER_YEAR;
        years.merge(year, share, Double::sum);
        for (String key : keys) {
            groups.computeIfAbsent(key, k -> new TreeMap<>()).merge(year, share, Double::sum);
        }
    }

    /** The fork parent's family, or "none" for original code. */
    static String forkFamily(Protocol protocol) {
        return protocol == null || protocol.forkedFrom().isBlank() ? "none" : protocol.forkedFrom().strip();
    }

    /** 0 in the first year since listing, 1 in the second, 2 after. */
    public static int ageBand(LocalDate listed, LocalDate at) {
        long days = java.time.temporal.ChronoUnit.DAYS.between(listed, at);
        int band = 0;
        while (band < AGE_BAND_DAYS.length && days >= AGE_BAND_DAYS[band]) {
            band++;
        }
        return band;
    }

    /**
     * The groups a protocol was in at the last month start on or before {@code date} (or its first one after, for an
     * incident in its first month); empty when it was never live.
     */
    public List<String> groupsAt(String protocolId, LocalDate date) {
        var months = groupsByProtocol.get(protocolId);
        if (months == null) {
            return List.of();
        }
        var entry = months.floorEntry(date);
        return entry != null ? entry.getValue() : months.firstEntry().getValue();
    }

    /**
     * True when the protocol is in the exposure at {@code date}: live at the start of its month. An incident in the
     * weeks between a protocol's listing and its first month-start snapshot falls in no counted protocol-month, so counting it
     * against the exposure would put in the numerator what the denominator leaves out; so would one on a protocol flagged dead
     * or rugged at that month start.
     */
    public boolean inExposure(String protocolId, LocalDate date) {
        var months = groupsByProtocol.get(protocolId);
        return months != null && months.containsKey(date.withDayOfMonth(1));
    }

    /** Protocol-years of {@code year} (0 outside the window). */
    public double protocolYears(int year) {
        return protocolYears.getOrDefault(year, 0.0);
    }

    /** True when the incident date falls inside the months the exposure covers. */
    public boolean covers(LocalDate date) {
        return !date.isBefore(fromMonth) && date.isBefore(toMonth.plusMonths(1));
    }
}
