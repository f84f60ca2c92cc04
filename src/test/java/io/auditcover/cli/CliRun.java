package io.auditcover.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the command line in this JVM, as a user would see it: the exit code and what it printed on each stream. */
record CliRun(int exitCode, String out, String err) {

    /** Runs the command line, which must succeed, and returns what it printed on standard output. */
    static String succeeding(String... args) {
        CliRun run = of(args);
        org.assertj.core.api.Assertions.assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run.out();
    }

    static CliRun of(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(outStream);
            System.setErr(errStream);
            int code = Main.run(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
