package org.icldynamics.experiment.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icldynamics.experiment.figure.FigurePreset;
import org.icldynamics.report.Check;
import org.icldynamics.report.ChecksCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An {@code icl reproduce} output read back by paper, figure and check, in the presets' order. */
class ReproductionViewTest {
    @TempDir
    Path tmp;

    @Test
    void checksAreGroupedByPaperWithTheirFigureImages() throws Exception {
        FigurePreset first = FigurePreset.all().get(0);
        FigurePreset last = FigurePreset.all().get(FigurePreset.all().size() - 1);
        Files.createDirectories(tmp.resolve(first.id()));
        Files.write(tmp.resolve(first.id()).resolve(first.id() + ".png"), new byte[] {1});
        ChecksCsv.write(tmp.resolve("checks.csv"), List.of(
                Check.within(last.id(), "late claim", 1.0, 1.0, 0.1, "n"),
                Check.within(first.id(), "a claim", 0.5, 0.6, 0.05, ""),
                Check.atMost("not-a-preset", "stray", 2, 1, "")));
        List<ReproductionView.PaperSection> papers = ReproductionView.read("0/out", tmp);
        assertEquals(first.paper().citation(), papers.get(0).paper());
        ReproductionView.Figure f = papers.get(0).figures().get(0);
        assertEquals(first.id(), f.name());
        assertEquals("0/out/" + first.id() + "/" + first.id() + ".png", f.image());
        assertEquals("fail", f.checks().get(0).verdict(), "|0.5 - 0.6| > 0.05");
        ReproductionView.PaperSection other = papers.get(papers.size() - 1);
        assertEquals("other", other.paper());
        assertEquals("stray", other.figures().get(0).checks().get(0).claim());
        long figures = papers.stream().mapToLong(p -> p.figures().size()).sum();
        assertEquals(3, figures, "first, last and the stray figure");
    }
}
