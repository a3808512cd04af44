package dev.patterns.channel.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import dev.patterns.internal.Checks;
import dev.patterns.redis.internal.RedisConnector;
import dev.patterns.time.Deadline;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;

/**
 * Configures the producers and consumers of one Redis stream. Not thread-safe; {@link #producer()}
 * and {@link #consumer(String)} may be called many times, each opening its own connection(s).
 * Required: the {@linkplain #uri URI}. Defaults: group {@code "workers"}, capacity 10,000,
 * visibility timeout 30 s, 5 deliveries, dead letters in {@code stream + ":dead"}, timeout 1 s.
 *
 * <p>Keys used besides the stream: {@code stream + ":closed"} (the end-of-stream mark) and
 * {@code stream + ":errors"} (the last error of each failed entry).
 *
 * <pre>{@code
 * RedisStreamBuilder<String> orders = RedisStreamBuilder.ofStrings("orders").uri("redis://cache:6379").capacity(100_000);
 * try (RedisStreamProducer<String> out = orders.producer()) { out.send("order-1"); }
 * try (RedisStreamConsumer<String> in = orders.consumer("worker-" + host)) {
 *     for (StreamDelivery<String> d : in.receive(100, Duration.ofSeconds(1))) { handle(d.value()); d.ack(); }
 * }
 * }</pre>
 *
 * @param <E> the message type
 */
public final class RedisStreamBuilder<E> {

    private static final int MAX_BATCH = 10_000;

    final String stream;
    final Function<? super E, String> encoder;
    final Function<String, ? extends E> decoder;
    private String uri;
    String group = "workers";
    long capacity = 10_000;
    Duration visibilityTimeout = Duration.ofSeconds(30);
    int maxDeliveries = 5;
    String deadLetterStream;
    Duration timeout = Duration.ofSeconds(1);
    Ticker ticker = Ticker.system();
    Sleeper sleeper = Sleeper.system();

    private RedisStreamBuilder(String stream, Function<? super E, String> encoder, Function<String, ? extends E> decoder) {
        this.stream = Checks.nonEmpty("stream", stream);
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.deadLetterStream = stream + ":dead";
    }

    /**
     * Returns a builder for the stream {@code stream} whose messages are encoded as text.
     *
     * @param stream the stream's key
     * @param encoder turns a message into text
     * @param decoder turns text back into a message
     * @param <E> the message type
     * @return a new builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code stream} is empty
     */
    public static <E> RedisStreamBuilder<E> of(String stream, Function<? super E, String> encoder,
            Function<String, ? extends E> decoder) {
        return new RedisStreamBuilder<>(stream, encoder, decoder);
    }

    /**
     * Returns a builder for a stream of strings.
     *
     * @param stream the stream's key
     * @return a new builder
     * @throws NullPointerException if {@code stream} is null
     * @throws IllegalArgumentException if {@code stream} is empty
     */
    public static RedisStreamBuilder<String> ofStrings(String stream) {
        return new RedisStreamBuilder<>(stream, Function.identity(), Function.identity());
    }

    /**
     * Sets the Redis to connect to.
     *
     * @param uri a Redis URI such as {@code redis://host:6379}
     * @return this builder
     * @throws NullPointerException if {@code uri} is null
     * @throws IllegalArgumentException if {@code uri} is not a Redis URI
     */
    public RedisStreamBuilder<E> uri(String uri) {
        RedisConnector.parse(uri);
        this.uri = uri;
        return this;
    }

    /**
     * Sets the consumer group.
     *
     * @param group the group's name
     * @return this builder
     * @throws NullPointerException if {@code group} is null
     * @throws IllegalArgumentException if {@code group} is empty
     */
    public RedisStreamBuilder<E> group(String group) {
        this.group = Checks.nonEmpty("group", group);
        return this;
    }

    /**
     * Sets the most entries the stream holds that are not yet acknowledged.
     *
     * @param capacity at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public RedisStreamBuilder<E> capacity(long capacity) {
        this.capacity = Checks.atLeast("capacity", capacity, 1);
        return this;
    }

    /**
     * Sets how long a delivery may stay unacknowledged before another consumer may take it.
     *
     * @param visibilityTimeout positive
     * @return this builder
     * @throws NullPointerException if {@code visibilityTimeout} is null
     * @throws IllegalArgumentException if it is not positive
     */
    public RedisStreamBuilder<E> visibilityTimeout(Duration visibilityTimeout) {
        this.visibilityTimeout = Checks.duration("visibilityTimeout", visibilityTimeout, false);
        return this;
    }

    /**
     * Sets how many times a message is delivered before it goes to the dead-letter stream.
     *
     * @param maxDeliveries at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxDeliveries < 1}
     */
    public RedisStreamBuilder<E> maxDeliveries(int maxDeliveries) {
        this.maxDeliveries = (int) Checks.atLeast("maxDeliveries", maxDeliveries, 1);
        return this;
    }

    /**
     * Sets the dead-letter stream's key.
     *
     * @param deadLetterStream the key
     * @return this builder
     * @throws NullPointerException if {@code deadLetterStream} is null
     * @throws IllegalArgumentException if it is empty
     */
    public RedisStreamBuilder<E> deadLetterStream(String deadLetterStream) {
        this.deadLetterStream = Checks.nonEmpty("deadLetterStream", deadLetterStream);
        return this;
    }

    /**
     * Bounds each round trip to Redis (blocking reads get their block time on top).
     *
     * @param timeout positive
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if it is not positive
     */
    public RedisStreamBuilder<E> timeout(Duration timeout) {
        this.timeout = Checks.duration("timeout", timeout, false);
        return this;
    }

    /**
     * Sets the time source (reclaim pacing, timed sends).
     *
     * @param ticker the ticker
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public RedisStreamBuilder<E> ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Sets how a send waits for room.
     *
     * @param sleeper the sleeper
     * @return this builder
     * @throws NullPointerException if {@code sleeper} is null
     */
    public RedisStreamBuilder<E> sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return this;
    }

    private String requireUri() {
        if (uri == null) {
            throw Checks.notSet("uri", "uri(uri) before producer() or consumer()");
        }
        return uri;
    }

    long timeoutNanos() {
        return Deadline.saturatedNanos(timeout);
    }

    /**
     * Opens a producer with its own connection.
     *
     * @return a new producer
     * @throws IllegalStateException if the URI was not set or the server can not be reached
     */
    public RedisStreamProducer<E> producer() {
        String name = "stream-producer:" + stream;
        return new StreamProducer<>(this, name, RedisConnector.connect(requireUri(), name, timeout));
    }

    /**
     * Opens consumer {@code name} of the group (creating the group, and the stream, if missing),
     * with two connections: one for blocking reads, one for the rest.
     *
     * @param name the consumer's name, unique within the group
     * @return a new consumer
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is empty
     * @throws IllegalStateException if the URI was not set or the server can not be reached
     */
    public RedisStreamConsumer<E> consumer(String name) {
        Checks.nonEmpty("name", name);
        String owner = "stream-consumer:" + stream + "/" + group + "/" + name;
        RedisConnector.Owned commands = RedisConnector.connect(requireUri(), owner, timeout);
        try {
            RedisConnector.Owned reader = RedisConnector.connect(uri, owner, timeout.plus(StreamConsumer.MAX_BLOCK));
            try {
                return new StreamConsumer<>(this, name, owner, commands, reader);
            } catch (RuntimeException e) {
                reader.close();
                throw e;
            }
        } catch (RuntimeException e) {
            commands.close();
            throw e;
        }
    }

    static int checkMax(int max) {
        if (max < 1 || max > MAX_BATCH) {
            throw new IllegalArgumentException("max: " + max + " (expected: in [1, " + MAX_BATCH + "])");
        }
        return max;
    }
}
