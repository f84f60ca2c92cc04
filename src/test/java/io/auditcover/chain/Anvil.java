package io.auditcover.chain;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real local Ethereum node for tests: anvil from the npm package {@code @foundry-rs/anvil-linux-amd64},
 * on a free loopback port, mining a block per transaction (and on request), stopped on close. The binary
 * comes from the {@code anvil.binary} system property (Maven sets it) or the path .ci/run installs to; a
 * missing binary fails the test, it never skips it.
 */
public final class Anvil implements AutoCloseable {
    static final Path DEFAULT_BINARY = Path.of(".tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
    static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    /** anvil's chain id unless told otherwise. */
    public static final long CHAIN_ID = 31_337;

    private final Process process;
    final int port;

    private Anvil(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Path binary() {
        return binary(System.getProperty("anvil.binary"));
    }

    static Path binary(String configured) {
        Path binary = configured != null && !configured.isBlank() ? Path.of(configured) : DEFAULT_BINARY;
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("anvil is not installed at " + binary.toAbsolutePath() + ": run "
                    + "`npm install --no-save --prefix .tools @foundry-rs/anvil-linux-amd64@1.7.1` (as .ci/run does)"
                    + " or set -Danvil.binary=PATH");
        }
        return binary;
    }

    static int freePort() {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    public static Anvil start() {
        return start(freePort());
    }

    static Anvil start(int port) {
        var command = List.of(binary().toString(), "--host", "127.0.0.1", "--port", Integer.toString(port), "--silent",
                "--hardfork", "cancun");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start anvil: " + command, e);
        }
        var anvil = new Anvil(process, port);
        anvil.awaitReady();
        return anvil;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (ChainReader reader = ChainReader.connect(url())) {
            while (true) {
                try {
                    reader.headBlock();
                    return;
                } catch (ChainUnavailableException e) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        close();
                        throw new IllegalStateException("anvil did not answer on " + url() + " within " + START_TIMEOUT, e);
                    }
                    Thread.sleep(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting anvil", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
