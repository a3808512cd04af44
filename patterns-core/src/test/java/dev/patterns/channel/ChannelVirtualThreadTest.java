package dev.patterns.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Virtual threads park on the channel without holding carriers, and nothing is lost. */
class ChannelVirtualThreadTest {

    @Test
    void thousandsOfBlockedVirtualReceiversAreAllServed() throws Exception {
        int receivers = 2_000;
        Channel<Integer> ch = Channel.bounded(4);
        AtomicIntegerArray seen = new AtomicIntegerArray(receivers);
        try (Threads threads = Threads.virtual()) {
            List<Threads.Started<Integer>> started = new ArrayList<>();
            for (int i = 0; i < receivers; i++) {
                started.add(threads.start("receiver-" + i, () -> {
                    int e = ch.receive();
                    seen.incrementAndGet(e);
                    return e;
                }));
            }
            // Far more receivers than carrier threads are parked at once; the sender still runs.
            var sender = threads.start("sender", () -> {
                for (int i = 0; i < receivers; i++) {
                    ch.send(i);
                }
                return null;
            });
            sender.result();
            for (var r : started) {
                r.result();
            }
        }
        for (int i = 0; i < receivers; i++) {
            assertThat(seen.get(i)).as("element %s received", i).isEqualTo(1);
        }
        assertThat(ch.stats()).isEqualTo(new ChannelStats(4, 0, receivers, receivers, 0, false, null));
    }

    @Test
    void manyVirtualProducersAndConsumersWithCloseDrivenShutdown() throws Exception {
        int producers = 200;
        int perProducer = 500;
        int consumers = 50;
        Channel<Integer> ch = Channel.bounded(8);
        AtomicIntegerArray seen = new AtomicIntegerArray(producers * perProducer);
        long received = 0;
        try (Threads threads = Threads.virtual()) {
            List<Threads.Started<Object>> ps = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int base = p * perProducer;
                ps.add(threads.start("producer-" + p, () -> {
                    for (int i = 0; i < perProducer; i++) {
                        ch.send(base + i);
                    }
                    return null;
                }));
            }
            List<Threads.Started<Long>> cs = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                cs.add(threads.start("consumer-" + c, () -> ch.consume(e -> seen.incrementAndGet(e))));
            }
            for (var p : ps) {
                p.result();
            }
            ch.close();
            for (var c : cs) {
                received += c.result();
            }
        }
        assertThat(received).isEqualTo((long) producers * perProducer);
        for (int i = 0; i < seen.length(); i++) {
            assertThat(seen.get(i)).as("element %s", i).isEqualTo(1);
        }
        assertThat(ch.isClosedForReceive()).isTrue();
    }
}
