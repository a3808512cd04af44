package dev.patterns.examples.jdk;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Contended counters with the JDK's atomics: a {@link LongAdder} per key in a
 * {@link ConcurrentHashMap}. Many threads add without contending on one memory word; a reader sums
 * the cells. The library has no wrapper for this.
 */
public final class HitCounters {

    private final ConcurrentHashMap<String, LongAdder> hits = new ConcurrentHashMap<>();

    /**
     * Counts one hit of {@code page}; never blocks, allocates only for a page seen for the first time.
     *
     * @param page the page
     */
    public void hit(String page) {
        hits.computeIfAbsent(page, p -> new LongAdder()).increment();
    }

    /**
     * Returns the counts, sorted by page. Exact when no thread is counting; an estimate otherwise.
     *
     * @return page to count
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        hits.forEach((page, adder) -> counts.put(page, adder.sum()));
        return counts;
    }
}
