package org.icldynamics.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/**
 * Several matrices side by side on one symmetric diverging colour scale centred at 0 (blue negative, white 0, red
 * positive), rows drawn top to bottom (row 0 at the top, as a matrix is written), dashed separators after row
 * {@code rowSplit - 1} and column {@code colSplit - 1} (e.g. between the x-block and the label slot of a KQ
 * circuit), and a colour bar whose ticks use {@code decimalPattern}.
 *
 * @param limit colour-scale half-range; 0 or NaN = the largest |entry| over all matrices
 * @param rowSplit rows before the horizontal separator (0 = none)
 * @param colSplit columns before the vertical separator (0 = none)
 */
public record HeatmapStrip(String title, List<Matrix> matrices, double limit, int rowSplit, int colSplit,
                           String decimalPattern) implements FigurePanel {
    private static final Color NEGATIVE = new Color(0x0D, 0x27, 0x58);
    private static final Color POSITIVE = new Color(0xA3, 0x20, 0x15);

    /**
     * One matrix.
     *
     * @param values row-major {@code [rows, cols]}, not modified
     */
    public record Matrix(String title, int rows, int cols, double[] values) {
        public Matrix {
            if (rows <= 0 || cols <= 0 || values.length != rows * cols) {
                throw new IllegalArgumentException("matrix '" + title + "': " + values.length
                        + " values do not fill " + rows + " x " + cols);
            }
        }

        public double at(int r, int c) {
            return values[r * cols + c];
        }
    }

    public HeatmapStrip {
        matrices = List.copyOf(matrices);
        if (matrices.isEmpty()) {
            throw new IllegalArgumentException("a heatmap strip needs at least one matrix");
        }
    }

    /** The half-range of the colour scale actually used. */
    public double scale() {
        if (limit > 0) {
            return limit;
        }
        double m = 0;
        for (Matrix x : matrices) {
            for (double v : x.values()) {
                if (Double.isFinite(v)) {
                    m = Math.max(m, Math.abs(v));
                }
            }
        }
        return m > 0 ? m : 1;
    }

    /** The colour of {@code v} on the symmetric scale {@code [-scale, scale]} (clipped; NaN is grey). */
    public static Color colour(double v, double scale) {
        if (!Double.isFinite(v)) {
            return Color.LIGHT_GRAY;
        }
        double t = Math.max(-1, Math.min(1, v / scale));
        Color end = t < 0 ? NEGATIVE : POSITIVE;
        double a = Math.abs(t);
        return new Color((int) Math.round(255 + a * (end.getRed() - 255)),
                (int) Math.round(255 + a * (end.getGreen() - 255)), (int) Math.round(255 + a * (end.getBlue() - 255)));
    }

    @Override
    public int[] preferredSize() {
        int cols = 0;
        int rows = 0;
        for (Matrix m : matrices) {
            cols += m.cols();
            rows = Math.max(rows, m.rows());
        }
        int cell = Math.max(14, Math.min(40, 700 / Math.max(1, cols)));
        return new int[] {Math.max(360, cols * cell + matrices.size() * 24 + 130), Math.max(220, rows * cell + 110)};
    }

    @Override
    public List<FigureData.Row> data(String panel) {
        List<FigureData.Row> out = new java.util.ArrayList<>();
        for (Matrix m : matrices) {
            for (int r = 0; r < m.rows(); r++) {
                for (int c = 0; c < m.cols(); c++) {
                    out.add(new FigureData.Row(panel.isEmpty() ? title : panel, m.title(), c, r,
                            m.values()[r * m.cols() + c]));
                }
            }
        }
        return out;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        double scale = scale();
        DecimalFormat fmt = new DecimalFormat(decimalPattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int top = 30 + fm.getHeight();
        int legendWidth = 90;
        int gap = 24;
        int totalCols = 0;
        int maxRows = 0;
        for (Matrix m : matrices) {
            totalCols += m.cols();
            maxRows = Math.max(maxRows, m.rows());
        }
        double cell = Math.min((width - legendWidth - gap * (matrices.size() + 1)) / (double) totalCols,
                (height - top - 20) / (double) maxRows);
        cell = Math.max(2, cell);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, gap, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double x0 = gap;
        for (Matrix m : matrices) {
            g.setColor(Color.BLACK);
            g.drawString(m.title(), (float) x0, top - 6);
            for (int r = 0; r < m.rows(); r++) { // row 0 at the top
                for (int c = 0; c < m.cols(); c++) {
                    g.setColor(colour(m.at(r, c), scale));
                    g.fill(new java.awt.geom.Rectangle2D.Double(x0 + c * cell, top + r * cell, cell + 0.5, cell + 0.5));
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.draw(new java.awt.geom.Rectangle2D.Double(x0, top, m.cols() * cell, m.rows() * cell));
            g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 3}, 0));
            if (rowSplit > 0 && rowSplit < m.rows()) {
                g.draw(new java.awt.geom.Line2D.Double(x0, top + rowSplit * cell, x0 + m.cols() * cell,
                        top + rowSplit * cell));
            }
            if (colSplit > 0 && colSplit < m.cols()) {
                g.draw(new java.awt.geom.Line2D.Double(x0 + colSplit * cell, top, x0 + colSplit * cell,
                        top + m.rows() * cell));
            }
            x0 += m.cols() * cell + gap;
        }
        paintLegend(g, fmt, scale, (int) x0, top, (int) Math.max(60, maxRows * cell));
    }

    private static void paintLegend(Graphics2D g, DecimalFormat fmt, double scale, int x, int top, int h) {
        int w = 14;
        for (int i = 0; i < h; i++) {
            g.setColor(colour(scale * (1 - 2.0 * i / (h - 1)), scale));
            g.fillRect(x, top + i, w, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, top, w, h);
        FontMetrics fm = g.getFontMetrics();
        double[] ticks = {scale, scale / 2, 0, -scale / 2, -scale};
        for (int i = 0; i < ticks.length; i++) {
            int y = top + (int) Math.round(i * (h / 4.0));
            g.drawLine(x + w, y, x + w + 3, y);
            g.drawString(fmt.format(ticks[i]), x + w + 6, y + fm.getAscent() / 2);
        }
    }
}
