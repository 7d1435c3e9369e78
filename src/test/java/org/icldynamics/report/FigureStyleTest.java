package org.icldynamics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paper-quality figures: readable log axes, round ticks, grouped legends, diverged runs clipped, data beside. */
class FigureStyleTest {
    @TempDir
    Path tmp;

    private static List<String> labels(Function<Double, String> f, double... ticks) {
        List<String> out = new ArrayList<>();
        for (double t : ticks) {
            out.add(f.apply(t).trim());
        }
        return out;
    }

    @Test
    void logAxesLabelEveryTickWithinADecadeAnd125OverAFewDecades() {
        // the main job's loss spans 0.24 .. 1.3: every tick gets a value
        assertEquals(List.of("0.2", "0.3", "0.5", "0.7", "1", "2"),
                labels(ChartStyle.logLabels(0.24, 1.3), 0.2, 0.3, 0.5, 0.7, 1.0, 2.0));
        // three decades: 1, 2, 5 per decade, other ticks unlabelled
        assertEquals(List.of("0.01", "0.02", "", "0.05", "", "0.1", "0.2", "5", "10"),
                labels(ChartStyle.logLabels(0.01, 10), 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.2, 5.0, 10.0));
        // 30 decades: only every fourth decade, so labels never pile up
        assertEquals(List.of("1e-12", "", "1e-8", "", "1", "1e8"),
                labels(ChartStyle.logLabels(1e-12, 1e18), 1e-12, 1e-11, 1e-8, 2e-8, 1.0, 1e8));
    }

    @Test
    void linearAxesAreBoundedAtRoundSteps() {
        double[] b = ChartStyle.roundBounds(0, 20_580);
        assertEquals(0, b[0], 0.0);
        assertEquals(25_000, b[1], 0.0);
        double[] c = ChartStyle.roundBounds(0.137, 0.941);
        assertEquals(0.0, c[0], 1e-12);
        assertEquals(1.0, c[1], 1e-12);
        assertEquals(5000, ChartStyle.niceStep(4116), 0.0);
        assertEquals(0.2, ChartStyle.niceStep(0.16), 1e-15);
    }

    @Test
    void aDivergedRunIsClippedToItsFinitePartMarkedAndItsSvgStaysSmall() throws Exception {
        int n = 20_001;
        double[] steps = new double[n];
        double[] train = new double[n];
        double[] eval = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = 10.0 * i;
            train[i] = i < 5000 ? 1.0 / (1 + 0.01 * i) : i < 9000 ? Math.pow(10, 10 + (i - 5000) * 0.08) : Double.NaN;
            eval[i] = i % 10 == 0 ? train[i] : Double.NaN;
        }
        LossFigure f = new LossFigure("diverged", AxisScale.LINEAR, AxisScale.LOG, List.of());
        XYChart c = f.chart(steps, train, eval, -1);
        XYSeries mark = c.getSeries("diverged at step 50000");
        assertTrue(mark != null, "divergence marked at the first row above 1000x the initial loss");
        assertEquals(50_000, mark.getXData()[0], 0.0);
        double max = 0;
        for (double v : c.getSeries("train loss").getYData()) {
            max = Math.max(max, v);
        }
        assertEquals(1.0, max, 0.0, "y range from the finite part");
        XYChart given = f.chart(steps, train, eval, 30_000);
        assertTrue(given.getSeries("diverged at step 30000") != null, "a given divergence step wins");
        assertTrue(given.getTitle().endsWith("(diverged at step 30000)"));

        f.write(tmp.resolve("loss"), steps, train, eval);
        long svg = Files.size(tmp.resolve("loss.svg"));
        assertTrue(svg < 1_000_000, "SVG " + svg + " bytes");
        List<String> data = Files.readAllLines(tmp.resolve("loss.data.csv"));
        assertEquals(FigureData.HEADER, data.get(0));
        assertTrue(data.stream().anyMatch(l -> l.startsWith("diverged,train loss,0.0,1.0,")), data.get(1));
    }

    @Test
    void manyCurvesGetOneLegendEntryPerHead() {
        List<LineSeries> s = new ArrayList<>();
        for (int task = 1; task <= 3; task++) {
            for (int head = 1; head <= 3; head++) {
                for (String p : List.of("W", "U")) {
                    s.add(LineSeries.line(p + " task " + task + " head " + head, new double[] {1, 2},
                            new double[] {task, head}));
                }
            }
        }
        XYChart c = new LineFigure("t", "step", "lambda", AxisScale.LINEAR, AxisScale.LINEAR, s, List.of()).chart(800,
                500);
        List<String> legend = c.getSeriesCollection().stream().filter(XYSeries::isShowInLegend)
                .map(XYSeries::getName).toList();
        assertEquals(List.of("head 1", "head 2", "head 3"), legend);
        assertEquals(c.getSeries("W task 1 head 2").getLineColor(), c.getSeries("U task 3 head 2").getLineColor());
        assertEquals(18, FigureData.of("p", c).size() / 2, "legend keys are not data");
    }

    @Test
    void everyFigureWritesTheNumbersItPlotsBesideIt() throws Exception {
        LineFigure line = new LineFigure("loss", "step", "loss", AxisScale.LINEAR, AxisScale.LOG,
                List.of(LineSeries.line("a", new double[] {0, 1, 2}, new double[] {1, 0.5, 0.25})),
                List.of(new ReferenceLine("L*", 0.2)));
        HeatmapStrip heat = new HeatmapStrip("kq", List.of(new HeatmapStrip.Matrix("head 1", 2, 2,
                new double[] {1, -1, 0.5, 0})), 1, 0, 0, "#.##");
        FigureFiles.write(tmp.resolve("grid"), new PanelGrid("g", 2, 400, 300,
                List.of(new PanelGrid.Titled("left", line), new PanelGrid.Titled("right", heat))));
        List<String> rows = Files.readAllLines(tmp.resolve("grid.data.csv"));
        assertEquals(List.of(FigureData.HEADER, "left,a,0.0,1.0,", "left,a,1.0,0.5,", "left,a,2.0,0.25,",
                "left,L* (0.2),0.0,0.2,", "left,L* (0.2),2.0,0.2,", "right,head 1,0.0,0.0,1.0",
                "right,head 1,1.0,0.0,-1.0", "right,head 1,0.0,1.0,0.5", "right,head 1,1.0,1.0,0.0"), rows);
        assertTrue(Files.isRegularFile(tmp.resolve("grid.png")) && Files.isRegularFile(tmp.resolve("grid.svg")));
    }
}
