package org.icldynamics.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Renders a {@link FigurePanel} headless to a bitmap or to SVG, and writes {@code base.png} and {@code base.svg}
 * atomically (temporary sibling, then rename). Sets {@code java.awt.headless} so no display is ever needed.
 */
public final class FigureFiles {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private FigureFiles() {
    }

    /** The panel painted on a white {@code width x height} RGB bitmap. */
    public static BufferedImage image(FigurePanel panel, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            panel.paint(g, width, height);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The panel as PNG bytes at its preferred size. */
    public static byte[] png(FigurePanel panel) {
        int[] size = panel.preferredSize();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image(panel, size[0], size[1]), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The panel as an SVG document at its preferred size. */
    public static byte[] svg(FigurePanel panel) {
        int[] size = panel.preferredSize();
        VectorGraphics2D g = new VectorGraphics2D();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size[0], size[1]);
        panel.paint(g, size[0], size[1]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, size[0], size[1])).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes an XChart chart as {@code base.png} and {@code base.svg}, each atomically (temporary, then rename). */
    public static void writeChart(Path base, Chart<?, ?> chart) throws IOException {
        Path dir = base.toAbsolutePath().getParent();
        String name = base.getFileName().toString();
        Path tmp = dir.resolve("." + name + ".tmp");
        BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.move(dir.resolve("." + name + ".tmp.png"), dir.resolve(name + ".png"));
        VectorGraphicsEncoder.saveVectorGraphic(chart, tmp.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        AtomicFiles.move(dir.resolve("." + name + ".tmp.svg"), dir.resolve(name + ".svg"));
    }

    /** Writes {@code base.png}, {@code base.svg} at the panel's preferred size and {@code base.data.csv}. */
    public static void write(Path base, FigurePanel panel) throws IOException {
        String name = base.getFileName().toString();
        java.util.List<FigureData.Row> data = panel.data("");
        if (!data.isEmpty()) {
            FigureData.write(base, data);
        }
        byte[] png = png(panel);
        byte[] svg = svg(panel);
        AtomicFiles.write(base.resolveSibling(name + ".png"), out -> out.write(png));
        AtomicFiles.write(base.resolveSibling(name + ".svg"), out -> out.write(svg));
    }
}
