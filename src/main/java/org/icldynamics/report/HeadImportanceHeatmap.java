package org.icldynamics.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * The head-importance heat-map of a multi-layer model (spec sparse-multilayer.md B.5, Fig. 1c): columns are heads,
 * rows are layers with layer 1 on top, colour is the importance (share of the layer's total risk increase).
 */
public final class HeadImportanceHeatmap {
    private HeadImportanceHeatmap() {
    }

    /**
     * Writes {@code base.png} and {@code base.svg}.
     *
     * @param importance {@code [layers][heads]}, not modified
     */
    public static void write(Path base, String title, double[][] importance) throws IOException {
        int layers = importance.length;
        int heads = importance[0].length;
        List<String> xs = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            xs.add("head " + (h + 1));
        }
        List<String> ys = new ArrayList<>();
        for (int l = layers - 1; l >= 0; l--) { // XChart draws rows bottom-to-top
            ys.add("layer " + (l + 1));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int l = 0; l < layers; l++) { // [layers, heads]
            for (int h = 0; h < heads; h++) {
                cells.add(new Number[] {h, layers - 1 - l, Math.round(importance[l][h] * 100) / 100.0}); // labels: 2 decimals
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(140 + 110 * heads).height(120 + 90 * layers)
                .title(title).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setDecimalPattern("0.00");
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(1);
        chart.getStyler().setRangeColors(new Color[] {new Color(247, 251, 255), new Color(107, 174, 214),
            new Color(8, 48, 107)});
        chart.addSeries("importance", xs, ys, cells);
        FigureFiles.writeChart(base, chart);
    }
}
