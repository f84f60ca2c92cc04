package io.auditcover.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Making a new directory entry durable: a created or linked file survives a crash only once its directory is forced. */
final class Directories {
    private Directories() {
    }

    /** Opens {@code file} in {@code directory} to read and write, creating it durably (its directory forced) on first use. */
    static FileChannel openDurably(Path directory, String file) throws IOException {
        boolean created = !java.nio.file.Files.exists(directory.resolve(file));
        var channel = FileChannel.open(directory.resolve(file), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (created) {
            force(directory);
        }
        return channel;
    }

    static void force(Path directory) throws IOException {
        try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
