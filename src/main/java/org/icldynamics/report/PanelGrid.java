package org.icldynamics.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.util.List;

/**
 * Several panels composed into one figure: a grid of {@code columns} columns filled row by row, each cell
 * {@code cellWidth x cellHeight} under its panel title ("(a) ...", like a paper figure). Works for bitmaps and
 * SVG alike since each panel paints itself into its cell.
 */
public record PanelGrid(String title, int columns, int cellWidth, int cellHeight, List<Titled> panels)
        implements FigurePanel {
    private static final int TITLE = 28;
    private static final int PANEL_TITLE = 20;

    /** A panel with its title. */
    public record Titled(String title, FigurePanel panel) {
    }

    public PanelGrid {
        panels = List.copyOf(panels);
        if (columns < 1 || panels.isEmpty()) {
            throw new IllegalArgumentException("a panel grid needs at least one column and one panel");
        }
    }

    public int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    @Override
    public int[] preferredSize() {
        int cols = Math.min(columns, panels.size());
        return new int[] {cols * cellWidth, TITLE + rows() * (cellHeight + PANEL_TITLE)};
    }

    @Override
    public java.util.List<FigureData.Row> data(String panel) {
        java.util.List<FigureData.Row> out = new java.util.ArrayList<>();
        for (Titled t : panels) {
            out.addAll(t.panel().data(t.title()));
        }
        return out;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        int cols = Math.min(columns, panels.size());
        int cw = width / cols;
        int ch = (height - TITLE) / rows() - PANEL_TITLE;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 10, 20);
        for (int i = 0; i < panels.size(); i++) {
            int x = (i % cols) * cw;
            int y = TITLE + (i / cols) * (ch + PANEL_TITLE);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(panels.get(i).title(), x + 10, y + 15);
            AffineTransform saved = g.getTransform();
            Shape clip = g.getClip();
            g.translate(x, y + PANEL_TITLE);
            g.clipRect(0, 0, cw, ch);
            panels.get(i).panel().paint(g, cw, ch);
            g.setTransform(saved);
            g.setClip(clip);
        }
    }
}
