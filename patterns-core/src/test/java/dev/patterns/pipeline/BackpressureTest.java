package dev.patterns.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A slow consumer bounds every queue at its capacity and blocks the producers; what is held inside
 * the pipeline does not grow with the input.
 */
@Timeout(60)
class BackpressureTest {

    @Test
    void aBlockedConsumerFillsEveryQueueToItsCapacityAndNoFurther() throws Exception {
        int sourceCapacity = 8;
        int buffer = 4;
        CountDownLatch open = new CountDownLatch(1);
        AtomicLong delivered = new AtomicLong();
        Pipeline<Integer> p = Pipeline.<Integer>fromSink("bp", sourceCapacity)
                .map("a", i -> i + 1, s -> s.concurrency(2))
                .map("b", i -> i + 1, s -> s.concurrency(2).buffer(buffer))
                .start("slow", i -> {
                    open.await();
                    delivered.incrementAndGet();
                }, s -> s.buffer(buffer));

        int producers = 3;
        int perProducer = 10_000;
        AtomicLong sent = new AtomicLong();
        Threads.Joined[] threads = new Threads.Joined[producers];
        for (int t = 0; t < producers; t++) {
            threads[t] = Threads.start("producer-" + t, () -> {
                for (int i = 0; i < perProducer; i++) {
                    p.input().send(i);
                    sent.incrementAndGet();
                }
            });
        }
        // Full: source 8, "b" input 4, "slow" input 4, one item in the consumer, "a" and "b"
        // workers each holding one blocked on a send.
        long bound = sourceCapacity + buffer + buffer + 1 + 2 + 2;
        Threads.await(() -> p.stats().accepted() == bound, "the pipeline is full");
        for (Threads.Joined t : threads) {
            Threads.await(() -> t.thread.getState() == Thread.State.WAITING
                    || t.thread.getState() == Thread.State.TIMED_WAITING, "producers block");
        }
        PipelineStats full = p.stats();
        assertThat(full.stage("a").queueDepth()).isEqualTo(sourceCapacity);
        assertThat(full.stage("b").queueDepth()).isEqualTo(buffer);
        assertThat(full.stage("slow").queueDepth()).isEqualTo(buffer);
        assertThat(full.stage("slow").busyWorkers()).isEqualTo(1);
        assertThat(full.inProgress()).isEqualTo(bound);
        assertThat(sent.get()).isEqualTo(bound);
        assertThat(delivered.get()).isZero();

        open.countDown();
        for (Threads.Joined t : threads) {
            t.join();
        }
        p.shutdown();
        PipelineStats done = p.join();
        assertThat(done.delivered()).isEqualTo((long) producers * perProducer);
        assertThat(done.balanced()).isTrue();
        Threads.assertAllEnded(((PipelineImpl<Integer>) p).threads());
    }

    @Test
    void itemsHeldInsideStayBoundedWhateverTheInputSize() throws Exception {
        int items = 300_000;
        Pipeline<Integer> p = Pipeline.fromIterable("bounded", () -> java.util.stream.IntStream.range(0, items).iterator())
                .map("a", i -> i * 2, s -> s.concurrency(2).buffer(16))
                .map("b", i -> i + 1, s -> s.concurrency(2).buffer(16))
                .start("slowish", i -> {
                    for (int s = 0; s < 50; s++) {
                        Thread.onSpinWait();
                    }
                }, s -> s.buffer(16));
        long maxHeld = 0;
        int maxDepth = 0;
        while (!p.isTerminated()) {
            long held = 0;
            for (StageStats s : p.stats().stages()) {
                held += s.queueDepth() + s.inFlight();
                maxDepth = Math.max(maxDepth, s.queueDepth());
            }
            maxHeld = Math.max(maxHeld, held);
        }
        assertThat(maxDepth).isLessThanOrEqualTo(16);
        // three buffers of 16 and at most 2 + 2 + 1 workers holding a batch of at most 4 each:
        // the same bound for 300,000 items as for 300.
        assertThat(maxHeld).isLessThanOrEqualTo(16 * 3 + 5 * 4);
        PipelineStats done = p.join();
        assertThat(done.delivered()).isEqualTo(items);
        assertThat(done.balanced()).isTrue();
    }
}
