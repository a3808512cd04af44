package dev.patterns.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of a {@link Pipeline}: its state, the accounting of every item, and each
 * stage's {@link StageStats}.
 *
 * <p><b>Accounting.</b> Every item the pipeline accepted ends in exactly one place: delivered to
 * the terminal consumer, filtered out, dead-lettered, failed (under fail-fast), or returned by
 * {@code shutdownNow} (or after a failure). A one-to-many stage turns one item into several; the
 * extra ones are counted in {@link #expanded()}. So, once the pipeline has terminated,
 * <pre>{@code accepted + expanded == delivered + filtered + deadLettered + failed + returned}</pre>
 * which {@link #balanced()} checks; while it runs, the difference is {@link #inProgress()}.
 *
 * @param name the pipeline's name
 * @param state where the pipeline is in its life cycle
 * @param accepted items the source accepted into the pipeline
 * @param expanded extra items created by one-to-many stages (results minus the items that had
 *     at least one)
 * @param delivered items the terminal consumer accepted without error
 * @param filtered items dropped on purpose by a stage (summed over stages)
 * @param deadLettered items handed to a dead-letter sink (summed over stages)
 * @param failed items whose error failed the pipeline (summed over stages)
 * @param returned items handed back by {@code shutdownNow} or after a failure (summed over stages)
 * @param droppedAtSource items a source channel with a drop {@link dev.patterns.channel.Overflow}
 *     policy dropped before the pipeline accepted them (not part of {@code accepted})
 * @param stages one snapshot per stage, source side first; the terminal consumer is last
 * @param failure the error that failed the pipeline, or {@code null}
 */
public record PipelineStats(String name, RunState state, long accepted, long expanded, long delivered,
                            long filtered, long deadLettered, long failed, long returned,
                            long droppedAtSource, List<StageStats> stages, Throwable failure) {

    /**
     * Copies the stage list.
     *
     * @throws NullPointerException if {@code name}, {@code state} or {@code stages} is null
     */
    public PipelineStats {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        stages = List.copyOf(Objects.requireNonNull(stages, "stages"));
    }

    /**
     * Returns the items accepted and not yet in a final bucket: queued, in flight, or held for
     * ordering. Zero once the pipeline has terminated (unless a stuck worker still holds one).
     *
     * @return {@code accepted + expanded - (delivered + filtered + deadLettered + failed + returned)}
     */
    public long inProgress() {
        return accepted + expanded - (delivered + filtered + deadLettered + failed + returned);
    }

    /**
     * Returns whether every accepted item is accounted for.
     *
     * @return {@code inProgress() == 0}
     */
    public boolean balanced() {
        return inProgress() == 0;
    }

    /**
     * Returns the snapshot of the stage with the given name.
     *
     * @param stage the stage's name
     * @return its stats
     * @throws IllegalArgumentException if no stage has that name
     */
    public StageStats stage(String stage) {
        for (StageStats s : stages) {
            if (s.name().equals(stage)) {
                return s;
            }
        }
        throw new IllegalArgumentException("stage: " + stage + " (expected: one of "
                + stages.stream().map(StageStats::name).toList() + ")");
    }
}
