package dev.patterns.examples.pipeline;

import dev.patterns.pipeline.DeadLetter;
import dev.patterns.pipeline.ErrorPolicy;
import dev.patterns.pipeline.Pipeline;
import dev.patterns.pipeline.PipelineStats;
import dev.patterns.pipeline.WorkKind;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The smallest useful pipeline: parse lines (bad ones to a dead-letter queue), keep the large
 * orders, total them; then the accounting. The README's pipeline snippet is {@link #run(int)}.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec
 * -Ddemo=dev.patterns.examples.pipeline.PipelineQuickStart}
 */
public final class PipelineQuickStart {

    private PipelineQuickStart() {
    }

    /**
     * What the pipeline did.
     *
     * @param stats the final accounting
     * @param total the sum of the large orders' amounts
     * @param deadLetters the lines that could not be parsed, with their errors
     */
    public record Result(PipelineStats stats, long total, List<DeadLetter> deadLetters) {
    }

    /** An order line after parsing. */
    record Order(String id, long amount) {
    }

    /**
     * Pushes {@code orders} lines (every hundredth malformed) through parse → filter → total.
     *
     * @param orders how many lines to send
     * @return the accounting, the total and the dead letters
     * @throws InterruptedException if interrupted while sending or waiting
     */
    public static Result run(int orders) throws InterruptedException {
        Queue<DeadLetter> badLines = new ConcurrentLinkedQueue<>();
        LongAdder total = new LongAdder();

        Pipeline<String> pipeline = Pipeline.<String>fromSink("orders", 1024)
                .map("parse", PipelineQuickStart::parse, s -> s
                        .kind(WorkKind.CPU).concurrency(2)
                        .errorPolicy(ErrorPolicy.deadLetter("bad-lines", badLines::add)))
                .filter("large", order -> order.amount() >= 500)
                .start("total", order -> total.add(order.amount()));

        for (int i = 0; i < orders; i++) {
            String line = i % 100 == 99 ? "garbled" : "order-" + i + "," + (i % 1000);
            pipeline.input().send(line);          // blocks while 1024 lines wait: backpressure
        }
        pipeline.shutdown();                      // the poison pill: each stage drains, then closes the next
        PipelineStats stats = pipeline.join();    // accepted == delivered + filtered + dead-lettered
        if (!pipeline.awaitTermination(Duration.ofSeconds(5))) {
            throw new IllegalStateException("pipeline did not terminate");
        }
        return new Result(stats, total.sum(), List.copyOf(badLines));
    }

    static Order parse(String line) {
        int comma = line.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("line: '" + line + "' (expected: id,amount)");
        }
        return new Order(line.substring(0, comma), Long.parseLong(line.substring(comma + 1)));
    }

    /**
     * Runs 100,000 orders and prints the accounting.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("100,000 order lines (1 in 100 malformed) through parse -> keep amounts >= 500 -> total");
        Result result = run(100_000);
        PipelineStats s = result.stats();
        System.out.printf("accepted %,d = delivered %,d + filtered %,d + dead-lettered %,d -> balanced: %s%n",
                s.accepted(), s.delivered(), s.filtered(), s.deadLettered(), s.balanced());
        System.out.printf("sum of the large orders' amounts: %,d%n", result.total());
        if (!result.deadLetters().isEmpty()) {
            DeadLetter first = result.deadLetters().get(0);
            System.out.printf("first dead letter: stage %s, item '%s', error %s%n",
                    first.stage(), first.item(), first.error().getMessage());
        }
        System.out.println("Shown: every line was delivered, filtered or dead-lettered with its error.");
    }
}
