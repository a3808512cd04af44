package dev.patterns.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patterns.channel.Overflow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bounded mailbox: backpressure, the four overflow policies, and their counters. */
class ActorMailboxTest {

    private final ActorTesting testing = new ActorTesting();
    private final List<DroppedMessage> drops = new CopyOnWriteArrayList<>();
    private final List<Object> handled = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    private ActorSystem system;

    @AfterEach
    void tearDown() throws InterruptedException {
        release.countDown();
        testing.close();
    }

    /** An actor that blocks in its first handler until {@link #release}; its mailbox then fills. */
    private ActorRef<Integer> slowActor(Overflow overflow) throws InterruptedException {
        system = testing.track(testing.builder().onDrop(drops::add).build());
        ActorRef<Integer> slow = system.spawn(Behavior.<Integer>receive((ctx, n) -> {
            if (n == 0) {
                firstStarted.countDown();
                release.await();
            }
            handled.add(n);
            return Behavior.same();
        }), "slow", Mailbox.bounded(2, overflow));
        slow.tell(0);
        firstStarted.await();
        slow.tell(1);
        slow.tell(2);
        assertThat(slow.stats().mailboxDepth()).isEqualTo(2);
        return slow;
    }

    @Test
    void tellBlocksWhileTheMailboxIsFullAndGoesOnWhenTheActorCatchesUp() throws Exception {
        ActorRef<Integer> slow = slowActor(Overflow.BLOCK);
        assertThat(slow.tryTell(3)).isFalse();
        assertThat(slow.tell(3, Duration.ZERO)).isFalse();
        assertThat(slow.tell(3, Duration.ofMillis(-1))).isFalse();
        CountDownLatch sent = new CountDownLatch(1);
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                slow.tell(3);
                sent.countDown();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        ActorTesting.awaitParked(sender);
        assertThat(sent.getCount()).isEqualTo(1);
        release.countDown();
        sender.join();
        assertThat(sent.getCount()).isZero();
        slow.stop();
        ActorTesting.awaitTrue("all handled", () -> handled.size() == 4);
        assertThat(handled).containsExactly(0, 1, 2, 3);
        assertThat(slow.stats().dropped()).isZero();
    }

    @Test
    void aTimedTellGivesUpAfterItsTimeout() throws Exception {
        ActorRef<Integer> slow = slowActor(Overflow.BLOCK);
        assertThat(slow.tell(3, Duration.ofMillis(20))).isFalse();
        release.countDown();
        assertThat(slow.tell(3, ActorTesting.PATIENCE)).isTrue();
    }

    @Test
    void aBlockedTellAnswersInterrupt() throws Exception {
        ActorRef<Integer> slow = slowActor(Overflow.BLOCK);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                slow.tell(3);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        ActorTesting.awaitParked(sender);
        sender.interrupt();
        sender.join();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        release.countDown();
        slow.stop();
        ActorTesting.awaitTrue("drained", () -> handled.size() == 3);
        assertThat(handled).containsExactly(0, 1, 2); // 3 was never sent
    }

    @Test
    void dropNewestHandsTheNewMessageToTheDropHandler() throws Exception {
        ActorRef<Integer> slow = slowActor(Overflow.DROP_NEWEST);
        assertThat(slow.tryTell(3)).isTrue();
        slow.tell(4);
        assertThat(slow.tell(5, Duration.ZERO)).isTrue();
        assertThat(drops).extracting(DroppedMessage::message).containsExactly(3, 4, 5);
        assertThat(drops).allSatisfy(d -> assertThat(d.recipient()).isSameAs(slow));
        assertThat(slow.stats().dropped()).isEqualTo(3);
        release.countDown();
        slow.stop();
        ActorTesting.awaitTrue("drained", () -> handled.size() == 3);
        assertThat(handled).containsExactly(0, 1, 2);
        assertThat(system.stats().dropped()).isEqualTo(3);
    }

    @Test
    void dropOldestEvictsTheOldestWaitingMessage() throws Exception {
        ActorRef<Integer> slow = slowActor(Overflow.DROP_OLDEST);
        slow.tell(3);
        assertThat(slow.tryTell(4)).isTrue();
        assertThat(drops).extracting(DroppedMessage::message).containsExactly(1, 2);
        assertThat(slow.stats().dropped()).isEqualTo(2);
        release.countDown();
        slow.stop();
        ActorTesting.awaitTrue("drained", () -> handled.size() == 3);
        assertThat(handled).containsExactly(0, 3, 4);
    }

    @Test
    void failRefusesAtOnceAndSaysWhichActor() throws Exception {
        ActorRef<Integer> slow = slowActor(Overflow.FAIL);
        assertThatThrownBy(() -> slow.tell(3))
                .isInstanceOf(MailboxFullException.class)
                .hasMessage("mailbox of actor 'slow' is full (capacity 2)");
        assertThat(slow.tryTell(3)).isFalse();
        assertThat(slow.tell(3, Duration.ofSeconds(1))).isFalse();
        assertThat(drops).isEmpty();
        assertThat(slow.stats().dropped()).isZero();
    }

    @Test
    void theMailboxGrowsToItsCapacityAndNoFurther() throws Exception {
        system = testing.system();
        CountDownLatch started = new CountDownLatch(1);
        ActorRef<Integer> a = system.spawn(Behavior.<Integer>receive((ctx, n) -> {
            if (n == 0) {
                started.countDown();
                release.await();
            }
            handled.add(n);
            return Behavior.same();
        }), "growing", Mailbox.bounded(100));
        a.tell(0);
        started.await();
        for (int i = 1; i <= 100; i++) {
            assertThat(a.tryTell(i)).isTrue();
        }
        assertThat(a.tryTell(101)).isFalse();
        assertThat(a.stats().mailboxDepth()).isEqualTo(100);
        release.countDown();
        a.stop();
        ActorTesting.awaitTrue("drained", () -> handled.size() == 101);
        for (int i = 0; i <= 100; i++) {
            assertThat(handled.get(i)).isEqualTo(i);
        }
    }
}
