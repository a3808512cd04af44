package dev.patterns.bench.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * Turns JMH JSON result files into {@code REPORT.md} and one PNG chart per family: each family
 * (benchmark class, mode) with ours beside every peer of each case, scores with JMH's 99.9% error
 * intervals, speed ratios with the range the intervals allow, allocation per operation, and the
 * machine, JDK, commit, date and command at the top. {@link Families} says which rows are ours.
 *
 * <p>Usage: {@code java -cp patterns-bench/target/benchmarks.jar dev.patterns.bench.report.ReportGenerator
 * --out DIR [--meta meta.properties] result.json...}; writes {@code DIR/REPORT.md} and
 * {@code DIR/report/<family>.png}. {@code patterns-bench/report.sh} runs the benchmarks and then
 * this, with the metadata it collected. A row met twice (same benchmark, mode, threads, params)
 * keeps its later measurement. Exit status 0 when everything was written, 1 on bad usage or
 * input, 3 when the report was written but a chart could not be drawn (the report says why).
 *
 * <p>Charts are drawn headless; this class sets {@code java.awt.headless=true} before AWT starts.
 */
public final class ReportGenerator {

    /** The report's file name. */
    public static final String REPORT = "REPORT.md";
    /** The folder, beside the report, that holds the charts. */
    public static final String CHARTS = "report";

    private ReportGenerator() {
    }

    /**
     * What one generation wrote.
     *
     * @param report the Markdown file
     * @param charts the PNG files drawn, one per family
     * @param chartErrors why a family's chart could not be drawn, by family
     */
    public record Output(Path report, List<Path> charts, Map<String, String> chartErrors) {

        public Output {
            requireNonNull(report, "report");
            charts = List.copyOf(requireNonNull(charts, "charts"));
            chartErrors = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(chartErrors, "chartErrors")));
        }
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path out = null;
        Path metaFile = null;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--meta" -> metaFile = Path.of(value(args, ++i, "--meta"));
                default -> inputs.add(Path.of(args[i]));
            }
        }
        if (out == null || inputs.isEmpty()) {
            System.err.println("usage: ReportGenerator --out DIR [--meta meta.properties] result.json...");
            System.exit(1);
        }
        Map<String, String> meta = metaFile == null ? Map.of() : readMeta(metaFile);
        Output output = generate(inputs, out, meta);
        System.out.println("wrote " + output.report() + " and " + output.charts().size() + " charts in "
                + output.report().resolveSibling(CHARTS));
        output.chartErrors().forEach((family, why) -> System.err.println("chart not drawn for " + family + ": " + why));
        if (!output.chartErrors().isEmpty()) {
            System.exit(3);
        }
    }

    /** Reads every file, writes the report and the charts into {@code outDir}. */
    public static Output generate(List<Path> inputs, Path outDir, Map<String, String> meta) throws IOException {
        requireNonNull(inputs, "inputs");
        requireNonNull(outDir, "outDir");
        requireNonNull(meta, "meta");
        System.setProperty("java.awt.headless", "true");
        Map<String, JmhResult> rows = new LinkedHashMap<>();
        for (Path input : inputs) {
            for (JmhResult r : JmhResult.read(input)) {
                rows.put(FamilyReport.identity(r), r);
            }
        }
        List<FamilyReport> families = FamilyReport.build(new ArrayList<>(rows.values()));
        Files.createDirectories(outDir);
        Map<String, String> charts = new LinkedHashMap<>();
        Map<String, String> chartErrors = new LinkedHashMap<>();
        List<Path> drawn = new ArrayList<>();
        for (FamilyReport f : families) {
            Path png = outDir.resolve(CHARTS).resolve(f.slug() + ".png");
            try {
                ChartRenderer.render(f, png);
                charts.put(f.slug(), CHARTS + "/" + png.getFileName());
                drawn.add(png);
            } catch (IOException | RuntimeException e) {
                chartErrors.put(f.slug(), e.toString());
            } catch (Error e) {
                // A machine without fonts fails inside AWT's font manager with an Error (UnsatisfiedLinkError,
                // "Probable fatal error: No fonts found"): keep the tables, say which chart is missing and why.
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                chartErrors.put(f.slug(), e.toString());
            }
        }
        Path report = outDir.resolve(REPORT);
        Files.writeString(report, MarkdownWriter.write(families, meta, charts, chartErrors), StandardCharsets.UTF_8);
        return new Output(report, drawn, chartErrors);
    }

    /** The run's metadata: a properties file in UTF-8. */
    static Map<String, String> readMeta(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> meta.put(k, p.getProperty(k)));
        return meta;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + ": missing value (expected: " + option + " PATH)");
        }
        return args[i];
    }
}
