package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlateauDetectorTest {
    /** Linear paper, D = 4, N = 31: L(M_0..M_4). */
    private static final double[] D4_LEVELS = {1.0, 0.6406, 0.3774, 0.2098, 0.1360};
    private static final double[] D4_DROPS = {1270, 2518, 3871, 6000};

    @Test
    void linearTimeStaircaseGivesFivePlateausWithinHalfPercentAndFourDropsAtTheirCentres() {
        double[] t = CurveFixtures.linspace(0, 10000, 1001);
        double[] loss = CurveFixtures.withNoise(CurveFixtures.staircase(t, D4_LEVELS, D4_DROPS, 40), 0.01, 7);
        PlateauResult r = new PlateauDetector(PlateauSettings.linearTime()).detect(t, loss, D4_LEVELS);
        assertEquals(5, r.plateaus().size(), r.toString());
        assertEquals(4, r.drops().size(), r.toString());
        for (int k = 0; k < 5; k++) {
            assertEquals(D4_LEVELS[k], r.plateaus().get(k).level(), 0.005 * D4_LEVELS[k], "plateau " + k);
            assertEquals(k, r.matches().get(k).plateau());
            assertTrue(r.matches().get(k).relativeError() < 0.005, r.matches().get(k).toString());
        }
        for (int k = 0; k < 4; k++) {
            // sample spacing is 10 steps; noise moves the half-way crossing by a few steps at most
            assertEquals(D4_DROPS[k], r.drops().get(k).time(), 15, "drop " + k);
            assertTrue(r.drops().get(k).time() > r.plateaus().get(k).end());
            assertTrue(r.drops().get(k).time() < r.plateaus().get(k + 1).start());
        }
    }

    @Test
    void logTimeStaircaseOnLogSpacedStepsFindsEveryPlateauAndDrop() {
        double[] t = CurveFixtures.logspace(1, 1e5, 500);
        double[] levels = {1.0, 0.5, 0.2, 0.05};
        double[] centres = {3, 6, 9};
        double[] loss = CurveFixtures.withNoise(
                CurveFixtures.staircase(CurveFixtures.log(t), levels, centres, 0.15), 0.01, 11);
        PlateauResult r = new PlateauDetector(PlateauSettings.logTime()).detect(t, loss, levels);
        assertEquals(4, r.plateaus().size(), r.toString());
        assertEquals(3, r.drops().size(), r.toString());
        for (int k = 0; k < 3; k++) {
            // log-spacing is 0.023 e-folds; allow two spacings
            assertEquals(centres[k], Math.log(r.drops().get(k).time()), 0.05, "drop " + k);
            assertEquals(levels[k], r.drops().get(k).from(), 0.01 * levels[k]);
            assertEquals(levels[k + 1], r.drops().get(k).to(), 0.01 * levels[k + 1]);
        }
        for (PlateauResult.LevelMatch m : r.matches()) {
            assertTrue(m.relativeError() < 0.01, m.toString());
        }
    }

    @Test
    void singleSigmoidDropWithSlowTailGivesExactlyOneDrop() {
        // ATTN_M-like: flat at 0.98, half-way at step 1070, then a slow exponential approach to 0.136
        double[] t = CurveFixtures.linspace(0, 6000, 601);
        double[] loss = CurveFixtures.staircase(t, new double[] {0.98, 0.136}, new double[] {1070}, 40);
        for (int i = 0; i < t.length; i++) {
            if (t[i] > 1070) {
                loss[i] += 0.06 * (1 - Math.exp(-(t[i] - 1070) / 40.0)) * Math.exp(-(t[i] - 1070) / 800);
            }
        }
        CurveFixtures.withNoise(loss, 0.005, 3);
        PlateauResult r = new PlateauDetector(PlateauSettings.linearTime()).detect(t, loss);
        assertEquals(1, r.drops().size(), r.toString());
        assertEquals(2, r.plateaus().size(), r.toString());
        assertEquals(0.98, r.plateaus().get(0).level(), 0.01);
        assertEquals(0.136, r.plateaus().get(1).level(), 0.136 * 0.05);
        // half-way level is the mean of the detected levels, slightly above 0.558 => crossing within a few steps
        assertEquals(1070, r.drops().get(0).time(), 20);
    }

    @Test
    void eightPercentNoiseLikeOneBatchEvaluationsStillGivesEveryPlateauAndDrop() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] t = CurveFixtures.linspace(0, 10000, 1001);
            double[] loss = CurveFixtures.withNoise(CurveFixtures.staircase(t, D4_LEVELS, D4_DROPS, 40), 0.08, seed);
            PlateauResult r = new PlateauDetector(PlateauSettings.linearTime()).detect(t, loss, D4_LEVELS);
            assertEquals(5, r.plateaus().size(), r.toString());
            assertEquals(4, r.drops().size(), r.toString());
            for (int k = 0; k < 5; k++) {
                PlateauResult.Plateau p = r.plateaus().get(k);
                int points = (int) Math.round((p.end() - p.start()) / 10) + 1;
                // standard error of a median of `points` values with 8% relative noise: 1.2533 * 0.08 / sqrt(points)
                double se = 1.2533 * 0.08 * D4_LEVELS[k] / Math.sqrt(points);
                assertEquals(D4_LEVELS[k], p.level(), 4 * se, "seed " + seed + " plateau " + k);
            }
            for (int k = 0; k < 4; k++) {
                assertEquals(D4_DROPS[k], r.drops().get(k).time(), 50, "seed " + seed + " drop " + k); // 5 spacings
            }
            double[] tl = CurveFixtures.logspace(1, 1e5, 500);
            double[] ll = CurveFixtures.withNoise(CurveFixtures.staircase(CurveFixtures.log(tl),
                    new double[] {1.0, 0.5, 0.2, 0.05}, new double[] {3, 6, 9}, 0.15), 0.08, seed);
            PlateauResult rl = new PlateauDetector(PlateauSettings.logTime()).detect(tl, ll);
            assertEquals(4, rl.plateaus().size(), rl.toString());
            assertEquals(3, rl.drops().size(), rl.toString());
            for (int k = 0; k < 3; k++) {
                assertEquals(3.0 * (k + 1), Math.log(rl.drops().get(k).time()), 0.12, "seed " + seed); // 5 spacings
            }
        }
    }

    @Test
    void flatCurveHasOnePlateauAndNoDrop() {
        double[] t = CurveFixtures.logspace(1, 1e4, 200);
        double[] loss = CurveFixtures.withNoise(CurveFixtures.linspace(0.5, 0.5, 200), 0.01, 5);
        PlateauResult r = new PlateauDetector(PlateauSettings.logTime()).detect(t, loss);
        assertEquals(1, r.plateaus().size());
        assertEquals(0, r.drops().size());
    }

    @Test
    void badCurvesAreRejectedWithTheirCause() {
        PlateauDetector det = new PlateauDetector(PlateauSettings.logTime());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> det.detect(new double[] {0, 1, 2}, new double[] {1, 1, 1}));
        assertTrue(e.getMessage().contains("t > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> det.detect(new double[] {1, 3, 2}, new double[] {1, 1, 1}));
        assertTrue(e.getMessage().contains("increasing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> det.detect(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 1}));
        assertTrue(e.getMessage().contains("loss[1]"), e.getMessage());
    }
}
