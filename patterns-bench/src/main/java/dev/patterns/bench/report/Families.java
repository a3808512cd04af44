package dev.patterns.bench.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.patterns.bench.report.Placement.Role;

import static java.util.Objects.requireNonNull;

/**
 * Which rows of a benchmark class are ours, which are peers, and which are compared with which:
 * a small table, one entry per benchmark class (a <em>family</em>), and one rule for classes the
 * table does not know yet.
 *
 * <p><b>The rule</b> (what a new benchmark class gets without an entry): if the row has an
 * {@code impl} parameter, its value names the implementation and the rows compared together share
 * the method (or {@code @Group}) and every other parameter; otherwise the method name names the
 * implementation and the rows compared together share every parameter. An implementation is ours
 * when its name is {@code patterns} or {@code channel} or starts with {@code patterns}; every other
 * one is a peer. So a new class is reported correctly if it names its implementations by an
 * {@code impl} parameter or prefixes its own benchmark methods with {@code patterns}. The table
 * below only adds readable names, splits a class's methods into separate comparisons, and picks a
 * secondary metric as the score where the primary one is not the rate that matters.
 *
 * <p>In every case the rows are compared with the first row that is ours (the baseline).
 */
final class Families {

    /**
     * How to read the rows of one benchmark class.
     *
     * @param title the report's heading
     * @param about what one operation is and what the score counts, for the reader
     * @param placer where each row goes
     */
    record Family(String title, String about, Function<JmhResult, Placement> placer) {

        Family {
            requireNonNull(title, "title");
            requireNonNull(about, "about");
            requireNonNull(placer, "placer");
        }
    }

    private static final Map<String, Family> KNOWN = new LinkedHashMap<>();

    static {
        Map<String, String> queues = Map.of(
                "channel", "patterns Channel",
                "arrayBlockingQueue", "ArrayBlockingQueue",
                "linkedBlockingQueue", "LinkedBlockingQueue",
                "linkedTransferQueue", "LinkedTransferQueue",
                "jox", "jox Channel",
                "jctools", "JCTools MpmcArrayQueue");
        KNOWN.put("HandoffBenchmark", new Family("Channel: blocking hand-off (put / take)",
                "Producers `put`, consumers `take`, capacity 1024. Score: the consumers' take rate (transfers "
                        + "per time unit, the `take1`/`take2` secondary result); B/op is per JMH operation, "
                        + "i.e. per put or take.",
                r -> new Placement(group(r), label(queues, r.params().get("impl")), ours(r, "channel"),
                        r.method().equals("oneToOne") ? "take1" : "take2")));
        KNOWN.put("TryHandoffBenchmark", new Family("Channel: non-blocking hand-off (trySend / tryReceive spin)",
                "Producers spin on `offer`, consumers on `poll`, capacity 1024. Score: successful receives "
                        + "(the `received` counter); failed calls are not counted.",
                r -> new Placement(group(r), label(queues, r.params().get("impl")), ours(r, "channel"),
                        "received")));
        KNOWN.put("VirtualThreadHandoffBenchmark", new Family("Channel: blocking hand-off between two virtual threads",
                "One producer and one consumer virtual thread, batches of 10,000 transfers. Score: transfers.",
                r -> new Placement("1P/1C, virtual threads", label(queues, r.params().get("impl")),
                        ours(r, "channel"), null)));
        KNOWN.put("PipelineThroughputBenchmark", new Family("Pipeline: three stages",
                "Three trivial map stages and a counter, buffers of 1024, `parallelism` workers per stage. "
                        + "One operation is one item, end to end.",
                r -> new Placement("parallelism " + r.params().get("parallelism"),
                        label(Map.of("patterns", "patterns Pipeline", "handWritten", "hand-written (ABQ + executors)",
                                "submissionPublisher", "SubmissionPublisher", "reactor", "Reactor"),
                                r.params().get("impl")),
                        ours(r, "patterns"), null)));
        KNOWN.put("BreakerBench", new Family("Circuit breaker, closed, around a trivial supplier",
                "The cost a closed breaker adds to each call: the wrapped form and the permit form.",
                r -> byMethod(r, Map.of(
                        "patternsCall", new String[] {"wrapped call", "patterns get"},
                        "r4jExecuteSupplier", new String[] {"wrapped call", "Resilience4j executeSupplier"},
                        "failsafeGet", new String[] {"wrapped call", "Failsafe get"},
                        "patternsPermit", new String[] {"permit", "patterns tryAcquirePermit + onSuccess"},
                        "r4jPermission", new String[] {"permit", "Resilience4j acquirePermission + onSuccess"},
                        "failsafePermit", new String[] {"permit", "Failsafe tryAcquirePermit + recordSuccess"}))));
        KNOWN.put("ComposedBench", new Family("Retry + circuit breaker + bulkhead, successful call",
                "One successful call through the three policies, each chain built once.",
                r -> byMethod(r, Map.of(
                        "patterns", new String[] {"retry(breaker(bulkhead))", "patterns Policies"},
                        "r4jDecorators", new String[] {"retry(breaker(bulkhead))", "Resilience4j Decorators"},
                        "failsafe", new String[] {"retry(breaker(bulkhead))", "Failsafe"}))));
        KNOWN.put("TokenBucketBench", new Family("Token bucket: tryAcquire of one token",
                "`always`: every acquisition succeeds; `limiting`: nearly every one is refused. "
                        + "`System.nanoTime()` is the floor: every limiter reads the clock once per call.",
                r -> {
                    Placement p = byMethod(r, Map.of(
                            "patterns", new String[] {"", "patterns TokenBucket"},
                            "bucket4j", new String[] {"", "Bucket4j"},
                            "guava", new String[] {"", "Guava RateLimiter"},
                            "r4j", new String[] {"", "Resilience4j RateLimiter"},
                            "systemNanoTime", new String[] {"", "System.nanoTime() (floor)"}));
                    return new Placement(r.params().getOrDefault("load", "load ?"), p.impl(),
                            r.method().equals("systemNanoTime") ? Role.REFERENCE : p.role(), null);
                }));
        KNOWN.put("FanOutBench", new Family("Fan-out of 8 trivial tasks, gathered in order",
                "Starting, joining and collecting 8 tasks that do nothing, each peer on its own kind of thread.",
                r -> byMethod(r, Map.of(
                        "patternsFanOutAll", new String[] {"virtual thread per task", "patterns FanOut"},
                        "jdkInvokeAllVirtual", new String[] {"virtual thread per task", "invokeAll (virtual threads)"},
                        "patternsFanOutAllCommonPool", new String[] {"common pool", "patterns FanOut"},
                        "completableFutureAllOfCommonPool", new String[] {"common pool", "supplyAsync + allOf"}))));
        KNOWN.put("SingleFlightBench", new Family("Single-flight on one hot key",
                "`join`: join an execution in flight and leave (each caller gets its own future; the "
                        + "\"shared future\" peers hand every caller the same one, \"+ copy()\" gives them the same "
                        + "isolation). `whole round`: start, load, complete, unmap.",
                Families::singleFlight));
        KNOWN.put("LatencyTrackerBench", new Family("Latency tracker behind percentile hedging",
                "No peer in the bench's dependencies; `System.nanoTime()` is the floor a `record` cannot go below.",
                r -> switch (r.method()) {
                    case "record1", "record2" -> new Placement("record", "patterns LatencyTracker.record", Role.OURS, null);
                    case "nanoTimeFloor" -> new Placement("record", "System.nanoTime() (floor)", Role.REFERENCE, null);
                    case "p99" -> new Placement("percentileNanos(99)", "patterns LatencyTracker", Role.OURS, null);
                    case "p50" -> new Placement("percentileNanos(50)", "patterns LatencyTracker", Role.OURS, null);
                    default -> byRule(r);
                }));
        KNOWN.put("DeadlineBench", new Family("Deadline precision: 8 shards of 5-40 ms, 30 ms deadline",
                "The time the caller waited; subtract 30 ms for the time past the deadline.",
                r -> byMethod(r, Map.of(
                        "patternsAllByDeadline", new String[] {"30 ms deadline", "patterns FanOut allByDeadline"},
                        "jdkInvokeAllWithTimeout", new String[] {"30 ms deadline", "invokeAll(tasks, 30 ms)"}))));
    }

    private static final Pattern SINGLE_FLIGHT = Pattern.compile("(join|cycle)(\\w+?)(\\d*)");

    private Families() {
    }

    /** The family of a row's benchmark class: its table entry, or the rule's. */
    static Family of(JmhResult row) {
        requireNonNull(row, "row");
        Family known = KNOWN.get(row.simpleClassName());
        return known != null ? known
                : new Family(row.simpleClassName(), "No entry in the family table: rows placed by the naming rule.",
                        Families::byRule);
    }

    /** Where the rule (no table entry) puts a row. */
    static Placement byRule(JmhResult r) {
        String impl = r.params().get("impl");
        StringBuilder caseLabel = new StringBuilder(impl != null ? r.method() : "");
        r.params().forEach((k, v) -> {
            if (!k.equals("impl")) {
                caseLabel.append(caseLabel.isEmpty() ? "" : ", ").append(k).append('=').append(v);
            }
        });
        String name = impl != null ? impl : r.method();
        return new Placement(caseLabel.toString(), name, isOurs(name) ? Role.OURS : Role.PEER, null);
    }

    /** The rule's test for "ours". */
    static boolean isOurs(String impl) {
        String lower = impl.toLowerCase(Locale.ROOT);
        return lower.equals("patterns") || lower.equals("channel") || lower.startsWith("patterns");
    }

    private static Placement singleFlight(JmhResult r) {
        Matcher m = SINGLE_FLIGHT.matcher(r.method());
        if (!m.matches()) {
            return byRule(r);
        }
        boolean join = m.group(1).equals("join");
        String impl = switch (m.group(2)) {
            case "Patterns" -> "patterns SingleFlight";
            case "Caffeine" -> join ? "Caffeine (shared future)" : "Caffeine AsyncCache";
            case "ComputeIfAbsent" -> join ? "computeIfAbsent (shared future)" : "computeIfAbsent idiom";
            case "CaffeineIsolated" -> "Caffeine + copy(), long flight";
            case "ComputeIfAbsentIsolated" -> "computeIfAbsent + copy(), long flight";
            case "CaffeineIsolatedShort" -> "Caffeine + copy(), flights of 1,024";
            case "ComputeIfAbsentIsolatedShort" -> "computeIfAbsent + copy(), flights of 1,024";
            default -> m.group(2);
        };
        return new Placement(join ? "join" : "whole round", impl,
                m.group(2).equals("Patterns") ? Role.OURS : Role.PEER, null);
    }

    /** Places a row by its method: {@code method -> {case, implementation}}; ours when it starts with "patterns". */
    private static Placement byMethod(JmhResult r, Map<String, String[]> methods) {
        String[] where = methods.get(r.method());
        if (where == null) {
            return byRule(r);
        }
        return new Placement(where[0], where[1], isOurs(r.method()) ? Role.OURS : Role.PEER, null);
    }

    private static String group(JmhResult r) {
        return switch (r.method()) {
            case "oneToOne" -> "1P/1C";
            case "twoToTwo" -> "2P/2C";
            default -> r.method();
        };
    }

    private static Role ours(JmhResult r, String oursImpl) {
        return oursImpl.equals(r.params().get("impl")) ? Role.OURS : Role.PEER;
    }

    private static String label(Map<String, String> labels, String impl) {
        return impl == null ? "?" : labels.getOrDefault(impl, impl);
    }
}
