package dev.patterns.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One element of a JMH JSON result file: one benchmark method (or {@code @Group}) at one set of
 * parameters, one mode and one thread count.
 *
 * @param benchmark the fully qualified name JMH writes, {@code package.Class.method}
 * @param mode {@code thrpt}, {@code avgt}, {@code sample}, {@code ss}
 * @param threads all the threads that ran it (a group's threads added up)
 * @param params the {@code @Param} values, in JMH's order
 * @param primary the primary metric
 * @param secondary the secondary metrics by name (group methods, {@code @AuxCounters} fields,
 *        profiler metrics such as {@code gc.alloc.rate.norm})
 * @param run how the row was measured: forks, iterations, JDK, JMH
 */
record JmhResult(String benchmark, String mode, int threads, Map<String, String> params,
                 Metric primary, Map<String, Metric> secondary, RunSettings run) {

    /** Where the benchmarks of this project live: the next package name is the row's area. */
    static final String BENCH_PACKAGE = "dev.patterns.bench.";

    JmhResult {
        requireNonNull(benchmark, "benchmark");
        requireNonNull(mode, "mode");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(params, "params")));
        requireNonNull(primary, "primary");
        secondary = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(secondary, "secondary")));
        requireNonNull(run, "run");
        if (benchmark.lastIndexOf('.') <= 0) {
            throw new IllegalArgumentException("benchmark: \"" + benchmark + "\" (expected: Class.method)");
        }
    }

    /**
     * How a row was measured, as JMH wrote it.
     *
     * @param forks forks
     * @param warmupIterations warm-up iterations per fork
     * @param warmupTime each warm-up iteration's length, as JMH writes it ({@code "300 ms"})
     * @param iterations measured iterations per fork
     * @param iterationTime each measured iteration's length
     * @param jdk {@code jdkVersion, vmName vmVersion}
     * @param jmh the JMH version
     */
    record RunSettings(int forks, int warmupIterations, String warmupTime, int iterations,
                       String iterationTime, String jdk, String jmh) {

        RunSettings {
            requireNonNull(warmupTime, "warmupTime");
            requireNonNull(iterationTime, "iterationTime");
            requireNonNull(jdk, "jdk");
            requireNonNull(jmh, "jmh");
        }

        /** "3 forks × 5 × 1 s after 3 × 1 s warm-up". */
        String describe() {
            return forks + (forks == 1 ? " fork" : " forks") + " × " + iterations + " × " + iterationTime
                    + (warmupIterations == 0 ? ", no warm-up" : " after " + warmupIterations + " × " + warmupTime + " warm-up");
        }
    }

    /** Reads every row of one JMH JSON file. */
    static List<JmhResult> read(Path file) throws IOException {
        requireNonNull(file, "file");
        Object root = Json.parse(Files.readString(file));
        if (!(root instanceof List<?> rows)) {
            throw new IllegalArgumentException("file: " + file + " (expected: a JMH JSON array)");
        }
        List<JmhResult> results = new ArrayList<>();
        for (Object row : rows) {
            results.add(from(map(row, "row")));
        }
        return results;
    }

    static JmhResult from(Map<String, Object> row) {
        Map<String, String> params = new LinkedHashMap<>();
        if (row.get("params") instanceof Map<?, ?> p) {
            p.forEach((k, v) -> params.put((String) k, String.valueOf(v)));
        }
        Map<String, Metric> secondary = new LinkedHashMap<>();
        if (row.get("secondaryMetrics") instanceof Map<?, ?> s) {
            // Older JMH versions prefix profiler metrics with a middle dot.
            s.forEach((k, v) -> secondary.put(((String) k).replace("\u00b7", ""), Metric.from(map(v, (String) k))));
        }
        RunSettings run = new RunSettings(integer(row, "forks"), integer(row, "warmupIterations"),
                text(row, "warmupTime"), integer(row, "measurementIterations"), text(row, "measurementTime"),
                (text(row, "jdkVersion") + ", " + text(row, "vmName") + " " + text(row, "vmVersion")).trim(),
                text(row, "jmhVersion"));
        return new JmhResult(text(row, "benchmark"), text(row, "mode"), integer(row, "threads"), params,
                Metric.from(map(row.get("primaryMetric"), "primaryMetric")), secondary, run);
    }

    /** {@code HandoffBenchmark}. */
    String simpleClassName() {
        String cls = className();
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    /** {@code dev.patterns.bench.channel.HandoffBenchmark}. */
    String className() {
        return benchmark.substring(0, benchmark.lastIndexOf('.'));
    }

    /** The method, or for a {@code @Group} benchmark the group's name. */
    String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** The package under {@code dev.patterns.bench} ({@code channel}), else the class's own package. */
    String area() {
        String cls = className();
        String pkg = cls.lastIndexOf('.') < 0 ? "" : cls.substring(0, cls.lastIndexOf('.'));
        if (pkg.startsWith(BENCH_PACKAGE)) {
            pkg = pkg.substring(BENCH_PACKAGE.length());
        }
        int dot = pkg.indexOf('.');
        return dot < 0 ? (pkg.isEmpty() ? "other" : pkg) : pkg.substring(0, dot);
    }

    /** {@code gc.alloc.rate.norm} (bytes per operation) when {@code -prof gc} ran, else null. */
    Metric allocation() {
        return secondary.get("gc.alloc.rate.norm");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(what + ": " + value + " (expected: a JSON object)");
    }

    private static int integer(Map<String, Object> row, String key) {
        Object v = row.get(key);
        return v == null ? 0 : (int) Json.number(v);
    }

    private static String text(Map<String, Object> row, String key) {
        Object v = row.get(key);
        return v == null ? "" : v.toString();
    }
}
