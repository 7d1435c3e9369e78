package org.icldynamics.report;

import java.awt.Graphics2D;

/**
 * Anything that draws itself into a rectangle: a chart, a heatmap strip, a grid of panels. The same painting goes to
 * a bitmap (PNG) and to a vector canvas (SVG), see {@link FigureFiles}.
 */
public interface FigurePanel {
    /** Paints into {@code [0, width) x [0, height)} of {@code g} (the caller translates and clips). */
    void paint(Graphics2D g, int width, int height);

    /** The natural size in pixels, {@code {width, height}}. */
    /** The numbers it plots (for {@code NAME.data.csv}), labelled with {@code panel}; empty when it has none. */
    default java.util.List<FigureData.Row> data(String panel) {
        return java.util.List.of();
    }

    default int[] preferredSize() {
        return new int[] {800, 500};
    }
}
