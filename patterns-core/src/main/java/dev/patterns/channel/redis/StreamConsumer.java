package dev.patterns.channel.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import dev.patterns.redis.internal.LuaScript;
import dev.patterns.redis.internal.RedisConnector;
import dev.patterns.time.Deadline;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;

/**
 * Implementation notes. Acknowledged entries are deleted in the same script that acknowledges
 * them, so the stream's length is the number of entries not yet acknowledged (the producers'
 * bound) and "closed and empty" is the end of the stream. Reclaiming runs at most every quarter
 * of the visibility timeout; {@code XAUTOCLAIM} does not return delivery counts, so one
 * {@code XPENDING} of the claimed range follows. Dead-lettering is one script (copy to the
 * dead-letter stream with the last error, then acknowledge and delete), so a message is never
 * dead-lettered twice. {@code XAUTOCLAIM} also claims this consumer's own idle entries; a caller
 * that still holds some (a {@link RedisStreamSource} whose pipeline holds them longer than the
 * visibility timeout) names them in {@link #receive(int, Duration, Predicate)}: the claim restarts
 * their idle time and they are neither returned nor dead-lettered.
 */
final class StreamConsumer<E> implements RedisStreamConsumer<E> {

    /** The longest single blocking read; longer receives loop, reclaiming in between. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(1);

    static final String ACK = """
            for i = 1, #ARGV - 1 do
              redis.call('XACK', KEYS[1], ARGV[#ARGV], ARGV[i])
              redis.call('XDEL', KEYS[1], ARGV[i])
              redis.call('HDEL', KEYS[2], ARGV[i])
            end
            return #ARGV - 1
            """;
    static final String DEAD = """
            local e = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
            if #e > 0 then
              local f = e[1][2]
              local v = ''
              for i = 1, #f, 2 do if f[i] == 'v' then v = f[i + 1] end end
              local err = redis.call('HGET', KEYS[3], ARGV[1]) or ''
              redis.call('XADD', KEYS[2], '*', 'v', v, 'id', ARGV[1], 'deliveries', ARGV[3], 'error', err)
            end
            redis.call('XACK', KEYS[1], ARGV[2], ARGV[1])
            redis.call('XDEL', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[3], ARGV[1])
            return #e
            """;

    private final RedisStreamBuilder<E> config;
    private final String name;
    private final String owner;
    private final Consumer<String> me;
    private final String errors;
    private final String closedKey;
    private final long timeoutNanos;
    private final long reclaimEveryNanos;
    private final RedisConnector.Owned owned;
    private final RedisConnector.Owned readerOwned;
    private final RedisAsyncCommands<String, String> commands;
    private final RedisAsyncCommands<String, String> reader;
    private final LuaScript ack;
    private final LuaScript dead;
    private final ReentrantLock receiveLock = new ReentrantLock();
    /** Guarded by receiveLock. */
    private long lastReclaim;
    private volatile boolean endOfStream;

    private final LongAdder received = new LongAdder();
    private final LongAdder reclaimed = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();

    StreamConsumer(RedisStreamBuilder<E> config, String name, String owner, RedisConnector.Owned owned,
            RedisConnector.Owned readerOwned) {
        this.config = config;
        this.name = name;
        this.owner = owner;
        this.me = Consumer.from(config.group, name);
        this.errors = config.stream + ":errors";
        this.closedKey = config.stream + ":closed";
        this.timeoutNanos = config.timeoutNanos();
        this.reclaimEveryNanos = Math.max(1L, Deadline.saturatedNanos(config.visibilityTimeout) / 4);
        this.owned = owned;
        this.readerOwned = readerOwned;
        this.commands = owned.connection().async();
        this.reader = readerOwned.connection().async();
        this.ack = new LuaScript(ACK, ScriptOutputType.INTEGER, commands);
        this.dead = new LuaScript(DEAD, ScriptOutputType.INTEGER, commands);
        this.lastReclaim = config.ticker.read() - reclaimEveryNanos;
        try {
            ack.load(commands, timeoutNanos);
            dead.load(commands, timeoutNanos);
            try {
                RedisConnector.await(commands.xgroupCreate(XReadArgs.StreamOffset.from(config.stream, "0"), config.group,
                        XGroupCreateArgs.Builder.mkstream()), timeoutNanos);
            } catch (RedisCommandExecutionException e) {
                if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                    throw e;
                } // else another consumer created the group
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(owner + ": interrupted while starting", e);
        } catch (TimeoutException | RuntimeException e) {
            throw new IllegalStateException(owner + ": cannot start: " + RedisConnector.rootMessage(e), e);
        }
    }

    private final class Delivery implements StreamDelivery<E> {
        private final String id;
        private final E value;
        private final long count;

        Delivery(String id, E value, long count) {
            this.id = id;
            this.value = value;
            this.count = count;
        }

        @Override
        public E value() {
            return value;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public long deliveryCount() {
            return count;
        }

        @Override
        public void ack() {
            StreamConsumer.this.ack(List.of(this));
        }

        @Override
        public void fail(Throwable error) {
            Objects.requireNonNull(error, "error");
            failed.increment();
            recordError(error);
            if (count >= config.maxDeliveries) {
                StreamConsumer.this.deadLetter(id, count);
            }
        }

        @Override
        public void deadLetter(Throwable error) {
            Objects.requireNonNull(error, "error");
            failed.increment();
            recordError(error);
            StreamConsumer.this.deadLetter(id, count);
        }

        private void recordError(Throwable error) {
            String text = error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
            run(() -> commands.hset(errors, id, text));
        }

        @Override
        public String toString() {
            return "StreamDelivery[" + config.stream + " " + id + ", delivery " + count + "]";
        }
    }

    /** Runs one command and waits for it, turning failures into {@link IllegalStateException}. */
    private <T> T run(java.util.function.Supplier<RedisFuture<T>> command) {
        try {
            return RedisConnector.await(command.get(), timeoutNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(owner + ": interrupted while calling Redis", e);
        } catch (TimeoutException | RuntimeException e) {
            throw new IllegalStateException(owner + ": Redis did not answer: " + RedisConnector.rootMessage(e), e);
        }
    }

    private <T> T script(LuaScript script, String[] keys, String... args) {
        try {
            return script.call(commands, keys, args, timeoutNanos, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(owner + ": interrupted while calling Redis", e);
        } catch (TimeoutException | RuntimeException e) {
            throw new IllegalStateException(owner + ": Redis did not answer: " + RedisConnector.rootMessage(e), e);
        }
    }

    private void deadLetter(String id, long count) {
        script(dead, new String[] {config.stream, config.deadLetterStream, errors}, id, config.group, Long.toString(count));
        deadLettered.increment();
    }

    @Override
    public void ack(Collection<? extends StreamDelivery<E>> deliveries) {
        Objects.requireNonNull(deliveries, "deliveries");
        if (deliveries.isEmpty()) {
            return;
        }
        String[] args = new String[deliveries.size() + 1];
        int i = 0;
        for (StreamDelivery<E> d : deliveries) {
            args[i++] = d.id();
        }
        args[i] = config.group;
        script(ack, new String[] {config.stream, errors}, args);
        acked.add(deliveries.size());
    }

    @Override
    public List<StreamDelivery<E>> receive(int max, Duration timeout) throws InterruptedException {
        return receive(max, timeout, id -> false);
    }

    /**
     * As {@link #receive(int, Duration)}, but a reclaimed entry whose id {@code held} accepts is
     * still being processed by the caller: it is not returned and not dead-lettered (the claim
     * only restarted its idle time).
     */
    List<StreamDelivery<E>> receive(int max, Duration timeout, Predicate<String> held) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        RedisStreamBuilder.checkMax(max);
        Deadline deadline = Deadline.after(timeout, config.ticker);
        receiveLock.lockInterruptibly();
        try {
            for (;;) {
                if (endOfStream) {
                    return List.of();
                }
                List<StreamDelivery<E>> out = reclaim(max, held);
                if (!out.isEmpty()) {
                    return out;
                }
                long remaining = deadline.remainingNanos();
                long blockMillis = Math.min(TimeUnit.NANOSECONDS.toMillis(remaining),
                        Math.min(MAX_BLOCK.toMillis(), TimeUnit.NANOSECONDS.toMillis(reclaimEveryNanos)));
                XReadArgs args = blockMillis > 0 ? XReadArgs.Builder.count(max).block(blockMillis) : XReadArgs.Builder.count(max);
                List<StreamMessage<String, String>> messages;
                try {
                    messages = RedisConnector.await(reader.xreadgroup(me, args, XReadArgs.StreamOffset.lastConsumed(config.stream)),
                            timeoutNanos + TimeUnit.MILLISECONDS.toNanos(blockMillis));
                } catch (TimeoutException | RuntimeException e) {
                    throw new IllegalStateException(owner + ": Redis did not answer: " + RedisConnector.rootMessage(e), e);
                }
                if (messages != null && !messages.isEmpty()) {
                    List<StreamDelivery<E>> batch = new ArrayList<>(messages.size());
                    for (StreamMessage<String, String> m : messages) {
                        batch.add(new Delivery(m.getId(), config.decoder.apply(m.getBody().get("v")), 1L));
                    }
                    received.add(batch.size());
                    return batch;
                }
                if (ended()) {
                    endOfStream = true;
                    return List.of();
                }
                if (deadline.remainingNanos() <= 0) {
                    return List.of();
                }
            }
        } finally {
            receiveLock.unlock();
        }
    }

    private boolean ended() {
        RedisFuture<Long> closed = commands.exists(closedKey);
        RedisFuture<Long> length = commands.xlen(config.stream);
        return run(() -> closed) == 1L && run(() -> length) == 0L;
    }

    /**
     * Takes over deliveries idle longer than the visibility timeout, except those the caller still
     * holds. Guarded by receiveLock.
     */
    private List<StreamDelivery<E>> reclaim(int max, Predicate<String> held) {
        long now = config.ticker.read();
        if (now - lastReclaim < reclaimEveryNanos) {
            return List.of();
        }
        lastReclaim = now;
        ClaimedMessages<String, String> claimed = run(() -> commands.xautoclaim(config.stream,
                XAutoClaimArgs.Builder.xautoclaim(me, config.visibilityTimeout, "0-0").count(max)));
        List<StreamMessage<String, String>> messages = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (StreamMessage<String, String> m : claimed.getMessages()) {
            if (m.getBody() == null || m.getBody().get("v") == null) {
                gone.add(m.getId()); // deleted while pending (Redis 6.2 still returns its id)
            } else if (!held.test(m.getId())) {
                messages.add(m);
            } // else still in the caller's hands: claiming it only restarted its visibility timeout
        }
        if (!gone.isEmpty()) {
            gone.add(config.group);
            script(ack, new String[] {config.stream, errors}, gone.toArray(String[]::new));
        }
        if (messages.isEmpty()) {
            if (!"0-0".equals(claimed.getId())) {
                lastReclaim = now - reclaimEveryNanos; // more to scan: continue next time
            }
            return List.of();
        }
        Map<String, Long> counts = new HashMap<>();
        List<PendingMessage> pending = run(() -> commands.xpending(config.stream, me,
                Range.create(messages.get(0).getId(), messages.get(messages.size() - 1).getId()),
                Limit.from(Math.max(1_000, 4L * messages.size()))));
        for (PendingMessage p : pending) {
            counts.put(p.getId(), p.getRedeliveryCount());
        }
        List<StreamDelivery<E>> out = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> m : messages) {
            long count = counts.getOrDefault(m.getId(), 2L);
            if (count > config.maxDeliveries) {
                deadLetter(m.getId(), count - 1);
            } else {
                out.add(new Delivery(m.getId(), config.decoder.apply(m.getBody().get("v")), count));
            }
        }
        reclaimed.add(out.size());
        received.add(out.size());
        if (out.isEmpty()) {
            lastReclaim = now - reclaimEveryNanos; // everything claimed went to dead letters: look again
        }
        return out;
    }

    @Override
    public boolean isEndOfStream() {
        return endOfStream;
    }

    @Override
    public RedisStreamStats stats() {
        return new RedisStreamStats(owner, 0, 0, received.sum(), reclaimed.sum(), acked.sum(), failed.sum(),
                deadLettered.sum());
    }

    @Override
    public void close() {
        try {
            readerOwned.close();
        } finally {
            owned.close();
        }
    }

    @Override
    public String toString() {
        return "RedisStreamConsumer[" + owner + "]";
    }
}
