package dev.patterns.bench.channel;

import com.softwaremill.jox.Select;
import dev.patterns.channel.Channel;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import org.jctools.queues.MpmcArrayQueue;

/**
 * One queue under test, behind the four operations the channel benchmarks use. Each JMH fork
 * measures one implementation, so every call site stays monomorphic.
 */
abstract class Handoff {

    /** The element handed over: one shared object, so that no benchmark allocates elements. */
    static final Integer ELEMENT = 42;

    /** Blocks until the element is accepted. */
    abstract void put(Integer e) throws InterruptedException;

    /** Blocks until an element arrives. */
    abstract Integer take() throws InterruptedException;

    /** Accepts the element if that can be done at once. */
    abstract boolean offer(Integer e);

    /** Returns an element if one is there now, else null. */
    abstract Integer poll();

    /**
     * Creates the named implementation with the given capacity.
     *
     * @param impl one of channel, arrayBlockingQueue, linkedBlockingQueue, linkedTransferQueue
     *     (unbounded: its puts never wait), jox, jctools (non-blocking forms only)
     */
    static Handoff create(String impl, int capacity) {
        return switch (impl) {
            case "channel" -> new OfBlockingQueue(Channel.bounded(capacity));
            case "arrayBlockingQueue" -> new OfBlockingQueue(new ArrayBlockingQueue<>(capacity));
            case "linkedBlockingQueue" -> new OfBlockingQueue(new LinkedBlockingQueue<>(capacity));
            case "linkedTransferQueue" -> new OfBlockingQueue(new LinkedTransferQueue<>());
            case "jox" -> new OfJox(com.softwaremill.jox.Channel.newBufferedChannel(capacity));
            case "jctools" -> new OfQueue(new MpmcArrayQueue<>(capacity));
            default -> throw new IllegalArgumentException("impl: " + impl + " (expected: a known queue)");
        };
    }

    /** Any BlockingQueue, the channel included (its put/take are send/receive). */
    static final class OfBlockingQueue extends Handoff {
        private final BlockingQueue<Integer> q;

        OfBlockingQueue(BlockingQueue<Integer> q) {
            this.q = q;
        }

        @Override
        void put(Integer e) throws InterruptedException {
            q.put(e);
        }

        @Override
        Integer take() throws InterruptedException {
            return q.take();
        }

        @Override
        boolean offer(Integer e) {
            return q.offer(e);
        }

        @Override
        Integer poll() {
            return q.poll();
        }
    }

    /** A non-blocking queue: JCTools' MpmcArrayQueue. */
    static final class OfQueue extends Handoff {
        private final Queue<Integer> q;

        OfQueue(Queue<Integer> q) {
            this.q = q;
        }

        @Override
        void put(Integer e) {
            throw new UnsupportedOperationException("jctools has no blocking put");
        }

        @Override
        Integer take() {
            throw new UnsupportedOperationException("jctools has no blocking take");
        }

        @Override
        boolean offer(Integer e) {
            return q.offer(e);
        }

        @Override
        Integer poll() {
            return q.poll();
        }
    }

    /** jox's buffered channel; its non-blocking forms (used only after measurement) go through select. */
    static final class OfJox extends Handoff {
        private static final Object NONE = new Object();
        private final com.softwaremill.jox.Channel<Integer> ch;

        OfJox(com.softwaremill.jox.Channel<Integer> ch) {
            this.ch = ch;
        }

        @Override
        void put(Integer e) throws InterruptedException {
            ch.send(e);
        }

        @Override
        Integer take() throws InterruptedException {
            return ch.receive();
        }

        @Override
        boolean offer(Integer e) {
            try {
                return Select.select(ch.sendClause(e, () -> Boolean.TRUE), Select.defaultClause(Boolean.FALSE));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        Integer poll() {
            try {
                Object r = Select.select(ch.receiveClause(x -> (Object) x), Select.defaultClause(NONE));
                return r == NONE ? null : (Integer) r;
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
