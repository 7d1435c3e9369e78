package org.icldynamics.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;

/**
 * The exact population loss of linear attention and its factored gradient flow (linear-attention A.4 items 1, 2, 5,
 * 6, 7, 9), each against an independent computation: Monte Carlo, finite differences, the paper-units rank-one flow,
 * the eq. 10 closed form and the scalar ODE.
 */
class LinearAttentionFlowTest {
    private static void close(double expected, double actual, double atol, double rtol) {
        assertTrue(Math.abs(actual - expected) <= atol + rtol * Math.abs(expected),
                "expected " + expected + " got " + actual);
    }

    /** Lambda = Q diag(ev) Q^T with a random orthogonal Q (Gram-Schmidt), {@code [d, d]}; Q in {@code basis}. */
    static double[] randomLambda(double[] ev, double[] basis, SplittableRandom rng) {
        int d = ev.length;
        for (int j = 0; j < d; j++) {
            double[] c = new double[d];
            for (int i = 0; i < d; i++) {
                c[i] = rng.nextGaussian();
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += c[i] * basis[i * d + k];
                }
                for (int i = 0; i < d; i++) {
                    c[i] -= dot * basis[i * d + k];
                }
            }
            double norm = 0;
            for (double x : c) {
                norm += x * x;
            }
            for (int i = 0; i < d; i++) {
                basis[i * d + j] = c[i] / Math.sqrt(norm);
            }
        }
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    l[i * d + j] += basis[i * d + k] * ev[k] * basis[j * d + k];
                }
            }
        }
        return l;
    }

    @Test
    void populationLossMatchesMonteCarloWithNoiseTaskScaleAndKappa() {
        int d = 3;
        int n = 7;
        SplittableRandom rng = new RandomStreams(3).stream("population-mc");
        double[] ev = {0.9, 0.5, 0.2};
        double[] q = new double[d * d];
        double[] lambda = randomLambda(ev, q, rng);
        double tau2 = 0.7;
        double sigma2 = 0.3;
        double qSigma2 = 0.2;
        double kappa = n;
        LinearAttentionPopulation pop = new LinearAttentionPopulation(lambda, d, n, tau2, sigma2, qSigma2, kappa);
        double[] g = new double[d * d];
        for (int i = 0; i < g.length; i++) {
            g[i] = 0.1 * rng.nextGaussian();
        }
        int samples = 400_000;
        double sum = 0;
        double sum2 = 0;
        double[] x = new double[d];
        double[] beta = new double[d];
        double[] w = new double[d];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < d; i++) {
                w[i] = Math.sqrt(tau2) * rng.nextGaussian();
                beta[i] = 0;
            }
            for (int t = 0; t <= n; t++) { // n context tokens, then the query
                for (int k = 0; k < d; k++) {
                    double z = Math.sqrt(ev[k]) * rng.nextGaussian();
                    for (int i = 0; i < d; i++) {
                        x[i] = (k == 0 ? 0 : x[i]) + q[i * d + k] * z;
                    }
                }
                double y = 0;
                for (int i = 0; i < d; i++) {
                    y += w[i] * x[i];
                }
                if (t < n) {
                    y += Math.sqrt(sigma2) * rng.nextGaussian();
                    for (int i = 0; i < d; i++) {
                        beta[i] += y * x[i] / n;
                    }
                } else {
                    y += Math.sqrt(qSigma2) * rng.nextGaussian();
                    double pred = 0;
                    for (int i = 0; i < d; i++) {
                        for (int j = 0; j < d; j++) {
                            pred += kappa * beta[i] * g[i * d + j] * x[j];
                        }
                    }
                    double e = (y - pred) * (y - pred);
                    sum += e;
                    sum2 += e * e;
                }
            }
        }
        double mean = sum / samples;
        double se = Math.sqrt((sum2 / samples - mean * mean) / samples);
        assertEquals(pop.loss(g), mean, 4 * se, "Monte Carlo " + mean + " +- " + se);
    }

    @Test
    void populationGradientMatchesCentralFiniteDifferences() {
        int d = 3;
        SplittableRandom rng = new RandomStreams(4).stream("population-fd");
        double[] lambda = randomLambda(new double[] {0.5, 0.3, 0.2}, new double[d * d], rng);
        LinearAttentionPopulation pop = new LinearAttentionPopulation(lambda, d, 9, 1.3, 0.1, 0.05, 9);
        double[] g = FiniteDifference.gaussianPoint(d * d, 0.05, rng);
        FiniteDifference.assertGradient(pop::loss, g, pop.gradient(g), 1, 1e-7, 1e-6);
    }

    @Test
    void factoredGradientMatchesFiniteDifferencesMergedAndSeparateRankTwo() {
        int d = 3;
        SplittableRandom rng = new RandomStreams(5).stream("flow-fd");
        double[] lambda = randomLambda(new double[] {0.5, 0.3, 0.2}, new double[d * d], rng);
        LinearAttentionPopulation pop = LinearAttentionPopulation.codeUnits(lambda, d, 11);
        for (LinearAttentionFlow.Layout layout : new LinearAttentionFlow.Layout[] {
                LinearAttentionFlow.Layout.mergedKq(), LinearAttentionFlow.Layout.separate(2)}) {
            LinearAttentionFlow flow = new LinearAttentionFlow(pop, layout, 3, 0.5);
            double[] theta = FiniteDifference.gaussianPoint(flow.getDimension(), 0.2, rng);
            FiniteDifference.assertGradient(flow::loss, theta, flow.gradient(theta), 1, 1e-7, 1e-6);
        }
    }

    @Test
    void rankOneFlowInPaperUnitsIsTwiceThePaperEquation14Field() {
        int d = 4;
        int n = 31;
        SplittableRandom rng = new RandomStreams(6).stream("eq14");
        double[] lambda = randomLambda(new double[] {0.4, 0.3, 0.2, 0.1}, new double[d * d], rng);
        LinearAttentionFlow flow = new LinearAttentionFlow(new LinearAttentionPopulation(lambda, d, n, 1, 0, 0, 1),
                LinearAttentionFlow.Layout.separate(1), 5, 1);
        SeparateRankOneFlow paper = new SeparateRankOneFlow(lambda, d, n, 5);
        double[] theta = new double[flow.getDimension()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = 0.3 * rng.nextGaussian();
        }
        double[] a = flow.computeDerivatives(0, theta);
        double[] b = paper.computeDerivatives(0, theta); // tau dtheta/dt = -(1/2) grad L
        for (int i = 0; i < a.length; i++) {
            close(2 * b[i], a[i], 1e-13, 1e-10);
        }
        close(paper.loss(theta, n), flow.loss(theta), 1e-13, 1e-12);
    }

    @Test
    void alignedMergedFlowWithWhiteCovarianceIsEquation10To1e8() {
        int d = 4;
        int n = 31;
        double lam = 0.25;
        double eta = 1e-3;
        double u0 = 3e-8;
        double[] lambda = new double[d * d];
        for (int i = 0; i < d; i++) {
            lambda[i * d + i] = lam;
        }
        LinearAttentionPopulation pop = LinearAttentionPopulation.codeUnits(lambda, d, n);
        LinearAttentionFlow flow = new LinearAttentionFlow(pop, LinearAttentionFlow.Layout.mergedKq(), 1, 1);
        double[] theta = MergedCourse.alignedState(pop, u0);
        double[] steps = {0, 500, 1000, 1500, 1600, 1700, 2000, 3000, 6000};
        double[] t = new double[steps.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = eta * steps[i];
        }
        double[] losses = flow.losses(flow.solve(theta, t));
        for (int i = 0; i < t.length; i++) {
            double sigma = MergedAttentionTimeCourse.sigmaCodeUnits(steps[i], eta, d, n, lam, u0);
            close(MergedAttentionTimeCourse.lossCodeUnits(sigma, d, n, lam), losses[i], 1e-8, 0);
        }
    }

    @Test
    void mergedEscapeFormulaMatchesTheSpecsWhiteNumberAndTheFlowsHalfWayCrossing() {
        int d = 4;
        int n = 31;
        double[] lambda = new double[d * d];
        for (int i = 0; i < d; i++) {
            lambda[i * d + i] = 0.25;
        }
        LinearAttentionPopulation pop = LinearAttentionPopulation.codeUnits(lambda, d, n);
        // spec A.4 item 5: s = 3.875, alpha = 17.44, u0 = 3e-12, eta = 1e-3 -> about 1610 steps
        close(3.875, EscapeTimes.growthRate(pop), 1e-12, 1e-12);
        close(17.44, EscapeTimes.curvature(pop), 0.01, 0);
        double formula = EscapeTimes.mergedFromOverlap(pop, 1, 3e-12) / 1e-3;
        close(1610, formula, 5, 0);
        // the loss crosses half-way when the product is at 1 - 1/sqrt 2 of its end value, ln(0.414)/(4 s eta) earlier
        MergedCourse course = MergedCourse.of(pop, 1, 3e-12, 1e-3, 4000, 4000);
        double flowHalf = course.halfWayStep();
        close(formula + Math.log(Math.sqrt(2) - 1) / (4 * 3.875 * 1e-3), flowHalf, 0.5, 0);
    }

    @Test
    void balancedAlignedRankOneHeadFollowsTheScalarOdeAndEscapesAtTheFormula() {
        int d = 4;
        int n = 31;
        double eta = 0.02;
        SplittableRandom rng = new RandomStreams(7).stream("scalar-ode");
        double[] ev = {0.4, 0.3, 0.2, 0.1};
        double[] basis = new double[d * d];
        double[] lambda = randomLambda(ev, basis, rng);
        LinearAttentionPopulation pop = LinearAttentionPopulation.codeUnits(lambda, d, n);
        LinearAttentionFlow flow = new LinearAttentionFlow(pop, LinearAttentionFlow.Layout.separate(1), 1, 1);
        int m = 1;
        double v0 = 2e-3;
        double[] theta = new double[flow.getDimension()];
        theta[0] = v0;
        for (int i = 0; i < d; i++) {
            theta[1 + i] = v0 * basis[i * d + m];
            theta[1 + d + i] = v0 * basis[i * d + m];
        }
        double[] steps = {0, 1000, 2000, 2500, 2800, 3000, 4000};
        double[] t = new double[steps.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = eta * steps[i];
        }
        OdeSolution sol = flow.solve(theta, t);
        double[] v = new RankOneScalarOde(ev[m], 1, n, RankOneScalarOde.Units.CODE, eta).solve(v0, steps);
        for (int i = 0; i < t.length; i++) {
            close(v[i], sol.states()[i][0], 1e-8, 1e-7);
        }
        double escape = EscapeTimes.separate(pop, 1, flow, theta, ev, basis)[m] / eta;
        close(1 / (2 * eta * n * ev[m] * ev[m] * v0), escape, 0, 1e-10);
        // the loss half-way point comes O(v0/v*) before the small-v blow-up: within 2% at v0/v* = 0.004
        double[] fine = new double[1601];
        for (int i = 0; i < fine.length; i++) {
            fine[i] = eta * 5 * i;
        }
        double[] losses = flow.losses(flow.solve(theta, fine));
        double tr = 1;
        double drop = ev[m] / LinearAttentionTheory.c(ev[m], tr, n);
        double half = DropTimes.crossing(fine, losses, tr - drop / 2) / eta;
        close(escape, half, 0, 0.02);
    }

    @Test
    void softmaxStageBoundariesMoveByLn10PerDecadeOfInitScale() {
        SoftmaxStages a = SoftmaxStages.predict(5, 40, 0.1, 2, 1e-3, 1000);
        SoftmaxStages b = SoftmaxStages.predict(5, 40, 0.1, 2, 1e-4, 1000);
        // spec A.4.5 table: the loss is 0.511 at t = 5 and 0.162 at t = 7 (fractions 0.1 and 0.9 of the drop)
        assertTrue(a.stages().warmUpEnd() > 4.5 && a.stages().warmUpEnd() < 5.5, a.toString());
        assertTrue(a.stages().emergenceEnd() > 6.8 && a.stages().emergenceEnd() < 7.8, a.toString());
        close(Math.log(10), b.stages().warmUpEnd() - a.stages().warmUpEnd(), 0.01, 0);
        close(Math.log(10), b.stages().emergenceEnd() - a.stages().emergenceEnd(), 0.01, 0);
        close(a.finalHalfLoss(), b.finalHalfLoss(), 1e-6, 0);
    }
}
