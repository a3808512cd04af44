package dev.patterns.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers, ratios and units as the report prints them. */
final class Format {

    private Format() {
    }

    /** Three or four significant digits, thousands grouped; "—" for a number JMH could not give. */
    static String num(double x) {
        if (Double.isNaN(x)) {
            return "—";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "∞" : "-∞";
        }
        double a = Math.abs(x);
        if (a == 0) {
            return "0";
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", x);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", x);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", x);
        }
        if (a >= 0.01) {
            return String.format(Locale.ROOT, "%.3f", x);
        }
        return new BigDecimal(x).round(new MathContext(2)).toPlainString();
    }

    /** {@code 2.50×}; two significant digits below 0.1 ({@code 0.027×}). */
    static String times(double ratio) {
        return Double.isNaN(ratio) ? "—" : ratio(ratio) + "×";
    }

    /** {@code 1.60–4.00}, {@code 0.12–∞}, or "—" when unknown. */
    static String range(Ratio r) {
        if (r == null || !r.hasRange()) {
            return "—";
        }
        return ratio(r.low()) + "–" + (Double.isInfinite(r.high()) ? "∞" : ratio(r.high()));
    }

    private static String ratio(double x) {
        if (x == 0 || Math.abs(x) >= 0.1) {
            return String.format(Locale.ROOT, "%.2f", x);
        }
        return new BigDecimal(x).round(new MathContext(2)).toPlainString();
    }

    /** What a JMH mode measures: {@code thrpt} is "throughput". */
    static String mode(String jmhMode) {
        return switch (jmhMode) {
            case "thrpt" -> "throughput";
            case "avgt" -> "average time per operation";
            case "sample" -> "sampled time per call";
            case "ss" -> "single-shot time";
            default -> jmhMode;
        };
    }

    /** JMH's unit with µ for "us": {@code ops/µs}. */
    static String unit(String jmhUnit) {
        return jmhUnit.replace("us/", "µs/").replace("/us", "/µs");
    }
}
