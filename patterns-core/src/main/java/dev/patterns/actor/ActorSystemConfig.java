package dev.patterns.actor;

import dev.patterns.internal.Checks;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * The immutable settings of an {@link ActorSystem}, snapshotted by {@link ActorSystemBuilder#build()}.
 *
 * @param name the system's name
 * @param mailbox the default mailbox of its actors
 * @param batch messages an actor handles per turn before yielding its thread; at least 1
 * @param platformThreads 0 for the default virtual workers (started while all are busy, up to 256); otherwise the size of a fixed pool
 * @param threadFactory makes every thread the system uses
 * @param ticker the time source (timed sends, backoff windows, timing stats)
 * @param sleeper waits out restart backoffs
 * @param timing whether time in mailbox and handling time are measured
 * @param onDeadLetter receives every dead letter
 * @param onDrop receives every message dropped by an overflow policy
 */
public record ActorSystemConfig(
        String name,
        Mailbox mailbox,
        int batch,
        int platformThreads,
        ThreadFactory threadFactory,
        Ticker ticker,
        Sleeper sleeper,
        boolean timing,
        Consumer<? super ActorDeadLetter> onDeadLetter,
        Consumer<? super DroppedMessage> onDrop) {

    /**
     * Validates the settings.
     *
     * @throws NullPointerException if a reference is null
     * @throws IllegalArgumentException if {@code batch < 1} or {@code platformThreads < 0}
     */
    public ActorSystemConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(threadFactory, "threadFactory");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(onDeadLetter, "onDeadLetter");
        Objects.requireNonNull(onDrop, "onDrop");
        Checks.atLeast("batch", batch, 1);
        Checks.atLeast("platformThreads", platformThreads, 0);
    }
}
