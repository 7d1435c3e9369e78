package org.icldynamics.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Legends that stay readable with many curves: when a figure has more than {@link #MAX_ENTRIES} curves and every
 * name says which head (else which task) it belongs to, curves of one head share a colour and the legend lists the
 * heads (one entry each) instead of every curve; line styles keep telling the curves of a head apart.
 */
public final class LegendGroups {
    public static final int MAX_ENTRIES = 8;
    private static final List<Pattern> GROUPS = List.of(Pattern.compile("\\bhead (\\d+)\\b"),
            Pattern.compile("\\btask (\\d+)\\b"));

    private LegendGroups() {
    }

    /** True for the one-point legend entries {@link #apply} adds (they plot nothing). */
    static boolean isLegendKey(XYSeries s) {
        return s.getXData().length == 1 && s.getName().matches("(head|task) \\d+");
    }

    /** Groups the legend of {@code chart} whose data curves are {@code series} (reference lines stay listed). */
    public static void apply(XYChart chart, List<LineSeries> series) {
        List<XYSeries> drawn = series.stream().map(s -> chart.getSeries(s.name())).filter(s -> s != null).toList();
        if (drawn.size() <= MAX_ENTRIES) {
            return;
        }
        for (Pattern p : GROUPS) {
            Map<String, Integer> groups = new LinkedHashMap<>();
            boolean all = true;
            for (XYSeries s : drawn) {
                Matcher m = p.matcher(s.getName());
                if (!m.find()) {
                    all = false;
                    break;
                }
                groups.putIfAbsent(m.group(0), groups.size());
            }
            if (!all || groups.size() > MAX_ENTRIES) {
                continue;
            }
            Map<String, double[]> firstPoint = new LinkedHashMap<>();
            for (XYSeries s : drawn) {
                Matcher m = p.matcher(s.getName());
                m.find();
                int g = groups.get(m.group(0));
                s.setLineColor(ChartStyle.PALETTE[g]);
                s.setMarkerColor(ChartStyle.PALETTE[g]);
                s.setShowInLegend(false);
                firstPoint.putIfAbsent(m.group(0), new double[] {s.getXData()[0], s.getYData()[0]});
            }
            firstPoint.forEach((name, xy) -> {
                XYSeries key = chart.addSeries(name, new double[] {xy[0]}, new double[] {xy[1]});
                key.setLineColor(ChartStyle.PALETTE[groups.get(name)]);
                key.setMarker(SeriesMarkers.NONE);
            });
            return;
        }
    }
}
