package dev.patterns.examples.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.patterns.resilience.TokenBucket;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;

/**
 * A client allowed 100 requests per second in bursts of up to 20: it sends 60 requests as fast as
 * the bucket lets it. The first 20 go at once (the burst), then one every 10 ms.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=dev.patterns.examples.resilience.RateLimitedClientDemo}
 */
public final class RateLimitedClientDemo {

    /**
     * What happened.
     *
     * @param sendTimesMillis when each request went out, in milliseconds from the start
     * @param mostInAnySecond the most requests sent in any one-second span (at most 20 + 100)
     */
    public record Result(List<Long> sendTimesMillis, int mostInAnySecond) {
    }

    private RateLimitedClientDemo() {
    }

    /**
     * Sends {@code requests} requests through a 100/s bucket with a burst of 20.
     *
     * @param requests how many requests
     * @param ticker the clock
     * @param sleeper how to wait for tokens (a {@code FakeTicker} in tests)
     * @return the send times
     * @throws InterruptedException if interrupted while waiting
     */
    public static Result run(int requests, Ticker ticker, Sleeper sleeper) throws InterruptedException {
        TokenBucket limiter = TokenBucket.builder().capacity(20).refill(100, Duration.ofSeconds(1))
                .ticker(ticker).sleeper(sleeper).build();
        long start = ticker.read();
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            limiter.acquire(1);
            sent.add((ticker.read() - start) / 1_000_000);
        }
        int most = 0;
        for (int i = 0; i < sent.size(); i++) {
            int j = i;
            while (j < sent.size() && sent.get(j) - sent.get(i) < 1000) {
                j++;
            }
            most = Math.max(most, j - i);
        }
        return new Result(List.copyOf(sent), most);
    }

    /**
     * Runs the demo in real time (about 1.5 s for 170 requests).
     *
     * @param args ignored
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("170 requests as fast as possible through a token bucket: 100 requests/s, bursts of 20");
        Result result = run(170, Ticker.system(), Sleeper.system());
        System.out.println("first 25 send times (ms): " + result.sendTimesMillis().subList(0, 25));
        System.out.printf("most requests in any one second: %d (allowed: burst 20 + 100 refilled)%n",
                result.mostInAnySecond());
        System.out.println("Shown: a burst of 20 went at once, then one request every 10 ms.");
    }
}
