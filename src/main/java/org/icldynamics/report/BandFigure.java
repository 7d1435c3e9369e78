package org.icldynamics.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Curves with shaded bands (a mean and its interval over seeds) and dashed lines (theory), on XChart. A band is
 * drawn as a translucent polygon along its upper edge and back along its lower edge, in its curve's colour. Points
 * that are not finite (or not positive on a log axis) are left out.
 *
 * @param bands the curves with their bands, in legend order
 * @param lines dashed curves without bands (theory), grey
 */
public record BandFigure(String title, String xLabel, String yLabel, AxisScale xScale, AxisScale yScale,
                         List<Band> bands, List<LineSeries> lines) implements FigurePanel {
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    /**
     * One curve and its band; arrays of equal length, not modified.
     *
     * @param lo lower edge of the band (equal to {@code y} where there is no band)
     * @param hi upper edge
     */
    public record Band(String name, double[] x, double[] y, double[] lo, double[] hi, boolean markers) {
        public Band {
            if (x.length != y.length || x.length != lo.length || x.length != hi.length) {
                throw new IllegalArgumentException("band '" + name + "': arrays of different lengths");
            }
        }
    }

    public BandFigure {
        bands = List.copyOf(bands);
        lines = List.copyOf(lines);
    }

    @Override
    public int[] preferredSize() {
        return new int[] {900, 560};
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        chart(width, height).paint(g, width, height);
    }

    /** The XChart chart. */
    public XYChart chart(int width, int height) {
        XYChart chart = ChartStyle.xyChart(width, height, title, xLabel, yLabel, xScale, yScale);
        ChartStyle.legendBelow(chart);
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        int drawn = 0;
        for (int b = 0; b < bands.size(); b++) {
            Band band = bands.get(b);
            Color c = PALETTE[b % PALETTE.length];
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < band.x().length; i++) {
                if (ok(band.x()[i], xScale) && ok(band.y()[i], yScale) && ok(band.lo()[i], yScale)
                        && ok(band.hi()[i], yScale)) {
                    keep.add(i);
                }
            }
            if (keep.isEmpty()) {
                continue;
            }
            double[][] xy = {pick(band.x(), keep), pick(band.y(), keep)};
            extend(range, xy[0], pick(band.lo(), keep));
            extend(range, xy[0], pick(band.hi(), keep));
            XYSeries s = chart.addSeries(band.name(), xy[0], xy[1]);
            s.setLineColor(c);
            s.setMarkerColor(c);
            s.setMarker(band.markers() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            drawn++;
            double[] px = new double[2 * keep.size()];
            double[] py = new double[2 * keep.size()];
            for (int k = 0; k < keep.size(); k++) {
                int i = keep.get(k);
                px[k] = band.x()[i];
                py[k] = band.hi()[i];
                px[px.length - 1 - k] = band.x()[i];
                py[py.length - 1 - k] = band.lo()[i];
            }
            XYSeries area = chart.addSeries(band.name() + " 95%", px, py);
            area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            area.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
            area.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
            area.setMarker(SeriesMarkers.NONE);
            area.setShowInLegend(false);
        }
        for (LineSeries l : lines) {
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < l.x().length; i++) {
                if (ok(l.x()[i], xScale) && ok(l.y()[i], yScale)) {
                    keep.add(i);
                }
            }
            if (keep.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(l.name(), pick(l.x(), keep), pick(l.y(), keep));
            extend(range, pick(l.x(), keep), pick(l.y(), keep));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.DARK_GRAY);
            s.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                    new float[] {5, 4}, 0));
            drawn++;
        }
        if (drawn == 0) {
            chart.addSeries("(no data)", new double[] {1}, new double[] {1}).setMarker(SeriesMarkers.NONE);
        } else {
            ChartStyle.apply(chart, range[0], range[1], range[2], range[3]);
        }
        return chart;
    }

    /** Widens {@code range} (x min, x max, y min, y max) to hold the points {@code (x[i], y[i])}. */
    private static void extend(double[] range, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            range[0] = Math.min(range[0], x[i]);
            range[1] = Math.max(range[1], x[i]);
            range[2] = Math.min(range[2], y[i]);
            range[3] = Math.max(range[3], y[i]);
        }
    }

    private static boolean ok(double v, AxisScale scale) {
        return Double.isFinite(v) && (scale == AxisScale.LINEAR || v > 0);
    }

    private static double[] pick(double[] v, List<Integer> keep) {
        return keep.stream().mapToDouble(i -> v[i]).toArray();
    }
}
