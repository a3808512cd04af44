package dev.patterns.resilience;

/**
 * The sliding window of a closed circuit breaker: how many of the recent calls failed or were slow.
 *
 * <p>Snapshots are packed into one {@code long} so that reading them allocates nothing: calls in
 * bits 0–20, failures in bits 21–41, slow calls in bits 42–62 (see {@link #calls(long)} and friends).
 */
interface OutcomeWindow {

    int FIELD_BITS = 21;
    long FIELD_MASK = (1L << FIELD_BITS) - 1;
    long CALL = 1L;
    long FAILURE = 1L << FIELD_BITS;
    long SLOW = 1L << (2 * FIELD_BITS);

    /** Records one call; {@code outcome} is {@code CALL}, plus {@code FAILURE} and/or {@code SLOW}. */
    void record(long outcome);

    /** Returns the packed counts of the window as it is now. */
    long snapshot();

    static int calls(long packed) {
        return (int) (packed & FIELD_MASK);
    }

    static int failures(long packed) {
        return (int) ((packed >>> FIELD_BITS) & FIELD_MASK);
    }

    static int slowCalls(long packed) {
        return (int) ((packed >>> (2 * FIELD_BITS)) & FIELD_MASK);
    }
}
