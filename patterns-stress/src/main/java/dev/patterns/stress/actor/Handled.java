package dev.patterns.stress.actor;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Arbiter side of the actor stress tests: how many of the expected messages were handled. */
final class Handled {

    private Handled() {
    }

    /**
     * Waits until every expected message was handled, or 10 s (reached only when one never is),
     * and returns how many were.
     */
    static int await(CountDownLatch handled, int expected) {
        try {
            handled.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException("jcstress actors are not interrupted", e);
        }
        return (int) (expected - handled.getCount());
    }
}
