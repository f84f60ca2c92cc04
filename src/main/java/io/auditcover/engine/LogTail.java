package io.auditcover.engine;

import io.auditcover.store.EventLog;
import io.auditcover.store.LogHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A follower's end of the log: applies the records another instance's writer appended, in log order, to this engine's state
 * and command index, and shows them to the read model as the writer shows its own batches. The writer commits a batch in
 * one transaction, so a follower sees whole batches; it shows them in chunks of at most {@link #CHUNK_RECORDS}, so catching
 * up a long way never holds every event in memory. Writer thread only.
 */
final class LogTail {
    /** Records shown to the read model at a time. */
    static final int CHUNK_RECORDS = 1_024;
    private final State state;
    private final Map<String, Engine.CommandEntry> commands;
    private LogHead head;

    LogTail(State state, Map<String, Engine.CommandEntry> commands, LogHead head) {
        this.state = state;
        this.commands = commands;
        this.head = head;
    }

    /** The last record applied. */
    LogHead head() {
        return head;
    }

    /**
     * Applies what {@code log} holds after {@link #head}; returns how many records. The replay checks every hash link; what
     * was applied before a failure is shown before the failure is thrown, so the view never lags the state it came from.
     */
    long catchUp(EventLog log, Engine.BatchListener listener) {
        long before = head.sequence();
        var events = new ArrayList<Event>();
        try {
            log.replay(head.sequence(), record -> {
                Event event = LogFormat.decodeEvent(record.type(), record.payload());
                Applier.apply(state, event);
                commands.put(record.commandId(), Engine.CommandEntry.of(record.commandDigest(), record.sequence()));
                head = new LogHead(record.sequence(), record.hash());
                events.add(event);
                if (events.size() == CHUNK_RECORDS) {
                    show(listener, events);
                }
            });
        } finally {
            show(listener, events);
        }
        return head.sequence() - before;
    }

    private void show(Engine.BatchListener listener, List<Event> events) {
        if (listener != null && !events.isEmpty()) {
            var publish = listener.decided(state, List.copyOf(events));
            if (publish != null) {
                publish.accept(head);
            }
        }
        events.clear();
    }
}
