package dev.patterns.resilience;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Composes policies around a call, outermost first: {@code Policies.of(retry, breaker, bulkhead,
 * timeout).call(c)} runs {@code retry.call(() -> breaker.call(() -> bulkhead.call(() ->
 * timeout.call(c))))}, that is {@code Retry(CircuitBreaker(Bulkhead(Timeout(call))))}.
 *
 * <p>The recommended order, outermost first, is retry, circuit breaker, rate limiter
 * ({@link TokenBucket}), bulkhead, timeout: each attempt of the retry asks the breaker (so an open
 * breaker fails the attempt fast and the retry stops, since it does not retry
 * {@link CallRejectedException} by default), each admitted attempt takes a token and a slot, and
 * only the time inside the slot is limited, so a timed-out attempt frees its slot and counts as a
 * failure for the breaker. The composite's {@link Object#toString()} prints the nesting.
 */
public final class Policies {

    private Policies() {
    }

    /**
     * Returns the composition of {@code policies}, outermost first.
     *
     * @param policies the policies, at least one, outermost first
     * @return the composite policy
     * @throws NullPointerException if the array or an element is null
     * @throws IllegalArgumentException if no policy is given
     */
    public static Policy of(Policy... policies) {
        Objects.requireNonNull(policies, "policies");
        if (policies.length == 0) {
            throw new IllegalArgumentException("policies: 0 (expected: >= 1)");
        }
        for (int i = 0; i < policies.length; i++) {
            Objects.requireNonNull(policies[i], "policies[" + i + "]");
        }
        return new Composite(List.of(policies));
    }

    /** {@code policies.get(0)} wraps {@code policies.get(1)} wraps ... wraps the call. */
    private record Composite(List<Policy> policies) implements Policy {

        @Override
        public <T> T call(Callable<T> callable) throws Exception {
            Objects.requireNonNull(callable, "callable");
            return callAt(0, callable);
        }

        private <T> T callAt(int index, Callable<T> callable) throws Exception {
            if (index == policies.size() - 1) {
                return policies.get(index).call(callable);
            }
            return policies.get(index).call(() -> callAt(index + 1, callable));
        }

        @Override
        public String toString() {
            String open = policies.stream().map(p -> simpleName(p) + "(").collect(Collectors.joining());
            return open + "call" + ")".repeat(policies.size());
        }

        private static String simpleName(Policy policy) {
            return policy instanceof CircuitBreaker ? "CircuitBreaker"
                    : policy instanceof Retry ? "Retry"
                    : policy instanceof Bulkhead ? "Bulkhead"
                    : policy instanceof Timeout ? "Timeout"
                    : policy instanceof TokenBucket ? "TokenBucket"
                    : policy.getClass().getSimpleName();
        }
    }
}
