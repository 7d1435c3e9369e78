package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.icldynamics.analysis.HeadPattern.SignGroup;
import org.icldynamics.model.HeadCircuit;
import org.junit.jupiter.api.Test;

class PatternMetricsTest {
    private static final double OMEGA = 0.13;
    private static final double A = 0.002;
    private static final double EPS = 0.003;

    private static HeadCircuit positive(double queryLabel) {
        double[] diag = {OMEGA + A, OMEGA - A, OMEGA + A, OMEGA - A, OMEGA};
        return CircuitFixtures.head(0, diag, EPS, 0.001, queryLabel, 1,
                CircuitFixtures.ov(5, 3.45, 0.01, -0.02, 0, 0, 0.01));
    }

    private static List<HeadCircuit> fourHeads() {
        return List.of(positive(0.07),
                CircuitFixtures.head(1, CircuitFixtures.constant(5, -0.125), 0, 0, 0.05, 1,
                        CircuitFixtures.ov(5, -3.40)),
                CircuitFixtures.head(2, CircuitFixtures.constant(5, 0.01), 0.1, 0, 0, 1, CircuitFixtures.ov(5, 0.5)),
                CircuitFixtures.head(3, CircuitFixtures.constant(5, 1e-6), 0, 0, 0, 1, CircuitFixtures.ov(5, 1e-3)));
    }

    @Test
    void omegaIdentityWithKnownOffDiagonalGivesClosedFormMetrics() {
        PatternResult r = new PatternMetrics(PatternSettings.defaults()).measure(fourHeads());
        HeadPattern p = r.heads().get(0);
        double diag2 = 5 * OMEGA * OMEGA + 4 * A * A;
        double all2 = diag2 + 20 * EPS * EPS;
        assertEquals(Math.sqrt(diag2 / all2), p.diagRatio(), 1e-14);
        assertEquals(4 * A * A / 5 / (OMEGA * OMEGA), p.diagVar(), 1e-14);
        assertEquals(3.45 / Math.sqrt(3.45 * 3.45 + 0.0006), p.ovRatio(), 1e-14);
        assertEquals(Math.sqrt(5e-6 / (5e-6 + all2)), p.keyLabelRatio(), 1e-14);
        assertEquals(OMEGA, p.omega(), 1e-15);
        assertEquals(3.45, p.mu(), 0);
        HeadPattern n = r.heads().get(1);
        assertEquals(1.0, n.diagRatio(), 0);
        assertEquals(0.0, n.diagVar(), 0);
        assertEquals(1.0, n.ovRatio(), 0);
    }

    @Test
    void signGroupsDummiesZeroSumAndEtaFollowTheirDefinitions() {
        PatternResult r = new PatternMetrics(PatternSettings.defaults()).measure(7, fourHeads());
        assertEquals(7, r.step());
        assertEquals(SignGroup.POSITIVE, r.heads().get(0).group());
        assertEquals(SignGroup.NEGATIVE, r.heads().get(1).group());
        assertEquals(SignGroup.DUMMY, r.heads().get(2).group()); // off-diagonal dominated: diag_ratio <= 0.7
        assertTrue(r.heads().get(2).diagRatio() <= 0.7);
        assertEquals(SignGroup.DUMMY, r.heads().get(3).group()); // diagonal but tiny contribution
        assertEquals(1.0, r.heads().get(3).diagRatio(), 0);
        assertEquals(2, r.activeHeads());
        double mus = 3.45 - 3.40 + 0.5 + 1e-3;
        double abs = 3.45 + 3.40 + 0.5 + 1e-3;
        assertEquals(mus / abs, r.zeroSumResidual()[0], 1e-15);
        assertEquals(3.45 * OMEGA + 3.40 * 0.125 + 0.5 * 0.01 + 1e-3 * 1e-6, r.eta()[0], 1e-14);
        assertEquals((r.heads().get(0).diagRatio() + 1) / 2, r.meanDiagRatio(), 1e-15);
        assertEquals(r.heads().get(0).diagVar() / 2, r.meanDiagVar(), 1e-15);
        assertEquals(1, r.positive().heads());
        assertEquals(-0.125, r.negative().meanOmega(), 1e-15);
        assertEquals(-3.40, r.negative().sumMu(), 0);
    }

    @Test
    void queryLabelColumnIsIgnored() {
        PatternMetrics pm = new PatternMetrics(PatternSettings.defaults());
        HeadPattern a = pm.measure(List.of(positive(0.07))).heads().get(0);
        HeadPattern b = pm.measure(List.of(positive(-5.0))).heads().get(0);
        assertEquals(a, b);
    }

    @Test
    void mixedSignsAndMultiOutputLabelSlots() {
        // two outputs, D = 4 + 2; the head reads only y_1 for output 0 and y_2 for output 1
        double[] ov = new double[2 * 6];
        ov[4] = 2.0;       // OV[0, d + 0]
        ov[6 + 5] = -1.0;  // OV[1, d + 1]
        ov[6 + 4] = 0.5;   // OV[1, d + 0]: a cross-slot entry, not counted
        HeadCircuit c = CircuitFixtures.head(0, CircuitFixtures.constant(4, 0.2), 0, 0, 0, 2, ov);
        HeadPattern p = new PatternMetrics(PatternSettings.defaults()).measure(List.of(c)).heads().get(0);
        assertEquals(Math.sqrt(5.0 / 5.25), p.ovRatio(), 1e-15);
        assertEquals(2.0, p.mu(), 0);
        assertEquals(SignGroup.POSITIVE, p.group());
        HeadCircuit m = CircuitFixtures.head(0, CircuitFixtures.constant(5, 0.2), 0, 0, 0, 1,
                CircuitFixtures.ov(5, -1.0));
        assertEquals(SignGroup.MIXED, new PatternMetrics(PatternSettings.defaults()).measure(List.of(m))
                .heads().get(0).group());
    }

    @Test
    void trajectoryKeepsSnapshotSteps() {
        List<PatternResult> t = new PatternMetrics(PatternSettings.defaults())
                .trajectory(new long[] {0, 1000}, List.of(fourHeads(), fourHeads().subList(0, 2)));
        assertEquals(1000, t.get(1).step());
        assertEquals(2, t.get(1).heads().size());
    }

    @Test
    void authorsSettingsKeepTinyDiagonalHeadsInTheAverages() {
        PatternResult r = new PatternMetrics(PatternSettings.authors()).measure(fourHeads());
        assertEquals(3, r.activeHeads()); // only the off-diagonal head 2 is filtered
        assertEquals((r.heads().get(0).diagRatio() + 2) / 3, r.meanDiagRatio(), 1e-15);
    }
}
