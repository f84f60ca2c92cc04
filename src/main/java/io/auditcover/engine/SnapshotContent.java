package io.auditcover.engine;

import java.util.List;

/** What a snapshot stores: the domain state and the accepted command ids (so idempotency survives a restart). */
record SnapshotContent(StateSnapshot state, List<CommandRecord> commands) {

    record CommandRecord(String commandId, String digest, long sequence) {
    }
}
