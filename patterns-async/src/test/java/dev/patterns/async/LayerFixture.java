package dev.patterns.async;

import java.util.concurrent.CountDownLatch;

/** Test fixture: keeps a layer's one worker busy until released, so the next tasks queue or are refused. */
public final class LayerFixture {

    private LayerFixture() {
    }

    /**
     * Runs a task on {@code layer} that holds its thread until {@code release} opens, and returns
     * once it runs.
     */
    public static void occupy(ExecutionLayer layer, CountDownLatch release) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        layer.execute(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        running.await();
    }
}
