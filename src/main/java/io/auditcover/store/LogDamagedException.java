package io.auditcover.store;

import java.util.OptionalLong;

/**
 * The log's file is structurally damaged (its header, page count or b-tree pages), so SQLite cannot
 * read it as a database; no record-level verdict is possible. Thrown for every SQLite failure that
 * says so, from wherever the file was being read.
 */
public final class LogDamagedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient OptionalLong page;

    LogDamagedException(OptionalLong page, String sqliteMessage, Throwable cause) {
        super(page.isPresent() ? "log file damaged at page " + page.getAsLong() : "log file damaged: " + sqliteMessage, cause);
        this.page = page;
    }

    /** The damaged page when SQLite's own check names one. */
    public OptionalLong page() {
        return page;
    }
}
