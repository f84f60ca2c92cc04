package io.auditcover;

import java.security.SecureRandom;
import java.util.stream.LongStream;

/**
 * The seeds every seeded test runs, chosen in one place. A build runs each test's own fixed list, so {@code mvn verify}
 * gives the same answer on every machine; {@code -Dauditcover.seed=S} reruns seed S alone (or {@code S1,S2,...} those); {@code -Dauditcover.seeds=N}
 * runs N fresh seeds instead, printing each before it runs, to look for the failures a fixed list misses. Tests take
 * them as {@code @ParameterizedTest(name = "seed {0}") @MethodSource("seeds")}, so a failure is named by its seed.
 */
public final class Seeds {
    public static final String SEED_PROPERTY = "auditcover.seed";
    public static final String COUNT_PROPERTY = "auditcover.seeds";
    public static final int FRESH_COUNT_MAX = 100_000;
    private static final SecureRandom FRESH = new SecureRandom();

    private Seeds() {
    }

    /** The seeds to run now: the one asked for, N fresh ones, or else {@code fixed}. */
    public static LongStream of(long... fixed) {
        if (fixed.length == 0) {
            throw new IllegalStateException("a seeded test names at least one fixed seed");
        }
        String asked = System.getProperty(SEED_PROPERTY, "").strip();
        if (!asked.isEmpty()) {
            return java.util.Arrays.stream(asked.split(",")).map(String::strip).mapToLong(Long::parseLong);
        }
        String count = System.getProperty(COUNT_PROPERTY, "").strip();
        if (count.isEmpty()) {
            return LongStream.of(fixed);
        }
        int fresh = Integer.parseInt(count);
        if (fresh < 1 || fresh > FRESH_COUNT_MAX) {
            throw new IllegalArgumentException(COUNT_PROPERTY + " must be 1 to " + FRESH_COUNT_MAX + ": " + count);
        }
        String test = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass().getSimpleName();
        // JUnit pulls one argument, runs it, then pulls the next, so each seed is printed just before its run.
        return LongStream.generate(FRESH::nextLong).limit(fresh).peek(seed -> System.out.println(test + " seed " + seed + " " + rerun(seed)));
    }

    /** Whether this run draws fresh seeds ({@code -Dauditcover.seeds=N}) rather than the fixed lists. */
    public static boolean fresh() {
        return !System.getProperty(COUNT_PROPERTY, "").isBlank() && System.getProperty(SEED_PROPERTY, "").isBlank();
    }

    /** How to run this seed again, for failure messages. */
    public static String rerun(long seed) {
        return "(rerun with -D" + SEED_PROPERTY + "=" + seed + ")";
    }
}
