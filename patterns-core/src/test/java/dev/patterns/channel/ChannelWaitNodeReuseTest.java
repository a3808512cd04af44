package dev.patterns.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wait nodes of a channel are reused (a blocking call allocates nothing in steady state), and
 * reuse never costs a wake-up: a thread that alternates timed-out and successful waits, a thread
 * that waits on two channels in turn, interrupted waits, and more waiters than the free list
 * keeps. Each test counts the nodes a channel created, which a node per wait would give away.
 */
class ChannelWaitNodeReuseTest {

    private static final int ROUNDS = 50;
    /** Long enough that a timed wait really registers and parks; nothing is sent meanwhile. */
    private static final Duration BRIEF = Duration.ofMillis(1);

    private static Threads threads(boolean virtual) {
        return virtual ? Threads.virtual() : Threads.platform();
    }

    private static ArrayChannel<Integer> channel(int capacity) {
        return (ArrayChannel<Integer>) Channel.<Integer>bounded(capacity);
    }

    private static void acquire(Semaphore s) throws InterruptedException {
        assertThat(s.tryAcquire(Threads.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("signal").isTrue();
    }

    @ParameterizedTest(name = "virtual {0}")
    @ValueSource(booleans = {false, true})
    void receiverAlternatingTimedOutAndSuccessfulWaitsUsesOneNode(boolean virtual) throws Exception {
        ArrayChannel<Integer> ch = channel(1);
        Semaphore timedOut = new Semaphore(0);
        try (Threads threads = threads(virtual)) {
            var receiver = threads.start("receiver", () -> {
                List<Integer> got = new ArrayList<>();
                for (int i = 0; i < ROUNDS; i++) {
                    Integer none = ch.receive(BRIEF);
                    if (none != null) {
                        throw new AssertionError("timed receive got " + none + " with nothing sent");
                    }
                    timedOut.release();
                    got.add(ch.receive());
                }
                return got;
            });
            for (int i = 0; i < ROUNDS; i++) {
                acquire(timedOut);
                receiver.awaitBlocked();
                ch.send(i);
            }
            assertThat(receiver.result()).containsExactlyElementsOf(range(ROUNDS));
        }
        assertThat(ch.waiting()).containsExactly(0, 0);
        assertThat(ch.waitNodesCreated()).containsExactly(1, 0);
        assertThat(ch.stats()).isEqualTo(new ChannelStats(1, 0, ROUNDS, ROUNDS, 0, false, null));
    }

    @ParameterizedTest(name = "virtual {0}")
    @ValueSource(booleans = {false, true})
    void senderAlternatingTimedOutAndSuccessfulWaitsUsesOneNode(boolean virtual) throws Exception {
        ArrayChannel<Integer> ch = channel(1);
        ch.send(-1);
        Semaphore timedOut = new Semaphore(0);
        try (Threads threads = threads(virtual)) {
            var sender = threads.start("sender", () -> {
                for (int i = 0; i < ROUNDS; i++) {
                    if (ch.send(1000 + i, BRIEF)) {
                        throw new AssertionError("timed send went into a full channel");
                    }
                    timedOut.release();
                    ch.send(i);
                }
                return null;
            });
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                acquire(timedOut);
                sender.awaitBlocked();
                got.add(ch.receive());
            }
            assertThat(sender.result()).isNull();
            got.add(ch.receive());
            assertThat(got).containsExactlyElementsOf(range(-1, ROUNDS));
        }
        assertThat(ch.waiting()).containsExactly(0, 0);
        assertThat(ch.waitNodesCreated()).containsExactly(0, 1);
        assertThat(ch.stats().sent()).isEqualTo(ROUNDS + 1);
    }

    @ParameterizedTest(name = "virtual {0}")
    @ValueSource(booleans = {false, true})
    void oneThreadWaitingOnTwoChannelsInTurnIsWokenByEach(boolean virtual) throws Exception {
        ArrayChannel<Integer> a = channel(1);
        ArrayChannel<Integer> b = channel(1);
        Semaphore next = new Semaphore(0);
        try (Threads threads = threads(virtual)) {
            var receiver = threads.start("receiver", () -> {
                List<Integer> got = new ArrayList<>();
                for (int i = 0; i < ROUNDS; i++) {
                    next.release();
                    got.add((i % 2 == 0 ? a : b).receive());
                    // A timed-out wait on the other channel between two successful ones.
                    if ((i % 2 == 0 ? b : a).receive(BRIEF) != null) {
                        throw new AssertionError("timed receive got an element with nothing sent");
                    }
                }
                return got;
            });
            for (int i = 0; i < ROUNDS; i++) {
                acquire(next);
                receiver.awaitBlocked();
                (i % 2 == 0 ? a : b).send(i);
            }
            assertThat(receiver.result()).containsExactlyElementsOf(range(ROUNDS));
        }
        for (ArrayChannel<Integer> ch : List.of(a, b)) {
            assertThat(ch.waiting()).containsExactly(0, 0);
            assertThat(ch.waitNodesCreated()).containsExactly(1, 0);
            assertThat(ch).isEmpty();
        }
    }

    @ParameterizedTest(name = "virtual {0}")
    @ValueSource(booleans = {false, true})
    void interruptedWaitsLeaveNoNodeBehindAndReuseTheirs(boolean virtual) throws Exception {
        ArrayChannel<Integer> ch = channel(1);
        Semaphore interrupted = new Semaphore(0);
        try (Threads threads = threads(virtual)) {
            var receiver = threads.start("receiver", () -> {
                List<Integer> got = new ArrayList<>();
                for (int i = 0; i < ROUNDS; i++) {
                    try {
                        Integer e = i % 2 == 0 ? ch.receive() : ch.receive(Threads.PATIENCE.multipliedBy(10));
                        throw new AssertionError("received " + e + " instead of being interrupted");
                    } catch (InterruptedException expected) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new AssertionError("interrupt status still set after InterruptedException");
                        }
                    }
                    interrupted.release();
                    got.add(ch.receive());
                }
                return got;
            });
            for (int i = 0; i < ROUNDS; i++) {
                receiver.awaitBlocked();
                receiver.thread().interrupt();
                acquire(interrupted);
                receiver.awaitBlocked();
                ch.send(i);
                // The next round's awaitBlocked must not see this round's park: wait for the take.
                awaitEmpty(ch);
            }
            assertThat(receiver.result()).containsExactlyElementsOf(range(ROUNDS));
        }
        assertThat(ch.waiting()).containsExactly(0, 0);
        assertThat(ch.waitNodesCreated()).containsExactly(1, 0);
    }

    @ParameterizedTest(name = "virtual {0}")
    @ValueSource(booleans = {false, true})
    void anInterruptedWaiterThatWaitsAgainQueuesBehindTheOthers(boolean virtual) throws Exception {
        ArrayChannel<Integer> ch = channel(1);
        Semaphore interrupted = new Semaphore(0);
        try (Threads threads = threads(virtual)) {
            var first = threads.start("first", () -> {
                try {
                    ch.receive();
                    throw new AssertionError("received instead of being interrupted");
                } catch (InterruptedException expected) {
                    interrupted.release();
                }
                return ch.receive();
            });
            first.awaitBlocked();
            var second = threads.start("second", ch::receive);
            second.awaitBlocked();
            awaitWaiting(ch, 2);
            first.thread().interrupt();
            acquire(interrupted);
            first.awaitBlocked();
            awaitWaiting(ch, 2);
            // FIFO: "second" now waits longest; a node left linked by the interrupted wait would
            // hand this wake-up to "first" instead.
            ch.send(1);
            assertThat(second.result()).isEqualTo(1);
            ch.send(2);
            assertThat(first.result()).isEqualTo(2);
        }
        assertThat(ch.waiting()).containsExactly(0, 0);
        assertThat(ch.waitNodesCreated()).containsExactly(2, 0);
    }

    @ParameterizedTest(name = "virtual {0}")
    @ValueSource(booleans = {false, true})
    void aTimedOutWaitLeavesNoGhostThatSwallowsTheNextWakeUp(boolean virtual) throws Exception {
        ArrayChannel<Integer> ch = channel(1);
        try (Threads threads = threads(virtual)) {
            for (int i = 0; i < ROUNDS; i++) {
                var timed = threads.start("timed-" + i, () -> ch.receive(BRIEF));
                assertThat(timed.result()).isNull();
                var blocked = threads.start("blocked-" + i, ch::receive);
                blocked.awaitBlocked();
                ch.send(i);
                assertThat(blocked.result()).isEqualTo(i);
            }
        }
        assertThat(ch.waiting()).containsExactly(0, 0);
        // Every wait above ran alone, so each reused the node of the one before.
        assertThat(ch.waitNodesCreated()).containsExactly(1, 0);
    }

    @ParameterizedTest(name = "virtual {0}")
    @ValueSource(booleans = {false, true})
    void moreWaitersThanTheFreeListKeepsAreAllWokenAndTheListStaysCapped(boolean virtual) throws Exception {
        int n = WaitQueue.POOL_LIMIT + 44;
        ArrayChannel<Integer> ch = channel(1);
        int[] created = new int[2];
        try (Threads threads = threads(virtual)) {
            for (int round = 0; round < 2; round++) {
                List<Threads.Started<Integer>> receivers = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    receivers.add(threads.start("r" + round + "-" + i, ch::receive));
                }
                awaitWaiting(ch, n);
                long sum = 0;
                for (int i = 0; i < n; i++) {
                    ch.send(i);
                }
                for (var r : receivers) {
                    sum += r.result();
                }
                assertThat(sum).isEqualTo((long) n * (n - 1) / 2);
                assertThat(ch.waiting()).containsExactly(0, 0);
                created[round] = ch.waitNodesCreated()[0];
            }
        }
        // Round 1: n threads waited at once, so at least n nodes. Round 2: the free list kept
        // exactly POOL_LIMIT of them (no more: at least n - POOL_LIMIT new ones), and reused
        // them (fewer than n new ones). A woken thread that finds its element taken by another
        // waits again, so the counts are bounds rather than exact.
        assertThat(created[0]).isGreaterThanOrEqualTo(n);
        assertThat(created[1] - created[0]).isBetween(n - WaitQueue.POOL_LIMIT, n - 1);
        assertThat(ch.stats()).isEqualTo(new ChannelStats(1, 0, 2L * n, 2L * n, 0, false, null));
    }

    private static void awaitWaiting(ArrayChannel<?> ch, int receivers) {
        long deadline = System.nanoTime() + Threads.PATIENCE.toNanos();
        while (ch.waiting()[0] != receivers) {
            assertThat(System.nanoTime() - deadline).as("receivers waiting: %s", ch.waiting()[0]).isNegative();
            Thread.yield();
        }
    }

    private static void awaitEmpty(ArrayChannel<?> ch) {
        long deadline = System.nanoTime() + Threads.PATIENCE.toNanos();
        while (!ch.isEmpty()) {
            assertThat(System.nanoTime() - deadline).as("channel never drained").isNegative();
            Thread.yield();
        }
    }

    private static List<Integer> range(int end) {
        return range(0, end);
    }

    private static List<Integer> range(int start, int end) {
        List<Integer> list = new ArrayList<>();
        for (int i = start; i < end; i++) {
            list.add(i);
        }
        return list;
    }
}
