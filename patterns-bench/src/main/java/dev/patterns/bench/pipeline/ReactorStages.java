package dev.patterns.bench.pipeline;

import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Project Reactor: {@code publishOn} a scheduler per stage (parallelism 1), or for parallelism
 * p, {@code parallel(p).runOn(scheduler)} per stage joined by {@code sequential()}. Queues of
 * the same size as the other peers' buffers. A new flux per batch, subscribed with
 * {@code blockLast()}.
 */
final class ReactorStages implements ThreeStages {

    private final Completion completion = new Completion();
    private final int parallelism;
    private final int buffer;
    private final Scheduler[] schedulers = new Scheduler[3];

    ReactorStages(int parallelism, int buffer) {
        this.parallelism = parallelism;
        this.buffer = buffer;
        for (int i = 0; i < schedulers.length; i++) {
            schedulers[i] = parallelism == 1
                    ? Schedulers.newSingle("reactor-s" + i)
                    : Schedulers.newParallel("reactor-s" + i, parallelism);
        }
    }

    private Flux<Box> stage(Flux<Box> upstream, int i, Function<Box, Box> f) {
        if (parallelism == 1) {
            return upstream.publishOn(schedulers[i], buffer).map(f);
        }
        return upstream.parallel(parallelism).runOn(schedulers[i], buffer / parallelism).map(f).sequential(buffer);
    }

    @Override
    public long push(Box[] items) {
        completion.begin(items.length);
        Flux<Box> flux = Flux.fromArray(items);
        flux = stage(flux, 0, ThreeStages::stage1);
        flux = stage(flux, 1, ThreeStages::stage2);
        flux = stage(flux, 2, ThreeStages::stage3);
        flux.doOnNext(completion::deliver).blockLast();
        return completion.await();
    }

    @Override
    public void close() {
        for (Scheduler s : schedulers) {
            s.dispose();
        }
    }
}
