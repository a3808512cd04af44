package dev.patterns.examples.resilience;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.patterns.resilience.CallRejectedException;
import dev.patterns.resilience.CircuitBreaker;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;

/**
 * A service whose inventory dependency goes down from 1 s to 3 s: the breaker opens after three
 * failures, later calls fail fast, a half-open probe goes out after each open second, and the
 * breaker closes once the dependency answers again. The service's other requests (a health page
 * that needs no dependency) are served throughout.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=dev.patterns.examples.resilience.DegradingDownstreamDemo}
 */
public final class DegradingDownstreamDemo {

    /**
     * What happened.
     *
     * @param transitions the breaker's transitions, {@code "<ms> ms FROM -> TO (reason)"}
     * @param served inventory requests answered by the dependency
     * @param failed inventory requests that reached the dependency and failed
     * @param failedFast inventory requests the open breaker answered at once
     * @param otherServed other requests served
     */
    public record Result(List<String> transitions, int served, int failed, int failedFast, int otherServed) {
    }

    private DegradingDownstreamDemo() {
    }

    /**
     * Serves one inventory request and one other request every 100 ms for 6 s.
     *
     * @param ticker the clock
     * @param sleeper how to wait between requests (a {@code FakeTicker} in tests)
     * @return what happened
     * @throws InterruptedException if interrupted while waiting
     */
    public static Result run(Ticker ticker, Sleeper sleeper) throws InterruptedException {
        long start = ticker.read();
        List<String> transitions = new CopyOnWriteArrayList<>();
        CircuitBreaker breaker = CircuitBreaker.builder().name("inventory").ticker(ticker)
                .consecutiveFailures(3)
                .openDuration(Duration.ofSeconds(1))
                .halfOpenProbes(1)
                .listener(t -> {
                    String line = String.format("%5d ms %s -> %s (%s)", (t.atNanos() - start) / 1_000_000,
                            t.from(), t.to(), t.reason());
                    transitions.add(line);
                    System.out.println(line);
                })
                .build();
        int served = 0;
        int failed = 0;
        int failedFast = 0;
        int otherServed = 0;
        for (int step = 0; step < 60; step++) {
            long elapsedMs = (ticker.read() - start) / 1_000_000;
            boolean down = elapsedMs >= 1000 && elapsedMs < 3000;
            try {
                breaker.call(() -> inventory(down));
                served++;
            } catch (CallRejectedException open) {
                failedFast++;
            } catch (IOException dependencyDown) {
                failed++;
            } catch (Exception unexpected) {
                throw new IllegalStateException(unexpected);
            }
            otherServed += health();
            sleeper.sleep(Duration.ofMillis(100));
        }
        return new Result(List.copyOf(transitions), served, failed, failedFast, otherServed);
    }

    private static String inventory(boolean down) throws IOException {
        if (down) {
            throw new IOException("inventory unavailable");
        }
        return "42 in stock";
    }

    private static int health() {
        return 1;
    }

    /**
     * Runs the demo in real time (about six seconds).
     *
     * @param args ignored
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("an inventory service goes down for a while and comes back; breaker: open after 3 "
                + "failures in a row, 1 s open, 1 probe");
        Result result = run(Ticker.system(), Sleeper.system());
        System.out.printf("inventory calls: %d served + %d failed + %d failed fast (breaker open) = %d; "
                + "other requests served: %d%n", result.served(), result.failed(), result.failedFast(),
                result.served() + result.failed() + result.failedFast(), result.otherServed());
        System.out.println("Shown: while inventory was down the breaker failed calls fast, probed, and closed again.");
    }
}
