package org.icldynamics.theory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;

/** The approximate multi-task softmax loss for any supports: the disjoint case is the existing loss exactly. */
class SupportsSoftmaxLossTest {
    private static void close(double expected, double actual, double atol, double rtol) {
        assertTrue(Math.abs(actual - expected) <= atol + rtol * Math.abs(expected),
                "expected " + expected + " got " + actual);
    }

    private static double[] random(int n, SplittableRandom rng) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (i < n / 2 ? 0.3 : 1.2) * rng.nextGaussian();
        }
        return t;
    }

    @Test
    void disjointSupportsGiveExactlyTheApproximateSoftmaxLossAndTwiceItsHalfGradient() {
        int[][] supports = {{0, 1}, {2, 3, 4}, {5}};
        double[] w = {2, 3, 1};
        SupportsSoftmaxLoss s = new SupportsSoftmaxLoss(supports, w, 3, 20, 0.1);
        ApproximateSoftmaxLoss a = new ApproximateSoftmaxLoss(new int[] {2, 3, 1}, w, 3, 20, 0.1);
        SplittableRandom rng = new RandomStreams(11).stream("disjoint");
        for (int rep = 0; rep < 3; rep++) {
            double[] theta = random(s.dimension(), rng);
            close(a.value(theta), s.value(theta), 1e-12, 1e-12);
            double[] ga = a.halfGradient(theta);
            double[] gs = s.gradient(theta);
            for (int i = 0; i < ga.length; i++) {
                close(2 * ga[i], gs[i], 1e-11, 1e-10);
            }
        }
    }

    @Test
    void overlappingCyclicSupportsHaveTheGradientOfTheirValue() {
        SupportsSoftmaxLoss s = new SupportsSoftmaxLoss(new int[][] {{0, 1, 2}, {2, 3, 4}, {0, 4, 5}},
                new double[] {1, 1, 1}, 4, 48, 0.1);
        double[] theta = random(s.dimension(), new RandomStreams(12).stream("overlap"));
        double[] g = s.gradient(theta);
        FiniteDifference.assertGradient(s::value, theta, g, 1, 1e-7, 1e-6);
    }
}
