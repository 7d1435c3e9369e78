package org.icldynamics.report;

/**
 * One curve of a {@link LineFigure}.
 *
 * @param x abscissae, not modified (copied by the figure)
 * @param y ordinates, same length, not modified
 * @param style how the curve is drawn
 */
public record LineSeries(String name, double[] x, double[] y, LineStyle style) {
    public LineSeries {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a series needs a name");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length
                    + " y values");
        }
    }

    /** A solid line. */
    public static LineSeries line(String name, double[] x, double[] y) {
        return new LineSeries(name, x, y, LineStyle.SOLID);
    }

    /** How a curve is drawn. */
    public enum LineStyle { SOLID, DASHED, MARKERS, SOLID_WITH_MARKERS }
}
