package dev.patterns.pipeline;

/**
 * The life cycle of a {@link WorkerPool} or {@link Pipeline}.
 *
 * <pre>
 * RUNNING ──shutdown()──▶ DRAINING ──last worker out──▶ COMPLETED
 *    │                        │
 *    ├──shutdownNow()─────────┴──▶ STOPPING ──threads gone──▶ STOPPED
 *    └──fail-fast error (any state before STOPPING)──▶ FAILED
 * </pre>
 */
public enum RunState {
    /** Accepting and processing items. */
    RUNNING,
    /** The input is closed; workers are finishing what was accepted. */
    DRAINING,
    /** {@code shutdownNow} was called; workers were interrupted and are leaving. */
    STOPPING,
    /** Every accepted item was processed and every thread has ended. */
    COMPLETED,
    /** Stopped by {@code shutdownNow}, and every thread has ended. */
    STOPPED,
    /** A fail-fast error stopped the work; threads may still be leaving. */
    FAILED
}
