package dev.patterns.actor;

import dev.patterns.channel.Overflow;
import dev.patterns.internal.Checks;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Configures and creates {@link ActorSystem}s. Not thread-safe; {@link #build()} may be called
 * again to create further, independent systems.
 *
 * <pre>{@code
 * ActorSystem system = ActorSystem.builder()
 *         .name("sessions")
 *         .capacity(256)                       // default mailbox of every actor
 *         .onDeadLetter(d -> log.warn("dead letter {}", d))
 *         .build();
 * }</pre>
 */
public final class ActorSystemBuilder {

    private static final AtomicInteger SYSTEMS = new AtomicInteger();

    private String name;
    private int capacity = 1024;
    private Overflow overflow = Overflow.BLOCK;
    private int batch = 64;
    private int platformThreads;
    private ThreadFactory threadFactory;
    private Ticker ticker = Ticker.system();
    private Sleeper sleeper = Sleeper.system();
    private boolean timing;
    private Consumer<? super ActorDeadLetter> onDeadLetter = d -> { };
    private Consumer<? super DroppedMessage> onDrop = d -> { };

    ActorSystemBuilder() {
    }

    /**
     * Names the system; {@code actors-N} by default.
     *
     * @param name the name
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     */
    public ActorSystemBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Sets the default mailbox capacity of the system's actors; 1024 by default. The buffer grows
     * as messages arrive, so a large capacity costs an idle actor nothing.
     *
     * @param capacity messages that may wait per actor
     * @return this builder
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public ActorSystemBuilder capacity(int capacity) {
        Checks.atLeast("capacity", capacity, 1);
        this.capacity = capacity;
        return this;
    }

    /**
     * Sets the default overflow of the system's mailboxes; {@link Overflow#BLOCK} by default.
     *
     * @param overflow what a send to a full mailbox does
     * @return this builder
     * @throws NullPointerException if {@code overflow} is null
     */
    public ActorSystemBuilder overflow(Overflow overflow) {
        this.overflow = Objects.requireNonNull(overflow, "overflow");
        return this;
    }

    /**
     * Sets how many messages an actor handles per turn before it yields its thread; 64 by default.
     *
     * @param batch messages per turn
     * @return this builder
     * @throws IllegalArgumentException if {@code batch < 1}
     */
    public ActorSystemBuilder batch(int batch) {
        Checks.atLeast("batch", batch, 1);
        this.batch = batch;
        return this;
    }

    /**
     * Runs actors on a fixed pool of {@code concurrency} threads (platform threads unless a thread
     * factory says otherwise) instead of the default virtual workers: for CPU-bound handlers that
     * never block. A handler that blocks holds one of these threads, and with it every actor
     * queued behind it once all are held.
     *
     * @param concurrency the number of threads
     * @return this builder
     * @throws IllegalArgumentException if {@code concurrency < 1}
     */
    public ActorSystemBuilder platformThreads(int concurrency) {
        Checks.atLeast("concurrency", concurrency, 1);
        this.platformThreads = concurrency;
        return this;
    }

    /**
     * Sets the factory of every thread the system starts (turns, pool workers, the ask timer);
     * by default virtual threads, or platform daemon threads with {@link #platformThreads(int)}.
     *
     * @param threadFactory the factory
     * @return this builder
     * @throws NullPointerException if {@code threadFactory} is null
     */
    public ActorSystemBuilder threadFactory(ThreadFactory threadFactory) {
        this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
        return this;
    }

    /**
     * Sets the time source; {@link Ticker#system()} by default. Tests pass a fake ticker.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public ActorSystemBuilder ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Sets how restart backoffs are waited out; {@link Sleeper#system()} by default.
     *
     * @param sleeper the sleeper
     * @return this builder
     * @throws NullPointerException if {@code sleeper} is null
     */
    public ActorSystemBuilder sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return this;
    }

    /**
     * Measures time in mailbox and handling time per message (two ticker reads per message and
     * one {@code long} per mailbox slot); off by default.
     *
     * @param timing whether to measure
     * @return this builder
     */
    public ActorSystemBuilder timing(boolean timing) {
        this.timing = timing;
        return this;
    }

    /**
     * Sets the receiver of dead letters, called in the thread that sent the message; an exception
     * it throws is logged. By default dead letters are only counted.
     *
     * @param onDeadLetter the handler
     * @return this builder
     * @throws NullPointerException if {@code onDeadLetter} is null
     */
    public ActorSystemBuilder onDeadLetter(Consumer<? super ActorDeadLetter> onDeadLetter) {
        this.onDeadLetter = Objects.requireNonNull(onDeadLetter, "onDeadLetter");
        return this;
    }

    /**
     * Sets the receiver of messages dropped by an overflow policy, called in the sending thread;
     * an exception it throws is logged. By default drops are only counted.
     *
     * @param onDrop the handler
     * @return this builder
     * @throws NullPointerException if {@code onDrop} is null
     */
    public ActorSystemBuilder onDrop(Consumer<? super DroppedMessage> onDrop) {
        this.onDrop = Objects.requireNonNull(onDrop, "onDrop");
        return this;
    }

    /**
     * Snapshots these settings into an immutable config.
     *
     * @return the config
     */
    public ActorSystemConfig config() {
        String n = name != null ? name : "actors-" + SYSTEMS.incrementAndGet();
        ThreadFactory f = threadFactory;
        if (f == null) {
            f = platformThreads > 0
                    ? Thread.ofPlatform().daemon().name(n + "-worker-", 0).factory()
                    : Thread.ofVirtual().name(n + "-", 0).factory();
        }
        return new ActorSystemConfig(n, new Mailbox(capacity, overflow), batch, platformThreads, f,
                ticker, sleeper, timing, onDeadLetter, onDrop);
    }

    /**
     * Creates a new, running system with these settings.
     *
     * @return the system
     */
    public ActorSystem build() {
        return new ActorSystemImpl(config());
    }
}
