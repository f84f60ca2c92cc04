package io.auditcover.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The signed checkpoints, one JSON object a line in {@value #FILE_NAME}, appended by the writer only.
 * They live apart from the log's tables on purpose: a checkpoint stored with the records could be
 * deleted together with the tail it vouches for. A line is appended and forced after the commit it
 * names is durable; a crash can leave only the last line torn, which reading skips and the writer cuts
 * off before it appends again.
 */
final class Checkpoints implements AutoCloseable {
    static final String FILE_NAME = "auditcover.db.checkpoints";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FileChannel channel;

    /**
     * What the file holds: the checkpoints before the first unreadable complete line, whether a torn last line was
     * skipped, and the unreadable line's problem (an edit, not a crash's doing) if there is one.
     */
    record Read(List<Checkpoint> checkpoints, boolean tornLastLine, Optional<String> unreadable) {
        Read {
            checkpoints = List.copyOf(checkpoints);
        }
    }

    private Checkpoints(FileChannel channel) {
        this.channel = channel;
    }

    /** Every complete line up to the first unreadable one. */
    static Read read(Path directory) {
        String text;
        try {
            text = Files.readString(directory.resolve(FILE_NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Read(List.of(), false, Optional.empty());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the log's checkpoints: " + e.getMessage(), e);
        }
        var checkpoints = new ArrayList<Checkpoint>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
            try {
                checkpoints.add(JSON.readValue(text.substring(start, end), Checkpoint.class));
            } catch (JsonProcessingException e) {
                return new Read(checkpoints, false, Optional.of("checkpoint line " + (checkpoints.size() + 1)
                        + " of " + FILE_NAME + " is unreadable: " + e.getOriginalMessage()));
            }
        }
        return new Read(checkpoints, start < text.length(), Optional.empty());
    }

    /** Opens the file for the writer, cutting off a torn last line so the next line starts clean. */
    static Checkpoints open(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        var channel = Directories.openDurably(directory, FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        int complete = bytes.length;
        while (complete > 0 && bytes[complete - 1] != '\n') {
            complete--;
        }
        if (complete < bytes.length) {
            channel.truncate(complete);
            channel.force(false);
        }
        channel.position(complete);
        return new Checkpoints(channel);
    }

    /** Writer: appends a checkpoint of a commit that is already durable. */
    void append(Checkpoint checkpoint) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            channel.write(line);
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
