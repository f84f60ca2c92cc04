package io.auditcover.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: Debian's server binaries, a fresh {@code initdb} in a temporary directory, a free
 * loopback port, trust authentication for one superuser; stopped and deleted by {@link #close}. PostgreSQL refuses to run
 * as root, so under root it runs as the {@code postgres} user the Debian package creates, owning the directory. One cluster
 * serves a test class (of this package or another: the command line's tests use it too); each test takes a fresh database
 * from {@link #newDatabase}.
 */
public final class PostgresCluster implements AutoCloseable {
    static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    static final String SUPERUSER = "auditcover";
    private static final String SYSTEM_USER = "postgres";
    private static final long COMMAND_SECONDS_MAX = 120;
    private final Path directory;
    private final Path binaries;
    private final boolean root;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path directory, Path binaries, boolean root, int port) {
        this.directory = directory;
        this.binaries = binaries;
        this.root = root;
        this.port = port;
    }

    public static PostgresCluster start() throws IOException {
        return start(List.of());
    }

    /** A cluster started with these extra server settings ({@code name=value}). */
    public static PostgresCluster start(List<String> settings) throws IOException {
        boolean root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        Path binaries = binaries(root);
        Path directory = Files.createTempDirectory("auditcover-postgres");
        if (root) {
            run(List.of("chown", SYSTEM_USER + ":", directory.toString()));
        }
        var cluster = new PostgresCluster(directory, binaries, root, freePort());
        try {
            cluster.runAsServer(List.of(binaries.resolve("initdb").toString(), "-D", cluster.data().toString(), "-U", SUPERUSER,
                    "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"));
            cluster.runAsServer(List.of(binaries.resolve("pg_ctl").toString(), "-D", cluster.data().toString(), "-l",
                    directory.resolve("server.log").toString(), "-w", "-o", cluster.options(settings), "start"));
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The newest installed server's binaries, installing Debian's package first when running as root without one. */
    private static Path binaries(boolean root) throws IOException {
        if (installed().isEmpty() && root) {
            run(List.of("sh", "-c", "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql"));
        }
        return installed().orElseThrow(() -> new IllegalStateException("PostgreSQL's server is not installed under " + DEBIAN_BINARIES
                + ": apt-get install postgresql (build/test-tools.sh does so)"));
    }

    private static java.util.Optional<Path> installed() throws IOException {
        if (!Files.isDirectory(DEBIAN_BINARIES)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
            return versions.map(version -> version.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> versionNumber(bin.getParent())));
        }
    }

    private static int versionNumber(Path version) {
        try {
            return Integer.parseInt(version.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private Path data() {
        return directory.resolve("data");
    }

    /** A new empty database, its JDBC URL returned. */
    public String newDatabase() throws SQLException {
        String name = "log_" + databases.incrementAndGet();
        try (var connection = DriverManager.getConnection(url("postgres")); var sql = connection.createStatement()) {
            sql.execute("CREATE DATABASE " + name + " STRATEGY FILE_COPY");
        }
        return url(name);
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    private void runAsServer(List<String> command) throws IOException {
        var full = new ArrayList<String>();
        if (root) {
            full.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean exited;
        try {
            exited = process.waitFor(COMMAND_SECONDS_MAX, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new java.io.InterruptedIOException("interrupted waiting for " + String.join(" ", command));
        }
        if (!exited || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }

    /** Stops the server at once (nothing in it is kept) and deletes its directory. */
    @Override
    public void close() throws IOException {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                runAsServer(List.of(binaries.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private String options(List<String> settings) {
        var options = new StringBuilder("-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off");
        settings.forEach(setting -> options.append(" -c ").append(setting));
        return options.toString();
    }

    /** A primary that streams its WAL; {@link #requireSynchronousStandby} makes its commits wait for a standby. */
    public static PostgresCluster startPrimary() throws IOException {
        return start(List.of("wal_level=replica", "max_wal_senders=4", "synchronous_commit=on"));
    }

    /**
     * From now on every commit waits for the standby named {@code name} to have it ({@code synchronous_commit=on} with one
     * synchronous standby): an acknowledged commit survives the primary's loss. Set once the standby streams, since until then
     * a commit would wait for it.
     */
    public void requireSynchronousStandby(String name) throws SQLException {
        try (var connection = DriverManager.getConnection(url("postgres")); var sql = connection.createStatement()) {
            sql.execute("ALTER SYSTEM SET synchronous_standby_names = '" + name + "'");
            sql.execute("SELECT pg_reload_conf()");
        }
    }

    /** A hot standby of this primary, copied by pg_basebackup and streaming from it under {@code name}. */
    public PostgresCluster startStandby(String name) throws IOException {
        Path standbyDirectory = Files.createTempDirectory("auditcover-postgres-standby");
        if (root) {
            run(List.of("chown", SYSTEM_USER + ":", standbyDirectory.toString()));
        }
        var standby = new PostgresCluster(standbyDirectory, binaries, root, freePort());
        try {
            standby.runAsServer(List.of(binaries.resolve("pg_basebackup").toString(), "-D", standby.data().toString(), "-R", "-X", "stream",
                    "-d", "host=127.0.0.1 port=" + port + " user=" + SUPERUSER + " application_name=" + name));
            standby.runAsServer(List.of(binaries.resolve("pg_ctl").toString(), "-D", standby.data().toString(), "-l",
                    standbyDirectory.resolve("server.log").toString(), "-w", "-o", standby.options(List.of("hot_standby=on")), "start"));
            return standby;
        } catch (IOException | RuntimeException e) {
            standby.close();
            throw e;
        }
    }

    /** Kills the server as a crash would (immediate shutdown: no checkpoint, clients cut off). */
    public void kill() throws IOException {
        runAsServer(List.of(binaries.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
    }

    /** Promotes this standby to primary, waiting until it accepts writes. */
    public void promote() throws IOException {
        runAsServer(List.of(binaries.resolve("pg_ctl").toString(), "-D", data().toString(), "-w", "promote"));
    }

    /** host:port, for multi-host URLs. */
    public String hostAndPort() {
        return "127.0.0.1:" + port;
    }
}
