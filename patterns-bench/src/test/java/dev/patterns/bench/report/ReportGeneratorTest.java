package dev.patterns.bench.report;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The generator on a checked-in JMH JSON fixture ({@code report/jmh-fixture.json}): real JMH 1.37
 * output trimmed to a few rows, its scores and errors rounded by hand so that every expected
 * number below can be checked with a pencil. It holds a {@code @Group} benchmark scored by a
 * secondary metric, a row measured twice (the later one counts), a reference row, two thread
 * counts of one case, a SampleTime family, an average-time family, and a class with no family
 * entry (placed by the naming rule) with a row that has no error interval.
 */
class ReportGeneratorTest {

    /** Whether AWT can lay out text here: a machine with no fonts at all cannot draw a chart. */
    private static final boolean FONTS = fontsPresent();

    @TempDir
    Path out;

    private ReportGenerator.Output output;
    private String report;

    @BeforeEach
    void generate() throws IOException, URISyntaxException {
        Path fixture = Path.of(Objects.requireNonNull(getClass().getResource("/report/jmh-fixture.json")).toURI());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("mode", "short");
        meta.put("date", "2026-12-02T07:00:00Z");
        meta.put("commit", "abc1234");
        meta.put("command", "patterns-bench/report.sh short");
        meta.put("machine", "2 CPUs, test box");
        meta.put("run.1", "java -jar benchmarks.jar channel -f 1");
        output = ReportGenerator.generate(List.of(fixture), out, meta);
        report = Files.readString(output.report());
    }

    @Test
    void headerCarriesMachineJdkCommitDateCommandAndShortModeWarning() {
        assertThat(output.report()).isEqualTo(out.resolve("REPORT.md"));
        assertThat(report)
                .contains("**Short mode:")
                .contains("| date | 2026-12-02T07:00:00Z |")
                .contains("| commit | abc1234 |")
                .contains("| command | `patterns-bench/report.sh short` |")
                .contains("| machine | 2 CPUs, test box |")
                .contains("| JDK | 25.0.3, OpenJDK 64-Bit Server VM 25.0.3+9-LTS |")
                .contains("| JMH | 1.37 |")
                .contains("2 forks × 5 × 1 s after 3 × 1 s warm-up")
                .contains("java -jar benchmarks.jar channel -f 1");
    }

    @Test
    void groupBenchmarkIsScoredByItsConsumerRateWithRatiosAndAllocation() {
        assertThat(report)
                .contains("| 1P/1C | patterns Channel *(ours)* | 10.00 | 2.00 | 1.00× | — | 0.500 |")
                // 10 / 4 = 2.50; (10 - 2) / (4 + 1) = 1.60; (10 + 2) / (4 - 1) = 4.00
                .contains("| 1P/1C | jox Channel | 4.00 | 1.00 | **2.50×** | 1.60–4.00 | 4.00 |")
                // 20 / 5 = 4.00; 16 / 6 = 2.67; 24 / 4 = 6.00
                .contains("| 2P/2C | patterns Channel *(ours)* | 20.00 | 4.00 | 1.00× | — | 0.250 |")
                .contains("| 2P/2C | jox Channel | 5.00 | 1.00 | **4.00×** | 2.67–6.00 | 6.00 |");
    }

    @Test
    void laterRowReplacesEarlierAndThreadCountsSplitTheCase() {
        assertThat(report)
                // 30 / 15 = 2.00; 27 / 16.5 = 1.64; 33 / 13.5 = 2.44 (the first guava row, 99.00, was replaced)
                .contains("| always, 1 thread | Guava RateLimiter | 15.00 | 1.50 | **2.00×** | 1.64–2.44 | 0 |")
                .doesNotContain("| 99.00 |")
                // a reference gets a ratio: 30 / 36 = 0.83; 27 / 37 = 0.73; 33 / 35 = 0.94
                .contains("| always, 1 thread | System.nanoTime() (floor) *(reference)* | 36.00 | 1.00 | **0.83×** | 0.73–0.94 | 0 |")
                // 40 / 10 = 4.00; 36 / 15 = 2.40; 44 / 5 = 8.80
                .contains("| always, 2 threads | patterns TokenBucket *(ours)* | 40.00 | 4.00 | 1.00× | — | 0 |")
                .contains("| always, 2 threads | Guava RateLimiter | 10.00 | 5.00 | **4.00×** | 2.40–8.80 | 0 |");
    }

    @Test
    void summaryComparesOursWithTheFastestPeerNotWithAReference() {
        assertThat(report)
                .contains("| TokenBucketBench (thrpt) | always, 1 thread | 30.00 ops/µs | Guava RateLimiter 15.00 | **2.00×** | 1.64–2.44 |")
                .contains("| HandoffBenchmark (thrpt) | 1P/1C | 10.00 ops/µs | jox Channel 4.00 | **2.50×** | 1.60–4.00 |")
                .contains("| FanOutBench (avgt) | virtual thread per task | 16.00 µs/op | invokeAll (virtual threads) 8.00 | **0.50×** | 0.39–0.64 |");
    }

    @Test
    void sampleTimeShowsPercentilesAndRatiosOnMeanAndP99() {
        assertThat(report)
                .contains("| case | implementation | mean ns/op | ± 99.9% | p50 | p99 | p99.9 |")
                .contains("| always | patterns TokenBucket *(ours)* | 60.00 | 6.00 | 50.00 | 100.0 | 1,000 | 1.00× | — | 1.00× | — |")
                // time: 90 / 60 = 1.50; 81 / 66 = 1.23; 99 / 54 = 1.83; p99 250 / 100 = 2.50
                .contains("| always | Guava RateLimiter | 90.00 | 9.00 | 70.00 | 250.0 | 5,000 | **1.50×** | 1.23–1.83 | 2.50× | — |");
    }

    @Test
    void timeModeRatioIsPeerOverOurs() {
        // 8 / 16 = 0.50; 7 / 18 = 0.39; 9 / 14 = 0.64
        assertThat(report)
                .contains("| virtual thread per task | patterns FanOut *(ours)* | 16.00 | 2.00 | 1.00× | — | 3,952 |")
                .contains("| virtual thread per task | invokeAll (virtual threads) | 8.00 | 1.00 | **0.50×** | 0.39–0.64 | 3,194 |");
    }

    @Test
    void classWithoutFamilyEntryIsPlacedByTheNamingRule() {
        assertThat(report)
                .contains("No entry in the family table")
                .contains("| 1 thread | patternsEcho *(ours)* | 5.00 | 0.500 | 1.00× | — | — |")
                // 5 / 2.5 = 2.00; 4.5 / 3 = 1.50; 5.5 / 2 = 2.75
                .contains("| 1 thread | jdkEcho | 2.50 | 0.500 | **2.00×** | 1.50–2.75 | — |")
                // one iteration: JMH wrote "NaN" as the error, so the range is unknown
                .contains("| 1 thread | jdkEchoOnce | 2.00 | — | **2.50×** | — | — |");
    }

    @Test
    void familiesAppearByAreaChannelFirst() {
        int channel = report.indexOf("## channel");
        int resilience = report.indexOf("## resilience");
        int async = report.indexOf("## async");
        int other = report.indexOf("## example");
        assertThat(channel).isPositive();
        assertThat(resilience).isGreaterThan(channel);
        assertThat(async).isGreaterThan(resilience);
        assertThat(other).isGreaterThan(async);
    }

    @Test
    void drawsOneDecodablePngPerFamilyWithBarsAndText() throws IOException {
        assumeTrue(FONTS, "this machine has no fonts (Debian: fontconfig, fonts-dejavu-core): charts cannot be drawn");
        assertThat(output.chartErrors()).isEmpty();
        Map<String, Integer> panels = Map.of(
                "channel-HandoffBenchmark-thrpt.png", 2,
                "resilience-TokenBucketBench-thrpt.png", 2,
                "resilience-TokenBucketBench-sample.png", 1,
                "async-FanOutBench-avgt.png", 1,
                "example-EchoBench-thrpt.png", 1);
        assertThat(output.charts()).hasSize(panels.size());
        for (Map.Entry<String, Integer> e : panels.entrySet()) {
            Path png = out.resolve("report").resolve(e.getKey());
            assertThat(output.charts()).contains(png);
            assertThat(report).contains("](report/" + e.getKey() + ")");
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(e.getKey()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(ChartRenderer.WIDTH);
            assertThat(image.getHeight()).isEqualTo(ChartRenderer.HEADER + e.getValue() * ChartRenderer.PANEL);
            assertThat(count(image, 0, ChartRenderer.HEADER, 0x1f5fbf)).as("ours bars in " + e.getKey()).isPositive();
            assertThat(count(image, 0, ChartRenderer.HEADER, 0x8a8a8a)).as("peer bars in " + e.getKey()).isPositive();
            // The header line is text: it must have put dark pixels above the panels.
            assertThat(darkPixels(image, ChartRenderer.HEADER - 10)).as("title text in " + e.getKey()).isGreaterThan(200);
        }
    }

    @Test
    void withoutFontsTheReportStillHasItsTablesAndSaysWhyEachChartIsMissing() {
        assumeFalse(FONTS, "this machine has fonts: the charts are checked by the test above");
        assertThat(output.charts()).isEmpty();
        assertThat(output.chartErrors()).hasSize(5).allSatisfy((family, why) -> assertThat(why).contains("Error"));
        assertThat(report)
                .contains("*(chart not drawn: ")
                .contains("| 1P/1C | jox Channel | 4.00 | 1.00 | **2.50×** | 1.60–4.00 | 4.00 |");
    }

    @Test
    void ratioRangeIsOpenWhenTheDivisorIntervalReachesZero() {
        Ratio r = Ratio.speed(new Metric(10, 2, "ops/us", Map.of()), new Metric(1, 2, "ops/us", Map.of()), true);
        assertThat(r.value()).isEqualTo(10.0);
        assertThat(r.low()).isEqualTo(8.0 / 3.0);
        assertThat(r.high()).isInfinite();
        assertThat(Format.range(r)).isEqualTo("2.67–∞");
        Ratio clamped = Ratio.speed(new Metric(1, 3, "ops/us", Map.of()), new Metric(1, 0.5, "ops/us", Map.of()), true);
        assertThat(clamped.low()).isZero();
    }

    private static boolean fontsPresent() {
        BufferedImage probe = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        try {
            return g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 12)).stringWidth("x") > 0;
        } catch (Error e) {
            // "Probable fatal error: No physical fonts found" (an Error, not an exception), or a missing
            // native font library.
            return false;
        } finally {
            g.dispose();
        }
    }

    private static int count(BufferedImage image, int fromY, int belowOffset, int rgb) {
        int n = 0;
        for (int y = fromY + belowOffset; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int darkPixels(BufferedImage image, int height) {
        int n = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (((p >> 16) & 0xff) < 96 && ((p >> 8) & 0xff) < 96 && (p & 0xff) < 96) {
                    n++;
                }
            }
        }
        return n;
    }
}
