package dev.patterns.examples.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TimeoutAndIdempotencyDemosTest {

    @Test
    void theHungCallIsInterruptedAndTheFastOneAnswers() throws Exception {
        // the fast call gets a day (no margin to miss on a busy machine); the hung call never
        // answers, so it must time out whatever the machine's speed
        assertThat(TimeoutDemo.run(Duration.ofDays(1), Duration.ofMillis(20)))
                .isEqualTo(new TimeoutDemo.Result(1_999L, true, true, 1));
    }

    @Test
    void everyPaymentIsChargedOnceWhateverTheDuplicates() throws Exception {
        assertThat(IdempotentPaymentsDemo.run(200, 4)).isEqualTo(new IdempotentPaymentsDemo.Result(1_200, 200, 200));
    }
}
