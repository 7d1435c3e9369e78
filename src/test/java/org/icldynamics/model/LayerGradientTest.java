package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each op's backward on its own, inputs and parameters, against central finite differences of the scalar
 * {@code sum(out * probe)} with a random probe: LayerNorm, the attention core (both scores, both layouts), the MLP
 * activations.
 */
class LayerGradientTest {
    private static final double H = 1e-5;

    private static double[] random(SplittableRandom r, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    private static void check(String what, double[] x, double[] analytic, ToDoubleFunction<double[]> f) {
        StringBuilder bad = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            double fd = ModelChecks.centralDifference(x, i, H, () -> f.applyAsDouble(x));
            if (Math.abs(analytic[i] - fd) > 1e-8 + 1e-6 * Math.abs(fd)) {
                bad.append(what).append('[').append(i).append("] ").append(analytic[i]).append(" vs ").append(fd)
                        .append('\n');
            }
        }
        assertTrue(bad.isEmpty(), bad.toString());
    }

    private static double dotp(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @ParameterizedTest
    @CsvSource({"3, 5", "1, 7"})
    void layerNormBackwardMatchesFiniteDifferencesInInputsGainAndBias(int rows, int w) {
        SplittableRandom r = new SplittableRandom(1);
        double[] x = random(r, rows * w);
        double[] p = random(r, 2 * w);
        double[] probe = random(r, rows * w);
        ToDoubleFunction<double[]> fx = xx -> {
            double[] y = new double[rows * w];
            LayerNorm.forward(xx, 0, rows, w, p, 0, 1e-5, y, new double[rows], new double[rows]);
            return dotp(y, probe);
        };
        ToDoubleFunction<double[]> fp = pp -> {
            double[] y = new double[rows * w];
            LayerNorm.forward(x, 0, rows, w, pp, 0, 1e-5, y, new double[rows], new double[rows]);
            return dotp(y, probe);
        };
        double[] mean = new double[rows];
        double[] rstd = new double[rows];
        LayerNorm.forward(x, 0, rows, w, p, 0, 1e-5, new double[rows * w], mean, rstd);
        double[] dx = new double[rows * w];
        double[] dp = new double[2 * w];
        LayerNorm.backward(x, 0, rows, w, p, 0, mean, rstd, probe, dp, dx);
        check("dx", x, dx, fx);
        check("dp", p, dp, fp);
    }

    @ParameterizedTest
    @CsvSource({"SOFTMAX, PAIR", "SOFTMAX, INTERLEAVED", "LINEAR, PAIR", "LINEAR, INTERLEAVED"})
    void attentionCoreBackwardMatchesFiniteDifferencesInQueriesKeysAndValues(OneLayerAttention.Scores scores,
                                                                           TokenLayout layout) {
        int n = 3;
        int t = layout.tokens(n);
        int dk = 5; // one full 4-lane vector plus a tail
        int ld = 2 * dk;
        int col = dk;
        AttentionCore core = new AttentionCore(scores, OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH, 0.7, layout);
        SplittableRandom r = new SplittableRandom(2);
        double[] q = random(r, t * ld);
        double[] k = random(r, t * ld);
        double[] v = random(r, t * ld);
        double[] probe = random(r, t * ld);
        for (int first : new int[] {0, t - 1}) {
            ToDoubleFunction<double[]> f = unused -> {
                double[] o = new double[t * ld];
                core.forward(first, t, n, dk, ld, col, q, k, v, new double[t * t], 0, o);
                return dotp(o, probe);
            };
            double[] a = new double[t * t];
            core.forward(first, t, n, dk, ld, col, q, k, v, a, 0, new double[t * ld]);
            double[] dO = probe.clone();
            for (int row = 0; row < first; row++) {
                java.util.Arrays.fill(dO, row * ld, (row + 1) * ld, 0.0);
            }
            double[] dq = new double[t * ld];
            double[] dkk = new double[t * ld];
            double[] dv = new double[t * ld];
            core.backward(first, t, n, dk, ld, col, q, k, v, a, 0, dO, dq, dkk, dv, new double[t]);
            // rows above `first` are not computed, so the probe there must not count
            ToDoubleFunction<double[]> g = unused -> {
                double[] o = new double[t * ld];
                core.forward(first, t, n, dk, ld, col, q, k, v, new double[t * t], 0, o);
                return dotp(o, dO);
            };
            check("dq first=" + first, q, dq, g);
            check("dk first=" + first, k, dkk, g);
            check("dv first=" + first, v, dv, g);
            assertTrue(f.applyAsDouble(null) != 0);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transformer.Activation.class, names = {"GELU", "RELU"})
    void activationDerivativeMatchesFiniteDifferencesAwayFromTheKink(Transformer.Activation act) {
        double[] u = {-2.3, -0.7, -0.05, 0.05, 0.4, 1.9};
        double[] probe = {0.3, -1.1, 0.8, 1.7, -0.4, 0.9};
        double[] du = new double[u.length];
        Activations.backward(act, u, probe, du, 0, u.length);
        check("du", u, du, uu -> {
            double[] g = new double[uu.length];
            Activations.forward(act, uu, g, 0, uu.length);
            return dotp(g, probe);
        });
    }
}
