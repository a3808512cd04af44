package dev.patterns.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patterns.channel.Channel;
import dev.patterns.channel.Overflow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Channel sources: completion when the owner closes them, and drops counted apart from accepted items. */
@Timeout(60)
class SourcesTest {

    @Test
    void aChannelSourceCompletesWhenItsOwnerClosesIt() throws Exception {
        Channel<String> words = Channel.bounded(16);
        List<String> out = new ArrayList<>();
        Pipeline<String> p = Pipeline.fromChannel("words", words)
                .flatMap("split", w -> List.of(w.split("")), s -> s.concurrency(1))
                .map("upper", String::toUpperCase, s -> s.concurrency(1))
                .start("collect", out::add);
        assertThat(p.input()).isSameAs(words);
        for (String w : List.of("ab", "", "cde")) {
            words.send(w);
        }
        words.close();
        PipelineStats stats = p.join();
        // "" splits into [""], one element: nothing is filtered; "ab" and "cde" expand by 1 and 2
        assertThat(out).containsExactly("A", "B", "", "C", "D", "E");
        assertThat(stats.accepted()).isEqualTo(3);
        assertThat(stats.expanded()).isEqualTo(3);
        assertThat(stats.delivered()).isEqualTo(6);
        assertThat(stats.balanced()).isTrue();
        Threads.assertAllEnded(((PipelineImpl<String>) p).threads());
    }

    @Test
    void itemsADroppingSourceEvictsAreCountedApartFromAcceptedOnes() throws Exception {
        Channel<Integer> latest = Channel.<Integer>builder(4).overflow(Overflow.DROP_OLDEST).build();
        CountDownLatch open = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        List<Integer> out = new ArrayList<>();
        Pipeline<Integer> p = Pipeline.fromChannel("latest", latest)
                .map("gate", i -> {
                    holding.countDown();
                    open.await();
                    return i;
                }, s -> s.kind(WorkKind.IO).concurrency(1))
                .start("collect", out::add);
        latest.send(0);
        holding.await();                      // the worker holds 0; the channel is empty again
        IntStream.rangeClosed(1, 10).forEach(latest::offer);
        open.countDown();
        latest.close();
        PipelineStats stats = p.join();
        assertThat(out).containsExactly(0, 7, 8, 9, 10);
        assertThat(stats.droppedAtSource()).isEqualTo(6);
        assertThat(stats.accepted()).isEqualTo(5);
        assertThat(stats.delivered()).isEqualTo(5);
        assertThat(stats.balanced()).isTrue();
    }
}
