package dev.patterns.bench.actor;

import dev.patterns.actor.ActorRef;
import dev.patterns.actor.ActorSystem;
import dev.patterns.actor.ActorSystemBuilder;
import dev.patterns.actor.Behavior;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.openjdk.jol.info.ClassLayout;

/**
 * One million actors, ours beside Pekko typed 1.7.0: heap per idle actor (used heap after full
 * GCs, before and after spawning, minus the array that holds the references), time to spawn them
 * and see every one started, time for one tell to each to be handled, and time to stop them all
 * and close the system until every thread has ended. Single-shot wall-clock times of one JVM run
 * each; run every implementation in its own JVM, three times.
 *
 * <pre>{@code
 * for impl in patterns patterns-setup patterns-pool pekko-bounded pekko; do
 *   buildlock java -Xmx8g -cp patterns-bench/target/benchmarks.jar \
 *       dev.patterns.bench.actor.ActorMillion $impl 1000000
 * done
 * }</pre>
 *
 * <p>{@code patterns}: a receive behaviour, started when spawned. {@code patterns-setup}: a setup
 * step that counts itself started (each actor then runs one turn). {@code patterns-pool}: a receive
 * behaviour on a pool of 2 platform threads instead of a virtual thread per turn. Pekko: a guardian spawns the
 * actors, each with a setup step that counts itself started; {@code pekko-bounded} with
 * {@code MailboxSelector.bounded(100)}. Our mailboxes are bounded (100) in every case.
 */
public final class ActorMillion {

    private ActorMillion() {
    }

    public static void main(String[] args) throws Exception {
        String impl = args.length > 0 ? args[0] : "patterns";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Object[] refs = new Object[n];
        long arrayBytes = ClassLayout.parseInstance(refs).instanceSize();
        long before = usedAfterGc();
        Result r = switch (impl) {
            case "patterns" -> ours(refs, false, 0);
            case "patterns-setup" -> ours(refs, true, 0);
            case "patterns-pool" -> ours(refs, false, 2);
            case "pekko" -> pekko(refs, false);
            case "pekko-bounded" -> pekko(refs, true);
            default -> throw new IllegalArgumentException("impl: " + impl + " (expected: a known library)");
        };
        System.out.printf(Locale.ROOT,
                "%-15s n=%d  heap/idle actor=%.1f B  after one message=%.1f B  spawn+started=%.3f s"
                        + "  tell-all handled=%.3f s  stop+close=%.3f s%s%n",
                impl, n, (r.idleUsed - before - arrayBytes) / (double) n,
                (r.afterMessageUsed - before - arrayBytes) / (double) n,
                r.spawnNanos / 1e9, r.tellAllNanos / 1e9, r.closeNanos / 1e9, r.note);
    }

    record Result(long idleUsed, long afterMessageUsed, long spawnNanos, long tellAllNanos, long closeNanos,
            String note) {
    }

    static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    @SuppressWarnings("unchecked")
    static Result ours(Object[] refs, boolean setup, int platformThreads) throws Exception {
        int n = refs.length;
        AtomicLong started = new AtomicLong();
        AtomicLong handled = new AtomicLong();
        CompletableFuture<Void> allStarted = new CompletableFuture<>();
        CompletableFuture<Void> allHandled = new CompletableFuture<>();
        Behavior<Integer> receive = Behavior.receive((ctx, m) -> {
            if (handled.incrementAndGet() == n) {
                allHandled.complete(null);
            }
            return Behavior.same();
        });
        Behavior<Integer> behavior = setup ? Behavior.setup(ctx -> {
            if (started.incrementAndGet() == n) {
                allStarted.complete(null);
            }
            return receive;
        }) : receive;
        ActorSystemBuilder builder = ActorSystem.builder().name("million").capacity(100);
        if (platformThreads > 0) {
            builder.platformThreads(platformThreads);
        }
        ActorSystem system = builder.build();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            refs[i] = system.spawn(behavior);
        }
        if (setup) {
            allStarted.get(5, TimeUnit.MINUTES);
        }
        long spawn = System.nanoTime() - t0;
        long idle = usedAfterGc();
        String layout = " (one actor object: "
                + ClassLayout.parseInstance(refs[0]).instanceSize() + " B by JOL)";
        long t1 = System.nanoTime();
        for (Object ref : refs) {
            ((ActorRef<Integer>) ref).tell(1);
        }
        allHandled.get(5, TimeUnit.MINUTES);
        long tellAll = System.nanoTime() - t1;
        long afterMessage = usedAfterGc();
        long t2 = System.nanoTime();
        system.close();
        long close = System.nanoTime() - t2;
        if (system.stats().stopped() != n || !system.isTerminated()) {
            throw new IllegalStateException("not all stopped: " + system.stats());
        }
        return new Result(idle, afterMessage, spawn, tellAll, close, layout);
    }

    /** A guardian that spawns n children on request. */
    record SpawnAll(Object[] refs, Props props, Object child, CompletableFuture<Void> done) {
    }

    @SuppressWarnings("unchecked")
    static Result pekko(Object[] refs, boolean bounded) throws Exception {
        int n = refs.length;
        AtomicLong started = new AtomicLong();
        AtomicLong handled = new AtomicLong();
        CompletableFuture<Void> allStarted = new CompletableFuture<>();
        CompletableFuture<Void> allHandled = new CompletableFuture<>();
        org.apache.pekko.actor.typed.Behavior<Integer> receive = Behaviors.receive(Integer.class)
                .onAnyMessage(m -> {
                    if (handled.incrementAndGet() == n) {
                        allHandled.complete(null);
                    }
                    return Behaviors.same();
                }).build();
        org.apache.pekko.actor.typed.Behavior<Integer> child = Behaviors.setup(ctx -> {
            if (started.incrementAndGet() == n) {
                allStarted.complete(null);
            }
            return receive;
        });
        Props props = bounded ? MailboxSelector.bounded(100) : Props.empty();
        org.apache.pekko.actor.typed.ActorSystem<SpawnAll> guardianSystem = org.apache.pekko.actor.typed.ActorSystem.create(
                Behaviors.setup(ctx -> Behaviors.receive(SpawnAll.class).onMessage(SpawnAll.class, s -> {
                    for (int i = 0; i < s.refs().length; i++) {
                        s.refs()[i] = ctx.spawnAnonymous(
                                (org.apache.pekko.actor.typed.Behavior<Integer>) s.child(), s.props());
                    }
                    s.done().complete(null);
                    return Behaviors.same();
                }).build()), "million");
        CompletableFuture<Void> spawned = new CompletableFuture<>();
        long t0 = System.nanoTime();
        guardianSystem.tell(new SpawnAll(refs, props, child, spawned));
        spawned.get(10, TimeUnit.MINUTES);
        allStarted.get(10, TimeUnit.MINUTES);
        long spawn = System.nanoTime() - t0;
        long idle = usedAfterGc();
        long t1 = System.nanoTime();
        for (Object ref : refs) {
            ((org.apache.pekko.actor.typed.ActorRef<Integer>) ref).tell(1);
        }
        allHandled.get(10, TimeUnit.MINUTES);
        long tellAll = System.nanoTime() - t1;
        long afterMessage = usedAfterGc();
        long t2 = System.nanoTime();
        guardianSystem.terminate();
        guardianSystem.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.MINUTES);
        long close = System.nanoTime() - t2;
        return new Result(idle, afterMessage, spawn, tellAll, close, "");
    }
}
