package dev.patterns.pipeline;

import static dev.patterns.testing.JfrCapture.named;
import static dev.patterns.testing.JfrCapture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;

import jdk.jfr.consumer.RecordedEvent;

import org.junit.jupiter.api.Test;

import dev.patterns.testing.JfrCapture;

class PipelineJfrTest {

    private static Integer rejectTwo(Integer i) throws IOException {
        if (i == 2) {
            throw new IOException("bad " + i);
        }
        return i;
    }

    @Test
    void aDeadLetteredItemIsAStageFailureAndItemsAreTimedWhenEnabled() throws Exception {
        List<RecordedEvent> events = record(() -> {
            PipelineStats stats = Pipeline.fromIterable("orders", List.of(1, 2, 3))
                    .map("parse", PipelineJfrTest::rejectTwo, s -> s.errorPolicy(ErrorPolicy.deadLetter("dlq", dl -> { })))
                    .start("sink", i -> { })
                    .join();
            assertThat(stats.deadLettered()).isEqualTo(1);
        }, "dev.patterns.pipeline.StageItem");
        List<RecordedEvent> failures = named(events, "dev.patterns.pipeline.StageFailure");
        assertThat(failures).hasSize(1);
        RecordedEvent f = failures.get(0);
        assertThat(f.getString("pipeline")).isEqualTo("orders");
        assertThat(f.getString("stage")).isEqualTo("parse");
        assertThat(f.getString("failure")).isEqualTo(IOException.class.getName());
        assertThat(f.getString("message")).isEqualTo("bad 2");
        assertThat(f.getInt("attempts")).isEqualTo(1);
        assertThat(f.getString("outcome")).isEqualTo("dead-lettered");
        assertThat(named(events, "dev.patterns.pipeline.PipelineFailed")).isEmpty();

        List<RecordedEvent> parsed = named(events, "dev.patterns.pipeline.StageItem").stream()
                .filter(e -> e.getString("stage").equals("parse"))
                .toList();
        assertThat(parsed).hasSize(3);
        assertThat(parsed).allSatisfy(e -> assertThat(e.getString("pipeline")).isEqualTo("orders"));
        assertThat(parsed).filteredOn(e -> e.getBoolean("succeeded")).hasSize(2);
        assertThat(JfrCapture.defaultSetting(StageItemEvent.class, "enabled")).isEqualTo("false");
    }

    @Test
    void aFailFastErrorIsRecordedAsStageFailureAndPipelineFailed() throws Exception {
        List<RecordedEvent> events = record(() -> {
            Pipeline<Integer> p = Pipeline.fromIterable("billing", List.of(1, 2, 3))
                    .map("charge", PipelineJfrTest::rejectTwo)
                    .start("sink", i -> { });
            assertThatThrownBy(p::join).isInstanceOf(PipelineFailedException.class);
        });
        List<RecordedEvent> failures = named(events, "dev.patterns.pipeline.StageFailure");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).getString("outcome")).isEqualTo("failed-pipeline");
        List<RecordedEvent> failed = named(events, "dev.patterns.pipeline.PipelineFailed");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).getString("pipeline")).isEqualTo("billing");
        assertThat(failed.get(0).getString("stage")).isEqualTo("charge");
        assertThat(failed.get(0).getString("failure")).isEqualTo(IOException.class.getName());
        assertThat(failed.get(0).getString("message")).isEqualTo("bad 2");
        assertThat(named(events, "dev.patterns.pipeline.StageItem")).as("off by default").isEmpty();
    }
}
