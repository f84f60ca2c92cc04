package io.auditcover.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How SQLite says what went wrong with the log's file, turned into the log's own exceptions in one place. */
final class SqliteFailures {
    /** SQLite's primary result codes for a file that is not, or no longer, a readable database. */
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;
    /** Problems of quick_check kept: the first that names a page is all a verdict needs. */
    private static final int STRUCTURE_PROBLEMS_MAX = 100;
    private static final Pattern PAGE = Pattern.compile("(?i)\\bpage (\\d+)");
    private static final Pattern SQLITE_MESSAGE = Pattern.compile("\\(([^()]+)\\)\\s*$");

    private SqliteFailures() {
    }

    /**
     * The one place a SQLite failure becomes the log's exception. Damage to the file's structure (SQLITE_CORRUPT,
     * SQLITE_NOTADB) is {@link LogDamagedException}, naming the page when SQLite's own check can; anything else (a
     * locked or unwritable file) is not the log's content and stays an {@link IllegalStateException}.
     */
    static RuntimeException of(Path file, String doing, SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        if (primary != SQLITE_CORRUPT && primary != SQLITE_NOTADB) {
            return new IllegalStateException("cannot " + doing + ": " + e.getMessage(), e);
        }
        return new LogDamagedException(pageNamedBy(structureProblems(file)), sqliteMessage(e), e);
    }

    /** What SQLite's quick_check says of the file from a fresh connection; empty when it cannot even say that. */
    private static List<String> structureProblems(Path file) {
        try (Connection fresh = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return structureProblems(fresh);
        } catch (SQLException e) {
            return List.of();
        }
    }

    /** The rows of {@code PRAGMA quick_check} ({@code ok} when sound); SQLite may fail after naming the problems, which then stand. */
    private static List<String> structureProblems(Connection connection) throws SQLException {
        var problems = new ArrayList<String>();
        try (var sql = connection.createStatement(); ResultSet rows = sql.executeQuery("PRAGMA quick_check")) {
            while (rows.next() && problems.size() < STRUCTURE_PROBLEMS_MAX) {
                problems.add(rows.getString(1));
            }
        } catch (SQLException e) {
            if (problems.isEmpty()) {
                throw e;
            }
        }
        return problems;
    }

    private static OptionalLong pageNamedBy(List<String> problems) {
        for (String problem : problems) {
            Matcher page = PAGE.matcher(problem);
            if (page.find()) {
                return OptionalLong.of(Long.parseLong(page.group(1)));
            }
        }
        return OptionalLong.empty();
    }

    /** SQLite's own words from the driver's message ("[SQLITE_CORRUPT] The database disk image is malformed (database disk image is malformed)"). */
    private static String sqliteMessage(SQLException e) {
        String message = String.valueOf(e.getMessage());
        Matcher words = SQLITE_MESSAGE.matcher(message);
        return words.find() ? words.group(1) : message;
    }

    /** Reads the file's every page (b-trees, free list) once, which a walk of the records alone does not; throws if any is damaged. */
    static void checkStructure(Connection connection, Path file) {
        List<String> problems;
        try {
            problems = structureProblems(connection);
            connection.commit();
        } catch (SQLException e) {
            throw of(file, "check the log file", e);
        }
        if (!problems.equals(List.of("ok"))) {
            String first = problems.stream().filter(p -> !p.startsWith("***")).findFirst().orElse(String.join("; ", problems));
            throw new LogDamagedException(pageNamedBy(problems), first, null);
        }
    }
}
