package dev.patterns.async;

import java.util.Optional;

/**
 * A running fan-out: the calls started by {@link FanOut#start}, gathered by a {@link Policy}.
 * Close it (try-with-resources) so that no call outlives it.
 *
 * <p>The gathering is driven by its owner: {@link #join()} blocks and {@link #tryJoin()} takes one
 * step without blocking; either settles the gathering when the policy is decided or the timeout
 * passes, interrupts the calls still running, and returns the result only once every call has
 * finished (or ignored its interrupt for longer than the grace period, see
 * {@link Gathered#unfinished()}). Hedged backup attempts are started by these steps too, so a
 * hedged gathering nobody joins starts no backups. {@code join}, {@code tryJoin} and {@code close}
 * may be called from any thread but run one at a time; {@link #wakeUp()} may be called from any
 * thread at any time.
 *
 * <table class="striped">
 * <caption>Forms of join</caption>
 * <tr><th>blocks</th><th>answers at once</th><th>times out</th></tr>
 * <tr><td>{@link #join()}</td><td>{@link #tryJoin()}</td><td>the policy's
 * {@link Policy#within(java.time.Duration) timeout}</td></tr>
 * </table>
 *
 * <p>Memory consistency effects: everything a call did before it returned <i>happens-before</i>
 * {@code join} or {@code tryJoin} returns a result that holds its value.
 *
 * @param <T> the value type
 */
public interface Gathering<T> extends AutoCloseable {

    /**
     * Blocks until the gathering is settled and every call has finished (or the grace period for
     * calls ignoring their interrupt has passed), then returns the result; repeated calls return
     * the same result.
     *
     * <p>If the calling thread is interrupted while waiting, the gathering is cancelled (calls not
     * yet decided become {@link Outcome.Cancelled}), the calls are interrupted and waited for
     * within the grace period, and then {@link InterruptedException} is thrown; a later
     * {@code join} returns the cancelled result.
     *
     * @return the result
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    Gathered<T> join() throws InterruptedException;

    /**
     * Takes one step without blocking: records finished calls, starts due hedge attempts, settles
     * the gathering if the policy is decided or the timeout has passed (interrupting stragglers).
     *
     * @return the result once settled and every call finished (or the grace period passed),
     *     otherwise empty
     */
    Optional<Gathered<T>> tryJoin();

    /**
     * Wakes a thread blocked in {@link #join()} so that it re-reads the ticker. Needed only with a
     * ticker that moves by hand ({@link dev.patterns.time.FakeTicker}): a test advances the
     * ticker, then calls {@code wakeUp()}.
     */
    void wakeUp();

    /**
     * Returns how many calls (or hedge attempts) have been started so far.
     *
     * @return the number started
     */
    int started();

    /**
     * Cancels the gathering if it is not settled yet (undecided calls become
     * {@link Outcome.Cancelled}), interrupts the calls still running and waits, within the grace
     * period, for them to finish. Does nothing after a result was returned. If interrupted while
     * waiting, it keeps waiting (within the grace period) and then restores the interrupt status.
     */
    @Override
    void close();
}
