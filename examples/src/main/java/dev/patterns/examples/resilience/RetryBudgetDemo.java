package dev.patterns.examples.resilience;

import java.io.IOException;
import java.time.Duration;
import java.util.Random;

import dev.patterns.resilience.Retry;
import dev.patterns.resilience.RetryBudget;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;

/**
 * Retry with jitter against a service that is first flaky (5% of calls fail) and then down. While
 * it is flaky, retries turn most failures into successes; while it is down, retries without a
 * budget multiply the load on it by the number of attempts (a retry storm), and a budget of 10%
 * of calls plus 5 keeps the extra load small.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=dev.patterns.examples.resilience.RetryBudgetDemo}
 */
public final class RetryBudgetDemo {

    /**
     * One phase with one strategy.
     *
     * @param calls calls the clients made
     * @param succeeded calls that succeeded in the end
     * @param attempts requests that reached the service (its load)
     */
    public record Phase(int calls, int succeeded, int attempts) {
    }

    /**
     * The four runs.
     *
     * @param flakyNoBudget flaky service, retry without budget
     * @param flakyBudget flaky service, retry with budget
     * @param downNoBudget service down, retry without budget
     * @param downBudget service down, retry with budget
     */
    public record Result(Phase flakyNoBudget, Phase flakyBudget, Phase downNoBudget, Phase downBudget) {
    }

    private RetryBudgetDemo() {
    }

    /**
     * Makes {@code calls} calls per run, each with up to 4 attempts, backoff 1–8 ms with full jitter.
     *
     * @param calls calls per run
     * @param ticker the clock
     * @param sleeper how backoff waits (a {@code FakeTicker} in tests)
     * @return the four runs
     * @throws InterruptedException if interrupted while waiting
     */
    public static Result run(int calls, Ticker ticker, Sleeper sleeper) throws InterruptedException {
        return new Result(
                phase(calls, 0.05, false, ticker, sleeper),
                phase(calls, 0.05, true, ticker, sleeper),
                phase(calls, 1.0, false, ticker, sleeper),
                phase(calls, 1.0, true, ticker, sleeper));
    }

    private static Phase phase(int calls, double failureRate, boolean withBudget, Ticker ticker, Sleeper sleeper)
            throws InterruptedException {
        Random service = new Random(7);
        var builder = Retry.builder().maxAttempts(4).backoff(Duration.ofMillis(1), Duration.ofMillis(8))
                .random(new Random(11)).ticker(ticker).sleeper(sleeper);
        if (withBudget) {
            builder.budget(RetryBudget.of(0.1, 5, Duration.ofSeconds(10), ticker));
        }
        Retry retry = builder.build();
        int[] attempts = {0};
        int succeeded = 0;
        for (int i = 0; i < calls; i++) {
            try {
                retry.call(() -> {
                    attempts[0]++;
                    if (service.nextDouble() < failureRate) {
                        throw new IOException("service failed");
                    }
                    return "ok";
                });
                succeeded++;
            } catch (IOException failedForGood) {
                // counted as not succeeded
            } catch (InterruptedException interrupted) {
                throw interrupted;
            } catch (Exception unexpected) {
                throw new IllegalStateException(unexpected);
            }
        }
        return new Phase(calls, succeeded, attempts[0]);
    }

    /**
     * Runs the demo in real time (under a second).
     *
     * @param args ignored
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("200 calls, up to 4 attempts each, to a service that is first flaky (5% fail), then down;");
        System.out.println("the budget allows retries up to 10% of recent calls + 5");
        Result r = run(200, Ticker.system(), Sleeper.system());
        print("flaky, no budget", r.flakyNoBudget());
        print("flaky, budget   ", r.flakyBudget());
        print("down,  no budget", r.downNoBudget());
        print("down,  budget   ", r.downBudget());
        System.out.println("Shown: retries hide a flaky service; against a dead one the budget stops a retry storm "
                + "(800 requests for 200 calls).");
    }

    private static void print(String label, Phase p) {
        System.out.printf("%s: %,d calls, %,d succeeded, %,d requests reached the service%n",
                label, p.calls(), p.succeeded(), p.attempts());
    }
}
