package io.auditcover.solvency;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One scenario applied to a book: its name and description, every pool's {@link StressLoss} by pool id (pools it does not
 * hit included, so a report lists every pool), and the book's.
 */
public record StressResult(String scenario, String description, SortedMap<String, StressLoss> pools, StressLoss book) {
    public StressResult {
        if (scenario == null || description == null || book == null) {
            throw new IllegalArgumentException("a stress result needs its scenario, description and book figures");
        }
        pools = Collections.unmodifiableSortedMap(new TreeMap<>(pools));
        if (!book.equals(StressLoss.ofBook(pools.values()))) {
            throw new IllegalArgumentException("scenario " + scenario + ": the book's figures must be its pools' sums, got " + book);
        }
    }
}
