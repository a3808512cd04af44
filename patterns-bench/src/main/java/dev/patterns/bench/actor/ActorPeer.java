package dev.patterns.bench.actor;

import dev.patterns.actor.ActorSystem;
import dev.patterns.actor.Behavior;
import dev.patterns.actor.Mailbox;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One actor library under test, behind the operations the actor benchmarks use: ours on virtual
 * threads ({@code patterns}), ours on a pool of 2 platform threads ({@code patterns-pool}), and
 * Pekko typed 1.7.0 with its default dispatcher, with a bounded mailbox ({@code pekko-bounded}) or
 * its default unbounded one ({@code pekko}). Each JMH fork measures one implementation.
 */
abstract class ActorPeer implements AutoCloseable {

    /** Mailbox bound of every actor under test; above the 10,000 messages a tell op sends. */
    static final int CAPACITY = 16_384;

    /** Handed to the actor with a latch: once handled, every earlier message has been. */
    record Flush(CountDownLatch done) {
    }

    /** One hop of a ping-pong: the receiver answers {@code replyTo} until {@code remaining} is 0. */
    record Ball(int remaining, Object replyTo, CountDownLatch done) {
    }

    /** An ask: the actor replies 1 to {@code replyTo}. */
    record Get(Object replyTo) {
    }

    /** Sends {@code reply} to the reference {@code to} of the library under test. */
    @FunctionalInterface
    interface Send {
        void send(Object to, Object reply) throws InterruptedException;
    }

    /** What every actor under test does with a message, whatever the library. */
    static void react(Object m, Object self, Send send) throws InterruptedException {
        if (m instanceof Flush f) {
            f.done().countDown();
        } else if (m instanceof Ball b) {
            if (b.remaining() == 0) {
                b.done().countDown();
            } else {
                send.send(b.replyTo(), new Ball(b.remaining() - 1, self, b.done()));
            }
        } else if (m instanceof Get g) {
            send.send(g.replyTo(), 1);
        }
    }

    /** Tells the target actor one message (blocking under backpressure where the library has it). */
    abstract void tell(Object message) throws InterruptedException;

    /** Returns once the target has handled every message told so far. */
    final void flush() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        tell(new Flush(done));
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("flush not handled");
        }
    }

    /** Plays {@code hops} hops between the two ping-pong actors and waits for the last. */
    abstract void pingPong(int hops) throws InterruptedException;

    /** One ask round trip to the target. */
    abstract Object ask() throws Exception;

    static ActorPeer create(String impl) {
        return switch (impl) {
            case "patterns" -> new Ours(ActorSystem.builder().name("bench").capacity(CAPACITY).build());
            case "patterns-pool" -> new Ours(
                    ActorSystem.builder().name("bench").capacity(CAPACITY).platformThreads(2).build());
            case "pekko" -> new Pekko(false);
            case "pekko-bounded" -> new Pekko(true);
            default -> throw new IllegalArgumentException("impl: " + impl + " (expected: a known actor library)");
        };
    }

    /** The library's handler: flush, ping-pong and ask, shared by the target and the players. */
    static final class Ours extends ActorPeer {
        private final ActorSystem system;
        private final dev.patterns.actor.ActorRef<Object> target;
        private final dev.patterns.actor.ActorRef<Object> ping;
        private final dev.patterns.actor.ActorRef<Object> pong;

        Ours(ActorSystem system) {
            this.system = system;
            this.target = system.spawn(handler(), "target");
            this.ping = system.spawn(handler(), "ping", Mailbox.bounded(CAPACITY));
            this.pong = system.spawn(handler(), "pong", Mailbox.bounded(CAPACITY));
        }

        @SuppressWarnings("unchecked")
        private static Behavior<Object> handler() {
            return Behavior.receive((ctx, m) -> {
                react(m, ctx.self(), (to, reply) -> ((dev.patterns.actor.ActorRef<Object>) to).tell(reply));
                return Behavior.same();
            });
        }

        @Override
        void tell(Object message) throws InterruptedException {
            target.tell(message);
        }

        @Override
        void pingPong(int hops) throws InterruptedException {
            CountDownLatch done = new CountDownLatch(1);
            ping.tell(new Ball(hops, pong, done));
            done.await();
        }

        @Override
        Object ask() throws Exception {
            return target.<Object>ask(Get::new, Duration.ofSeconds(10)).get();
        }

        @Override
        public void close() {
            system.close();
        }
    }

    /** Pekko typed: a guardian spawns the target and the players, bounded or not. */
    static final class Pekko extends ActorPeer {
        private final org.apache.pekko.actor.typed.ActorSystem<Void> system;
        private final org.apache.pekko.actor.typed.ActorRef<Object> target;
        private final org.apache.pekko.actor.typed.ActorRef<Object> ping;
        private final org.apache.pekko.actor.typed.ActorRef<Object> pong;

        @SuppressWarnings("unchecked")
        Pekko(boolean bounded) {
            CompletableFuture<org.apache.pekko.actor.typed.ActorRef<Object>[]> refs = new CompletableFuture<>();
            Props props = bounded ? MailboxSelector.bounded(CAPACITY) : Props.empty();
            system = org.apache.pekko.actor.typed.ActorSystem.create(Behaviors.<Void>setup(ctx -> {
                refs.complete(new org.apache.pekko.actor.typed.ActorRef[] {
                    ctx.spawn(handler(), "target", props),
                    ctx.spawn(handler(), "ping", props),
                    ctx.spawn(handler(), "pong", props)});
                return Behaviors.empty();
            }), "bench");
            org.apache.pekko.actor.typed.ActorRef<Object>[] r = refs.join();
            target = r[0];
            ping = r[1];
            pong = r[2];
        }

        @SuppressWarnings("unchecked")
        private static org.apache.pekko.actor.typed.Behavior<Object> handler() {
            return Behaviors.setup(ctx -> Behaviors.receive(Object.class).onAnyMessage(m -> {
                react(m, ctx.getSelf(), (to, reply) -> ((org.apache.pekko.actor.typed.ActorRef<Object>) to).tell(reply));
                return Behaviors.same();
            }).build());
        }

        @Override
        void tell(Object message) {
            target.tell(message);
        }

        @Override
        void pingPong(int hops) throws InterruptedException {
            CountDownLatch done = new CountDownLatch(1);
            ping.tell(new Ball(hops, pong, done));
            done.await();
        }

        @Override
        Object ask() throws Exception {
            return AskPattern.<Object, Object>ask(target, Get::new, Duration.ofSeconds(10), system.scheduler())
                    .toCompletableFuture().get();
        }

        @Override
        public void close() {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }
}
