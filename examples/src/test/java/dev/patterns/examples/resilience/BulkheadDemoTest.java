package dev.patterns.examples.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BulkheadDemoTest {

    @Test
    void withoutABulkheadTheHungDependencyTakesEveryWorker() throws Exception {
        assertThat(BulkheadDemo.run(false)).isEqualTo(new BulkheadDemo.Result(0, 0));
    }

    @Test
    void withABulkheadTheOtherRequestsAreServed() throws Exception {
        assertThat(BulkheadDemo.run(true)).isEqualTo(new BulkheadDemo.Result(10, 2));
    }
}
