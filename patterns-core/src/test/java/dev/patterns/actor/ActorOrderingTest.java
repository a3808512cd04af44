package dev.patterns.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One message at a time, per-sender order, and happens-before between handlers. */
class ActorOrderingTest {

    private final ActorTesting testing = new ActorTesting();

    record Msg(int sender, int seq) {
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        testing.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void messagesFromEachSenderArriveInOrderAndNeverConcurrently(boolean virtual) throws Exception {
        int senders = 4;
        int perSender = 5_000;
        ActorSystemBuilder b = ActorSystem.builder().threadFactory(testing.recording(virtual)).capacity(16).batch(8);
        if (!virtual) {
            b.platformThreads(2);
        }
        ActorSystem system = testing.track(b.build());
        AtomicInteger inHandler = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        int[] last = new int[senders]; // plain: confined to the actor, checked after close
        List<String> disorder = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(senders * perSender);
        ActorRef<Msg> actor = system.spawn(Behavior.<Msg>receive((ctx, m) -> {
            if (inHandler.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            if (m.seq() != last[m.sender()] + 1) {
                disorder.add(m.toString());
            }
            last[m.sender()] = m.seq();
            inHandler.decrementAndGet();
            all.countDown();
            return Behavior.same();
        }), "ordered");
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 1; i <= perSender; i++) {
                        actor.tell(new Msg(sender, i));
                    }
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(ActorTesting.PATIENCE.toMillis());
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(all.await(ActorTesting.PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        system.close();
        assertThat(overlaps.get()).isZero();
        assertThat(disorder).isEmpty();
        for (int s = 0; s < senders; s++) {
            assertThat(last[s]).isEqualTo(perSender);
        }
        assertThat(actor.stats().handled()).isEqualTo((long) senders * perSender);
        assertThat(system.stats().handled()).isEqualTo((long) senders * perSender);
    }

    @Test
    void stateInABehaviourNeedsNoSynchronization() throws Exception {
        ActorSystem system = testing.system();
        CompletableFuture<Long> result = new CompletableFuture<>();
        // a plain long field, written by every handler on whatever thread runs it
        final class Counter extends AbstractBehavior<Integer> {
            long sum;

            Counter(ActorContext<Integer> ctx) {
                super(ctx);
            }

            @Override
            protected Behavior<Integer> onMessage(Integer n) {
                sum += n;
                return this;
            }

            @Override
            protected Behavior<Integer> onSignal(Signal signal) {
                if (signal instanceof PostStop) {
                    result.complete(sum);
                }
                return this;
            }
        }
        ActorRef<Integer> counter = system.spawn(Behavior.setup(Counter::new), "counter");
        for (int i = 1; i <= 10_000; i++) {
            counter.tell(i);
        }
        counter.stop();
        assertThat(ActorTesting.await(result)).isEqualTo(10_000L * 10_001 / 2);
    }

    @Test
    void aBusyActorYieldsAfterABatchSoAnotherGetsTheOnlyThread() throws Exception {
        ActorSystem system = testing.track(ActorSystem.builder()
                .threadFactory(testing.recording(false)).platformThreads(1).batch(4).capacity(1000).build());
        CountDownLatch otherRan = new CountDownLatch(1);
        AtomicInteger busyHandledBeforeOther = new AtomicInteger(-1);
        AtomicInteger busyCount = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);
        ActorRef<Integer> busy = system.spawn(Behavior.<Integer>receive((ctx, n) -> {
            if (n == 0) {
                gate.await(); // hold the only thread until both mailboxes are full
            }
            busyCount.incrementAndGet();
            return Behavior.same();
        }), "busy");
        busy.tell(0);
        for (int i = 1; i <= 100; i++) {
            busy.tell(i);
        }
        ActorRef<String> other = system.spawn(Behavior.<String>receive((ctx, s) -> {
            busyHandledBeforeOther.set(busyCount.get());
            otherRan.countDown();
            return Behavior.same();
        }), "other");
        other.tell("hello");
        gate.countDown();
        otherRan.await();
        // with a batch of 4 the busy actor gave the only thread back after 4 of its 101 messages
        assertThat(busyHandledBeforeOther.get()).isEqualTo(4);
    }
}
