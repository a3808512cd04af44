package dev.patterns.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link BlockingQueue} contract, as the JDK documents it, for a bounded queue of capacity
 * {@value #CAPACITY}. Subclasses supply the implementation; running it against
 * {@link java.util.concurrent.ArrayBlockingQueue} shows that the test itself is right.
 */
abstract class BlockingQueueContractTest {

    static final int CAPACITY = 3;

    /** Returns a new, empty queue of capacity {@value #CAPACITY}. */
    abstract BlockingQueue<Integer> newQueue();

    private BlockingQueue<Integer> full() {
        BlockingQueue<Integer> q = newQueue();
        for (int i = 0; i < CAPACITY; i++) {
            assertThat(q.offer(i)).isTrue();
        }
        return q;
    }

    @Test
    void newQueueIsEmpty() {
        BlockingQueue<Integer> q = newQueue();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.size()).isZero();
        assertThat(q.remainingCapacity()).isEqualTo(CAPACITY);
        assertThat(q.peek()).isNull();
        assertThat(q.poll()).isNull();
    }

    @Test
    void offerUntilFullThenRefuses() {
        BlockingQueue<Integer> q = full();
        assertThat(q.size()).isEqualTo(CAPACITY);
        assertThat(q.remainingCapacity()).isZero();
        assertThat(q.offer(99)).isFalse();
        assertThat(q.size()).isEqualTo(CAPACITY);
    }

    @Test
    void addWhenFullThrowsIllegalState() {
        BlockingQueue<Integer> q = full();
        assertThatThrownBy(() -> q.add(99)).isInstanceOf(IllegalStateException.class);
        assertThat(q.size()).isEqualTo(CAPACITY);
    }

    @Test
    void fifoOrderAcrossWrapAround() {
        BlockingQueue<Integer> q = newQueue();
        int next = 0;
        int expected = 0;
        for (int round = 0; round < 10; round++) {
            while (q.offer(next)) {
                next++;
            }
            assertThat(q.peek()).isEqualTo(expected);
            assertThat(q.poll()).isEqualTo(expected++);
            assertThat(q.poll()).isEqualTo(expected++);
        }
        Integer e;
        while ((e = q.poll()) != null) {
            assertThat(e).isEqualTo(expected++);
        }
        assertThat(expected).isEqualTo(next);
    }

    @Test
    void elementAndRemoveThrowWhenEmpty() {
        BlockingQueue<Integer> q = newQueue();
        assertThatThrownBy(q::element).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(q::remove).isInstanceOf(NoSuchElementException.class);
        q.add(7);
        assertThat(q.element()).isEqualTo(7);
        assertThat(q.remove()).isEqualTo(7);
    }

    @Test
    void nullsAreRejected() {
        BlockingQueue<Integer> q = newQueue();
        assertThatThrownBy(() -> q.add(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.offer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.offer(null, 1, TimeUnit.SECONDS)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.drainTo(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.drainTo(null, 1)).isInstanceOf(NullPointerException.class);
        assertThat(q.contains(null)).isFalse();
        assertThat(q.remove(null)).isFalse();
        assertThat(q).isEmpty();
    }

    @Test
    void drainToSelfIsIllegal() {
        BlockingQueue<Integer> q = full();
        assertThatThrownBy(() -> q.drainTo(q)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.drainTo(q, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(q.size()).isEqualTo(CAPACITY);
    }

    @Test
    void drainToMovesOldestFirstUpToMax() {
        BlockingQueue<Integer> q = full();
        List<Integer> sink = new ArrayList<>();
        assertThat(q.drainTo(sink, 2)).isEqualTo(2);
        assertThat(sink).containsExactly(0, 1);
        assertThat(q.drainTo(sink, 0)).isZero();
        assertThat(q.drainTo(sink)).isEqualTo(1);
        assertThat(sink).containsExactly(0, 1, 2);
        assertThat(q).isEmpty();
        assertThat(q.remainingCapacity()).isEqualTo(CAPACITY);
    }

    @Test
    void containsRemoveAndIteratorSeeBufferedElementsInOrder() {
        BlockingQueue<Integer> q = full();
        assertThat(q.contains(1)).isTrue();
        assertThat(q.contains(5)).isFalse();
        assertThat(q.remove(1)).isTrue();
        assertThat(q.remove(1)).isFalse();
        assertThat(q.size()).isEqualTo(CAPACITY - 1);
        assertThat(q.remainingCapacity()).isEqualTo(1);
        assertThat(q.offer(3)).isTrue();
        assertThat(q.toArray()).containsExactly(0, 2, 3);
        assertThat(q.toArray(new Integer[0])).containsExactly(0, 2, 3);
        List<Integer> seen = new ArrayList<>();
        for (Integer e : q) {
            seen.add(e);
        }
        assertThat(seen).containsExactly(0, 2, 3);
        assertThat(q.poll()).isEqualTo(0);
        assertThat(q.poll()).isEqualTo(2);
        assertThat(q.poll()).isEqualTo(3);
    }

    @Test
    void removeOfTheLastAndFirstElements() {
        BlockingQueue<Integer> q = full();
        assertThat(q.remove(2)).isTrue();
        assertThat(q.remove(0)).isTrue();
        assertThat(q).containsExactly(1);
        assertThat(q.offer(4)).isTrue();
        assertThat(q.offer(5)).isTrue();
        assertThat(q.offer(6)).isFalse();
        assertThat(q.poll()).isEqualTo(1);
        assertThat(q.poll()).isEqualTo(4);
        assertThat(q.poll()).isEqualTo(5);
        assertThat(q.poll()).isNull();
    }

    @Test
    void iteratorRemoveTakesTheElementOut() {
        BlockingQueue<Integer> q = full();
        Iterator<Integer> it = q.iterator();
        assertThat(it.next()).isEqualTo(0);
        assertThat(it.next()).isEqualTo(1);
        it.remove();
        assertThat(q).containsExactly(0, 2);
        assertThat(q.size()).isEqualTo(2);
    }

    @Test
    void clearEmptiesAndFreesCapacity() {
        BlockingQueue<Integer> q = full();
        q.clear();
        assertThat(q).isEmpty();
        assertThat(q.remainingCapacity()).isEqualTo(CAPACITY);
        assertThat(q.offer(1)).isTrue();
    }

    @Test
    void timedOfferOnFullTimesOutAfterAtLeastTheTimeout() throws InterruptedException {
        BlockingQueue<Integer> q = full();
        long start = System.nanoTime();
        assertThat(q.offer(99, 20, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(q.offer(99, 0, TimeUnit.SECONDS)).isFalse();
        assertThat(q.offer(99, -1, TimeUnit.SECONDS)).isFalse();
        assertThat(q.offer(99, Long.MIN_VALUE, TimeUnit.NANOSECONDS)).isFalse();
    }

    @Test
    void timedPollOnEmptyTimesOutAfterAtLeastTheTimeout() throws InterruptedException {
        BlockingQueue<Integer> q = newQueue();
        long start = System.nanoTime();
        assertThat(q.poll(20, TimeUnit.MILLISECONDS)).isNull();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(q.poll(0, TimeUnit.SECONDS)).isNull();
        assertThat(q.poll(-1, TimeUnit.SECONDS)).isNull();
        assertThat(q.poll(Long.MIN_VALUE, TimeUnit.NANOSECONDS)).isNull();
    }

    @Test
    void timedFormsSucceedAtOnceWhenPossible() throws InterruptedException {
        BlockingQueue<Integer> q = newQueue();
        assertThat(q.offer(1, 0, TimeUnit.SECONDS)).isTrue();
        assertThat(q.poll(0, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void takeBlocksUntilAnElementArrives() throws Exception {
        BlockingQueue<Integer> q = newQueue();
        try (Threads threads = Threads.platform()) {
            var taker = threads.start("taker", q::take);
            taker.awaitBlocked();
            q.put(42);
            assertThat(taker.result()).isEqualTo(42);
        }
        assertThat(q).isEmpty();
    }

    @Test
    void putBlocksUntilSpaceIsFreed() throws Exception {
        BlockingQueue<Integer> q = full();
        try (Threads threads = Threads.platform()) {
            var putter = threads.start("putter", () -> {
                q.put(99);
                return true;
            });
            putter.awaitBlocked();
            assertThat(q.size()).isEqualTo(CAPACITY);
            assertThat(q.take()).isZero();
            assertThat(putter.result()).isTrue();
        }
        assertThat(q).containsExactly(1, 2, 99);
    }

    @Test
    void timedPollIsReleasedByAPut() throws Exception {
        BlockingQueue<Integer> q = newQueue();
        try (Threads threads = Threads.platform()) {
            var poller = threads.start("poller", () -> q.poll(Threads.PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
            poller.awaitBlocked();
            q.put(5);
            assertThat(poller.result()).isEqualTo(5);
        }
    }

    @Test
    void blockedTakeIsInterruptible() throws Exception {
        BlockingQueue<Integer> q = newQueue();
        try (Threads threads = Threads.platform()) {
            var taker = threads.start("taker", q::take);
            taker.awaitBlocked();
            taker.thread().interrupt();
            assertThat(taker.failure()).isInstanceOf(InterruptedException.class);
        }
        q.put(1);
        assertThat(q.poll()).isEqualTo(1);
    }

    @Test
    void blockedPutIsInterruptibleAndDoesNotInsert() throws Exception {
        BlockingQueue<Integer> q = full();
        try (Threads threads = Threads.platform()) {
            var putter = threads.start("putter", () -> {
                q.put(99);
                return true;
            });
            putter.awaitBlocked();
            putter.thread().interrupt();
            assertThat(putter.failure()).isInstanceOf(InterruptedException.class);
        }
        assertThat(q).containsExactly(0, 1, 2);
    }

    @Test
    void interruptedThreadThatWouldBlockThrowsAndClearsTheStatus() {
        BlockingQueue<Integer> empty = newQueue();
        BlockingQueue<Integer> full = full();
        Thread.currentThread().interrupt();
        assertThatThrownBy(empty::take).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> full.put(9)).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> empty.poll(1, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> full.offer(9, 1, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(full).containsExactly(0, 1, 2);
    }

    @Test
    void nonBlockingFormsIgnoreAndKeepTheInterruptStatus() {
        BlockingQueue<Integer> q = newQueue();
        Thread.currentThread().interrupt();
        try {
            assertThat(q.offer(1)).isTrue();
            assertThat(q.poll()).isEqualTo(1);
            assertThat(q.poll()).isNull();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void everyElementPutByManyThreadsIsTakenExactlyOnce() throws Exception {
        BlockingQueue<Integer> q = newQueue();
        int producers = 3;
        int perProducer = 20_000;
        boolean[] seen = new boolean[producers * perProducer];
        try (Threads threads = Threads.platform()) {
            for (int p = 0; p < producers; p++) {
                int base = p * perProducer;
                threads.start("producer-" + p, () -> {
                    for (int i = 0; i < perProducer; i++) {
                        q.put(base + i);
                    }
                    return null;
                });
            }
            List<Threads.Started<List<Integer>>> consumers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                int share = producers * perProducer / 2;
                consumers.add(threads.start("consumer-" + c, () -> {
                    List<Integer> got = new ArrayList<>(share);
                    for (int i = 0; i < share; i++) {
                        got.add(q.take());
                    }
                    return got;
                }));
            }
            for (var consumer : consumers) {
                int[] lastFromProducer = new int[producers];
                java.util.Arrays.fill(lastFromProducer, -1);
                for (int e : consumer.result()) {
                    assertThat(seen[e]).as("duplicate %s", e).isFalse();
                    seen[e] = true;
                    // Per producer, one consumer sees that producer's elements in order (FIFO).
                    int p = e / perProducer;
                    assertThat(e).isGreaterThan(lastFromProducer[p]);
                    lastFromProducer[p] = e;
                }
            }
        }
        for (int i = 0; i < seen.length; i++) {
            assertThat(seen[i]).as("lost %s", i).isTrue();
        }
        assertThat(q).isEmpty();
    }
}
