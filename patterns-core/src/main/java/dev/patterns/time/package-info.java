/**
 * Time for concurrency patterns: a nanosecond {@link dev.patterns.time.Ticker}, a
 * {@link dev.patterns.time.Deadline}, a {@link dev.patterns.time.Sleeper}, and a
 * {@link dev.patterns.time.FakeTicker} that tests move by hand.
 *
 * <h2 id="timeouts">Timeouts: one rule for every timed method of the library</h2>
 *
 * <p>Every method that waits at most a given time takes a {@link java.time.Duration}, and:
 * <ul>
 *   <li><b>zero or negative means "do not wait"</b>, as in {@code java.util.concurrent}: the
 *       method makes its attempt without waiting (as its non-blocking twin would) and answers at
 *       once. A negative timeout is never an error; {@code null} is
 *       ({@link java.lang.NullPointerException} naming the parameter).</li>
 *   <li><b>a timeout is answered with a value</b> where the return type can say it
 *       ({@code false}, {@code null}, {@link java.util.Optional#empty()}, an outcome);</li>
 *   <li>only a method whose return type cannot say it throws
 *       {@link java.util.concurrent.TimeoutException}, with a message that names what timed out
 *       and after how long, for example
 *       {@code "single-flight call for key 'user-7' timed out after 5 ms"}.</li>
 * </ul>
 * A timeout far beyond any real wait ({@code Duration.ofSeconds(Long.MAX_VALUE)}) saturates
 * instead of overflowing ({@link dev.patterns.time.Deadline#saturatedNanos}).
 *
 * <p>Which clock: a {@link dev.patterns.time.Ticker} drives the time a component reasons about
 * (a refill, an open state, a backoff, an ask's deadline), so tests move it by hand with a
 * {@link dev.patterns.time.FakeTicker}. A wait that parks or joins a thread is a real wait and is
 * measured by {@link System#nanoTime()}: a fake ticker could never end it.
 *
 * <p>Durations that configure a component (an open state's length, a policy's deadline, a
 * refill period) are not timeouts: they must be positive, and are otherwise refused with
 * {@link java.lang.IllegalArgumentException}.
 */
package dev.patterns.time;
