package org.icldynamics.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** A plain line figure of named series over one x axis (probe risk by depth, excess risk by context length). */
public final class SeriesFigure {
    /** One named curve; {@code x} and {@code y} have equal length and are not modified. */
    public record Series(String name, double[] x, double[] y) {
    }

    private SeriesFigure() {
    }

    /** Writes {@code base.png} and {@code base.svg}; non-finite or (on a log axis) non-positive points are dropped. */
    public static void write(Path base, String title, String xTitle, String yTitle, AxisScale yAxis,
                             List<Series> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setYAxisLogarithmic(yAxis == AxisScale.LOG);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDecimalPattern("#.####");
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (Series s : series) {
            int k = 0;
            for (int i = 0; i < s.y().length; i++) {
                if (keep(s.y()[i], yAxis)) {
                    k++;
                }
            }
            if (k == 0) {
                continue;
            }
            double[] x = new double[k];
            double[] y = new double[k];
            k = 0;
            for (int i = 0; i < s.y().length; i++) {
                if (keep(s.y()[i], yAxis)) {
                    x[k] = s.x()[i];
                    y[k++] = s.y()[i];
                    range[0] = Math.min(range[0], s.x()[i]);
                    range[1] = Math.max(range[1], s.x()[i]);
                    range[2] = Math.min(range[2], s.y()[i]);
                    range[3] = Math.max(range[3], s.y()[i]);
                }
            }
            chart.addSeries(s.name(), x, y);
        }
        ChartStyle.apply(chart, range[0], range[1], range[2], range[3]);
        FigureData.write(base, FigureData.of(title, chart));
        FigureFiles.writeChart(base, chart);
    }

    private static boolean keep(double v, AxisScale yAxis) {
        return Double.isFinite(v) && (yAxis == AxisScale.LINEAR || v > 0);
    }
}
