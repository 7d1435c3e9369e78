package org.icldynamics.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Grouped bars on XChart: one group per category (e.g. number of heads), one bar per series in each group.
 *
 * @param categories the group labels, in order
 * @param series the bar series; each holds one value per category
 */
public record BarFigure(String title, String xLabel, String yLabel, AxisScale yScale, List<String> categories,
                        List<Bars> series) implements FigurePanel {
    /**
     * One bar series.
     *
     * @param values one per category, not modified
     */
    public record Bars(String name, double[] values) {
    }

    public BarFigure {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        for (Bars b : series) {
            if (b.values().length != categories.size()) {
                throw new IllegalArgumentException("bar series '" + b.name() + "' has " + b.values().length
                        + " values for " + categories.size() + " categories");
            }
        }
    }

    public CategoryChart chart(int width, int height) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setYAxisLogarithmic(yScale == AxisScale.LOG);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDecimalPattern("#.####");
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setSeriesColors(ChartStyle.PALETTE);
        for (Bars b : series) {
            List<Double> v = new java.util.ArrayList<>();
            for (double x : b.values()) {
                v.add(Double.isFinite(x) ? x : 0.0);
            }
            chart.addSeries(b.name(), categories, v);
        }
        return chart;
    }

    @Override
    public List<FigureData.Row> data(String panel) {
        List<FigureData.Row> out = new java.util.ArrayList<>();
        for (Bars b : series) {
            for (int i = 0; i < b.values().length && i < categories.size(); i++) {
                out.add(new FigureData.Row(panel.isEmpty() ? title : panel, b.name() + ": " + categories.get(i), i,
                        b.values()[i], Double.NaN));
            }
        }
        return out;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        chart(width, height).paint(g, width, height);
    }
}
