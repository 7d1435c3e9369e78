package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.estimator.BayesEstimator;
import org.icldynamics.estimator.DebiasedGdEstimator;
import org.icldynamics.estimator.GradientDescentEstimator;
import org.icldynamics.estimator.SoftmaxStructuredEstimator;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.theory.OneStepGdRisk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** softmax-multihead F-A5: estimators tuned at L = 40, evaluated at other lengths on fresh prompts. */
class LengthSweepTest {
    private static final int D = 5;
    private static final double S2 = 0.1;

    private static LinearRegressionTask task(int n) {
        return new LinearRegressionTask(n, Covariance.isotropic(D, 1), 1.0 / D, S2, S2);
    }

    private static List<Predictor> fa5Estimators() {
        return List.of(SoftmaxStructuredEstimator.symmetricPair(0.13, 3.45), SoftmaxStructuredEstimator.singleHead(D, S2, 40),
                new GradientDescentEstimator(1, 0.897), new DebiasedGdEstimator(0.897), BayesEstimator.of(task(40)));
    }

    // rows of F-A5: L, multi-head, single-head, GD, DGD, Bayes
    private static final double[][] FA5 = {
        {10, 0.6039, 0.8754, 0.6434, 0.6140, 0.1938}, {20, 0.3675, 0.5859, 0.3709, 0.3692, 0.1346},
        {30, 0.2864, 0.4711, 0.2849, 0.2867, 0.1215}, {40, 0.2430, 0.4048, 0.2407, 0.2431, 0.1146},
        {60, 0.1997, 0.3389, 0.1976, 0.1993, 0.1087}, {80, 0.1759, 0.3016, 0.1740, 0.1757, 0.1056},
        {100, 0.1638, 0.2844, 0.1622, 0.1635, 0.105}};

    private static void checkRows(int[] rows, int prompts) {
        List<Predictor> est = fa5Estimators();
        int[] lengths = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            lengths[i] = (int) FA5[rows[i]][0];
        }
        LengthSweep.Result r;
        try (BlockParallel par = new BlockParallel(2)) {
            r = new LengthSweep(LengthSweepTest::task, new RandomStreams(2025), prompts, 0, 0.95).run(est, lengths, par);
        }
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < est.size(); c++) {
                LengthSweep.Point p = r.at(est.get(c).name(), lengths[i]);
                assertTrue(4 * p.standardError() < 0.01, "too few prompts for " + p);
                assertEquals(FA5[rows[i]][c + 1], p.mse(), 0.01, p.toString());
            }
            int l = lengths[i]; // GD and DGD also against their closed forms (A.4.2)
            LengthSweep.Point gd = r.at(est.get(2).name(), l);
            LengthSweep.Point dgd = r.at(est.get(3).name(), l);
            assertTrue(Math.abs(gd.mse() - OneStepGdRisk.gd(0.897, D, l, S2)) <= 4 * gd.standardError(), gd.toString());
            assertTrue(Math.abs(dgd.mse() - OneStepGdRisk.debiased(0.897, D, l, S2)) <= 4 * dgd.standardError(), dgd.toString());
        }
    }

    @Test
    void estimatorVersusLengthTableRowsFortyAndHundredWithinOneHundredth() {
        checkRows(new int[] {3, 6}, 110_000);
    }

    @Tag("slow")
    @Test
    void fullEstimatorVersusLengthTableWithinOneHundredth() {
        checkRows(new int[] {0, 1, 2, 3, 4, 5, 6}, 420_000);
    }

    @Test
    void resultsAreIdenticalOnOneAndTwoThreadsAndTheBootstrapIntervalCoversTheMean() {
        List<Predictor> est = List.of(new DebiasedGdEstimator(0.9));
        LengthSweep sweep = new LengthSweep(LengthSweepTest::task, new RandomStreams(1), 5000, 200, 0.95);
        LengthSweep.Result one = sweep.run(est, new int[] {10, 30}, BlockParallel.serial());
        LengthSweep.Result two;
        try (BlockParallel par = new BlockParallel(2)) {
            two = sweep.run(est, new int[] {10, 30}, par);
        }
        assertEquals(one, two);
        for (LengthSweep.Point p : one.points()) {
            assertTrue(p.ciLow() < p.mse() && p.mse() < p.ciHigh(), p.toString());
            // a 95% percentile interval is about +- 1.96 standard errors wide
            assertEquals(2 * 1.96 * p.standardError(), p.ciHigh() - p.ciLow(), 0.3 * 2 * 1.96 * p.standardError());
        }
    }

    @Test
    void scoringAgainstTheSignalRemovesTheQueryNoiseWithinFourStandardErrors() {
        List<Predictor> est = List.of(new DebiasedGdEstimator(0.88));
        LengthSweep.Point noisy = new LengthSweep(LengthSweepTest::task, new RandomStreams(8), 20_000, 0, 0.95)
                .run(est, new int[] {20}, BlockParallel.serial()).points().get(0);
        LengthSweep.Point clean = new LengthSweep(LengthSweepTest::task, new RandomStreams(8), 20_000, 0, 0.95, LengthSweep.Target.SIGNAL)
                .run(est, new int[] {20}, BlockParallel.serial()).points().get(0);
        assertTrue(Math.abs(noisy.mse() - clean.mse() - S2) <= 4 * noisy.standardError(), noisy + " / " + clean);
        assertEquals(OneStepGdRisk.debiased(0.88, D, 20, S2) - S2, clean.mse(), 4 * clean.standardError());
    }
}
