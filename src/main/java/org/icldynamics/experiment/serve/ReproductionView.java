package org.icldynamics.experiment.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icldynamics.experiment.figure.FigurePreset;
import org.icldynamics.report.Check;
import org.icldynamics.report.ChecksCsv;

/**
 * An {@code icl reproduce} output directory by paper: each figure preset with its image ({@code NAME/NAME.png}) and
 * its checks (measured, expected, tolerance, verdict, note), in the report's order.
 */
public final class ReproductionView {
    private ReproductionView() {
    }

    /** One figure: its preset name, what it shows, its image's name for URLs (null when absent) and its checks. */
    public record Figure(String name, String shows, String image, List<Row> checks) {
    }

    /** One check as a row. */
    public record Row(String claim, double measured, double expected, double tolerance, String comparison,
                      String verdict, String note) {
    }

    /** The figures of one paper. */
    public record PaperSection(String paper, List<Figure> figures) {
    }

    public static List<PaperSection> read(String id, Path dir) throws IOException {
        Map<String, List<Row>> checks = new LinkedHashMap<>();
        for (Check c : ChecksCsv.read(dir.resolve("checks.csv"))) {
            checks.computeIfAbsent(c.figure(), f -> new ArrayList<>()).add(new Row(c.claim(), c.measured(),
                    c.expected(), c.tolerance(), c.comparison().name().toLowerCase(java.util.Locale.ROOT),
                    c.verdict().name().toLowerCase(java.util.Locale.ROOT), c.note()));
        }
        Map<String, List<Figure>> papers = new LinkedHashMap<>();
        for (FigurePreset p : FigurePreset.all()) {
            List<Row> rows = checks.remove(p.id());
            String image = Files.isRegularFile(dir.resolve(p.id()).resolve(p.id() + ".png"))
                    ? id + "/" + p.id() + "/" + p.id() + ".png" : null;
            if (rows != null || image != null) {
                papers.computeIfAbsent(p.paper().citation(), k -> new ArrayList<>())
                        .add(new Figure(p.id(), p.shows(), image, rows == null ? List.of() : rows));
            }
        }
        checks.forEach((figure, rows) -> papers.computeIfAbsent("other", k -> new ArrayList<>())
                .add(new Figure(figure, "", null, rows)));
        List<PaperSection> out = new ArrayList<>();
        papers.forEach((paper, figures) -> out.add(new PaperSection(paper, figures)));
        return out;
    }
}
