package dev.patterns.async;

import java.time.Duration;
import java.util.Optional;

/**
 * A running fan-out: the calls started by {@link FanOut#start}, gathered by a {@link GatherPolicy}.
 * Close it (try-with-resources) so that no call outlives it.
 *
 * <p>The gathering is driven by its owner: {@link #join()} blocks, {@link #join(Duration)} blocks
 * for a while and {@link #tryJoin()} takes one step without blocking; each settles the gathering
 * when the policy is decided or the policy's timeout passes, interrupts the calls still running,
 * and returns the result only once every call has finished (or ignored its interrupt for longer
 * than the grace period, see {@link Gathered#unfinished()}). Hedged backup attempts are started by
 * these steps too, so a hedged gathering nobody joins starts no backups. {@code join},
 * {@code tryJoin} and {@code close} may be called from any thread but run one at a time;
 * {@link #wakeUp()} may be called from any thread at any time.
 *
 * <table class="striped">
 * <caption>Forms of join</caption>
 * <tr><th>blocks</th><th>answers at once</th><th>times out</th></tr>
 * <tr><td>{@link #join()}</td><td>{@link #tryJoin()}</td><td>{@link #join(Duration)}</td></tr>
 * <tr><td>returns the result</td><td>the result, or empty</td><td>the result, or empty once the
 * timeout passed (the gathering goes on)</td></tr>
 * </table>
 *
 * <p>Two timeouts, two meanings: the policy's {@link GatherPolicy#within(Duration) timeout} ends the
 * <i>gathering</i> (the calls time out and are interrupted); the timeout of
 * {@link #join(Duration)} only ends the <i>wait</i> (the calls go on, and the gathering can be
 * joined again).
 *
 * <p>Interrupts, the same for {@code join()} and {@code join(Duration)}: a thread interrupted
 * before it gets its turn (already interrupted on entry, or while another thread's join holds the
 * turn) throws {@link InterruptedException} and leaves the gathering as it was; a thread
 * interrupted while it waits for the calls cancels the gathering, waits for the calls within the
 * grace period, then throws {@code InterruptedException} (a later join returns the cancelled
 * result).
 *
 * <p>Stats: a gathering adds to its {@link FanOut#stats() fan-out's counters} once, when it
 * produces its result.
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
     * {@code join} returns the cancelled result. A thread already interrupted on entry, or while
     * waiting for another thread's join to give up the turn, throws at once and leaves the
     * gathering running.
     *
     * @return the result
     * @throws InterruptedException if the calling thread was interrupted before or while waiting
     */
    Gathered<T> join() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the result: like {@link #join()}, but once
     * {@code timeout} has passed on the fan-out's ticker without a result it returns empty and
     * leaves the gathering running (it can be joined again; close it in the end). The wait is
     * measured on the fan-out's ticker, so with a {@link dev.patterns.time.FakeTicker} a test
     * advances the ticker and calls {@link #wakeUp()}; waiting for another thread that holds the
     * turn is bounded by the same length of real time. A zero or negative timeout does not wait
     * ({@linkplain dev.patterns.time the library's timeout rule}): it takes one step, like
     * {@link #tryJoin()}.
     *
     * <p>Interrupts are handled exactly as by {@link #join()} (see the class description).
     *
     * @param timeout how long to wait; zero or negative means do not wait
     * @return the result, or empty if the timeout passed first
     * @throws InterruptedException if the calling thread was interrupted before or while waiting;
     *     if while waiting for the calls, the gathering was cancelled first
     * @throws NullPointerException if {@code timeout} is null
     */
    Optional<Gathered<T>> join(Duration timeout) throws InterruptedException;

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
