package dev.patterns.examples.resilience;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.patterns.resilience.Bulkhead;
import dev.patterns.resilience.CallRejectedException;

/**
 * Four workers serve requests; a slow dependency hangs. Without a bulkhead, four requests to it
 * hold all four workers and nothing else is served. With a bulkhead of two, two workers wait on
 * the dependency, the other requests to it get a fallback at once, and the remaining workers keep
 * serving everything else.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=dev.patterns.examples.resilience.BulkheadDemo}
 */
public final class BulkheadDemo {

    /**
     * What happened while the dependency hung.
     *
     * @param otherServedWhileHung other requests (of 10) served while the dependency hung
     * @param fallbacks requests to the dependency answered with a fallback by the bulkhead
     */
    public record Result(int otherServedWhileHung, int fallbacks) {
    }

    private static final int WORKERS = 4;
    private static final int OTHER_REQUESTS = 10;

    private BulkheadDemo() {
    }

    /**
     * Sends four requests to the hung dependency, then ten other requests.
     *
     * @param useBulkhead whether calls to the dependency go through a bulkhead of two
     * @return what was served while the dependency hung
     * @throws InterruptedException if interrupted while waiting
     */
    public static Result run(boolean useBulkhead) throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        Bulkhead bulkhead = Bulkhead.of("slow-dependency", 2, Duration.ZERO);
        CountDownLatch hung = new CountDownLatch(1); // the dependency answers when this opens
        CountDownLatch settled = new CountDownLatch(WORKERS); // each slow request is inside or rejected
        AtomicInteger fallbacks = new AtomicInteger();
        CountDownLatch otherDone = new CountDownLatch(OTHER_REQUESTS);
        try {
            for (int i = 0; i < WORKERS; i++) {
                workers.execute(() -> {
                    try {
                        if (useBulkhead) {
                            bulkhead.call(() -> slowDependency(settled, hung));
                        } else {
                            slowDependency(settled, hung);
                        }
                    } catch (CallRejectedException full) {
                        fallbacks.incrementAndGet();
                        settled.countDown();
                    } catch (Exception e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            settled.await();
            for (int i = 0; i < OTHER_REQUESTS; i++) {
                workers.execute(otherDone::countDown);
            }
            if (useBulkhead) {
                otherDone.await(); // two workers are free: everything else is served
            }
            // Without the bulkhead every worker is inside the hung call, so none of these ran.
            int served = (int) (OTHER_REQUESTS - otherDone.getCount());
            return new Result(served, fallbacks.get());
        } finally {
            hung.countDown();
            workers.shutdown();
            if (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("workers did not finish");
            }
        }
    }

    private static String slowDependency(CountDownLatch settled, CountDownLatch hung) throws InterruptedException {
        settled.countDown();
        hung.await();
        return "finally";
    }

    /**
     * Runs the demo both ways.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("4 workers; 4 requests hang a slow dependency, then 10 other requests arrive");
        Result without = run(false);
        Result with = run(true);
        System.out.printf("without a bulkhead: %d of 10 other requests served while it hung%n",
                without.otherServedWhileHung());
        System.out.printf("with a bulkhead of 2: %d of 10 served; %d dependency calls refused at once (fallback)%n",
                with.otherServedWhileHung(), with.fallbacks());
        System.out.println("Shown: the bulkhead kept two workers free of the hung dependency.");
    }
}
