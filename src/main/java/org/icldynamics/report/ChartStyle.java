package org.icldynamics.report;

import java.awt.Color;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The house style of line figures: the Okabe-Ito palette (distinguishable with the common colour-vision
 * deficiencies), log axes labelled so values can be read (every tick within about a decade, 1-2-5 per decade up to
 * four decades, decades beyond) and linear axes bounded at round numbers so ticks fall on round steps.
 */
public final class ChartStyle {
    /** Okabe and Ito (2008), black last. */
    public static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
        new Color(0xD55E00), new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442), Color.BLACK};

    private ChartStyle() {
    }

    /** An empty line chart of the house style: white, markers of size 5, four decimals, the axes' scales. */
    public static XYChart xyChart(int width, int height, String title, String xLabel, String yLabel, AxisScale xScale,
                                  AxisScale yScale) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setXAxisLogarithmic(xScale == AxisScale.LOG);
        chart.getStyler().setYAxisLogarithmic(yScale == AxisScale.LOG);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDecimalPattern("#.####");
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    /** Puts the legend below the plot, one entry a line: long labels fit whole and the plot keeps the full width. */
    public static void legendBelow(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
    }

    /**
     * Applies palette and axes to {@code chart} for data spanning {@code [xMin, xMax] x [yMin, yMax]} (finite,
     * positive on log axes).
     */
    public static void apply(XYChart chart, double xMin, double xMax, double yMin, double yMax) {
        XYStyler s = chart.getStyler();
        s.setSeriesColors(PALETTE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xDDDDDD));
        if (!(xMin <= xMax) || !(yMin <= yMax)) {
            return;
        }
        if (s.isXAxisLogarithmic()) {
            s.setXAxisLogarithmicDecadeOnly(false);
            s.setXAxisTickLabelsFormattingFunction(logLabels(xMin, xMax));
        } else {
            double[] b = roundBounds(xMin, xMax);
            s.setXAxisMin(b[0]);
            s.setXAxisMax(b[1]);
            breakEqualSpacing(chart, b[0], b[1], yMin);
        }
        if (s.isYAxisLogarithmic()) {
            s.setYAxisLogarithmicDecadeOnly(false);
            s.setYAxisTickLabelsFormattingFunction(logLabels(yMin, yMax));
        } else {
            double[] b = roundBounds(yMin, yMax);
            s.setYAxisMin(b[0]);
            s.setYAxisMax(b[1]);
            double big = Math.max(Math.abs(b[0]), Math.abs(b[1]));
            if (big >= 1e5 || big < 1e-3) { // plain decimals would print dozens of digits (and hang XChart's ticks)
                s.setDecimalPattern("0.##E0");
            }
        }
    }

    /**
     * XChart puts the ticks of a linear x axis on every k-th data point when all x values are equally spaced (one
     * metrics row every {@code logEvery} steps), giving ticks at 0, 2900, 5800, ... whose labels run together; one
     * invisible point off that grid makes it choose round 1-2-5 steps like any other axis.
     */
    static final String TICK_HELPER = "\u200b";

    /** Whether {@code seriesName} is the invisible tick helper (no data of the figure: writers skip it). */
    public static boolean isTickHelper(String seriesName) {
        return TICK_HELPER.equals(seriesName);
    }

    private static void breakEqualSpacing(XYChart chart, double lo, double hi, double y) {
        if (hi <= lo || chart.getSeries(TICK_HELPER) != null) {
            return;
        }
        double x = lo + (hi - lo) * (Math.sqrt(2) - 1); // irrational fraction: never on a grid of logged steps
        XYSeries p = chart.addSeries(TICK_HELPER, new double[] {x}, new double[] {y});
        p.setMarker(SeriesMarkers.NONE);
        p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        p.setShowInLegend(false);
    }

    /** Bounds containing {@code [lo, hi]} at multiples of a 1-2-5 step giving about five intervals. */
    static double[] roundBounds(double lo, double hi) {
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = niceStep((hi - lo) / 5);
        double a = Math.floor(lo / step + 1e-9) * step;
        double b = Math.ceil(hi / step - 1e-9) * step;
        return new double[] {a, b};
    }

    /** The 1-2-5 number nearest above {@code raw} (> 0). */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    /**
     * Labels for the ticks of a log axis over {@code [lo, hi]}: which mantissas get a label depends on the decades
     * spanned; the others stay unlabelled ticks.
     */
    static Function<Double, String> logLabels(double lo, double hi) {
        double decades = Math.log10(hi / lo);
        int every = decades > 12 ? (int) Math.ceil(decades / 8) : 1;
        return v -> {
            double e = Math.floor(Math.log10(v) + 1e-9);
            long m = Math.round(v / Math.pow(10, e));
            boolean exact = Math.abs(v / Math.pow(10, e) - m) < 1e-6;
            boolean label = exact && (decades <= 1.3 || (decades <= 4 ? (m == 1 || m == 2 || m == 5)
                    : m == 1 && ((long) e) % every == 0));
            return label ? number(v) : " ";
        };
    }

    /** A value in a legend: four significant digits. */
    public static String number4(double v) {
        double a = Math.abs(v);
        if (Double.isFinite(v) && (a == 0 || (a >= 1e-3 && a < 1e5))) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** A tick label: plain for 1e-3 to 1e5, otherwise as 1e-07 style; at most three significant digits. */
    static String number(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            String s = String.format(Locale.ROOT, "%.2e", v);
            String mant = s.substring(0, s.indexOf('e')).replaceAll("\\.?0+$", "");
            int exp = Integer.parseInt(s.substring(s.indexOf('e') + 1));
            return mant + "e" + exp;
        }
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        return s;
    }
}
