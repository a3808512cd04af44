package dev.patterns.async;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a {@link FanOut} gathering: one {@link Outcome} per call, in submission order (for
 * {@link GatherPolicy#hedged hedged} gatherings, one per attempt started, in start order). Immutable and
 * thread-safe.
 *
 * @param <T> the value type
 */
public final class Gathered<T> {

    private final GatherPolicy policy;
    private final List<Outcome<T>> outcomes;
    private final List<Integer> unfinished;
    private final long elapsedNanos;

    Gathered(GatherPolicy policy, List<Outcome<T>> outcomes, List<Integer> unfinished, long elapsedNanos) {
        this.policy = policy;
        this.outcomes = List.copyOf(outcomes);
        this.unfinished = List.copyOf(unfinished);
        this.elapsedNanos = elapsedNanos;
    }

    /**
     * Returns the policy this result was gathered by.
     *
     * @return the policy
     */
    public GatherPolicy policy() {
        return policy;
    }

    /**
     * Returns every call's outcome, in submission order.
     *
     * @return an immutable list
     */
    public List<Outcome<T>> outcomes() {
        return outcomes;
    }

    /**
     * Returns the outcome of call {@code index}.
     *
     * @param index the call's position in submission order
     * @return its outcome
     * @throws IndexOutOfBoundsException if there is no such call
     */
    public Outcome<T> outcome(int index) {
        return outcomes.get(index);
    }

    /**
     * Returns the values of the completed calls, in submission order.
     *
     * @return an immutable list, empty if none completed
     */
    public List<T> values() {
        List<T> values = new ArrayList<>(outcomes.size());
        for (Outcome<T> o : outcomes) {
            if (o instanceof Outcome.Completed<T> c) {
                values.add(c.value());
            }
        }
        return List.copyOf(values);
    }

    /**
     * Returns the first completed value in submission order: the winner of a
     * {@link GatherPolicy#firstSuccess()} or {@link GatherPolicy#hedged hedged} gathering.
     *
     * @return the value, or empty if no call completed
     */
    public Optional<T> firstValue() {
        for (Outcome<T> o : outcomes) {
            if (o instanceof Outcome.Completed<T> c) {
                return Optional.of(c.value());
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the values in submission order if the policy was satisfied, else throws.
     *
     * @return the completed values
     * @throws FanOutException if the policy was not satisfied; its cause is the first failure
     */
    public List<T> valuesOrThrow() {
        if (satisfied()) {
            return values();
        }
        Throwable cause = null;
        for (Outcome<T> o : outcomes) {
            if (o instanceof Outcome.Failed<T> f) {
                cause = f.error();
                break;
            }
        }
        throw new FanOutException("policy not satisfied: " + policy + " " + summary(), cause, this);
    }

    /**
     * Returns whether the policy got what it asks for (see the table in {@link GatherPolicy}).
     *
     * @return true if satisfied
     */
    public boolean satisfied() {
        int done = 0;
        for (Outcome<T> o : outcomes) {
            if (o instanceof Outcome.Completed<T>) {
                done++;
            }
        }
        return done >= GatherRule.need(policy, outcomes.size());
    }

    /**
     * Returns the indexes of calls that completed with a value.
     *
     * @return an immutable list, in submission order
     */
    public List<Integer> completed() {
        return indexes(Outcome.Completed.class);
    }

    /**
     * Returns the indexes of calls that failed.
     *
     * @return an immutable list, in submission order
     */
    public List<Integer> failed() {
        return indexes(Outcome.Failed.class);
    }

    /**
     * Returns the indexes of calls that timed out.
     *
     * @return an immutable list, in submission order
     */
    public List<Integer> timedOut() {
        return indexes(Outcome.TimedOut.class);
    }

    /**
     * Returns the indexes of calls that were cancelled.
     *
     * @return an immutable list, in submission order
     */
    public List<Integer> cancelled() {
        return indexes(Outcome.Cancelled.class);
    }

    /**
     * Returns the indexes of calls whose thread had still not finished when the gathering
     * returned: they ignored the interrupt for longer than the fan-out's grace period. Empty in a
     * well-behaved program; such a call keeps running, but its outcome is already decided.
     *
     * @return an immutable list, in submission order
     */
    public List<Integer> unfinished() {
        return unfinished;
    }

    /**
     * Returns how long the gathering took on the fan-out's ticker, from start to settled and
     * every call finished (or the grace period over).
     *
     * @return elapsed nanoseconds
     */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    private List<Integer> indexes(Class<?> kind) {
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (kind.isInstance(outcomes.get(i))) {
                result.add(i);
            }
        }
        return List.copyOf(result);
    }

    private String summary() {
        return "[completed=" + completed() + ", failed=" + failed() + ", timedOut=" + timedOut()
                + ", cancelled=" + cancelled() + ", unfinished=" + unfinished + "]";
    }

    @Override
    public String toString() {
        return "Gathered" + summary();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gathered<?> g && policy.equals(g.policy) && outcomes.equals(g.outcomes)
                && unfinished.equals(g.unfinished) && elapsedNanos == g.elapsedNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, outcomes, unfinished, elapsedNanos);
    }
}
