package dev.patterns.actor;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The one-shot reply address of an ask: the first message completes the future. */
final class ReplyRef<R> implements ActorRef<R> {

    private final ActorSystemImpl system;
    private final ActorCell<?> target;
    private final CompletableFuture<R> future = new CompletableFuture<>();
    private Class<?> requestType;
    private Duration timeout;
    /** Ticker reading at which the ask times out; written before the ask is published to the timer. */
    long deadline;
    /** Link in the timer's stack of new asks; see AskTimer. */
    ReplyRef<?> nextAsk;

    ReplyRef(ActorSystemImpl system, ActorCell<?> target) {
        this.system = system;
        this.target = target;
    }

    static void checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
    }

    CompletableFuture<R> future() {
        return future;
    }

    void startTimer(Class<?> requestType, Duration timeout) {
        this.requestType = requestType;
        this.timeout = timeout;
        system.askTimer.add(this, dev.patterns.time.Deadline.saturatedNanos(timeout));
    }

    /** The deadline passed with no reply. */
    void timedOut() {
        future.completeExceptionally(new AskTimeoutException("actor '" + target.name() + "' did not answer "
                + requestType.getSimpleName() + " within " + format(timeout)));
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms > 0 && d.equals(Duration.ofMillis(ms))) {
            return ms + " ms";
        }
        return d.toString();
    }

    void fail(Throwable failure) {
        future.completeExceptionally(failure); // the timer drops an answered ask when it next looks
    }

    /** The system terminated while this ask waited. */
    void systemTerminated() {
        fail(new IllegalStateException("actor system '" + system.name() + "' terminated before actor '"
                + target.name() + "' answered " + requestType.getSimpleName()));
    }

    private void complete(R reply) {
        Objects.requireNonNull(reply, "message");
        if (!future.complete(reply)) {
            system.deadLetter(this, reply);
        }
    }

    @Override
    public String name() {
        return "reply-to-" + target.name();
    }

    @Override
    public void tell(R message) {
        complete(message);
    }

    @Override
    public boolean tryTell(R message) {
        complete(message);
        return true;
    }

    @Override
    public boolean tell(R message, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        complete(message);
        return true;
    }

    @Override
    public <T> CompletableFuture<T> ask(Function<? super ActorRef<T>, ? extends R> request, Duration timeout) {
        throw new UnsupportedOperationException("reply address '" + name() + "' cannot be asked");
    }

    /** A reply address has nothing to stop: it only ever takes one message. */
    @Override
    public void stop() {
    }

    @Override
    public List<R> stopNow() {
        return List.of();
    }

    @Override
    public ActorStats stats() {
        long done = future.isDone() && !future.isCompletedExceptionally() ? 1 : 0;
        return new ActorStats(name(), 0, 1, done, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public String toString() {
        return "ActorRef[" + name() + "]";
    }
}
