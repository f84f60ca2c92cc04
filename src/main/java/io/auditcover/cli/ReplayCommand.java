package io.auditcover.cli;

import io.auditcover.engine.Engine;
import io.auditcover.engine.State;
import io.auditcover.store.EventLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Rebuilds the state from the whole log (no snapshot) and prints its hash and the replay speed. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Rebuild state from the log, ignoring snapshots; print the state hash and events per second.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    DataDirectory dataDirectory;

    @Override
    public Integer call() {
        try (EventLog log = dataDirectory.openToRead()) {
            long started = System.nanoTime();
            State state = Engine.rebuild(log);
            double seconds = (System.nanoTime() - started) / 1e9;
            long events = log.head().sequence();
            System.out.printf("replayed %d events in %.3f s (%,.0f events/s)%n", events, seconds, events / Math.max(seconds, 1e-9));
            System.out.printf("state hash %s%n", Engine.stateHash(state));
            return 0;
        }
    }
}
