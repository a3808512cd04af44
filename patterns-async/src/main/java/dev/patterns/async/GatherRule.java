package dev.patterns.async;

import dev.patterns.time.Deadline;

/**
 * What each {@link GatherPolicy} means, in one place: how many slots a gathering of it uses,
 * how many values it needs, whether failures settle it early, and the hedge delay. The owner's
 * loop ({@link GatheringImpl}) and {@link Gathered#satisfied()} only ask these questions, so a new
 * policy is a new record in {@code GatherPolicy} and a case in each switch below.
 *
 * <p>Every policy is one shape: it is decided once it has {@code need} values, or (if failures
 * settle it) once too many calls failed for {@code need} to be reached, or once every slot
 * finished. {@code all()} is a quorum of every call; {@code allByDeadline} needs every call but
 * never settles on a failure; {@code firstSuccess()} and the hedged policies need one value.
 * Stateless: the counts come from the caller.
 */
final class GatherRule {

    private GatherRule() {
    }

    /** How many slots a gathering of {@code calls} calls uses: one per call, or per hedge attempt. */
    static int slots(GatherPolicy policy, int calls) {
        return switch (policy) {
            case GatherPolicy.Hedged h -> h.maxAttempts();
            case GatherPolicy.HedgedByPercentile h -> h.maxAttempts();
            case GatherPolicy.All a -> calls;
            case GatherPolicy.Partial p -> calls;
            case GatherPolicy.FirstSuccess f -> calls;
            case GatherPolicy.Quorum q -> calls;
        };
    }

    /** How many values settle a gathering over {@code n} slots, satisfied. */
    static int need(GatherPolicy policy, int n) {
        return switch (policy) {
            case GatherPolicy.All a -> n;
            case GatherPolicy.Partial p -> n;
            case GatherPolicy.FirstSuccess f -> 1;
            case GatherPolicy.Quorum q -> q.k();
            case GatherPolicy.Hedged h -> 1;
            case GatherPolicy.HedgedByPercentile h -> 1;
        };
    }

    /** Whether failures settle the gathering once {@code need} can no longer be reached. */
    static boolean failuresSettle(GatherPolicy policy) {
        return !(policy instanceof GatherPolicy.Partial);
    }

    /** Whether later slots are hedge attempts started over time, rather than calls started at once. */
    static boolean hedged(GatherPolicy policy) {
        return policy instanceof GatherPolicy.Hedged || policy instanceof GatherPolicy.HedgedByPercentile;
    }

    /** The delay before a backup attempt, read once when the gathering starts; 0 if not hedged. */
    static long hedgeDelayNanos(GatherPolicy policy) {
        return switch (policy) {
            case GatherPolicy.Hedged h -> Deadline.saturatedNanos(h.delay());
            case GatherPolicy.HedgedByPercentile h -> h.tracker().percentileNanos(h.percentile())
                    .orElse(Deadline.saturatedNanos(h.fallback()));
            default -> 0L;
        };
    }

    /** The tracker a gathering feeds, or null. */
    static LatencyTracker tracker(GatherPolicy policy) {
        return policy instanceof GatherPolicy.HedgedByPercentile h ? h.tracker() : null;
    }

    /**
     * Whether the outcomes counted so far decide a gathering over {@code n} slots.
     *
     * @param finished slots finished (reported, or never started and settled)
     */
    static boolean decided(int n, int need, boolean failuresSettle, int successes, int failures, int finished) {
        return successes >= need || (failuresSettle && failures > n - need) || finished == n;
    }

    /**
     * Whether a report, the {@code r}-th, which made the {@code ok}-th value or the
     * {@code failed}-th failure (0 if neither), may decide the gathering: then its owner must
     * wake for it. Mirrors {@link #decided}: the report that reaches {@code need} values, the one
     * failure that makes {@code need} unreachable, or the last one.
     */
    static boolean decisive(int n, int need, boolean failuresSettle, int ok, int failed, int r) {
        return ok == need || (failuresSettle && failed == n - need + 1) || r == n;
    }
}
