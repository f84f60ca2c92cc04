package io.auditcover.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Making a new directory entry durable: a created or linked file survives a crash only once its directory is forced. */
final class Directories {
    private Directories() {
    }

    static void force(Path directory) throws IOException {
        try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
