package org.icldynamics.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class LossFigureTest {
    private final double[] steps = {0, 10, 20, 30};
    private final double[] train = {1.0, 0.5, Double.NaN, 0.25};
    private final double[] eval = {1.1, Double.NaN, Double.NaN, 0.3};

    @Test
    void referenceLinesAreLabelledHorizontalSeriesAcrossTheLoggedSteps() {
        XYChart c = new LossFigure("t", AxisScale.LINEAR, AxisScale.LOG,
                List.of(new ReferenceLine("L*", 0.136), new ReferenceLine("zero", 0.0))).chart(steps, train, eval);
        XYSeries ref = c.getSeries("L* (0.136)");
        assertArrayEquals(new double[] {0, 30}, ref.getXData());
        assertArrayEquals(new double[] {0.136, 0.136}, ref.getYData());
        assertTrue(c.getStyler().isYAxisLogarithmic());
        assertTrue(c.getSeries("zero (0)") == null, "a non-positive line cannot be drawn on a log axis");
    }

    @Test
    void missingLossesAreSkippedNotPlottedAsZero() {
        XYChart c = new LossFigure("t", AxisScale.LINEAR, AxisScale.LINEAR, List.of()).chart(steps, train, eval);
        assertArrayEquals(new double[] {0, 10, 30}, c.getSeries("train loss").getXData());
        assertArrayEquals(new double[] {1.1, 0.3}, c.getSeries("eval loss").getYData());
        assertEquals(2, c.getSeriesCollection().stream().filter(s -> !ChartStyle.isTickHelper(s.getName())).count(),
                "two curves (and the axis's invisible tick helper)");
    }

    @Test
    void longCurvesAreDecimatedKeepingTheLastPoint() {
        int n = 10 * LossFigure.MAX_POINTS + 3;
        double[] s = new double[n];
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
            l[i] = 1.0 / (1 + i);
        }
        XYSeries tr = new LossFigure("t", AxisScale.LOG, AxisScale.LOG, List.of()).chart(s, l, l)
                .getSeries("train loss");
        assertTrue(tr.getXData().length <= LossFigure.MAX_POINTS + 1);
        assertEquals(n - 1, tr.getXData()[tr.getXData().length - 1], "last point kept; step 0 dropped on log x");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aRunDivergingAtItsFirstStepFromAHugeLossIsDrawnQuickly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        // a fuzzed config: step 0 at 1e29-1e30, step 1 at 5e78 (above the divergence factor); once hung XChart's ticks
        new LossFigure("t", AxisScale.LINEAR, AxisScale.LINEAR, List.of()).write(tmp.resolve("loss"),
                new double[] {0, 1}, new double[] {2.8584020341871986E29, 5.12961291434233E78},
                new double[] {1.7496282514119918E30, Double.NaN}, 1);
        assertTrue(java.nio.file.Files.size(tmp.resolve("loss.png")) > 0);
    }
}
