package dev.patterns.pipeline;

/**
 * What kind of work a stage or pool does, which decides the threads that run it.
 */
public enum WorkKind {
    /**
     * Work that mostly waits (network, disk, timed parks): one virtual thread per worker, so a
     * large concurrency limit costs no platform thread. Default worker count:
     * {@link PoolSizing#forBlocking(double, double) cores × 2}.
     */
    IO,
    /**
     * Work that keeps a core busy: one platform (daemon) thread per worker. Default worker count:
     * {@link PoolSizing#forCpu() the number of cores}.
     */
    CPU
}
