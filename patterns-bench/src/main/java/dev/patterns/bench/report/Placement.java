package dev.patterns.bench.report;

import static java.util.Objects.requireNonNull;

/**
 * Where one JMH row goes in the report: the comparison it belongs to (its case), the
 * implementation it measures, whether that is ours, and which metric is its score.
 *
 * @param caseLabel the rows compared with each other share it; the report adds the thread count
 *        when one case was run at several
 * @param impl a readable name of the implementation ({@code ArrayBlockingQueue})
 * @param role ours, a peer, or a reference such as the cost of {@code System.nanoTime()}
 * @param scoreMetric the secondary metric that is the score (a group's consumer method, an
 *        {@code @AuxCounters} field), or null for JMH's primary metric
 */
record Placement(String caseLabel, String impl, Role role, String scoreMetric) {

    /** Whose code a row measures. */
    enum Role {
        /** This project's implementation: the case's baseline for ratios. */
        OURS,
        /** A library or idiom a user would otherwise pick. */
        PEER,
        /** A floor or a yardstick (a bare clock read): given a ratio, never the "best peer". */
        REFERENCE
    }

    Placement {
        requireNonNull(caseLabel, "caseLabel");
        requireNonNull(impl, "impl");
        requireNonNull(role, "role");
    }

    /** The score this placement names, from the row. */
    Metric score(JmhResult row) {
        if (scoreMetric == null) {
            return row.primary();
        }
        Metric m = row.secondary().get(scoreMetric);
        if (m == null) {
            throw new IllegalArgumentException("scoreMetric: " + scoreMetric + " (expected: a secondary metric of "
                    + row.benchmark() + ", one of " + row.secondary().keySet() + ")");
        }
        return m;
    }
}
