package io.auditcover.cli;

import io.auditcover.engine.Engine;
import io.auditcover.engine.State;
import io.auditcover.store.EventLog;
import io.auditcover.store.SqliteEventLog;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option every command that touches the log shares. */
final class DataDirectory {
    @Option(names = {"--data-dir", "--data"}, defaultValue = "data", description = "Where the event log lives (default: ${DEFAULT-VALUE}).")
    Path path;

    EventLog openLog() {
        return SqliteEventLog.open(path);
    }

    /** The state the log folds to, for read-only commands; the log is closed again. */
    State rebuildState() {
        try (EventLog log = openLog()) {
            return Engine.rebuild(log);
        }
    }
}
