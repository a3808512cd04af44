package dev.patterns.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

import dev.patterns.bench.report.FamilyReport.Case;
import dev.patterns.bench.report.FamilyReport.Row;
import dev.patterns.bench.report.Placement.Role;

import static java.util.Objects.requireNonNull;

/**
 * Draws one PNG per family with XChart: a header line, then one bar panel per case, stacked. In a
 * panel each bar is one implementation's score, its whisker JMH's 99.9% interval, ours in blue,
 * peers in grey, references (a bare clock read) in light grey; a peer's label carries its speed
 * relative to ours.
 *
 * <p>Panels instead of one chart with a series per implementation because XChart's category chart
 * needs every series to have a value in every category, and cases have different peers. Each
 * panel has three series (ours, peers, references) over the case's implementations, zeros where a
 * series has no bar, drawn overlapped so every bar takes its category's full width.
 *
 * <p>Runs headless ({@code java.awt.headless=true}); text needs the JDK's font manager, which on
 * Linux reads fonts through fontconfig (Debian: {@code fontconfig} and a font such as
 * {@code fonts-dejavu-core}).
 */
final class ChartRenderer {

    /** Width of every chart, in pixels. */
    static final int WIDTH = 1000;
    /** Height of the header line that names the family. */
    static final int HEADER = 44;
    /** Height of one case's panel. */
    static final int PANEL = 360;
    /** Roughly the width of a panel's plot area, between the y axis and the legend. */
    private static final int PLOT_WIDTH = 820;

    private static final Color OURS = new Color(0x1f, 0x5f, 0xbf);
    private static final Color PEER = new Color(0x8a, 0x8a, 0x8a);
    private static final Color REFERENCE = new Color(0xc8, 0xc8, 0xc8);

    private ChartRenderer() {
    }

    /** The size a family's chart has: {@link #WIDTH} wide, a header and one panel per case tall. */
    static int height(FamilyReport family) {
        return HEADER + PANEL * family.cases().size();
    }

    /** Draws the family's chart into {@code file} (PNG). */
    static void render(FamilyReport family, Path file) throws IOException {
        requireNonNull(family, "family");
        requireNonNull(file, "file");
        BufferedImage image = new BufferedImage(WIDTH, height(family), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(family.family().title() + "  —  " + family.className() + ", " + Format.mode(family.mode())
                    + (family.mode().equals("sample") ? ", mean" : "")
                    + " (" + Format.unit(family.unit()) + ")", 14, 28);
            g.setColor(PEER);
            g.setStroke(new BasicStroke(1f));
            g.drawLine(10, HEADER - 6, WIDTH - 10, HEADER - 6);
            int y = HEADER;
            for (Case c : family.cases()) {
                Graphics2D panel = (Graphics2D) g.create(0, y, WIDTH, PANEL);
                try {
                    panel(family, c).paint(panel, WIDTH, PANEL);
                } finally {
                    panel.dispose();
                }
                y += PANEL;
            }
        } finally {
            g.dispose();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK (ImageIO)");
        }
    }

    private static CategoryChart panel(FamilyReport family, Case c) {
        List<String> labels = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<Double> peers = new ArrayList<>();
        List<Double> references = new ArrayList<>();
        List<Double> oursError = new ArrayList<>();
        List<Double> peersError = new ArrayList<>();
        List<Double> referencesError = new ArrayList<>();
        Row base = c.baseline();
        for (Row r : c.rows()) {
            String label = r.placement().impl();
            if (base != null && r != base) {
                label += " (" + Format.times(family.ratio(c, r).value()) + ")";
            }
            labels.add(label);
            double score = finite(r.score().score());
            double error = finite(r.score().error());
            Role role = r.placement().role();
            ours.add(role == Role.OURS ? score : 0.0);
            oursError.add(role == Role.OURS ? error : 0.0);
            peers.add(role == Role.PEER ? score : 0.0);
            peersError.add(role == Role.PEER ? error : 0.0);
            references.add(role == Role.REFERENCE ? score : 0.0);
            referencesError.add(role == Role.REFERENCE ? error : 0.0);
        }
        String yTitle = Format.unit(family.unit()) + (family.higherIsBetter() ? ", higher is better" : ", lower is better");
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(PANEL)
                .title(c.label() + (base == null ? "" : "   (speed vs ours in brackets; whiskers: 99.9% interval)"))
                .xAxisTitle("").yAxisTitle(yTitle).build();
        CategoryStyler s = chart.getStyler();
        s.setOverlapped(true);
        s.setAvailableSpaceFill(0.6);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(REFERENCE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(REFERENCE);
        s.setPlotGridVerticalLinesVisible(false);
        s.setPlotGridLinesColor(new Color(0xe4, 0xe4, 0xe4));
        s.setErrorBarsColor(Color.BLACK);
        s.setYAxisMin(0.0);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setXAxisTitleVisible(false);
        s.setYAxisDecimalPattern("#,##0.###");
        s.setXAxisLabelRotation(labelRotation(labels));
        boolean anyOurs = c.rows().stream().anyMatch(Row::ours);
        boolean anyPeer = c.rows().stream().anyMatch(r -> r.placement().role() == Role.PEER);
        boolean anyReference = c.rows().stream().anyMatch(r -> r.placement().role() == Role.REFERENCE);
        if (anyOurs) {
            chart.addSeries("ours", labels, ours, oursError).setFillColor(OURS);
        }
        if (anyPeer) {
            chart.addSeries("peers", labels, peers, peersError).setFillColor(PEER);
        }
        if (anyReference) {
            chart.addSeries("reference", labels, references, referencesError).setFillColor(REFERENCE);
        }
        return chart;
    }

    /** Tilts the bar labels when they would not fit side by side (about 6.5 px a character at 11 pt). */
    static int labelRotation(List<String> labels) {
        int longest = labels.stream().mapToInt(String::length).max().orElse(0);
        double needed = longest * 6.5 / (PLOT_WIDTH / (double) labels.size());
        return needed <= 0.9 ? 0 : needed <= 1.8 ? 15 : 30;
    }

    /** XChart draws nothing sensible for NaN: an unknown error draws no whisker. */
    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }
}
