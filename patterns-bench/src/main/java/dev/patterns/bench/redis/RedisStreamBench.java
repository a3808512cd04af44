package dev.patterns.bench.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.patterns.channel.redis.RedisStreamBuilder;
import dev.patterns.channel.redis.RedisStreamConsumer;
import dev.patterns.channel.redis.RedisStreamProducer;
import dev.patterns.channel.redis.StreamDelivery;
import dev.patterns.redis.internal.RedisServer;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Messages through one Redis stream end to end (sent, received, acknowledged) on a real local
 * redis-server, one operation per message. {@code patterns}: a {@link RedisStreamProducer} fed by
 * {@value #SENDERS} virtual threads at once (their {@code EVALSHA}-{@code XADD}s pipelined on the
 * producer's one connection) while the benchmark thread receives batches of up to {@value #BATCH}
 * ({@code XREADGROUP ... COUNT}) and acknowledges each batch in one round trip ({@code XACK} +
 * {@code XDEL} in one script). {@code naive}: one thread, per message one {@code XADD}, one
 * {@code XREADGROUP COUNT 1} and one {@code XACK}, on one Lettuce connection.
 *
 * <p>After each iteration a line {@code [stream] ...} gives messages per second (counted) and the
 * Redis commands per message from {@code INFO commandstats}; the commands a script runs inside
 * ({@code exists}, {@code xlen}, {@code xadd}, {@code xack}, {@code xdel} under {@code evalsha}) are
 * counted there too, so the round trips per message are the client's commands: {@code evalsha},
 * {@code xreadgroup}, {@code xautoclaim}, {@code xpending} for ours; all three for the naive loop.
 *
 * <p>Run: {@code buildlock java -jar patterns-bench/target/benchmarks.jar RedisStreamBench -f 1 -wi 1 -w 2s -i 2 -r 3s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class RedisStreamBench {

    static final int MESSAGES = 1_000;
    static final int SENDERS = 16;
    static final int BATCH = 100;
    private static final String PAYLOAD = "x".repeat(64);

    private final LongAdder delivered = new LongAdder();
    private RedisServer redis;
    private ExecutorService senders;
    private RedisStreamProducer<String> producer;
    private RedisStreamConsumer<String> consumer;
    private RedisClient client;
    private StatefulRedisConnection<String, String> naiveConnection;
    private RedisCommands<String, String> naive;
    private long iterationStart;

    @Setup(Level.Trial)
    public void start() {
        redis = RedisServer.start();
        RedisStreamBuilder<String> stream = RedisStreamBuilder.ofStrings("ours").uri(redis.uri()).capacity(1_000_000);
        producer = stream.producer();
        consumer = stream.consumer("bench");
        senders = Executors.newVirtualThreadPerTaskExecutor();
        client = RedisClient.create(redis.uri());
        naiveConnection = client.connect();
        naive = naiveConnection.sync();
        naive.xgroupCreate(XReadArgs.StreamOffset.from("naive", "0"), "workers", io.lettuce.core.XGroupCreateArgs.Builder.mkstream());
    }

    @Setup(Level.Iteration)
    public void resetCounts() {
        redis.resetStats();
        delivered.reset();
        iterationStart = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void printCounts(BenchmarkParams params) {
        double seconds = (System.nanoTime() - iterationStart) / 1e9;
        long messages = Math.max(1, delivered.sum());
        Map<String, String> perMessage = new TreeMap<>();
        redis.commandCalls().forEach((command, calls) -> perMessage.put(command, String.format("%.3f", calls / (double) messages)));
        String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        System.out.printf("%n[stream] %s messages/s=%,.0f per message: %s%n", name, delivered.sum() / seconds, perMessage);
    }

    @TearDown(Level.Trial)
    public void stop() {
        senders.close();
        consumer.close();
        producer.close();
        naiveConnection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
        redis.close();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int patterns() throws Exception {
        List<Future<?>> sending = new ArrayList<>(SENDERS);
        for (int s = 0; s < SENDERS; s++) {
            sending.add(senders.submit(() -> {
                for (int i = 0; i < MESSAGES / SENDERS; i++) {
                    producer.send(PAYLOAD);
                }
                return null;
            }));
        }
        int received = 0;
        int expected = MESSAGES / SENDERS * SENDERS;
        while (received < expected) {
            List<StreamDelivery<String>> batch = consumer.receive(BATCH, Duration.ofSeconds(5));
            if (batch.isEmpty()) {
                throw new IllegalStateException("no message within 5 s after " + received + " of " + expected);
            }
            consumer.ack(batch);
            received += batch.size();
        }
        for (Future<?> f : sending) {
            f.get();
        }
        delivered.add(received);
        return received;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int naive() {
        Consumer<String> me = Consumer.from("workers", "bench");
        XReadArgs.StreamOffset<String> next = XReadArgs.StreamOffset.lastConsumed("naive");
        XReadArgs one = XReadArgs.Builder.count(1);
        int received = 0;
        for (int i = 0; i < MESSAGES; i++) {
            naive.xadd("naive", "v", PAYLOAD);
            List<StreamMessage<String, String>> read = naive.xreadgroup(me, one, next);
            if (read.isEmpty()) {
                throw new IllegalStateException("XREADGROUP returned nothing after an XADD");
            }
            naive.xack("naive", "workers", read.get(0).getId());
            received++;
        }
        delivered.add(received);
        return received;
    }
}
