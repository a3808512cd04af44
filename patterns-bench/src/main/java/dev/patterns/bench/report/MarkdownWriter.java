package dev.patterns.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.patterns.bench.report.FamilyReport.Case;
import dev.patterns.bench.report.FamilyReport.Row;
import dev.patterns.bench.report.Placement.Role;

import static dev.patterns.bench.report.Format.num;
import static dev.patterns.bench.report.Format.range;
import static dev.patterns.bench.report.Format.times;
import static dev.patterns.bench.report.Format.unit;
import static java.util.Objects.requireNonNull;

/** Writes REPORT.md: the run's metadata, how to read it, a summary, then one section per family. */
final class MarkdownWriter {

    private final StringBuilder out = new StringBuilder();

    private MarkdownWriter() {
    }

    /**
     * The report's text.
     *
     * @param families the families, in report order
     * @param meta what the run script recorded: {@code mode}, {@code note}, {@code date},
     *        {@code commit}, {@code command}, {@code machine}, {@code run.1}, {@code run.2}, ...
     * @param charts the chart file (relative to the report) of each family by slug; a family
     *        missing from it had no chart drawn, and {@code chartErrors} says why
     * @param chartErrors why a chart could not be drawn, by slug
     */
    static String write(List<FamilyReport> families, Map<String, String> meta, Map<String, String> charts,
                        Map<String, String> chartErrors) {
        requireNonNull(families, "families");
        requireNonNull(meta, "meta");
        requireNonNull(charts, "charts");
        requireNonNull(chartErrors, "chartErrors");
        MarkdownWriter w = new MarkdownWriter();
        w.header(families, meta);
        w.howToRead();
        w.summary(families);
        String area = null;
        for (FamilyReport f : families) {
            if (!f.area().equals(area)) {
                area = f.area();
                w.line("## " + area).line();
            }
            w.family(f, charts.get(f.slug()), chartErrors.get(f.slug()));
        }
        return w.out.toString();
    }

    private void header(List<FamilyReport> families, Map<String, String> meta) {
        line("# patterns-bench report").line();
        String mode = meta.getOrDefault("mode", "unknown");
        if (mode.equals("short")) {
            line("**Short mode: one fork and short iterations, a quick look. These are not the figures to "
                    + "publish; run `patterns-bench/report.sh full` for those.**").line();
        }
        if (meta.containsKey("note")) {
            line(meta.get("note")).line();
        }
        Set<String> jdks = new LinkedHashSet<>();
        Set<String> jmhs = new LinkedHashSet<>();
        Set<String> settings = new LinkedHashSet<>();
        for (FamilyReport f : families) {
            for (Case c : f.cases()) {
                for (Row r : c.rows()) {
                    jdks.add(r.result().run().jdk());
                    jmhs.add(r.result().run().jmh());
                    settings.add(r.result().run().describe());
                }
            }
        }
        line("| | |").line("|---|---|");
        line("| mode | " + mode + " |");
        line("| date | " + meta.getOrDefault("date", "unknown") + " |");
        line("| commit | " + meta.getOrDefault("commit", "unknown") + " |");
        line("| command | `" + meta.getOrDefault("command", "unknown") + "` |");
        line("| machine | " + meta.getOrDefault("machine", "unknown") + " |");
        line("| JDK | " + String.join("; ", jdks) + " |");
        line("| JMH | " + String.join("; ", jmhs) + " |");
        line("| measurement | " + String.join("; ", settings) + " |");
        line();
        List<String> runs = new ArrayList<>();
        for (int i = 1; meta.containsKey("run." + i); i++) {
            runs.add(meta.get("run." + i));
        }
        if (!runs.isEmpty()) {
            line("JMH runs (one JVM each, serialized, results merged):").line().line("```");
            runs.forEach(this::line);
            line("```").line();
        }
    }

    private void howToRead() {
        line("## How to read it").line();
        line("- **Score**: JMH's mean over every measured iteration of every fork; **±** is the half-width of "
                + "JMH's 99.9% confidence interval (Student's t over the iterations). Bars in the charts are "
                + "the scores, whiskers the same intervals.");
        line("- **Speed vs ours**: how many times as fast ours is as that row, from the means: "
                + "ours ÷ row for throughput, row ÷ ours for time per operation. Above 1.00× ours is faster. "
                + "Ours is the first row of its case marked *(ours)*.");
        line("- **Range**: the ratio of the interval ends, pessimistic end over optimistic end "
                + "(throughput: (ours − e) ÷ (row + e) to (ours + e) ÷ (row − e)). It holds every ratio the "
                + "two intervals allow, so it is wider than a 99.9% interval of the ratio; ∞ when the row's "
                + "interval reaches zero, — when JMH gave no interval (a single iteration).");
        line("- **B/op**: `gc.alloc.rate.norm` from `-prof gc`, bytes allocated per JMH operation "
                + "(all threads), — when the profiler did not run.");
        line("- **SampleTime** families also show the per-call percentiles JMH sampled (p50, p99, p99.9) "
                + "and the speed ratio on p99 (no interval: JMH gives none for percentiles).");
        line("- Compare ratios within one case: the rows ran in the same session on the same machine. "
                + "Never compare digits across machines.").line();
    }

    private void summary(List<FamilyReport> families) {
        line("## Where we stand").line();
        line("Ours against the fastest peer of each case (references such as a bare clock read excluded).").line();
        line("| family | case | ours | fastest peer | speed vs ours | range |");
        line("|---|---|---:|---|---:|---:|");
        for (FamilyReport f : families) {
            for (Case c : f.cases()) {
                Row base = c.baseline();
                if (base == null) {
                    continue;
                }
                Row best = null;
                Ratio bestRatio = null;
                for (Row r : c.rows()) {
                    if (r.placement().role() != Role.PEER) {
                        continue;
                    }
                    Ratio ratio = f.ratio(c, r);
                    if (bestRatio == null || ratio.value() < bestRatio.value()) {
                        best = r;
                        bestRatio = ratio;
                    }
                }
                if (best == null) {
                    continue;
                }
                line("| " + f.className() + " (" + f.mode() + ") | " + c.label() + " | "
                        + num(base.score().score()) + " " + unit(f.unit()) + " | " + best.placement().impl() + " "
                        + num(best.score().score()) + " | " + bold(bestRatio) + " | " + range(bestRatio) + " |");
            }
        }
        line();
    }

    private void family(FamilyReport f, String chart, String chartError) {
        boolean sample = f.mode().equals("sample");
        line("### " + f.family().title() + " — `" + f.className() + "`, " + Format.mode(f.mode())
                + (f.higherIsBetter() ? " (higher is better)" : " (lower is better)")).line();
        line(f.family().about()).line();
        if (chart != null) {
            line("![" + f.className() + ", " + f.mode() + "](" + chart + ")").line();
        } else if (chartError != null) {
            line("*(chart not drawn: " + chartError + ")*").line();
        }
        String u = unit(f.unit());
        if (sample) {
            line("| case | implementation | mean " + u + " | ± 99.9% | p50 | p99 | p99.9 | speed vs ours (mean) "
                    + "| range | speed vs ours (p99) | B/op |");
            line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        } else {
            line("| case | implementation | " + u + " | ± 99.9% | speed vs ours | range | B/op |");
            line("|---|---|---:|---:|---:|---:|---:|");
        }
        for (Case c : f.cases()) {
            Row base = c.baseline();
            for (Row r : c.rows()) {
                Ratio ratio = r == base ? null : f.ratio(c, r);
                String name = r.placement().impl() + (r.ours() ? " *(ours)*" : "")
                        + (r.placement().role() == Role.REFERENCE ? " *(reference)*" : "");
                String ratioText = base == null ? "—" : r == base ? "1.00×" : bold(ratio);
                StringBuilder s = new StringBuilder("| " + c.label() + " | " + name + " | " + num(r.score().score())
                        + " | " + num(r.score().error()) + " | ");
                if (sample) {
                    Metric m = r.score();
                    s.append(num(m.percentile(50.0))).append(" | ").append(num(m.percentile(99.0))).append(" | ")
                            .append(num(m.percentile(99.9))).append(" | ");
                    s.append(ratioText).append(" | ").append(range(ratio)).append(" | ");
                    s.append(base == null ? "—" : r == base ? "1.00×"
                            : times(Ratio.of(m.percentile(99.0), base.score().percentile(99.0)).value()));
                    s.append(" | ");
                } else {
                    s.append(ratioText).append(" | ").append(range(ratio)).append(" | ");
                }
                Metric alloc = r.result().allocation();
                s.append(alloc == null ? "—" : num(alloc.score())).append(" |");
                line(s.toString());
            }
        }
        line();
    }

    private static String bold(Ratio r) {
        return r == null ? "—" : "**" + times(r.value()) + "**";
    }

    private MarkdownWriter line(String s) {
        out.append(s).append('\n');
        return this;
    }

    private MarkdownWriter line() {
        out.append('\n');
        return this;
    }
}
