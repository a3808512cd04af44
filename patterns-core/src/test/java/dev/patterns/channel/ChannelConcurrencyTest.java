package dev.patterns.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many platform threads at once, more than cores: nothing lost, duplicated or left blocked. */
class ChannelConcurrencyTest {

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {1, 3, 1024})
    void twoProducersTwoConsumersTransferEveryElementExactlyOnce(int capacity) throws Exception {
        int perProducer = 100_000;
        Channel<Integer> ch = Channel.bounded(capacity);
        AtomicIntegerArray seen = new AtomicIntegerArray(2 * perProducer);
        CyclicBarrier start = new CyclicBarrier(4);
        long received = 0;
        try (Threads threads = Threads.platform()) {
            List<Threads.Started<Object>> ps = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                int base = p * perProducer;
                ps.add(threads.start("producer-" + p, () -> {
                    start.await();
                    for (int i = 0; i < perProducer; i++) {
                        ch.send(base + i);
                    }
                    return null;
                }));
            }
            List<Threads.Started<Long>> cs = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                cs.add(threads.start("consumer-" + c, () -> {
                    start.await();
                    return ch.consume(e -> seen.incrementAndGet(e));
                }));
            }
            for (var p : ps) {
                p.result();
            }
            ch.close();
            for (var c : cs) {
                received += c.result();
            }
        }
        assertThat(received).isEqualTo(2L * perProducer);
        for (int i = 0; i < seen.length(); i++) {
            assertThat(seen.get(i)).as("element %s", i).isEqualTo(1);
        }
        assertThat(ch.stats()).isEqualTo(new ChannelStats(capacity, 0, 2L * perProducer, 2L * perProducer, 0, true, null));
    }

    @Test
    void tryFormsUnderContentionLoseNothing() throws Exception {
        int perProducer = 100_000;
        Channel<Integer> ch = Channel.bounded(16);
        AtomicIntegerArray seen = new AtomicIntegerArray(2 * perProducer);
        try (Threads threads = Threads.platform()) {
            for (int p = 0; p < 2; p++) {
                int base = p * perProducer;
                threads.start("producer-" + p, () -> {
                    for (int i = 0; i < perProducer; i++) {
                        while (!ch.trySend(base + i)) {
                            Thread.onSpinWait();
                        }
                    }
                    return null;
                });
            }
            List<Threads.Started<Integer>> cs = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                cs.add(threads.start("consumer-" + c, () -> {
                    int n = 0;
                    while (n < perProducer) {
                        Integer e = ch.tryReceive();
                        if (e == null) {
                            Thread.onSpinWait();
                            continue;
                        }
                        seen.incrementAndGet(e);
                        n++;
                    }
                    return n;
                }));
            }
            for (var c : cs) {
                assertThat(c.result()).isEqualTo(perProducer);
            }
        }
        for (int i = 0; i < seen.length(); i++) {
            assertThat(seen.get(i)).as("element %s", i).isEqualTo(1);
        }
    }

    @Test
    void removeAndIterationRacingReceiversLoseNothing() throws Exception {
        int total = 50_000;
        Channel<Integer> ch = Channel.bounded(64);
        AtomicIntegerArray seen = new AtomicIntegerArray(total);
        try (Threads threads = Threads.platform()) {
            var producer = threads.start("producer", () -> {
                for (int i = 0; i < total; i++) {
                    ch.send(i);
                }
                return null;
            });
            var consumer = threads.start("consumer", () -> ch.consume(e -> seen.incrementAndGet(e)));
            var remover = threads.start("remover", () -> {
                int removed = 0;
                for (int i = 0; i < total; i += 7) {
                    if (ch.remove(i)) {
                        seen.incrementAndGet(i);
                        removed++;
                    }
                    for (Integer e : ch) {
                        assertThat(e).isBetween(0, total - 1);
                    }
                }
                return removed;
            });
            producer.result();
            remover.result();
            ch.close();
            consumer.result();
        }
        for (int i = 0; i < total; i++) {
            assertThat(seen.get(i)).as("element %s", i).isEqualTo(1);
        }
        ChannelStats s = ch.stats();
        assertThat(s.received()).isEqualTo(total);
        assertThat(s.sent()).isEqualTo(total);
    }

    @Test
    void drainToUnderConcurrentSendsConservesCounts() throws Exception {
        int total = 100_000;
        Channel<Integer> ch = Channel.bounded(32);
        List<Integer> sink = new ArrayList<>();
        try (Threads threads = Threads.platform()) {
            var producer = threads.start("producer", () -> {
                for (int i = 0; i < total; i++) {
                    ch.send(i);
                }
                return null;
            });
            while (sink.size() < total) {
                if (ch.drainTo(sink, 10) == 0) {
                    Thread.onSpinWait();
                }
            }
            producer.result();
        }
        for (int i = 0; i < total; i++) {
            assertThat(sink.get(i)).isEqualTo(i);
        }
        assertThat(ch.stats()).isEqualTo(new ChannelStats(32, 0, total, total, 0, false, null));
    }
}
