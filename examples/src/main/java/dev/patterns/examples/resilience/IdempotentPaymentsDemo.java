package dev.patterns.examples.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.patterns.resilience.IdempotencyGuard;

/**
 * Payments that a client retries: every payment is sent by several concurrent duplicates and then
 * retried twice more, yet each card is charged exactly once and every duplicate gets the same
 * receipt.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=IdempotentPaymentsDemo}
 */
public final class IdempotentPaymentsDemo {

    private IdempotentPaymentsDemo() {
    }

    /**
     * What happened.
     *
     * @param requests payment requests made, duplicates included
     * @param charges charges that reached the card processor
     * @param distinctReceipts distinct receipts handed out
     */
    public record Result(int requests, int charges, int distinctReceipts) {
    }

    /**
     * Sends {@code payments} payments, each by {@code duplicates} concurrent requests, then retries
     * each twice.
     *
     * @param payments distinct payments
     * @param duplicates concurrent requests per payment
     * @return the counts
     * @throws Exception if a request failed
     */
    public static Result run(int payments, int duplicates) throws Exception {
        AtomicInteger charges = new AtomicInteger();
        IdempotencyGuard<String, String> guard = IdempotencyGuard.inMemory(10_000, Duration.ofHours(1));
        Set<String> receipts = ConcurrentHashMap.newKeySet();
        List<Thread> clients = new ArrayList<>();
        Queue<Exception> failures = new ConcurrentLinkedQueue<>();
        for (int p = 0; p < payments; p++) {
            String paymentId = "payment-" + p;
            for (int d = 0; d < duplicates; d++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    try {
                        receipts.add(guard.execute(paymentId, () -> charge(paymentId, charges)));
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }));
            }
        }
        for (Thread client : clients) {
            client.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("requests failed: " + failures);
        }
        for (int retry = 0; retry < 2; retry++) {                       // later retries replay the receipt
            for (int p = 0; p < payments; p++) {
                String paymentId = "payment-" + p;
                receipts.add(guard.execute(paymentId, () -> charge(paymentId, charges)));
            }
        }
        return new Result(payments * (duplicates + 2), charges.get(), receipts.size());
    }

    private static String charge(String paymentId, AtomicInteger charges) {
        return "receipt-" + paymentId + "-" + charges.incrementAndGet();
    }

    /**
     * Runs 1,000 payments, each sent 4 times at once and retried twice.
     *
     * @param args ignored
     * @throws Exception if a request failed
     */
    public static void main(String[] args) throws Exception {
        System.out.println("1,000 payments, each sent by 4 concurrent duplicates and then retried twice");
        Result r = run(1_000, 4);
        System.out.printf("requests %,d; charges %,d; distinct receipts %,d%n", r.requests(), r.charges(),
                r.distinctReceipts());
        System.out.println("Shown: every payment was charged once; duplicates and retries got its receipt.");
    }
}
