package org.icldynamics.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A multi-series line figure on XChart: log or linear axes, labelled horizontal reference lines (theory levels),
 * optional markers. Every series is decimated to at most {@link #MAX_POINTS} points first.
 *
 * @param series the curves, in legend order
 * @param references dashed horizontal lines spanning the data's x range, labelled "LABEL (VALUE)"
 */
public record LineFigure(String title, String xLabel, String yLabel, AxisScale xScale, AxisScale yScale,
                         List<LineSeries> series, List<ReferenceLine> references) implements FigurePanel {
    public static final int MAX_POINTS = 2000;

    public LineFigure {
        series = List.copyOf(series);
        references = List.copyOf(references);
    }

    /** The XChart chart (for callers that want to adjust styling). */
    public XYChart chart(int width, int height) {
        XYChart chart = ChartStyle.xyChart(width, height, title, xLabel, yLabel, xScale, yScale);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        int drawn = 0;
        for (LineSeries s : series) {
            double[][] xy = Decimation.apply(s.x(), s.y(), MAX_POINTS, xScale, yScale);
            if (xy[0].length == 0) {
                continue;
            }
            for (double v : xy[0]) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            for (double v : xy[1]) {
                yLo = Math.min(yLo, v);
                yHi = Math.max(yHi, v);
            }
            XYSeries xs = chart.addSeries(s.name(), xy[0], xy[1]);
            drawn++;
            switch (s.style()) {
                case SOLID -> xs.setMarker(SeriesMarkers.NONE);
                case DASHED -> {
                    xs.setMarker(SeriesMarkers.NONE);
                    xs.setLineStyle(dashed());
                }
                case MARKERS -> {
                    xs.setMarker(SeriesMarkers.CIRCLE);
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                }
                case SOLID_WITH_MARKERS -> xs.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        if (lo <= hi) {
            for (ReferenceLine r : references) {
                if (yScale == AxisScale.LOG && r.value() <= 0) {
                    continue;
                }
                XYSeries s = chart.addSeries(r.label() + " (" + (float) r.value() + ")", new double[] {lo, hi},
                        new double[] {r.value(), r.value()});
                s.setMarker(SeriesMarkers.NONE);
                s.setLineStyle(dashed());
                s.setLineColor(Color.GRAY);
                yLo = Math.min(yLo, r.value());
                yHi = Math.max(yHi, r.value());
            }
        }
        if (drawn == 0) {
            chart.addSeries("(no data)", new double[] {1}, new double[] {1}).setMarker(SeriesMarkers.NONE);
        }
        ChartStyle.apply(chart, lo, hi, yLo, yHi);
        LegendGroups.apply(chart, series);
        return chart;
    }

    private static BasicStroke dashed() {
        return new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 4}, 0);
    }

    @Override
    public List<FigureData.Row> data(String panel) {
        int[] size = preferredSize();
        return FigureData.of(panel.isEmpty() ? title : panel, chart(size[0], size[1]));
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        chart(width, height).paint(g, width, height);
    }
}
