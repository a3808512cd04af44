package dev.patterns.resilience;

import java.util.concurrent.Callable;

/**
 * Something that runs a call on the caller's behalf and protects it: a {@link CircuitBreaker}, a
 * {@link Retry}, a {@link Bulkhead}, a {@link Timeout}, a {@link TokenBucket}, or a composition of
 * them made by {@link Policies#of(Policy...)}.
 *
 * <p>Implementations are thread-safe: one policy instance guards every call to one dependency.
 */
@FunctionalInterface
public interface Policy {

    /**
     * Runs {@code callable} under this policy and returns its result. Whether this blocks, and for
     * how long, depends on the policy (a retry waits between attempts, a bulkhead may wait for a
     * permit); every policy that blocks honours interrupts.
     *
     * @param callable the call to protect
     * @param <T> the result type
     * @return the call's result
     * @throws CallRejectedException if the policy refused to run the call
     * @throws Exception what the call threw, or {@link java.util.concurrent.TimeoutException} from a
     *     {@link Timeout}, or {@link InterruptedException} if the caller was interrupted while waiting
     * @throws NullPointerException if {@code callable} is null
     */
    <T> T call(Callable<T> callable) throws Exception;
}
