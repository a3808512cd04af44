package dev.patterns.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.patterns.time.FakeTicker;

class PoliciesTest {

    private final FakeTicker time = FakeTicker.start();

    /** A policy that logs when it is entered and left, to show the nesting. */
    private static Policy tracing(String name, List<String> log) {
        return new Policy() {
            @Override
            public <T> T call(Callable<T> callable) throws Exception {
                log.add(name + "(");
                try {
                    return callable.call();
                } finally {
                    log.add(")" + name);
                }
            }
        };
    }

    @Test
    void theFirstPolicyIsTheOutermost() throws Exception {
        List<String> log = new ArrayList<>();
        Policy composed = Policies.of(tracing("a", log), tracing("b", log), tracing("c", log));
        assertThat(composed.call(() -> {
            log.add("call");
            return 1;
        })).isEqualTo(1);
        assertThat(log).containsExactly("a(", "b(", "c(", "call", ")c", ")b", ")a");
    }

    @Test
    void retryOutsideTheBreakerStopsWhenTheBreakerOpens() {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(2).build();
        Retry retry = Retry.builder().maxAttempts(10).ticker(time).sleeper(time).build();
        Policy composed = Policies.of(retry, breaker, Bulkhead.of(4), Timeout.of(Duration.ofDays(1)));
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> composed.call(() -> {
            attempts.incrementAndGet();
            throw new IOException("down");
        })).isInstanceOf(CallRejectedException.class);
        assertThat(attempts).as("two real attempts, the third failed fast").hasValue(2);
        assertThat(retry.stats().retries()).isEqualTo(2);
        assertThat(composed).hasToString("Retry(CircuitBreaker(Bulkhead(Timeout(call))))");
    }

    @Test
    void aTimedOutAttemptIsAFailureForTheBreakerAndFreesItsSlot() {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(1).build();
        Bulkhead bulkhead = Bulkhead.of(1);
        Policy composed = Policies.of(breaker, bulkhead, Timeout.of(Duration.ofMillis(10)));
        assertThatThrownBy(() -> composed.call(() -> {
            new java.util.concurrent.CountDownLatch(1).await();
            return "never";
        })).isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(bulkhead.stats().inUse()).isZero();
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        assertThatThrownBy(Policies::of).hasMessage("policies: 0 (expected: >= 1)");
        assertThatThrownBy(() -> Policies.of(Bulkhead.of(1), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("policies[1]");
        assertThatThrownBy(() -> Policies.of(Bulkhead.of(1)).call(null)).hasMessage("callable");
    }
}
