package dev.patterns.examples.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import dev.patterns.redis.internal.RedisServer;
import dev.patterns.resilience.redis.RedisTokenBucket;

/**
 * Two JVM processes share one rate limit through Redis: this process starts a redis-server and a
 * second JVM (the same java binary and class path), both hammer one {@link RedisTokenBucket} key
 * with four callers each for the same two seconds, and the total admitted stays within
 * {@code capacity + rate × elapsed}, however the two processes split it.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=SharedRateLimitDemo}
 * (needs {@code redis-server} on the PATH).
 */
public final class SharedRateLimitDemo {

    static final long CAPACITY = 20;
    static final long PER_SECOND = 100;
    static final int CALLERS = 4;
    static final String KEY = "demo:shared-limit";

    private SharedRateLimitDemo() {
    }

    /**
     * What the two processes admitted.
     *
     * @param here admitted by this process
     * @param other admitted by the second JVM
     * @param elapsed from before either started to after both finished
     */
    public record Result(long here, long other, Duration elapsed) {

        /** @return both processes together */
        public long total() {
            return here + other;
        }

        /** @return the most the shared limit may admit in {@link #elapsed()} */
        public long bound() {
            return CAPACITY + (long) Math.floor(PER_SECOND * elapsed.toNanos() / 1e9);
        }
    }

    static RedisTokenBucket bucket(String uri) {
        return RedisTokenBucket.builder().name("shared").uri(uri).key(KEY).capacity(CAPACITY)
                .refill(PER_SECOND, Duration.ofSeconds(1)).build();
    }

    /** Calls {@code tryAcquire} from {@link #CALLERS} virtual threads, one call per millisecond each. */
    static long hammer(RedisTokenBucket bucket, Duration length) throws InterruptedException {
        LongAdder admitted = new LongAdder();
        long end = System.nanoTime() + length.toNanos();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            callers.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() - end < 0) {
                    if (bucket.tryAcquire()) {
                        admitted.increment();
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }));
        }
        for (Thread t : callers) {
            t.join();
        }
        return admitted.sum();
    }

    /**
     * Runs both processes against the server at {@code uri}.
     *
     * @param uri the Redis URI
     * @param length how long each process calls
     * @return what each admitted
     * @throws Exception if the second JVM fails
     */
    public static Result run(String uri, Duration length) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SharedRateLimitDemo.class.getName(), "worker", uri, Long.toString(length.toMillis()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (RedisTokenBucket bucket = bucket(uri);
                BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            expect(fromChild, "ready", child);
            long start = System.nanoTime();
            OutputStream toChild = child.getOutputStream();
            toChild.write("go\n".getBytes(StandardCharsets.UTF_8));
            toChild.flush();
            long here = hammer(bucket, length);
            String line = expect(fromChild, "admitted ", child);
            long elapsed = System.nanoTime() - start;
            if (child.waitFor() != 0) {
                throw new IllegalStateException("the second JVM exited with " + child.exitValue());
            }
            return new Result(here, Long.parseLong(line.substring("admitted ".length())), Duration.ofNanos(elapsed));
        } finally {
            child.destroyForcibly();
        }
    }

    private static String expect(BufferedReader in, String prefix, Process child) throws IOException {
        String line = in.readLine();
        if (line == null || !line.startsWith(prefix)) {
            throw new IllegalStateException("second JVM (pid " + child.pid() + "): '" + line + "' (expected: " + prefix.trim() + ")");
        }
        return line;
    }

    /** The second JVM: builds its own bucket, says ready, waits for "go", calls, prints what it admitted. */
    private static void worker(String uri, Duration length) throws Exception {
        try (RedisTokenBucket bucket = bucket(uri)) {
            System.out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"go".equals(in.readLine())) {
                throw new IllegalStateException("stdin: expected 'go'");
            }
            System.out.println("admitted " + hammer(bucket, length));
        }
    }

    /**
     * Starts redis-server and both processes, and prints what each admitted.
     *
     * @param args {@code worker <uri> <millis>} in the second JVM; none otherwise
     * @throws Exception if the run fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("worker")) {
            worker(args[1], Duration.ofMillis(Long.parseLong(args[2])));
            return;
        }
        try (RedisServer redis = RedisServer.start()) {
            Result r = run(redis.uri(), Duration.ofSeconds(2));
            System.out.printf("one limit of %d/s (burst %d) shared by two JVMs over %d ms:%n", PER_SECOND, CAPACITY,
                    r.elapsed().toMillis());
            System.out.printf("  this process admitted %d, the second JVM %d: %d in all, bound %d -> %s%n",
                    r.here(), r.other(), r.total(), r.bound(), r.total() <= r.bound() ? "within the limit" : "OVER THE LIMIT");
            if (r.total() > r.bound()) {
                throw new IllegalStateException("admitted " + r.total() + " > bound " + r.bound());
            }
        }
    }
}
