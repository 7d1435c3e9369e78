package org.icldynamics.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureKitTest {
    @TempDir
    Path tmp;

    @Test
    void decimationKeepsEndpointsExtremesAndAtMostMaxPoints() {
        int n = 100_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i * 0.001);
        }
        y[54_321] = 7; // a spike must survive
        y[12_345] = -7;
        double[][] d = Decimation.apply(x, y, 500, AxisScale.LINEAR, AxisScale.LINEAR);
        assertTrue(d[0].length <= 500, "kept " + d[0].length);
        assertEquals(0, d[0][0]);
        assertEquals(n - 1, d[0][d[0].length - 1]);
        assertTrue(java.util.Arrays.stream(d[1]).anyMatch(v -> v == 7));
        assertTrue(java.util.Arrays.stream(d[1]).anyMatch(v -> v == -7));
        for (int i = 1; i < d[0].length; i++) {
            assertTrue(d[0][i] > d[0][i - 1], "order is kept");
        }
    }

    @Test
    void decimationDropsPointsALogAxisCannotShow() {
        double[][] d = Decimation.apply(new double[] {0, 1, 2, 3}, new double[] {1, -1, Double.NaN, 2}, 100,
                AxisScale.LOG, AxisScale.LOG);
        assertArrayEquals(new double[] {3}, d[0]);
        assertArrayEquals(new double[] {2}, d[1]);
    }

    @Test
    void divergingScaleIsWhiteAtZeroAndSymmetricInDistanceFromWhite() {
        assertEquals(Color.WHITE, HeatmapStrip.colour(0, 1));
        Color p = HeatmapStrip.colour(0.5, 1);
        Color m = HeatmapStrip.colour(-0.5, 1);
        int dp = (255 - p.getRed()) + (255 - p.getGreen()) + (255 - p.getBlue());
        int dm = (255 - m.getRed()) + (255 - m.getGreen()) + (255 - m.getBlue());
        assertTrue(p.getRed() > p.getBlue() && m.getBlue() > m.getRed(), "red positive, blue negative");
        assertTrue(Math.abs(HeatmapStrip.colour(2, 1).getRGB() - HeatmapStrip.colour(1, 1).getRGB()) == 0,
                "clipped beyond the limit");
        assertTrue(dp > 0 && dm > 0);
    }

    @Test
    void heatmapDrawsRowZeroAtTheTop() {
        HeatmapStrip strip = new HeatmapStrip("t", List.of(new HeatmapStrip.Matrix("m", 2, 1, new double[] {1, -1})),
                0, 0, 0, "0.00");
        assertEquals(1.0, strip.scale());
        BufferedImage img = FigureFiles.image(strip, 300, 300);
        Color top = null;
        Color bottom = null;
        for (int y = 0; y < 300; y++) { // scan the first matrix column (x just inside the left gap)
            Color c = new Color(img.getRGB(30, y));
            if (c.getRed() > 120 && c.getBlue() < 60 && top == null) {
                top = c;
            }
            if (c.getBlue() > 60 && c.getRed() < 40 && top != null) {
                bottom = c;
                break;
            }
        }
        assertTrue(top != null && bottom != null, "the positive (red) row comes before the negative (blue) one");
    }

    @Test
    void panelGridPaintsEachPanelInItsOwnCell() {
        FigurePanel red = (g, w, h) -> {
            g.setColor(Color.RED);
            g.fillRect(0, 0, w, h);
        };
        FigurePanel blue = (g, w, h) -> {
            g.setColor(Color.BLUE);
            g.fillRect(0, 0, w, h);
        };
        PanelGrid grid = new PanelGrid("grid", 2, 100, 80, List.of(new PanelGrid.Titled("(a)", red),
                new PanelGrid.Titled("(b)", blue), new PanelGrid.Titled("(c)", blue)));
        assertArrayEquals(new int[] {200, 28 + 2 * 100}, grid.preferredSize());
        BufferedImage img = FigureFiles.image(grid, 200, 228);
        assertEquals(Color.RED.getRGB(), img.getRGB(50, 28 + 20 + 40));
        assertEquals(Color.BLUE.getRGB(), img.getRGB(150, 28 + 20 + 40));
        assertEquals(Color.BLUE.getRGB(), img.getRGB(50, 128 + 20 + 40));
        assertEquals(Color.WHITE.getRGB(), img.getRGB(150, 128 + 20 + 40), "no fourth panel");
    }

    @Test
    void lineBarAndGridFiguresWritePngAndSvg() throws Exception {
        double[] x = {1, 10, 100, 1000};
        LineFigure line = new LineFigure("loss", "step", "loss", AxisScale.LOG, AxisScale.LOG,
                List.of(LineSeries.line("train", x, new double[] {1, 0.9, 0.2, 0.14}),
                        new LineSeries("theory", x, new double[] {1, 0.8, 0.3, 0.136}, LineSeries.LineStyle.DASHED)),
                List.of(new ReferenceLine("L*", 0.136)));
        BarFigure bars = new BarFigure("metrics", "heads", "ratio", AxisScale.LINEAR, List.of("1", "2"),
                List.of(new BarFigure.Bars("diag", new double[] {0.9, 0.99})));
        PanelGrid grid = new PanelGrid("both", 2, 400, 300,
                List.of(new PanelGrid.Titled("(a)", line), new PanelGrid.Titled("(b)", bars)));
        FigureFiles.write(tmp.resolve("fig"), grid);
        byte[] png = Files.readAllBytes(tmp.resolve("fig.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        String svg = Files.readString(tmp.resolve("fig.svg"), StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg"), "an SVG document");
        assertTrue(svg.length() < 2_000_000, "decimated: " + svg.length() + " bytes");
    }
}
