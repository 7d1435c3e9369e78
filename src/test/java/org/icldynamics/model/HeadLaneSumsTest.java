package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.model.OneLayerAttention.Normalisation;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;
import org.junit.jupiter.api.Test;

/**
 * The head-lane token loops compute exactly the documented per-lane order, whether tokens are read in place or from a
 * copy, whether two head groups are taken together, and whichever loop takes the width (W's nine-wide dots, token sums
 * four, two or one coordinates per pass): each lane equals a scalar chain of {@link Math#fma} bit for bit (times the
 * linear scale, when the dots are given one, as one product after the chain).
 */
class HeadLaneSumsTest {
    private static final int L = DoubleVector.SPECIES_PREFERRED.length();

    @Test
    void dotsAndSumsEqualScalarFmaChainsBitForBit() {
        SplittableRandom rng = new SplittableRandom(7);
        int cases = 0;
        for (int d : new int[] {1, 2, 4, 5, 8}) {
            for (int outputs : new int[] {1, 2}) {
                for (int n : new int[] {0, 1, 3, 4, 5, 7, 8, 33}) {
                    for (QueryAttention qa : QueryAttention.values()) {
                        KernelShape shape = new KernelShape(2 * L, d, outputs, Scores.SOFTMAX, Normalisation.NONE, qa);
                        PromptBatch batch = VectorAttentionKernelTest.batch(d, outputs, n, 3, 11L * d + n);
                        TokenRows t = new TokenRows(shape, n);
                        int m = KernelPacking.attendedCount(shape, n);
                        int dd = shape.tokenWidth();
                        for (int p = 0; p < batch.b; p++) {
                            t.point(batch, p);
                            double[][] z = tokens(batch, p, m, shape);
                            double[] v = gaussians(rng, 2 * dd * L);   // [2, D, lanes]
                            double[] w = gaussians(rng, Math.max(1, m) * L); // [m, lanes]
                            double[] pair = new double[2 * Math.max(1, m) * L];
                            HeadLaneSums.dotsPair(v, dd * L, t, m, 1.0, pair, 0, m * L);
                            double[] single = new double[Math.max(1, m) * L];
                            HeadLaneSums.dots(v, dd * L, t, m, 1.0, single, 0);
                            double scale = 1.0 / 3;
                            double[] scaled = new double[Math.max(1, m) * L];
                            HeadLaneSums.dots(v, dd * L, t, m, scale, scaled, 0);
                            double[] scaledPair = new double[2 * Math.max(1, m) * L];
                            HeadLaneSums.dotsPair(v, dd * L, t, m, scale, scaledPair, 0, m * L);
                            double[] sums = new double[dd * L];
                            HeadLaneSums.sums(w, 0, t, m, sums, 0);
                            for (int lane = 0; lane < L; lane++) {
                                for (int l = 0; l < m; l++) {
                                    assertBits(dot(v, 0, z[l], lane), pair[l * L + lane]);
                                    assertBits(dot(v, dd * L, z[l], lane), pair[(m + l) * L + lane]);
                                    assertBits(dot(v, dd * L, z[l], lane), single[l * L + lane]);
                                    assertBits(scale * dot(v, dd * L, z[l], lane), scaled[l * L + lane]);
                                    assertBits(scale * dot(v, 0, z[l], lane), scaledPair[l * L + lane]);
                                    assertBits(scale * dot(v, dd * L, z[l], lane), scaledPair[(m + l) * L + lane]);
                                }
                                for (int i = 0; i < dd; i++) {
                                    assertBits(sum(w, z, i, m, lane), sums[i * L + lane]);
                                }
                            }
                            cases++;
                        }
                    }
                }
            }
        }
        assertEquals(5 * 2 * 8 * 2 * 3, cases);
    }

    /**
     * W's tokens (8 input coordinates, one label slot) take {@link NineWideDots}, in place and copied, with and without
     * the scale, for token counts with and without a remainder of four; other widths do not.
     */
    @Test
    void nineWideDotsEqualScalarFmaChainsBitForBit() {
        SplittableRandom rng = new SplittableRandom(9);
        int cases = 0;
        for (int n : new int[] {0, 1, 5, 32}) {
            for (QueryAttention qa : QueryAttention.values()) {
                KernelShape shape = new KernelShape(L, 8, 1, Scores.SOFTMAX, Normalisation.NONE, qa);
                PromptBatch batch = VectorAttentionKernelTest.batch(8, 1, n, 3, 5L + n);
                TokenRows t = new TokenRows(shape, n);
                assertTrue(NineWideDots.fits(t));
                int m = KernelPacking.attendedCount(shape, n);
                for (int p = 0; p < batch.b; p++) {
                    t.point(batch, p);
                    double[][] z = tokens(batch, p, m, shape);
                    double[] v = gaussians(rng, 10 * L); // [9, lanes] at an offset of one vector
                    for (double scale : new double[] {1.0, 1.0 / 7}) {
                        double[] out = new double[(m + 1) * L];
                        NineWideDots.dots(v, L, t, m, scale, out, L);
                        for (int lane = 0; lane < L; lane++) {
                            assertBits(0.0, out[lane]); // before outOff: untouched
                            for (int l = 0; l < m; l++) {
                                double want = dot(v, L, z[l], lane);
                                assertBits(scale == 1.0 ? want : scale * want, out[(l + 1) * L + lane]);
                            }
                        }
                    }
                    cases++;
                }
            }
        }
        assertEquals(4 * 2 * 3, cases);
        for (int[] widths : new int[][] {{8, 2}, {7, 2}, {5, 1}, {9, 1}}) {
            KernelShape shape = new KernelShape(L, widths[0], widths[1], Scores.SOFTMAX, Normalisation.NONE,
                    QueryAttention.EXCLUDED);
            assertFalse(NineWideDots.fits(new TokenRows(shape, 4)), () -> widths[0] + " + " + widths[1]);
        }
    }

    /** The attended tokens of prompt p as rows {@code (x_l ; y_l)}, the query {@code (x_q ; 0)} last when attended. */
    private static double[][] tokens(PromptBatch batch, int p, int m, KernelShape shape) {
        int d = shape.d();
        int o = shape.outputs();
        double[][] z = new double[m][d + o];
        for (int l = 0; l < m; l++) {
            for (int i = 0; i < d; i++) {
                z[l][i] = l < batch.n ? batch.x[batch.xIndex(p, l) + i] : batch.xq[p * d + i];
            }
            for (int c = 0; c < o; c++) {
                z[l][d + c] = l < batch.n ? batch.y[batch.yIndex(p, l) + c] : 0.0;
            }
        }
        return z;
    }

    /** One lane of {@code v . z_l}: a chain of FMAs over the coordinates in order, from +0. */
    private static double dot(double[] v, int vOff, double[] zl, int lane) {
        double s = 0.0;
        for (int i = 0; i < zl.length; i++) {
            s = Math.fma(v[vOff + i * L + lane], zl[i], s);
        }
        return s;
    }

    /** One lane of {@code sum_l w_l z_l[i]}: four chains (l mod 4, the tokens past the last four into the first). */
    private static double sum(double[] w, double[][] z, int i, int m, int lane) {
        double[] acc = new double[4];
        int whole = m / 4 * 4;
        for (int l = 0; l < m; l++) {
            int r = l < whole ? l % 4 : 0;
            acc[r] = Math.fma(w[l * L + lane], z[l][i], acc[r]);
        }
        return (acc[0] + acc[1]) + (acc[2] + acc[3]);
    }

    static double[] gaussians(SplittableRandom rng, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = rng.nextGaussian();
        }
        return a;
    }

    static void assertBits(double want, double got) {
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), () -> want + " vs " + got);
    }
}
