package io.auditcover.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The log's head (sequence and hash) kept outside the log, in {@value #FILE_NAME}: a hash chain alone
 * cannot see its tail cut off, a log shorter than the head written here can. The writer writes it after
 * every durable commit, so it may lag the log (a crash between the two) but never lead it.
 *
 * <p>Two fixed slots of one text line each ({@code sequence hash checksum}); a write overwrites the
 * older slot in place and forces the file. Why not write-a-temporary-file-and-rename: that costs a sync
 * of the file, the rename and a sync of the directory on every commit, on the path every caller waits
 * on; one slot and one sync cost a third of that. A write torn by a crash fails its slot's checksum and
 * the other slot, one commit older, still holds: the file is never empty and never ahead of the log.
 */
final class HeadFile implements AutoCloseable {
    static final String FILE_NAME = "auditcover.db.head";
    /** {@code %019d %064x %08x\n}: sequence, hash, CRC-32C of the first two fields. */
    static final int SLOT_BYTES = 19 + 1 + 64 + 1 + 8 + 1;
    private static final int SLOTS = 2;
    private final FileChannel channel;
    private int newestSlot;

    private HeadFile(FileChannel channel, int newestSlot) {
        this.channel = channel;
        this.newestSlot = newestSlot;
    }

    /** The newest intact slot, or empty when the file is missing or holds none. */
    static Optional<LogHead> read(Path directory) {
        try {
            byte[] bytes = Files.readAllBytes(directory.resolve(FILE_NAME));
            Optional<LogHead> newest = Optional.empty();
            for (int slot = 0; slot < SLOTS; slot++) {
                Optional<LogHead> head = parse(bytes, slot);
                if (head.isPresent() && (newest.isEmpty() || head.get().sequence() > newest.get().sequence())) {
                    newest = head;
                }
            }
            return newest;
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the log's head file: " + e.getMessage(), e);
        }
    }

    static boolean exists(Path directory) {
        return Files.exists(directory.resolve(FILE_NAME));
    }

    /** Opens the file for the writer, creating it durably (its directory entry forced) on first use. */
    static HeadFile open(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        var channel = Directories.openDurably(directory, FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        Optional<LogHead> first = parse(bytes, 0);
        Optional<LogHead> second = parse(bytes, 1);
        int newest = second.isPresent() && (first.isEmpty() || second.get().sequence() > first.get().sequence()) ? 1 : 0;
        return new HeadFile(channel, newest);
    }

    /** Writer: records the head of a commit that is already durable, over the older slot. */
    void write(LogHead head) throws IOException {
        int slot = 1 - newestSlot;
        ByteBuffer line = ByteBuffer.wrap(format(head));
        long position = (long) slot * SLOT_BYTES;
        while (line.hasRemaining()) {
            position += channel.write(line, position);
        }
        channel.force(false);
        newestSlot = slot;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static byte[] format(LogHead head) {
        String fields = String.format("%019d %s", head.sequence(), HexFormat.of().formatHex(head.hash()));
        return String.format("%s %08x\n", fields, checksum(fields)).getBytes(StandardCharsets.US_ASCII);
    }

    private static Optional<LogHead> parse(byte[] bytes, int slot) {
        int start = slot * SLOT_BYTES;
        if (bytes.length < start + SLOT_BYTES) {
            return Optional.empty();
        }
        String line = new String(bytes, start, SLOT_BYTES, StandardCharsets.US_ASCII);
        String[] fields = line.strip().split(" ");
        if (fields.length != 3 || !line.endsWith("\n") || fields[0].length() != 19 || fields[1].length() != 64) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(fields[2], 16) != checksum(fields[0] + " " + fields[1])) {
                return Optional.empty();
            }
            return Optional.of(new LogHead(Long.parseLong(fields[0]), HexFormat.of().parseHex(fields[1])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static long checksum(String fields) {
        var crc = new CRC32C();
        crc.update(fields.getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }
}
