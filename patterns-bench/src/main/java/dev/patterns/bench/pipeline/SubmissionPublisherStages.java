package dev.patterns.bench.pipeline;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The JDK's {@link SubmissionPublisher} chain: each stage a processor that subscribes to the
 * previous publisher and submits its result to its own. A publisher calls each subscriber
 * serially, so a stage runs one item at a time whatever its executor; {@code parallelism} sizes
 * each stage's executor only.
 */
final class SubmissionPublisherStages implements ThreeStages {

    private final Completion completion = new Completion();
    private final ExecutorService[] pools = new ExecutorService[4];
    private final SubmissionPublisher<Box> source;
    private final SubmissionPublisher<?>[] publishers = new SubmissionPublisher<?>[3];

    SubmissionPublisherStages(int parallelism, int buffer) {
        for (int i = 0; i < pools.length; i++) {
            pools[i] = Executors.newFixedThreadPool(parallelism);
        }
        source = new SubmissionPublisher<>(pools[0], buffer);
        Stage s1 = new Stage(ThreeStages::stage1, pools[1], buffer);
        Stage s2 = new Stage(ThreeStages::stage2, pools[2], buffer);
        Stage s3 = new Stage(ThreeStages::stage3, pools[3], buffer);
        publishers[0] = s1;
        publishers[1] = s2;
        publishers[2] = s3;
        source.subscribe(s1);
        s1.subscribe(s2);
        s2.subscribe(s3);
        s3.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Box item) {
                completion.deliver(item);
            }

            @Override
            public void onError(Throwable t) {
                subscription.cancel();
            }

            @Override
            public void onComplete() {
            }
        });
    }

    /** A map stage: subscriber of the previous publisher, publisher of its results. */
    private static final class Stage extends SubmissionPublisher<Box> implements Flow.Processor<Box, Box> {
        private final UnaryOperator<Box> f;
        private Flow.Subscription subscription;

        Stage(UnaryOperator<Box> f, ExecutorService executor, int buffer) {
            super(executor, buffer);
            this.f = f;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Box item) {
            submit(f.apply(item));
        }

        @Override
        public void onError(Throwable t) {
            closeExceptionally(t);
        }

        @Override
        public void onComplete() {
            close();
        }
    }

    @Override
    public long push(Box[] items) {
        completion.begin(items.length);
        for (Box b : items) {
            source.submit(b);
        }
        return completion.await();
    }

    @Override
    public void close() throws InterruptedException {
        source.close();
        for (ExecutorService pool : pools) {
            pool.shutdown();
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
    }
}
