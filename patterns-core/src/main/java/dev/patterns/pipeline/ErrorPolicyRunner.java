package dev.patterns.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Runs a stage's {@link Operator} on one item under the stage's {@link ErrorPolicy}: retries with
 * backoff, dead-letters, or fails the pipeline, and counts each. One per worker, used only by its
 * thread; the counters are read by stats.
 *
 * <p>{@link #apply(Object)} answers whether there is a result to emit; when there is none the item
 * was already settled here (dead-lettered, failed, or handed back because the pipeline is stopping).
 */
final class ErrorPolicyRunner {

    private static final VarHandle RETRIED;
    private static final VarHandle FAILED;
    private static final VarHandle DEAD_LETTERED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RETRIED = l.findVarHandle(ErrorPolicyRunner.class, "retried", long.class);
            FAILED = l.findVarHandle(ErrorPolicyRunner.class, "failed", long.class);
            DEAD_LETTERED = l.findVarHandle(ErrorPolicyRunner.class, "deadLettered", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Stage stage;
    private final Operator operator;
    private final ErrorPolicy policy;

    // NOTE: single-writer counters (the worker's thread): stored with release, loaded with acquire.
    private long retried;
    private long failed;
    private long deadLettered;

    /** The last successful result, until {@link #takeResult()}. Owned by the worker's thread. */
    private Object result;

    ErrorPolicyRunner(Stage stage) {
        this.stage = stage;
        this.operator = stage.operator;
        this.policy = stage.policy;
    }

    /**
     * Applies the operator to {@code item}, retrying as the policy says.
     *
     * @return true if the operator succeeded (its result is then {@link #takeResult()}); false if
     *     the item was settled here
     */
    boolean apply(Object item) {
        Engine engine = stage.engine;
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                result = invoke(item, attempts);
                return true;
            } catch (VirtualMachineError fatal) {
                FAILED.setRelease(this, failed + 1);
                StageFailureEvent.emit(engine.name, stage.name, fatal, attempts, "failed-pipeline");
                engine.fail(stage.name, fatal);
                throw fatal;
            } catch (Throwable error) {
                if (engine.stopping()) {
                    // Most likely the interrupt of shutdownNow: the item goes back to the caller.
                    stage.returnTaken(item);
                    return false;
                }
                ErrorPolicy p = policy;
                if (p instanceof ErrorPolicy.Retry retry) {
                    if (attempts < retry.maxAttempts()) {
                        RETRIED.setRelease(this, retried + 1);
                        if (!backoff(retry, attempts)) {
                            stage.returnTaken(item);
                            return false;
                        }
                        continue;
                    }
                    p = retry.whenExhausted();
                }
                if (p instanceof ErrorPolicy.DeadLetters dl) {
                    StageFailureEvent.emit(engine.name, stage.name, error, attempts, "dead-lettered");
                    deadLetter(dl, item, error, attempts);
                } else {
                    FAILED.setRelease(this, failed + 1);
                    StageFailureEvent.emit(engine.name, stage.name, error, attempts, "failed-pipeline");
                    engine.fail(stage.name, error);
                }
                return false;
            }
        }
    }

    /** Returns the result of the last successful {@link #apply(Object)} and forgets it. */
    Object takeResult() {
        Object r = result;
        result = null;
        return r;
    }

    /** Runs the operator; timed as a JFR event only when a recording enabled it. */
    private Object invoke(Object item, int attempt) throws Exception {
        StageItemEvent event = new StageItemEvent();
        if (!event.isEnabled()) {
            return operator.apply(item);
        }
        event.begin();
        boolean succeeded = false;
        try {
            Object r = operator.apply(item);
            succeeded = true;
            return r;
        } finally {
            event.end();
            if (event.shouldCommit()) {
                event.pipeline = stage.engine.name;
                event.stage = stage.name;
                event.attempt = attempt;
                event.succeeded = succeeded;
                event.commit();
            }
        }
    }

    private void deadLetter(ErrorPolicy.DeadLetters dl, Object item, Throwable error, int attempts) {
        try {
            dl.sink().accept(new DeadLetter(stage.name, dl.sinkName(), item, error, attempts));
            DEAD_LETTERED.setRelease(this, deadLettered + 1);
        } catch (VirtualMachineError fatal) {
            FAILED.setRelease(this, failed + 1);
            stage.engine.fail(stage.name, fatal);
            throw fatal;
        } catch (Throwable sinkError) {
            // A sink that cannot take the item must not lose it silently: fail fast with both errors.
            sinkError.addSuppressed(error);
            FAILED.setRelease(this, failed + 1);
            stage.engine.fail(stage.name, sinkError);
        }
    }

    /** Waits before a retry; false if interrupted because the engine is stopping. */
    private boolean backoff(ErrorPolicy.Retry retry, int attempt) {
        try {
            retry.sleeper().sleepNanos(retry.backoffNanos(attempt));
            return true;
        } catch (InterruptedException e) {
            return !stage.engine.stopping();
        }
    }

    long retried() {
        return (long) RETRIED.getAcquire(this);
    }

    long failed() {
        return (long) FAILED.getAcquire(this);
    }

    long deadLettered() {
        return (long) DEAD_LETTERED.getAcquire(this);
    }
}
