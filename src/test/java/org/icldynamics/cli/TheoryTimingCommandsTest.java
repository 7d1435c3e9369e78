package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timing subcommands of {@code icl theory} against the spec's hand-computed numbers (linear-attention A.4 items
 * 5, 6) and against each other; bad input exits 2 with one line.
 */
class TheoryTimingCommandsTest {
    @TempDir
    Path tmp;

    private static Map<String, Double> quantities(String out) {
        Map<String, Double> m = new HashMap<>();
        for (String line : out.strip().split("\\R")) {
            String[] p = line.split(",");
            if (!p[0].equals("quantity")) {
                m.put(p[0], Double.parseDouble(p[1]));
            }
        }
        return m;
    }

    @Test
    void mergedEscapeGivesTheSpecsSAlphaAndDropStepsForBothCovariances() {
        // default Lambda (eigenvalues 0.4..0.1): s = 5.83, alpha about 56.7, about 1040 steps at u0 = 3e-12
        Map<String, Double> q = quantities(CliRunner.runReal("theory", "merged-escape", "--u0", "3e-12").out());
        assertEquals(5.83, q.get("s"), 0.005);
        assertEquals(56.7, q.get("alpha"), 0.05);
        assertEquals(1040, q.get("escape_step_formula"), 0.01 * 1040);
        assertEquals(0.13600, q.get("minimum_loss"), 1e-5);
        // the exact flow from the aligned init crosses the loss half-way within the spec's +-15% of the formula
        assertEquals(1, q.get("halfway_step_flow") / q.get("escape_step_formula"), 0.15);
        // white Lambda = I/4: s = 3.875, alpha = 17.44, about 1610 steps; eq. 10's own half-way equals the formula
        Map<String, Double> w = quantities(CliRunner.runReal("theory", "merged-escape", "--spectrum", "WHITE",
                "--u0", "3e-12").out());
        assertEquals(3.875, w.get("s"), 1e-5);
        assertEquals(1610, w.get("escape_step_formula"), 0.01 * 1610);
        assertEquals(w.get("escape_step_formula"), w.get("halfway_step_eq10_product"), 1e-3);
        assertEquals(0.1389, w.get("minimum_loss"), 1e-4);
    }

    @Test
    void mergedCourseForWhiteCovarianceAgreesWithEquation10OnEveryRow() {
        CliRunner r = CliRunner.runReal("theory", "merged-course", "--spectrum", "WHITE", "--u0", "3e-12",
                "--points", "31", "--steps", "3000");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertEquals("step,loss_flow,sigma_c_eq10,loss_eq10", lines[0]);
        assertEquals(32, lines.length);
        for (int i = 1; i < lines.length; i++) {
            String[] p = lines[i].split(",");
            double flow = Double.parseDouble(p[1]);
            assertEquals(Double.parseDouble(p[3]), flow, 1e-5 * flow, lines[i]); // 6 printed digits
        }
    }

    @Test
    void stagesShiftByLn10PerDecadeOfInitScale() {
        Map<String, Double> a = quantities(CliRunner.runReal("theory", "stages", "--init", "1e-3").out());
        Map<String, Double> b = quantities(CliRunner.runReal("theory", "stages", "--init", "1e-4").out());
        assertEquals(Math.log(10), b.get("warm_up_end") - a.get("warm_up_end"), 0.01);
        assertEquals(Math.log(10), b.get("emergence_end") - a.get("emergence_end"), 0.01);
        assertEquals(0.1105, a.get("final_half_loss"), 5e-4); // spec A.4.5: Ltilde/2 -> 0.1104 (0.11084 at t = 1000)
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        CliRunner r = CliRunner.runReal("theory", "merged-escape", "--eigenvalues", "0.5,-1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("eigenvalues must be > 0"), r.err());
        CliRunner e = CliRunner.runReal("theory", "escape", tmp.toString());
        assertEquals(2, e.exit());
        assertEquals(1, e.err().strip().split("\\R").length, e.err());
    }
}
