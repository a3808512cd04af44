package dev.patterns.bench.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The textbook design: {@link ArrayBlockingQueue}s between fixed {@link ExecutorService} pools
 * whose workers loop on {@code take}/{@code put}, shut down by sentinels (poison pills): one per
 * worker, passed on by the last worker of each stage.
 */
final class HandWrittenStages implements ThreeStages {

    private static final Box POISON = new Box();

    private final Completion completion = new Completion();
    private final int parallelism;
    private final BlockingQueue<Box> source;
    private final ExecutorService[] pools = new ExecutorService[4];

    HandWrittenStages(int parallelism, int buffer) {
        this.parallelism = parallelism;
        source = new ArrayBlockingQueue<>(buffer);
        BlockingQueue<Box> q2 = new ArrayBlockingQueue<>(buffer);
        BlockingQueue<Box> q3 = new ArrayBlockingQueue<>(buffer);
        BlockingQueue<Box> q4 = new ArrayBlockingQueue<>(buffer);
        pools[0] = stage(source, q2, ThreeStages::stage1, parallelism, parallelism);
        pools[1] = stage(q2, q3, ThreeStages::stage2, parallelism, parallelism);
        pools[2] = stage(q3, q4, ThreeStages::stage3, parallelism, 1);
        pools[3] = Executors.newFixedThreadPool(1);
        pools[3].execute(() -> {
            try {
                for (Box b; (b = q4.take()) != POISON; ) {
                    completion.deliver(b);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static ExecutorService stage(BlockingQueue<Box> in, BlockingQueue<Box> out, UnaryOperator<Box> f,
                                         int workers, int downstreamWorkers) {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicInteger poisoned = new AtomicInteger();
        for (int i = 0; i < workers; i++) {
            pool.execute(() -> {
                try {
                    while (true) {
                        Box b = in.take();
                        if (b == POISON) {
                            if (poisoned.incrementAndGet() == workers) {
                                for (int k = 0; k < downstreamWorkers; k++) {
                                    out.put(POISON);
                                }
                            }
                            return;
                        }
                        out.put(f.apply(b));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        return pool;
    }

    @Override
    public long push(Box[] items) throws InterruptedException {
        completion.begin(items.length);
        for (Box b : items) {
            source.put(b);
        }
        return completion.await();
    }

    @Override
    public void close() throws InterruptedException {
        for (int k = 0; k < parallelism; k++) {
            source.put(POISON);
        }
        for (ExecutorService pool : pools) {
            pool.shutdown();
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
    }
}
