package dev.patterns.examples.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import dev.patterns.async.FanOut;
import dev.patterns.async.Gathered;
import dev.patterns.async.GatherPolicy;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;

/**
 * Search fan-out: a query goes to 8 shards with random 50–400 ms latency; the answer is whatever
 * came back within 300 ms. Shards that miss the deadline are interrupted and reported.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=dev.patterns.examples.async.SearchFanOutDemo}
 */
public final class SearchFanOutDemo {

    /**
     * What one search returned.
     *
     * @param answered shards that answered in time
     * @param timedOut shards that missed the deadline
     * @param mergedRecords records merged from the shards that answered
     * @param elapsed how long the search took
     */
    public record Result(List<Integer> answered, List<Integer> timedOut, int mergedRecords, Duration elapsed) {}

    private SearchFanOutDemo() {}

    /**
     * Searches shards whose latencies are given, gathering until the deadline.
     *
     * @param fanOut the fan-out to use
     * @param latencies one latency per shard; each shard returns 10 records after its latency
     * @param deadline how long the search may take
     * @return what came back
     * @throws InterruptedException if interrupted
     */
    public static Result search(FanOut fanOut, List<Duration> latencies, Duration deadline) throws InterruptedException {
        List<Callable<List<String>>> shards = new ArrayList<>();
        for (int i = 0; i < latencies.size(); i++) {
            int shard = i;
            Duration latency = latencies.get(i);
            shards.add(() -> {
                Sleeper.system().sleep(latency); // simulated shard latency; honours the interrupt
                List<String> records = new ArrayList<>();
                for (int r = 0; r < 10; r++) {
                    records.add("shard" + shard + "-doc" + r);
                }
                return records;
            });
        }
        long start = Ticker.system().read();
        Gathered<List<String>> result = fanOut.gather(GatherPolicy.allByDeadline(deadline), shards);
        Duration elapsed = Duration.ofNanos(Ticker.system().read() - start);
        int merged = result.values().stream().mapToInt(List::size).sum();
        return new Result(result.completed(), result.timedOut(), merged, elapsed);
    }

    /**
     * Runs the demo.
     *
     * @param args unused
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        SplittableRandom random = new SplittableRandom();
        List<Duration> latencies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            latencies.add(Duration.ofMillis(random.nextLong(50, 401)));
        }
        List<Long> millis = latencies.stream().map(Duration::toMillis).toList();
        System.out.println("a search fans out to 8 shards under a 300 ms deadline; shard latencies (ms): " + millis);
        Result r = search(FanOut.create(), latencies, Duration.ofMillis(300));
        System.out.printf("answered by the deadline: shards %s; timed out and cancelled: shards %s%n",
                r.answered(), r.timedOut());
        System.out.printf("merged %,d records from %d shards in %,d ms%n", r.mergedRecords(), r.answered().size(),
                TimeUnit.NANOSECONDS.toMillis(r.elapsed().toNanos()));
        System.out.println("Shown: the answer came at the deadline with what had arrived; slow shards were cancelled.");
    }
}
