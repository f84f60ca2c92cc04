package io.auditcover.cli;

import io.auditcover.pricing.Exposure;
import io.auditcover.pricing.Incident;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The calibration's data files in one folder (datasets/ by default): the incident match table, the protocols, the monthly
 * listing snapshots and the later adapter additions. Read with Commons CSV (RFC 4180, header row); any missing file, missing
 * column or unreadable value fails with the file and its row (the header is row 1), before anything is written.
 */
record CalibrationData(List<Incident> incidents, Exposure exposure, List<Exposure.Audit> audits, String digest, int rows) {
    static final String MATCHES = "incident_matches.csv";
    static final String PROTOCOLS = "protocols.csv";
    static final String LISTINGS = "protocol_listings_monthly.csv";
    static final String LATER = "protocol_listings_2024_after_april.csv";
    static final String AUDITS = "audit_reports.csv";
    static final List<String> FILES = List.of(MATCHES, PROTOCOLS, LISTINGS, LATER, AUDITS);
    /**
     * Candidate links the review rejects: the report's protocol was matched to a listed protocol by a common word or a chain's
     * name (an audit of "Midas", "One World Project" or "Base" contracts is not evidence about the listed protocol of that name).
     */
    static final java.util.Set<String> LINKS_REJECTED = java.util.Set.of("midas", "one", "real", "base", "token", "smart", "open", "new",
            "meta", "nft", "interest", "trust", "prime", "fair", "mint", "stake", "pump", "ghost", "portal", "escrow", "bond", "yield",
            "shield", "force", "omni", "flux", "swing", "hydro", "lens", "party", "size", "sense", "mars", "surge", "punk", "ninja", "fox",
            "dev", "llama", "ember", "gamma", "union", "beam", "loop", "goat", "bloom", "pixel", "magma", "warp", "phantom", "arbitrum",
            "aurora", "mantle", "babylon", "waterfall", "orion", "repl", "insure", "anchor", "volt", "blur", "kelp", "shell", "fiat",
            "mochi", "spectra", "key finance", "apy");
    static final long FILE_BYTES_MAX = 64L << 20;
    static final int ROWS_MAX = 1_000_000;
    static final int LAST_YEAR = 2024;
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    /** A data file that cannot be used: the message names the file and, where there is one, the row. */
    static final class DataFileException extends IOException {
        private static final long serialVersionUID = 1L;

        DataFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static CalibrationData read(Path folder) throws IOException {
        var digest = sha256();
        for (String name : FILES) {
            digest.update(bytes(folder.resolve(name)));
        }
        int[] rows = new int[1];
        List<Exposure.Protocol> protocols = rows(folder.resolve(PROTOCOLS), rows, r -> new Exposure.Protocol(r.get("id"), r.get("name"),
                LocalDate.parse(r.get("listed_date")), r.get("forkedFrom"), r.get("oracles"), date(r.get("adapter_deadFrom"))));
        List<Exposure.Snapshot> snapshots = rows(folder.resolve(LISTINGS), rows, r -> new Exposure.Snapshot(LocalDate.parse(r.get("snapshot_label")),
                r.get("id"), r.get("category"), r.get("chains").isBlank() ? List.of() : Arrays.asList(r.get("chains").split(";")), r.get("audits"),
                flag(r.get("deadUrl")) || flag(r.get("rugged"))));
        List<Exposure.LaterListing> later = rows(folder.resolve(LATER), rows, r -> new Exposure.LaterListing(r.get("module"),
                LocalDate.parse(r.get("first_added_date")), date(r.get("adapter_deadFrom"))));
        List<Incident> incidents = rows(folder.resolve(MATCHES), rows, CalibrationData::incident);
        var audits = new ArrayList<Exposure.Audit>();
        rows(folder.resolve(AUDITS), rows, CalibrationData::auditLinks).forEach(audits::addAll);
        List<Exposure.Audit> linked = List.copyOf(new java.util.LinkedHashSet<>(audits));
        Exposure exposure;
        try {
            exposure = Exposure.of(protocols, snapshots, later, linked, LAST_YEAR);
        } catch (IllegalArgumentException e) {
            throw new DataFileException(folder.resolve(LISTINGS) + ": " + e.getMessage(), e);
        }
        return new CalibrationData(incidents, exposure, linked, HexFormat.of().formatHex(digest.digest()), rows[0]);
    }

    /**
     * The listed protocols one audit report is evidence about, with the day it was complete. A report repeated from another list
     * ({@code dup_candidate_other_source}) counts once, through the other row. A match through a parent protocol links every
     * child id (the audit is of the family's code); a direct match links only when it names one protocol and the review did not
     * reject its word ({@link #LINKS_REJECTED}). A month-precision date is complete by the month's last day. Reports of one protocol
     * completed the same day count once (the caller drops equal links: two lists often carry one report).
     */
    static List<Exposure.Audit> auditLinks(CSVRecord r) {
        String ids = r.get("defillama_ids").strip();
        String match = r.get("match").strip();
        if (ids.isEmpty() || flag(r.get("dup_candidate_other_source")) || match.isEmpty()) {
            return List.of();
        }
        int colon = match.indexOf(':');
        String kind = colon < 0 ? match : match.substring(0, colon);
        String word = colon < 0 ? "" : match.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
        List<String> candidates = Arrays.stream(ids.split(";")).map(String::strip).filter(id -> !id.isEmpty()).toList();
        boolean parent = kind.startsWith("parent_");
        if (!parent && (candidates.size() != 1 || LINKS_REJECTED.contains(word))) {
            return List.of();
        }
        LocalDate completed = completed(r.get("date").strip(), r.get("date_precision").strip());
        return candidates.stream().map(id -> new Exposure.Audit(id, completed)).toList();
    }

    private static LocalDate completed(String date, String precision) {
        return switch (precision) {
            case "day" -> LocalDate.parse(date);
            case "month" -> java.time.YearMonth.parse(date).atEndOfMonth();
            default -> throw new IllegalArgumentException("date_precision must be day or month, not " + precision);
        };
    }

    private static Incident incident(CSVRecord r) {
        String confidence = r.get("confidence").toUpperCase(Locale.ROOT);
        return new Incident(LocalDate.parse(r.get("date")), r.get("name"), r.get("scope"), amount(r.get("loss_usd")), amount(r.get("returned_usd")),
                r.get("protocol_id"), Incident.Confidence.valueOf(confidence), !r.get("note").contains("listed after"));
    }

    private static double amount(String text) {
        return text.isBlank() ? 0 : Double.parseDouble(text.strip());
    }

    /**
     * An optional date. DefiLlama's adapters write two impossible deadFrom dates (2022-02-31, 2023-20-20): a day past the
     * month's end is read as the month's last day, a month past December as the year's last day (the protocol is dead by
     * then); anything else malformed is an error.
     */
    static LocalDate date(String text) {
        if (text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            var parts = value.split("-");
            if (parts.length == 3 && parts[0].length() == 4 && parts[1].length() == 2 && parts[2].length() == 2) {
                int monthNumber = Integer.parseInt(parts[1]);
                if (monthNumber > 12 && monthNumber <= 99) {
                    return LocalDate.of(Integer.parseInt(parts[0]), 12, 31);
                }
                var month = java.time.YearMonth.of(Integer.parseInt(parts[0]), monthNumber);
                int day = Integer.parseInt(parts[2]);
                if (day > month.lengthOfMonth() && day <= 31) {
                    return month.atEndOfMonth();
                }
            }
            throw e;
        }
    }

    private static boolean flag(String text) {
        return switch (text.strip()) {
            case "1", "true", "TRUE" -> true;
            case "0", "", "false", "FALSE" -> false;
            default -> throw new IllegalArgumentException("flag must be 0 or 1, not " + text);
        };
    }

    private static byte[] bytes(Path file) throws IOException {
        try {
            if (Files.size(file) > FILE_BYTES_MAX) {
                throw new DataFileException(file + ": larger than " + FILE_BYTES_MAX + " bytes", null);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file + ": missing (calibration needs " + String.join(", ", FILES) + ")", e);
        }
    }

    /** Every record of a file through {@code row}; an error names the file and the row (header = row 1). */
    static <T> List<T> rows(Path file, int[] count, Function<CSVRecord, T> row) throws IOException {
        var out = new ArrayList<T>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = FORMAT.parse(reader)) {
            for (CSVRecord record : parser) {
                String rowNumber = (record.getRecordNumber() + 1) + " (line " + parser.getCurrentLineNumber() + ")";
                if (!record.isConsistent()) {
                    throw new DataFileException(file + " row " + rowNumber + ": " + record.size() + " fields, the header has "
                            + parser.getHeaderNames().size(), null);
                }
                if (out.size() >= ROWS_MAX) {
                    throw new DataFileException(file + ": more than " + ROWS_MAX + " rows", null);
                }
                try {
                    out.add(row.apply(record));
                } catch (IllegalArgumentException | java.time.DateTimeException e) {
                    throw new DataFileException(file + " row " + rowNumber + ": " + e.getMessage(), e);
                }
            }
        } catch (UncheckedIOException e) {
            throw new DataFileException(file + ": " + e.getCause().getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file + ": missing", e);
        }
        count[0] += out.size();
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
