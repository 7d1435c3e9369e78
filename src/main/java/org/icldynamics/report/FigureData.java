package org.icldynamics.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The numbers a figure plots, written beside it as {@code NAME.data.csv} so it can be redrawn in other tools. One
 * long table: {@code panel,series,x,y,value}; lines fill x and y, heatmaps x (column), y (row) and value. Numbers are
 * written in shortest round-trip form.
 */
public final class FigureData {
    public static final String HEADER = "panel,series,x,y,value";

    private FigureData() {
    }

    /** One plotted number. */
    public record Row(String panel, String series, double x, double y, double value) {
    }

    /** Every point of every series of {@code chart} (reference lines included, as two points each). */
    public static List<Row> of(String panel, XYChart chart) {
        List<Row> out = new ArrayList<>();
        for (XYSeries s : chart.getSeriesCollection()) {
            if (LegendGroups.isLegendKey(s) || ChartStyle.isTickHelper(s.getName())) {
                continue;
            }
            double[] x = s.getXData();
            double[] y = s.getYData();
            for (int i = 0; i < x.length; i++) {
                out.add(new Row(panel, s.getName(), x[i], y[i], Double.NaN));
            }
        }
        return out;
    }

    public static String render(List<Row> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            sb.append(ChecksCsv.quote(r.panel())).append(',').append(ChecksCsv.quote(r.series())).append(',').append(num(r.x()))
                    .append(',').append(num(r.y())).append(',').append(num(r.value())).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@code base.data.csv}. */
    public static void write(Path base, List<Row> rows) throws IOException {
        AtomicFiles.writeString(base.resolveSibling(base.getFileName() + ".data.csv"), render(rows));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
