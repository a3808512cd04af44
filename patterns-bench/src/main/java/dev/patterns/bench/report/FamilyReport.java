package dev.patterns.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.patterns.bench.report.Placement.Role;

import static java.util.Objects.requireNonNull;

/**
 * The rows of one family (one benchmark class, in one JMH mode and unit), split into the cases
 * that are compared, each case with its baseline (the first row that is ours) first.
 *
 * @param area the package under {@code dev.patterns.bench} ({@code channel})
 * @param className the benchmark class's simple name
 * @param mode the JMH mode ({@code thrpt}, {@code avgt}, {@code sample}, {@code ss})
 * @param unit the score's unit as JMH writes it ({@code ops/us})
 * @param family the table entry (or the rule) that placed the rows
 * @param cases the comparisons, in the order the rows came
 */
record FamilyReport(String area, String className, String mode, String unit, Families.Family family,
                    List<Case> cases) {

    /** The areas in the order the report shows them; any other comes after, in the order met. */
    static final List<String> AREA_ORDER = List.of("channel", "pipeline", "resilience", "async");

    FamilyReport {
        requireNonNull(area, "area");
        requireNonNull(className, "className");
        requireNonNull(mode, "mode");
        requireNonNull(unit, "unit");
        requireNonNull(family, "family");
        cases = List.copyOf(requireNonNull(cases, "cases"));
    }

    /**
     * One row of the report.
     *
     * @param placement where the row goes and whose it is
     * @param result the JMH row
     * @param score the metric the placement names as score
     */
    record Row(Placement placement, JmhResult result, Metric score) {

        Row {
            requireNonNull(placement, "placement");
            requireNonNull(result, "result");
            requireNonNull(score, "score");
        }

        boolean ours() {
            return placement.role() == Role.OURS;
        }
    }

    /**
     * One comparison: rows that measure the same thing, ours first.
     *
     * @param label the case as the report names it
     * @param rows ours, then peers, then references, each in the order met
     */
    record Case(String label, List<Row> rows) {

        Case {
            requireNonNull(label, "label");
            rows = List.copyOf(requireNonNull(rows, "rows"));
        }

        /** The first row that is ours, or null when the case has none (no ratios then). */
        Row baseline() {
            return rows.stream().filter(Row::ours).findFirst().orElse(null);
        }
    }

    /** True when a higher score is better (throughput); false for time per operation. */
    boolean higherIsBetter() {
        return mode.equals("thrpt");
    }

    /** The file name stem of the family's chart: {@code channel-HandoffBenchmark-thrpt}. */
    String slug() {
        return (area + "-" + className + "-" + mode).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** How ours compares with a row of its case, or null when the case has no baseline. */
    Ratio ratio(Case c, Row row) {
        Row base = c.baseline();
        return base == null ? null : Ratio.speed(base.score(), row.score(), higherIsBetter());
    }

    /** Groups rows into families and cases, families ordered by area, then as met. */
    static List<FamilyReport> build(List<JmhResult> results) {
        requireNonNull(results, "results");
        Map<String, List<JmhResult>> byFamily = new LinkedHashMap<>();
        Map<String, Placement> placements = new LinkedHashMap<>();
        for (JmhResult r : results) {
            Placement p = Families.of(r).placer().apply(r);
            Metric score = p.score(r);
            String key = r.className() + "|" + r.mode() + "|" + score.unit();
            byFamily.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            placements.put(identity(r), p);
        }
        List<FamilyReport> reports = new ArrayList<>();
        for (List<JmhResult> rows : byFamily.values()) {
            reports.add(family(rows, placements));
        }
        reports.sort(Comparator.comparingInt(f -> areaRank(f.area())));
        return reports;
    }

    /** Two rows with the same identity measured the same thing: a later run replaces an earlier one. */
    static String identity(JmhResult r) {
        return r.benchmark() + "|" + r.mode() + "|" + r.threads() + "|" + r.params();
    }

    private static FamilyReport family(List<JmhResult> rows, Map<String, Placement> placements) {
        JmhResult first = rows.get(0);
        // Thread counts per case label: a label run at several counts gets the count added.
        Map<String, Set<Integer>> threads = new LinkedHashMap<>();
        for (JmhResult r : rows) {
            threads.computeIfAbsent(placements.get(identity(r)).caseLabel(), k -> new TreeSet<>()).add(r.threads());
        }
        Map<String, List<Row>> cases = new LinkedHashMap<>();
        for (String label : threads.keySet()) {
            for (int t : threads.get(label)) {
                cases.put(caseName(label, t, threads.get(label).size() > 1), new ArrayList<>());
            }
        }
        Set<Role> order = new LinkedHashSet<>(List.of(Role.OURS, Role.PEER, Role.REFERENCE));
        for (Role role : order) {
            for (JmhResult r : rows) {
                Placement p = placements.get(identity(r));
                if (p.role() == role) {
                    String name = caseName(p.caseLabel(), r.threads(), threads.get(p.caseLabel()).size() > 1);
                    cases.get(name).add(new Row(p, r, p.score(r)));
                }
            }
        }
        List<Case> list = new ArrayList<>();
        cases.forEach((label, caseRows) -> list.add(new Case(label, caseRows)));
        Metric score = placements.get(identity(first)).score(first);
        return new FamilyReport(first.area(), first.simpleClassName(), first.mode(), score.unit(),
                Families.of(first), list);
    }

    private static String caseName(String label, int threads, boolean addThreads) {
        String t = threads + (threads == 1 ? " thread" : " threads");
        if (label.isEmpty()) {
            return t;
        }
        return addThreads ? label + ", " + t : label;
    }

    private static int areaRank(String area) {
        int i = AREA_ORDER.indexOf(area);
        return i < 0 ? AREA_ORDER.size() : i;
    }
}
