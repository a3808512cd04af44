package dev.patterns.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One JMH metric of one benchmark row: the score (a mean over every measured iteration of every
 * fork), the half-width of JMH's 99.9% confidence interval around it ({@code NaN} when JMH could not
 * compute one, as with a single iteration), its unit, and for SampleTime the percentiles keyed as
 * JMH writes them ({@code "50.0"}, {@code "99.0"}, {@code "99.9"}).
 */
record Metric(double score, double error, String unit, Map<String, Double> percentiles) {

    Metric {
        requireNonNull(unit, "unit");
        percentiles = Map.copyOf(requireNonNull(percentiles, "percentiles"));
    }

    /** Reads a {@code primaryMetric} or one entry of {@code secondaryMetrics}. */
    static Metric from(Map<String, Object> json) {
        requireNonNull(json, "json");
        Map<String, Double> percentiles = new LinkedHashMap<>();
        if (json.get("scorePercentiles") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> percentiles.put((String) k, Json.number(v)));
        }
        Object unit = json.get("scoreUnit");
        return new Metric(Json.number(json.get("score")), Json.number(json.get("scoreError")),
                unit == null ? "" : unit.toString(), percentiles);
    }

    /** The lower end of the interval. */
    double low() {
        return score - error;
    }

    /** The upper end of the interval. */
    double high() {
        return score + error;
    }

    /** A percentile such as {@code 99.0}, or {@code NaN} when JMH did not write it. */
    double percentile(double p) {
        Double v = percentiles.get(Double.toString(p));
        return v == null ? Double.NaN : v;
    }
}
