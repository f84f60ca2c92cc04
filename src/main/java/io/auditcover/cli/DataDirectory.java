package io.auditcover.cli;

import io.auditcover.access.AccessStore;
import io.auditcover.engine.Engine;
import io.auditcover.engine.State;
import io.auditcover.store.EventLog;
import io.auditcover.store.EventLogs;
import io.auditcover.store.Succession;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The {@code --data-dir} and {@code --db} options every command that touches the log shares. */
final class DataDirectory {
    @Option(names = {"--data-dir", "--data"}, defaultValue = "data", description = "Where the event log lives (default: ${DEFAULT-VALUE}).")
    Path path;

    @Option(names = "--db", defaultValue = "${env:AUDITCOVER_DB}", description = "A jdbc:postgresql://... URL to keep the event log in"
            + " PostgreSQL, shared by instances with one leased writer (default: $AUDITCOVER_DB; without one, the SQLite file in the"
            + " data directory). The data directory still holds the log's head anchors.")
    String databaseUrl;

    EventLog openLog() {
        return EventLogs.open(databaseUrl, path);
    }

    /** Where the log is, for people: the SQLite file, or the PostgreSQL URL with any password in it masked. */
    String where() {
        if (!shared()) {
            return path.resolve("auditcover.db").toString();
        }
        return databaseUrl.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    /** Operator keys and assessor seats: in the shared log's database when there is one (every instance's), else access.db. */
    AccessStore openAccess() {
        return shared() ? AccessStore.openShared(databaseUrl) : AccessStore.open(path);
    }

    /** Whether the log is the shared PostgreSQL one, which instances follow and take over. */
    boolean shared() {
        return databaseUrl != null && !databaseUrl.isBlank();
    }

    /** The shared log opened as its writer, advertising {@code advertisedUrl}; throws {@code LeaseHeldException} while another writes. */
    EventLog openWriter(String advertisedUrl, Duration lease) {
        return EventLogs.openWriter(databaseUrl, path, EventLogs.defaultHolder(), advertisedUrl, lease);
    }

    /** Follows the shared log; takes over, with a lease of {@code lease}, once the writer's is free when {@code contend}. */
    Succession follow(String advertisedUrl, Duration lease, boolean contend) {
        return EventLogs.follow(databaseUrl, path, EventLogs.defaultHolder(), advertisedUrl, lease, contend);
    }

    /** The log to read and verify only: beside a running writer, a shared log is read without its lease (the API's log routes too). */
    EventLog openToRead() {
        return EventLogs.openToRead(databaseUrl, path);
    }

    /** The state the log folds to, for read-only commands; the log is closed again (a shared log is read without its writer's lease). */
    State rebuildState() {
        try (EventLog log = openToRead()) {
            return Engine.rebuild(log);
        }
    }
}
