package org.icldynamics.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The loss curve of a run (train and eval loss against step) with labelled horizontal reference lines, as PNG and
 * SVG, with the plotted numbers in {@code NAME.data.csv}. Curves are decimated to at most {@link #MAX_POINTS}
 * points so the SVG stays small. A diverged run is drawn up to its divergence step (given, or found by
 * {@link Divergence}), so the axes come from the finite part, and the step is marked by a vertical line.
 */
public final class LossFigure {
    static final int MAX_POINTS = 2000;

    static {
        // no ImageIO file cache: it registers a shutdown hook, which fails while Ctrl-C shuts the JVM down
        javax.imageio.ImageIO.setUseCache(false);
    }

    private final String title;
    private final AxisScale xAxis;
    private final AxisScale yAxis;
    private final List<ReferenceLine> references;

    public LossFigure(String title, AxisScale xAxis, AxisScale yAxis, List<ReferenceLine> references) {
        this.title = title;
        this.xAxis = xAxis;
        this.yAxis = yAxis;
        this.references = List.copyOf(references);
    }

    /**
     * Writes {@code base.png} and {@code base.svg} (via temporary names and a rename each).
     *
     * @param steps logged steps, not modified
     * @param train training loss per logged step (NaN = missing), not modified
     * @param eval evaluation loss per logged step (NaN = not evaluated), not modified
     */
    public void write(Path base, double[] steps, double[] train, double[] eval) throws IOException {
        write(base, steps, train, eval, -1);
    }

    /**
     * As {@link #write(Path, double[], double[], double[])} for a run known to diverge at {@code divergenceStep}
     * ({@code -1}: unknown, found from the losses themselves).
     */
    public void write(Path base, double[] steps, double[] train, double[] eval, long divergenceStep)
            throws IOException {
        XYChart chart = chart(steps, train, eval, divergenceStep);
        FigureData.write(base, FigureData.of(title, chart));
        FigureFiles.writeChart(base, chart);
    }

    /** The chart: series "train loss", "eval loss" and one per reference line, named "LABEL (VALUE)". */
    XYChart chart(double[] steps, double[] train, double[] eval) {
        return chart(steps, train, eval, -1);
    }

    XYChart chart(double[] steps, double[] train, double[] eval, long divergenceStep) {
        int end = Divergence.firstIndex(train);
        if (divergenceStep >= 0) {
            end = 0;
            while (end < steps.length && steps[end] < divergenceStep) {
                end++;
            }
        }
        long diverged = divergenceStep >= 0 ? divergenceStep : end < steps.length ? (long) steps[end] : -1;
        steps = java.util.Arrays.copyOf(steps, end);
        train = java.util.Arrays.copyOf(train, end);
        eval = java.util.Arrays.copyOf(eval, end);
        XYChart chart = new XYChartBuilder().width(800).height(560)
                .title(diverged >= 0 ? title + " (diverged at step " + diverged + ")" : title).xAxisTitle("step")
                .yAxisTitle("loss").build();
        chart.getStyler().setXAxisLogarithmic(xAxis == AxisScale.LOG);
        chart.getStyler().setYAxisLogarithmic(yAxis == AxisScale.LOG);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setDecimalPattern("#.####");
        ChartStyle.legendBelow(chart);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        for (double[][] s : new double[][][] {series(steps, train), series(steps, eval)}) {
            if (s[0].length > 0) {
                lo = Math.min(lo, s[0][0]);
                hi = Math.max(hi, s[0][s[0].length - 1]);
            }
            for (double v : s[1]) {
                yLo = Math.min(yLo, v);
                yHi = Math.max(yHi, v);
            }
        }
        if (diverged >= 0 && (xAxis == AxisScale.LINEAR || diverged > 0)) {
            hi = Math.max(hi, diverged);
            lo = Math.min(lo, diverged);
        }
        addSeries(chart, "train loss", series(steps, train));
        addSeries(chart, "eval loss", series(steps, eval));
        if (lo <= hi) {
            for (ReferenceLine r : references) {
                if (yAxis == AxisScale.LOG && r.value() <= 0) {
                    continue;
                }
                yLo = Math.min(yLo, r.value());
                yHi = Math.max(yHi, r.value());
                String name = r.label() + " (" + ChartStyle.number4(r.value()) + ")";
                XYSeries s = chart.addSeries(name, new double[] {lo, hi},
                        new double[] {r.value(), r.value()});
                s.setMarker(SeriesMarkers.NONE);
                s.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                        new float[] {4, 4}, 0));
            }
        }
        if (diverged >= 0 && yLo <= yHi && (xAxis == AxisScale.LINEAR || diverged > 0)) {
            XYSeries d = chart.addSeries("diverged at step " + diverged, new double[] {diverged, diverged},
                    new double[] {yLo, yHi});
            d.setMarker(SeriesMarkers.NONE);
            d.setLineColor(ChartStyle.PALETTE[3]);
            d.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                    new float[] {6, 3}, 0));
        }
        ChartStyle.apply(chart, lo, hi, yLo, yHi);
        return chart;
    }

    private static void addSeries(XYChart chart, String name, double[][] xy) {
        if (xy[0].length > 0) {
            chart.addSeries(name, xy[0], xy[1]).setMarker(SeriesMarkers.NONE);
        }
    }

    /** Finite, positive points (for log axes) decimated to at most MAX_POINTS. */
    private double[][] series(double[] steps, double[] loss) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            boolean ok = Double.isFinite(loss[i]) && (yAxis == AxisScale.LINEAR || loss[i] > 0)
                    && (xAxis == AxisScale.LINEAR || steps[i] > 0);
            if (ok) {
                pts.add(new double[] {steps[i], loss[i]});
            }
        }
        int stride = Math.max(1, (pts.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < pts.size(); i += stride) {
            kept.add(pts.get(i));
        }
        if (!pts.isEmpty() && kept.get(kept.size() - 1) != pts.get(pts.size() - 1)) {
            kept.add(pts.get(pts.size() - 1));
        }
        double[][] out = new double[2][kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            out[0][i] = kept.get(i)[0];
            out[1][i] = kept.get(i)[1];
        }
        return out;
    }
}
