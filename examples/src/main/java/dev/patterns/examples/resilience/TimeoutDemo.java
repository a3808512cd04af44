package dev.patterns.examples.resilience;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

import dev.patterns.resilience.Timeout;

/**
 * A time limit on a call to a quote service that sometimes hangs: the fast call returns its quote;
 * the hung call is interrupted at the limit, its thread ends, and the caller gets a
 * {@link TimeoutException} instead of waiting forever.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=TimeoutDemo}
 */
public final class TimeoutDemo {

    private TimeoutDemo() {
    }

    /**
     * What happened.
     *
     * @param quote the fast call's answer
     * @param hungCallTimedOut whether the hung call ended in a {@code TimeoutException}
     * @param hungCallInterrupted whether the hung call saw its interrupt (its thread ended)
     * @param timedOut the timeout's own count of calls past the limit
     */
    public record Result(long quote, boolean hungCallTimedOut, boolean hungCallInterrupted, long timedOut) {
    }

    /**
     * Makes one fast call and one hung call under {@code fastLimit} and {@code hungLimit}.
     *
     * @param fastLimit the limit for the fast call
     * @param hungLimit the limit for the hung call
     * @return what happened
     * @throws Exception if the fast call failed or the caller was interrupted
     */
    public static Result run(Duration fastLimit, Duration hungLimit) throws Exception {
        Timeout quick = Timeout.of(fastLimit);
        long quote = quick.call(() -> 1_999L);                 // well inside the limit: its answer

        // grace: how long the caller waits for the interrupted call to end (a day: until it ends)
        Timeout strict = Timeout.of(hungLimit, Duration.ofDays(1), Thread.ofVirtual().factory());
        CountDownLatch interrupted = new CountDownLatch(1);
        boolean timedOut = false;
        try {
            strict.call(() -> {
                try {
                    new CountDownLatch(1).await();            // a dependency that never answers
                    return 0L;
                } catch (InterruptedException e) {
                    interrupted.countDown();                  // the limit passed: the call is interrupted
                    throw e;
                }
            });
        } catch (TimeoutException expected) {
            timedOut = true;
        }
        return new Result(quote, timedOut, interrupted.getCount() == 0, strict.stats().timedOut());
    }

    /**
     * Runs the demo with a 50 ms limit.
     *
     * @param args ignored
     * @throws Exception if the fast call failed
     */
    public static void main(String[] args) throws Exception {
        System.out.println("A quote service: one call answers at once, one hangs; limit 50 ms each");
        Result r = run(Duration.ofMillis(50), Duration.ofMillis(50));
        System.out.println("fast call returned quote " + r.quote());
        System.out.println("hung call: TimeoutException " + r.hungCallTimedOut() + ", interrupted and ended "
                + r.hungCallInterrupted() + ", timed-out calls counted " + r.timedOut());
        System.out.println("Shown: a hung dependency costs the caller the limit, not a thread forever.");
    }
}
