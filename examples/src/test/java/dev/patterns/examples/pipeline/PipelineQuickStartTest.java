package dev.patterns.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patterns.pipeline.PipelineStats;
import dev.patterns.pipeline.RunState;
import org.junit.jupiter.api.Test;

class PipelineQuickStartTest {

    @Test
    void everyLineIsDeliveredFilteredOrDeadLetteredAndTheTotalIsExact() throws InterruptedException {
        int orders = 10_000;
        PipelineQuickStart.Result result = PipelineQuickStart.run(orders);
        PipelineStats stats = result.stats();

        long expectedTotal = 0;
        long expectedLarge = 0;
        for (int i = 0; i < orders; i++) {
            if (i % 100 != 99 && i % 1000 >= 500) {
                expectedTotal += i % 1000;
                expectedLarge++;
            }
        }
        assertThat(stats.state()).isEqualTo(RunState.COMPLETED);
        assertThat(stats.accepted()).isEqualTo(orders);
        assertThat(stats.deadLettered()).isEqualTo(orders / 100);
        assertThat(result.deadLetters()).hasSize(orders / 100)
                .allSatisfy(d -> assertThat(d.error()).isInstanceOf(IllegalArgumentException.class));
        assertThat(stats.delivered()).isEqualTo(expectedLarge);
        assertThat(stats.filtered()).isEqualTo(orders - orders / 100 - expectedLarge);
        assertThat(stats.balanced()).isTrue();
        assertThat(result.total()).isEqualTo(expectedTotal);
    }
}
