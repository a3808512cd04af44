package dev.patterns.examples.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patterns.channel.ChannelStats;
import org.junit.jupiter.api.Test;

/** The demo finishes, every count is conserved, and the consumers ended by end-of-stream. */
class ChannelDemoTest {

    @Test
    void everyJobIsConsumedExactlyOnceAndEveryCountIsConserved() throws InterruptedException {
        ChannelDemo.Config config = new ChannelDemo.Config(4, 3, 5_000, 16, 200);
        ChannelDemo.Result r = ChannelDemo.run(config);

        assertThat(r.produced()).isEqualTo(4L * 5_000);
        assertThat(r.consumedPerConsumer()).hasSize(3);
        assertThat(r.consumed()).isEqualTo(r.produced());

        ChannelStats jobs = r.jobs();
        assertThat(jobs.sent()).isEqualTo(r.produced());
        assertThat(jobs.received()).isEqualTo(r.consumed());
        assertThat(jobs.dropped()).isZero();
        assertThat(jobs.size()).isZero();
        assertThat(jobs.closed()).isTrue();
        assertThat(r.maxDepthSeen()).isBetween(0, 16);

        ChannelStats samples = r.samples();
        assertThat(samples.sent()).isEqualTo(samples.received() + samples.dropped() + samples.size());
        assertThat(samples.size()).isZero();
        assertThat(samples.received()).isEqualTo(r.samplesReported());
        assertThat(samples.dropped()).isEqualTo(r.samplesDroppedSeen());
        // One sample per 100 jobs per producer.
        assertThat(samples.sent()).isEqualTo(4L * 50);
    }

    @Test
    void theReadmeHandOffDeliversEveryJob() throws InterruptedException {
        ChannelStats s = ChannelDemo.handOff();
        assertThat(s.sent()).isEqualTo(10_000);
        assertThat(s.received()).isEqualTo(10_000);
        assertThat(s.dropped()).isZero();
        assertThat(s.size()).isZero();
        assertThat(s.closed()).isTrue();
    }

    @Test
    void mainRunsToTheEnd() throws InterruptedException {
        ChannelDemo.main(new String[0]);
    }
}
