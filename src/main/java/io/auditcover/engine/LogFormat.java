package io.auditcover.engine;

import io.auditcover.store.EventLog;
import java.util.Set;

/**
 * The versioned binary format of log payloads and snapshots (the rules are in {@code docs/log-format.md}): a format
 * version byte, then the value in {@link BinaryCodec}'s encoding. An event's payload is its record (the record's simple
 * name is stored beside it as the type); a snapshot's is its {@link SnapshotContent}. The hash chain is over these bytes.
 *
 * <p>Version 0 is the JSON the log held before (a payload beginning with {@code {} or {@code [}): it is read only by
 * {@code auditcover log migrate}; this build refuses it elsewhere, and any version newer than {@link #VERSION}, with a
 * {@link LogFormatException} naming the type and both versions.
 */
public final class LogFormat {
    /** The format this build writes. */
    public static final int VERSION = 1;
    /** The JSON payloads of the log before this format. */
    public static final int JSON_VERSION = 0;
    private static final BinaryCodec CODEC = BinaryCodec.of(Event.class, Command.class, SnapshotContent.class);
    private static final ThreadLocal<BinaryWriter> WRITERS = ThreadLocal.withInitial(BinaryWriter::new);
    private static final ThreadLocal<SharedStrings> STRINGS = ThreadLocal.withInitial(SharedStrings::new);

    private LogFormat() {
    }

    /** The format a payload is in: {@link #JSON_VERSION} for JSON, else its version byte. */
    public static int versionOf(byte[] payload) {
        if (payload.length == 0) {
            throw new LogFormatException("an empty payload has no format version");
        }
        int first = payload[0] & 0xFF;
        return first == '{' || first == '[' ? JSON_VERSION : first;
    }

    /** The format of a log's records, judged by its first (a log is written in one format); an empty log will be written in this one. */
    public static int versionOf(EventLog log) {
        return log.head().sequence() == 0 ? VERSION : log.read(1).map(record -> versionOf(record.payload())).orElse(VERSION);
    }

    /** The payload the log stores for an event. */
    public static byte[] encodeEvent(Event event) {
        return encode(event.getClass(), event);
    }

    /** An event from its v1 payload; a payload of any other format is refused with a {@link LogFormatException}. */
    public static Event decodeEvent(String type, byte[] payload) {
        requireReadable(payload, "event " + type);
        BinaryCodec.ValueCodec codec = CODEC.permitted(Event.class, type);
        if (codec == null) {
            throw new LogFormatException("event type " + type + " is unknown to this build (log format v" + VERSION
                    + "): it was written by a newer build; upgrade to read it");
        }
        return (Event) decodeWhole(codec, payload, type);
    }

    static byte[] encodeSnapshot(SnapshotContent snapshot) {
        return encode(SnapshotContent.class, snapshot);
    }

    static SnapshotContent decodeSnapshot(byte[] payload) {
        requireReadable(payload, "snapshot");
        var in = new BinaryReader(payload, 1, "snapshot", STRINGS.get());
        var snapshot = (SnapshotContent) CODEC.read(in, SnapshotContent.class);
        requireConsumed(in, snapshot);
        return snapshot;
    }

    /** Every record type the format writes (reachable from events, commands and snapshots), checked when this class loads. */
    static Set<String> recordTypeNames() {
        return CODEC.recordTypeNames();
    }

    private static byte[] encode(Class<?> type, Object value) {
        BinaryWriter out = WRITERS.get();
        out.reset();
        out.writeByte(VERSION);
        CODEC.write(out, type, value);
        return out.toByteArray();
    }

    private static Object decodeWhole(BinaryCodec.ValueCodec codec, byte[] payload, String type) {
        var in = new BinaryReader(payload, 1, type, STRINGS.get());
        Object value = codec.read(in);
        requireConsumed(in, value);
        return value;
    }

    private static void requireConsumed(BinaryReader in, Object value) {
        if (value == null) {
            throw new LogFormatException("the " + in.type() + " payload holds no value");
        }
        if (in.remaining() != 0) {
            throw new LogFormatException("the " + in.type() + " payload has " + in.remaining() + " bytes after its last field");
        }
    }

    private static void requireReadable(byte[] payload, String what) {
        requireReadable(versionOf(payload), what);
    }

    /** Refuses, naming {@code what} and both versions, any format but this build's. */
    public static void requireReadable(int version, String what) {
        if (version == JSON_VERSION) {
            throw new LogFormatException(what + " is in log format v0 (JSON, from before the binary format); this build reads v"
                    + VERSION + ": run `auditcover log migrate` on the data directory first");
        }
        if (version != VERSION) {
            throw new LogFormatException(what + " is in log format v" + version + ", "
                    + (version > VERSION ? "newer than" : "unknown to") + " this build's v" + VERSION + ": upgrade to read it");
        }
    }
}
