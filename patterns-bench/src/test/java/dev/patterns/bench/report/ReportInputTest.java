package dev.patterns.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input to the generator, and the naming rule that places rows of unknown classes. */
class ReportInputTest {

    @TempDir
    Path dir;

    @Test
    void jsonReadsNumbersStringsAndJmhNaN() {
        Object parsed = Json.parse("[{\"a\": 1.5e1, \"b\": \"NaN\", \"c\": [true, null], \"d\": \"x\\\"\\u00b5\"}]");
        assertThat(parsed).isInstanceOf(List.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) ((List<Object>) parsed).get(0);
        assertThat(Json.number(row.get("a"))).isEqualTo(15.0);
        assertThat(Json.number(row.get("b"))).isNaN();
        assertThat(row.get("c")).isEqualTo(java.util.Arrays.asList(true, null));
        assertThat(row.get("d")).isEqualTo("x\"µ");
    }

    @Test
    void badJsonNamesTheOffset() {
        assertThatThrownBy(() -> Json.parse("[1, }"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("json: offset 4 (expected: a value)");
        assertThatThrownBy(() -> Json.parse("[1] x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("json: offset 4 (expected: end of input)");
        assertThatThrownBy(() -> Json.number("fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("number: \"fast\" (expected: a number or NaN)");
        assertThatThrownBy(() -> Json.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("text");
    }

    @Test
    void aFileThatIsNotAJmhArrayIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("x.json"), "{\"benchmark\": \"a.B.c\"}");
        assertThatThrownBy(() -> JmhResult.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("file: ")
                .hasMessageEndingWith("(expected: a JMH JSON array)");
    }

    @Test
    void aScoreMetricTheRowLacksIsNamed() {
        JmhResult row = row("dev.patterns.bench.x.XBench.patternsRun", Map.of());
        Placement p = new Placement("c", "x", Placement.Role.OURS, "take1");
        assertThatThrownBy(() -> p.score(row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scoreMetric: take1 (expected: a secondary metric of dev.patterns.bench.x.XBench.patternsRun, one of [])");
    }

    @Test
    void namingRuleFindsOursByImplParamOrPatternsPrefix() {
        Placement byParam = Families.byRule(row("dev.patterns.bench.x.QueueBench.offer", Map.of("impl", "channel", "size", "8")));
        assertThat(byParam).isEqualTo(new Placement("offer, size=8", "channel", Placement.Role.OURS, null));
        Placement peerByParam = Families.byRule(row("dev.patterns.bench.x.QueueBench.offer", Map.of("impl", "jctools")));
        assertThat(peerByParam.role()).isEqualTo(Placement.Role.PEER);
        assertThat(peerByParam.caseLabel()).isEqualTo("offer");
        assertThat(Families.byRule(row("dev.patterns.bench.x.ActorBench.patternsTell", Map.of())).role())
                .isEqualTo(Placement.Role.OURS);
        assertThat(Families.byRule(row("dev.patterns.bench.x.ActorBench.pekkoTell", Map.of())).role())
                .isEqualTo(Placement.Role.PEER);
    }

    @Test
    void numbersAndRatiosKeepTheirSignificantDigits() {
        assertThat(Format.times(0.02734)).isEqualTo("0.027×");
        assertThat(Format.times(2.5)).isEqualTo("2.50×");
        assertThat(Format.range(new Ratio(0.03, 0.0, 0.0123))).isEqualTo("0.00–0.012");
        assertThat(Format.num(4_337_676.4)).isEqualTo("4,337,676");
        assertThat(Format.num(0.00031)).isEqualTo("0.00031");
        assertThat(Format.num(Double.NaN)).isEqualTo("—");
        assertThat(Format.unit("ops/us")).isEqualTo("ops/µs");
        assertThat(Format.unit("us/op")).isEqualTo("µs/op");
    }

    @Test
    void longBarLabelsAreTilted() {
        assertThat(ChartRenderer.labelRotation(List.of("channel", "jox"))).isZero();
        assertThat(ChartRenderer.labelRotation(List.of("a".repeat(40), "b", "c", "d"))).isEqualTo(15);
        assertThat(ChartRenderer.labelRotation(List.of("a".repeat(45), "b", "c", "d", "e", "f", "g"))).isEqualTo(30);
    }

    private static JmhResult row(String benchmark, Map<String, String> params) {
        return new JmhResult(benchmark, "thrpt", 1, params, new Metric(1, 0.1, "ops/us", Map.of()), Map.of(),
                new JmhResult.RunSettings(1, 1, "1 s", 1, "1 s", "25", "1.37"));
    }
}
