package org.icldynamics.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;

/** Exact identities between the estimators and their textbook forms. */
class EstimatorIdentityTest {
    private static final int D = 5;

    private static PromptBatch batch(int n, double sigma2, Covariance cov) {
        LinearRegressionTask task = new LinearRegressionTask(n, cov, 1.0 / D, sigma2, sigma2);
        return new PromptSampler(task, new RandomStreams(11), "identity").sample(0, 8);
    }

    private static PromptBatch batch(int n, double sigma2) {
        return batch(n, sigma2, Covariance.isotropic(D, 1.0));
    }

    private static void close(double expected, double actual, double atol, double rtol) {
        assertTrue(Math.abs(actual - expected) <= atol + rtol * Math.abs(expected), "expected " + expected + " got " + actual);
    }

    private static void close(double[] expected, double[] actual, double atol, double rtol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            close(expected[i], actual[i], atol, rtol);
        }
    }

    @Test
    void noiselessOlsRecoversWWhenNAtLeastD() {
        for (int n : new int[] {D, 2 * D}) {
            PromptBatch b = batch(n, 0);
            for (int p = 0; p < b.b; p++) {
                double[] w = new LeastSquaresEstimator().weights(b, p, 0);
                close(java.util.Arrays.copyOfRange(b.w, p * D, p * D + D), w, 1e-9, 1e-9);
            }
        }
    }

    @Test
    void ridgeWithLambdaSigma2OverTau2EqualsBayesPosteriorMean() {
        double sigma2 = 0.1;
        double tau2 = 1.0 / D;
        PromptBatch b = batch(7, sigma2);
        BayesEstimator bayes = new BayesEstimator(tau2, sigma2);
        for (int p = 0; p < b.b; p++) {
            double[] x = WeightEstimator.inputs(b, p);
            double[] y = WeightEstimator.labels(b, p, 0);
            // posterior: Sigma = (X^T X / sigma2 + I / tau2)^{-1}, mean = Sigma X^T y / sigma2
            double[] prec = WeightEstimator.gram(x, b.n, D);
            for (int i = 0; i < prec.length; i++) {
                prec[i] /= sigma2;
            }
            for (int j = 0; j < D; j++) {
                prec[j * D + j] += 1 / tau2;
            }
            DMatrixRMaj cov = new DMatrixRMaj(D, D);
            CommonOps_DDRM.invert(DMatrixRMaj.wrap(D, D, prec), cov);
            double[] xty = WeightEstimator.xty(x, y, b.n, D);
            double[] mean = new double[D];
            for (int i = 0; i < D; i++) {
                for (int j = 0; j < D; j++) {
                    mean[i] += cov.get(i, j) * xty[j] / sigma2;
                }
            }
            close(mean, bayes.weights(b, p, 0), 1e-12, 1e-10);
            close(mean, new RidgeEstimator(sigma2 / tau2).weights(b, p, 0), 1e-12, 1e-10);
        }
    }

    @Test
    void ridgeWithZeroLambdaEqualsOlsWhenNAtLeastD() {
        PromptBatch b = batch(9, 0.1);
        close(new LeastSquaresEstimator().predict(b), new RidgeEstimator(0.0).predict(b), 1e-12, 1e-10);
        close(new LeastSquaresEstimator().predict(b), new RidgeEstimator(1e-13, RidgeEstimator.Penalty.PER_TOKEN).predict(b), 1e-10, 1e-8);
    }

    @Test
    void oneGdStepFromZeroIsEtaOverNXTransposeY() {
        PromptBatch b = batch(9, 0.1);
        double eta = 0.7;
        for (int p = 0; p < b.b; p++) {
            double[] expected = WeightEstimator.xty(WeightEstimator.inputs(b, p), WeightEstimator.labels(b, p, 0), b.n, D);
            for (int j = 0; j < D; j++) {
                expected[j] *= eta / b.n;
            }
            close(expected, new GradientDescentEstimator(1, eta).weights(b, p, 0), 1e-15, 1e-13);
        }
    }

    @Test
    void manyGdStepsConvergeToOlsWhenNExceedsD() {
        PromptBatch b = batch(40, 0.1);
        close(new LeastSquaresEstimator().predict(b), new GradientDescentEstimator(400, 0.5).predict(b), 1e-9, 1e-8);
    }

    @Test
    void identityPreconditionedGdEqualsGdAndCentredOneStepEqualsDebiasedGd() {
        PromptBatch b = batch(9, 0.1);
        double[] eye = new double[D * D];
        for (int j = 0; j < D; j++) {
            eye[j * D + j] = 1;
        }
        close(new GradientDescentEstimator(3, 0.6).predict(b),
                new PreconditionedGdEstimator(eye, 3, 0.6, PreconditionedGdEstimator.Centring.NONE).predict(b), 1e-15, 1e-13);
        close(new DebiasedGdEstimator(0.6).predict(b),
                new PreconditionedGdEstimator(eye, 1, 0.6, PreconditionedGdEstimator.Centring.CONTEXT_MEAN).predict(b), 1e-15, 1e-12);
    }

    @Test
    void debiasedGdIsEtaTimesMeanOfYTimesCentredXDotQuery() {
        PromptBatch b = batch(6, 0.1);
        double eta = 0.9;
        double[] pred = new DebiasedGdEstimator(eta).predict(b);
        for (int p = 0; p < b.b; p++) {
            double[] xbar = new double[D];
            for (int i = 0; i < b.n; i++) {
                for (int j = 0; j < D; j++) {
                    xbar[j] += b.x[b.xIndex(p, i) + j] / b.n;
                }
            }
            double s = 0;
            for (int i = 0; i < b.n; i++) {
                for (int j = 0; j < D; j++) {
                    s += b.y[b.yIndex(p, i)] * (b.x[b.xIndex(p, i) + j] - xbar[j]) * b.xq[p * D + j];
                }
            }
            close(eta * s / b.n, pred[p], 1e-14, 1e-12);
        }
    }

    @Test
    void zeroSumSoftmaxPairTendsToDebiasedGdAsOmegaVanishes() {
        // softmax-multihead A.4.2: yhat = eta * DGD + O(omega^2 mu), eta = 2 mu omega
        PromptBatch b = batch(20, 0.1);
        double eta = 0.88;
        double[] dgd = new DebiasedGdEstimator(eta).predict(b);
        double prevErr = Double.POSITIVE_INFINITY;
        for (double omega : new double[] {1e-2, 1e-3, 1e-4}) {
            double[] sm = SoftmaxStructuredEstimator.symmetricPair(omega, eta / (2 * omega)).predict(b);
            double err = 0;
            for (int p = 0; p < b.b; p++) {
                err = Math.max(err, Math.abs(sm[p] - dgd[p]));
            }
            assertTrue(err < prevErr / 5, "error should shrink ~linearly in omega: " + err + " after " + prevErr);
            prevErr = err;
        }
        assertTrue(prevErr < 1e-3);
    }

    @Test
    void convergedLinearAttentionMatrixIsInverseOfLambdaPlusCorrection() {
        Covariance cov = Covariance.fromEigen(new double[] {0.4, 0.3, 0.2, 0.1, 0.05},
                Covariance.randomOrthogonal(D, new RandomStreams(3).stream("basis")));
        int nTrain = 31;
        double[] a = cov.matrix();
        double tr = cov.trace();
        for (int i = 0; i < D * D; i++) {
            a[i] += a[i] / nTrain;
        }
        for (int j = 0; j < D; j++) {
            a[j * D + j] += tr / nTrain;
        }
        DMatrixRMaj inv = new DMatrixRMaj(D, D);
        CommonOps_DDRM.invert(DMatrixRMaj.wrap(D, D, a), inv);
        close(inv.data, LinearAttentionFixedPointEstimator.converged(cov, nTrain).matrix(), 1e-12, 1e-10);
    }

    @Test
    void fullRankPcrEqualsOlsForKnownAndContextDirections() {
        Covariance cov = Covariance.fromEigen(new double[] {3, 2, 1, 0.5, 0.25}, Covariance.randomOrthogonal(D, new RandomStreams(5).stream("b")));
        PromptBatch b = batch(12, 0.1, cov);
        double[] ols = new LeastSquaresEstimator().predict(b);
        close(ols, PcrEstimator.known(D, cov).predict(b), 1e-10, 1e-8);
        close(ols, PcrEstimator.empirical(D).predict(b), 1e-10, 1e-8);
    }

    @Test
    void lassoWithZeroAlphaIsOlsAndOtherwiseSatisfiesKkt() {
        PromptBatch b = batch(15, 0.1);
        close(new LeastSquaresEstimator().predict(b), new LassoEstimator(0).predict(b), 1e-8, 1e-7);
        double alpha = 0.05;
        for (int p = 0; p < b.b; p++) {
            double[] w = new LassoEstimator(alpha).weights(b, p, 0);
            double[] x = WeightEstimator.inputs(b, p);
            double[] y = WeightEstimator.labels(b, p, 0);
            for (int j = 0; j < D; j++) { // subgradient of (1/2n)||Xw - y||^2 at coordinate j
                double g = 0;
                for (int i = 0; i < b.n; i++) {
                    double r = -y[i];
                    for (int c = 0; c < D; c++) {
                        r += x[i * D + c] * w[c];
                    }
                    g += x[i * D + j] * r / b.n;
                }
                if (w[j] == 0) {
                    assertTrue(Math.abs(g) <= alpha + 1e-9);
                } else {
                    close(-alpha * Math.signum(w[j]), g, 1e-8, 0);
                }
            }
        }
    }

    @Test
    void noiselessOracleRecoversASparseWFromFewerTokensThanD() {
        int n = 3;
        PromptBatch b = batch(n, 0);
        for (int p = 0; p < b.b; p++) { // keep 2 of 5 coordinates, relabel
            for (int j = 2; j < D; j++) {
                b.w[p * D + j] = 0;
            }
            for (int i = 0; i < n; i++) {
                b.y[b.yIndex(p, i)] = b.w[p * D] * b.x[b.xIndex(p, i)] + b.w[p * D + 1] * b.x[b.xIndex(p, i) + 1];
            }
            close(java.util.Arrays.copyOfRange(b.w, p * D, p * D + D), new OracleSupportEstimator().weights(b, p, 0), 1e-10, 1e-9);
        }
    }

    @Test
    void preprocessThenOptimizeIsGdPreconditionedByTheSquaredRescaling() {
        PromptBatch b = batch(10, 0.1).slice(0, 1);
        double[] r = WeightEstimator.xty(WeightEstimator.inputs(b, 0), WeightEstimator.labels(b, 0, 0), b.n, D);
        double[] gamma = new double[D * D];
        for (int j = 0; j < D; j++) {
            gamma[j * D + j] = Math.pow(r[j] / b.n, 4); // g = square, Gamma = R^2
        }
        close(new PreconditionedGdEstimator(gamma, 3, 0.5, PreconditionedGdEstimator.Centring.NONE).predict(b),
                new PreprocessThenOptimizeEstimator(PreprocessThenOptimizeEstimator.Preprocess.SQUARE, 3, 0.5).predict(b), 1e-14, 1e-11);
    }

    @Test
    void normalisedPreprocessThenOptimizeIsInvariantToTheScaleOfTheLabels() {
        // g = square scales R by c^2 when y scales by c; the normalised step undoes it, so yhat scales by c exactly
        PromptBatch b = batch(10, 0.1);
        PromptBatch scaled = new PromptBatch(b.b, b.n, b.d, b.outputs, b.x, b.y.clone(), b.xq, b.yq, b.signal, b.w);
        for (int i = 0; i < scaled.y.length; i++) {
            scaled.y[i] *= 4;
        }
        PreprocessThenOptimizeEstimator est = new PreprocessThenOptimizeEstimator(PreprocessThenOptimizeEstimator.Preprocess.ABS, 5, 0.5,
                PreprocessThenOptimizeEstimator.StepRule.NORMALISED);
        double[] base = est.predict(b);
        double[] big = est.predict(scaled);
        for (int p = 0; p < b.b; p++) {
            close(4 * base[p], big[p], 1e-12, 1e-10);
        }
    }

    @Test
    void multiTaskSoftmaxWithOneFullSupportTaskIsTheStructuredSoftmaxAndSplitsSupportsPerTask() {
        PromptBatch b = batch(15, 0.1);
        double[] omega = {0.3, -0.2, 0.1};
        double[] mu = {1.5, -1.0, 0.7};
        double[] theta = new double[6];
        System.arraycopy(omega, 0, theta, 0, 3);
        System.arraycopy(mu, 0, theta, 3, 3);
        close(new SoftmaxStructuredEstimator("s", omega, mu).predict(b),
                new MultiTaskSoftmaxEstimator(new int[][] {{0, 1, 2, 3, 4}}, 3, theta).predict(b), 1e-14, 1e-12);
        // with a zero omega for the other task, a head attends on its own support only: two tasks, two outputs
        PromptBatch two = new PromptBatch(b.b, b.n, D, 2);
        for (int p = 0; p < b.b; p++) {
            for (int i = 0; i < b.n; i++) {
                System.arraycopy(b.x, b.xIndex(p, i), two.x, two.xIndex(p, i), D);
                two.y[two.yIndex(p, i)] = b.y[b.yIndex(p, i)];
                two.y[two.yIndex(p, i) + 1] = -b.y[b.yIndex(p, i)];
            }
            System.arraycopy(b.xq, p * D, two.xq, p * D, D);
        }
        double[] t2 = {0.3, -0.3, 0, 0, 2.0, -2.0, 0, 0}; // omega [task, head], then mu [task, head]; task 2 unused
        double[] pred = new MultiTaskSoftmaxEstimator(new int[][] {{0, 1, 2}, {3, 4}}, 2, t2).predict(two);
        PromptBatch onSupport = new PromptBatch(b.b, b.n, D, 1, b.x.clone(), b.y, b.xq.clone(), b.yq, b.signal, b.w);
        for (int p = 0; p < b.b; p++) { // zero coordinates 3, 4 of the queries: scores then use S_1 only
            onSupport.xq[p * D + 3] = 0;
            onSupport.xq[p * D + 4] = 0;
        }
        double[] ref = SoftmaxStructuredEstimator.symmetricPair(0.3, 2.0).predict(onSupport);
        for (int p = 0; p < b.b; p++) {
            close(ref[p], pred[2 * p], 1e-14, 1e-12);
            assertEquals(0.0, pred[2 * p + 1]);
        }
    }

    @Test
    void brentTunedRidgeIsNoWorseOnHeldOutThanAnyGridPoint() {
        PromptBatch heldOut = new PromptSampler(new LinearRegressionTask(10, Covariance.isotropic(D, 1), 1.0 / D, 0.5, 0.5),
                new RandomStreams(2), "held-out").sample(0, 400);
        double[] grid = {0.1, 0.3, 1, 3, 10};
        Tuning.Result g = Tuning.grid(RidgeEstimator::new, grid, heldOut);
        Tuning.Result t = Tuning.brent(RidgeEstimator::new, 0.01, 100, Tuning.Scale.LOG, heldOut);
        for (double v : grid) {
            assertTrue(g.heldOutMse() <= Tuning.meanSquaredError(new RidgeEstimator(v), heldOut));
        }
        assertTrue(t.heldOutMse() <= g.heldOutMse() + 1e-12);
        close(t.heldOutMse(), Tuning.meanSquaredError(t.predictor(), heldOut), 0, 1e-12);
    }

    @Test
    void simplexTunedSingleHeadSoftmaxBeatsTheAnalyticHeadOnHeldOutAndStaysAboveBayes() {
        LinearRegressionTask task = new LinearRegressionTask(40, Covariance.isotropic(D, 1), 1.0 / D, 0.1, 0.1);
        PromptBatch heldOut = new PromptSampler(task, new RandomStreams(17), "tune-softmax").sample(0, 2000);
        SoftmaxStructuredEstimator analytic = SoftmaxStructuredEstimator.singleHead(D, 0.1, 40);
        Tuning.VectorResult r = Tuning.simplex(v -> new SoftmaxStructuredEstimator("tuned", new double[] {v[0]}, new double[] {v[1]}),
                new double[] {analytic.omega()[0], analytic.mu()[0]}, new double[] {0.05, 0.2}, 400, heldOut);
        assertTrue(r.heldOutMse() <= Tuning.meanSquaredError(analytic, heldOut));
        assertTrue(r.heldOutMse() > Tuning.meanSquaredError(BayesEstimator.of(task), heldOut));
        assertEquals(r.heldOutMse(), Tuning.meanSquaredError(r.predictor(), heldOut), 0);
    }
}
