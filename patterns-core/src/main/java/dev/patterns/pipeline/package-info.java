/**
 * Pipelines and worker pools: {@code source → stage → stage → consumer}, each stage a pool of
 * stateless workers (virtual threads for I/O, platform threads for CPU work) joined by bounded
 * {@link dev.patterns.channel.Channel}s, with error policies (fail fast, retry, dead letters),
 * optional input-order delivery, poison-pill shutdown and exact accounting of every item.
 *
 * <p>Entry points: {@link dev.patterns.pipeline.Pipeline#fromSink(String, int)} and its siblings,
 * and {@link dev.patterns.pipeline.WorkerPool#builder(String, dev.patterns.pipeline.ThrowingFunction)}.
 */
package dev.patterns.pipeline;
