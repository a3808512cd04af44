package dev.patterns.examples.quickstart;

import dev.patterns.channel.Channel;
import dev.patterns.resilience.CallRejectedException;
import dev.patterns.resilience.CircuitBreaker;
import dev.patterns.time.Ticker;

import java.util.concurrent.atomic.LongAdder;

/** Orders through a bounded channel to a consumer that calls billing through a circuit breaker. */
public final class QuickStart {

    /** What the run counted: orders billed, and orders the open breaker refused without calling billing. */
    public record Result(long billed, long refused) {
    }

    /** Billing fails from order 50 on; after five failures in a row the breaker refuses the rest. */
    public static Result run(int orders, Ticker ticker) throws InterruptedException {
        LongAdder billed = new LongAdder();
        LongAdder refused = new LongAdder();
        Channel<Integer> queue = Channel.bounded(100);                            // backpressure at 100
        CircuitBreaker breaker = CircuitBreaker.builder().name("billing")
                .consecutiveFailures(5).ticker(ticker).build();
        Thread consumer = Thread.ofVirtual().start(() -> {
            try {
                queue.consume(order -> {                                          // every order, then returns
                    try {
                        breaker.run(() -> bill(order));
                        billed.increment();
                    } catch (CallRejectedException open) {
                        refused.increment();                                      // billing was not called
                    } catch (IllegalStateException billingFailed) {
                        // the breaker counted it
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int order = 0; order < orders; order++) {
            queue.send(order);                                                    // waits while 100 are queued
        }
        queue.close();                                                            // the poison pill
        consumer.join();
        return new Result(billed.sum(), refused.sum());
    }

    static void bill(int order) {
        if (order >= 50) {
            throw new IllegalStateException("billing is down (order " + order + ")");
        }
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("1,000 orders; billing fails from order 50 on; the breaker opens after 5 failures in a row");
        Result r = run(1_000, Ticker.system());
        System.out.printf("billed %,d + failed %,d + refused by the open breaker %,d = %,d orders%n",
                r.billed(), 1_000 - r.billed() - r.refused(), r.refused(), 1_000);
        System.out.println("Shown: after five failures billing was no longer called.");
    }
}
