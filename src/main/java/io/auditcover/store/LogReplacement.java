package io.auditcover.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts a rewritten log in place of a data directory's log (the format migration writes one): the new log and its anchors
 * are written into {@value #STAGING_DIRECTORY} beside the old, signed with the operator's own key, then swapped in.
 *
 * <p>The log file itself is swapped by one atomic rename, after the old file is linked to its kept name, so
 * {@code auditcover.db} is at every moment either the whole old log or the whole new one. Its anchors (head file,
 * checkpoints) follow with a rename each; a crash between those renames leaves the new log beside its old anchors (it then
 * does not verify), and the staging directory still holding the new anchors, which {@link #finishInterrupted} moves in.
 * Run with the service stopped: nothing else may write the directory meanwhile.
 */
public final class LogReplacement {
    static final String STAGING_DIRECTORY = "auditcover.db.staging";
    /** The log file, then its anchors: the order they are swapped in. */
    private static final List<String> FILES = List.of(SqliteEventLog.FILE_NAME, HeadFile.FILE_NAME, Checkpoints.FILE_NAME);

    private LogReplacement() {
    }

    /**
     * An empty staging directory in {@code directory} holding a copy of the operator key (created first if the log never
     * signed a checkpoint), so the new log's checkpoints are signed by the key its operator already keeps.
     */
    public static Path prepareStaging(Path directory) {
        Path staging = directory.resolve(STAGING_DIRECTORY);
        try {
            deleteStaging(staging);
            Files.createDirectories(staging);
            OperatorKey.loadOrCreate(directory);
            Files.copy(directory.resolve(OperatorKey.FILE_NAME), staging.resolve(OperatorKey.FILE_NAME), StandardCopyOption.COPY_ATTRIBUTES);
            return staging;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + staging + ": " + e.getMessage(), e);
        }
    }

    /**
     * Swaps the staged log and anchors in, keeping the old ones beside them with {@code keptSuffix} appended
     * ({@code auditcover.db.v0}, ...). Both logs must be closed: a write-ahead file left beside either would be applied to
     * the wrong database.
     */
    public static void swapIn(Path directory, String keptSuffix) {
        Path staging = directory.resolve(STAGING_DIRECTORY);
        try {
            for (Path folder : List.of(directory, staging)) {
                for (String leftover : List.of("-wal", "-shm")) {
                    if (Files.exists(folder.resolve(SqliteEventLog.FILE_NAME + leftover))) {
                        throw new IllegalStateException(folder.resolve(SqliteEventLog.FILE_NAME + leftover) + " exists: the log is still"
                                + " open (is the service running?); nothing was swapped");
                    }
                }
            }
            for (String name : FILES) {
                keep(directory.resolve(name), directory.resolve(name + keptSuffix));
            }
            Directories.force(directory);
            moveAnchorsAndLog(directory, staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot swap the migrated log into " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Finishes a swap a crash interrupted after the log file was renamed (the staging directory has anchors left and no log
     * file): moves the anchors in; true if there was one. A staging directory that still holds its log was never swapped
     * and is left for {@link #prepareStaging} to clear.
     */
    public static boolean finishInterrupted(Path directory) {
        Path staging = directory.resolve(STAGING_DIRECTORY);
        if (!Files.isDirectory(staging) || Files.exists(staging.resolve(SqliteEventLog.FILE_NAME))) {
            return false;
        }
        try {
            moveAnchorsAndLog(directory, staging);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the interrupted swap in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void moveAnchorsAndLog(Path directory, Path staging) throws IOException {
        for (String name : FILES) {
            Path staged = staging.resolve(name);
            // absent only when an interrupted swap had moved it already
            if (Files.exists(staged)) {
                Files.move(staged, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Directories.force(directory);
        deleteStaging(staging);
    }

    /** Keeps the old file under its new name: a hard link, so the original name never stops pointing at a whole log. */
    private static void keep(Path file, Path kept) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Files.deleteIfExists(kept);
        try {
            Files.createLink(kept, file);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(file, kept, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static void deleteStaging(Path staging) throws IOException {
        if (!Files.isDirectory(staging)) {
            return;
        }
        try (Stream<Path> files = Files.list(staging)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(staging);
    }
}
