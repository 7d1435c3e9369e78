package org.icldynamics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksAndReportTest {
    @TempDir
    Path tmp;

    @Test
    void verdictsFollowTheComparisonAndNaNNeverPasses() {
        assertTrue(Check.within("f", "c", 0.137, 0.136, 0.002, "").passed());
        assertFalse(Check.within("f", "c", 0.139, 0.136, 0.002, "").passed());
        assertFalse(Check.within("f", "c", Double.NaN, 0.136, 1, "").passed());
        assertTrue(Check.atMost("f", "c", 0.5, 0.5, "").passed());
        assertFalse(Check.atLeast("f", "c", 0.4, 0.5, "").passed());
        assertEquals(Check.Verdict.EXPLAINED, Check.atLeast("f", "c", 0.4, 0.5,
                "explained: the code adds 0.1 [table: docs/x.md, section \"y\"]").verdict());
        assertEquals(Check.Verdict.FAIL, Check.atLeast("f", "c", 0.4, 0.5, "explained: but no table named")
                .verdict(), "an explanation without its docs/ table is a failure");
        assertEquals(Check.Verdict.FAIL, Check.atLeast("f", "c", 0.4, 0.5, "no reason").verdict());
    }

    @Test
    void anExplanationAppliesOnlyToAFailingCheck() {
        Check ok = Check.atMost("f", "c", 0.1, 0.2, "bound");
        assertEquals(ok, ok.explainedIfFailing("short training", "docs/a.md"));
        Check bad = Check.atMost("f", "c", 0.3, 0.2, "bound").explainedIfFailing("short training", "docs/a.md");
        assertEquals(Check.Verdict.EXPLAINED, bad.verdict());
        assertEquals("explained: short training [table: docs/a.md]. bound", bad.note());
        assertEquals("docs/a.md", bad.table());
        assertThrows(IllegalArgumentException.class, () -> bad.explainedIfFailing("why", "somewhere else"));
    }

    @Test
    void checksCsvRoundTripsDoublesAndQuotedText() throws Exception {
        List<Check> checks = List.of(
                Check.within("fig-1", "plateau at L(M_1), \"one\" drop", 0.1 + 0.2, 1.0 / 3, 1e-3, "a, b\nc"),
                Check.atMost("fig-1", "final loss", Math.PI, 4, ""));
        ChecksCsv.write(tmp.resolve("checks.csv"), checks);
        assertEquals(checks, ChecksCsv.read(tmp.resolve("checks.csv")));
    }

    @Test
    void htmlReportIsSelfContainedWithFiguresClaimsAndTimes() {
        Check ok = Check.within("fig-a", "plateau height", 0.64, 0.641, 0.01, "theory");
        Check bad = Check.atLeast("fig-b", "ratio <b>", 0.1, 0.5, "");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        String html = HtmlReport.render("Reproduction", List.of(
                new ReportEntry("fig-a", "Zhang et al. 2025", "loss", "icl figure fig-a", png, List.of(ok), 90, ""),
                new ReportEntry("fig-b", "He et al. 2025", "heads", "icl figure fig-b", new byte[0], List.of(bad),
                        30, "boom")), 120, "2 cores", java.util.List.of("Chen et al.: not merged yet"));
        assertTrue(html.contains("data:image/png;base64,iVBORw=="), "figure embedded");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("http:") || html.contains("https:") || html.contains("src=\"/"),
                "nothing from the network");
        assertTrue(html.contains("<h3>Zhang et al. 2025</h3>") && html.contains("<h3>He et al. 2025</h3>"));
        assertTrue(html.contains("ratio &lt;b&gt;"), "text is escaped");
        assertTrue(html.contains("1 pass, 0 explained, 1 fail"));
        assertTrue(html.contains("<td class=\"num\">1 / 0 / 0</td>"), "per figure: pass / explained / fail");
        assertTrue(html.contains("2.00 min"), "total time in minutes");
        assertTrue(html.contains("no figure: boom"));
        assertTrue(html.contains("<h2>Not reproduced yet</h2>") && html.contains("Chen et al.: not merged yet"));
    }
}
