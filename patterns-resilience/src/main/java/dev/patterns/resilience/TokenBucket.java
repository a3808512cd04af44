package dev.patterns.resilience;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A token bucket rate limiter: holds up to {@code capacity} tokens (the burst), refilled
 * continuously at a fixed rate; each call takes one or more tokens.
 *
 * <table class="striped">
 * <caption>Forms of taking tokens</caption>
 * <thead><tr><th>form</th><th>when the tokens are not there</th></tr></thead>
 * <tbody>
 * <tr><td>{@link #tryAcquire(long)}</td><td>answers {@code false} at once</td></tr>
 * <tr><td>{@link #tryAcquire(long, Duration)}</td><td>waits if the tokens will be there within the
 *     timeout, else answers {@code false} at once without waiting</td></tr>
 * <tr><td>{@link #acquire(long)}</td><td>waits until they are there</td></tr>
 * <tr><td>{@link #call(Callable)}</td><td>throws {@link CallRejectedException}</td></tr>
 * </tbody>
 * </table>
 *
 * <p>Over any interval of length {@code t}, the bucket never admits more than
 * {@code capacity + rate × t} tokens, under any race. Waiting callers reserve their tokens when
 * they start waiting, so they are served in the order they asked and a stream of small requests
 * can not starve a large one; a waiter that is interrupted gives its reservation back if no later
 * reservation was made, and otherwise leaves it unused (the bucket errs on admitting less).
 *
 * <p>Thread-safe and lock-free: taking tokens is one compare-and-set on a {@code long}, allocates
 * nothing, and never blocks in the {@code try} form. Waiting goes through the configured
 * {@link dev.patterns.time.Sleeper}, which parks without pinning a virtual thread.
 *
 * <pre>{@code
 * TokenBucket limiter = TokenBucket.builder().capacity(20).refill(100, Duration.ofSeconds(1)).build();
 * if (limiter.tryAcquire(1)) {
 *     send(request);
 * }
 * }</pre>
 */
public interface TokenBucket extends Policy {

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    static TokenBucketBuilder builder() {
        return new TokenBucketBuilder();
    }

    /**
     * Takes one token if there is one; never blocks.
     *
     * @return whether a token was taken
     */
    boolean tryAcquire();

    /**
     * Takes {@code permits} tokens if they are all there; never blocks, allocates nothing.
     *
     * @param permits how many tokens, in [1, capacity]
     * @return whether the tokens were taken
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    boolean tryAcquire(long permits);

    /**
     * Takes {@code permits} tokens, waiting for them if they will be there within {@code timeout};
     * if they will not, answers {@code false} at once, without waiting.
     *
     * @param permits how many tokens, in [1, capacity]
     * @param timeout the longest wait; zero or negative means do not wait (see
     *     {@linkplain dev.patterns.time the library's timeout rule})
     * @return whether the tokens were taken
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    boolean tryAcquire(long permits, Duration timeout) throws InterruptedException;

    /**
     * Takes {@code permits} tokens, blocking until they are there.
     *
     * @param permits how many tokens, in [1, capacity]
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    void acquire(long permits) throws InterruptedException;

    /**
     * Estimates how long a caller would wait now for {@code permits} tokens; zero if they are there.
     *
     * @param permits how many tokens, in [1, capacity]
     * @return the estimated wait in nanoseconds
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    long estimateWaitNanos(long permits);

    /**
     * Returns the tokens available now (zero if waiters have reserved ahead).
     *
     * @return the tokens available
     */
    long availableTokens();

    /**
     * Returns the name given to the builder (or the default {@code token-bucket-N}).
     *
     * @return the name
     */
    String name();

    /**
     * Returns a snapshot of the bucket's name, capacity, available tokens and refusals.
     *
     * @return the snapshot
     */
    TokenBucketStats stats();

    /**
     * Returns the capacity (burst size).
     *
     * @return the capacity
     */
    long capacity();

    /**
     * Returns the time it takes to refill one token, in nanoseconds.
     *
     * @return the refill interval
     */
    long nanosPerToken();

    /**
     * Runs {@code callable} if a token is there.
     *
     * @param callable the call
     * @param <T> the result type
     * @return the call's result
     * @throws CallRejectedException if no token was there
     * @throws Exception what the call threw
     * @throws NullPointerException if {@code callable} is null
     */
    @Override
    <T> T call(Callable<T> callable) throws Exception;
}
