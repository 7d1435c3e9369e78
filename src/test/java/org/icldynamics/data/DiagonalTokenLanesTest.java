package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiagonalTokenLanesTest {
    /**
     * The vector tokens equal the definition bit for bit, one token at a time: {@code x_ij = f_j g_ij}, {@code y_i}
     * from {@code +0.0} adding {@code w_j x_ij} in ascending j, then {@code se eps_i}; for d of one to four blocks of
     * lanes, token counts below, at and past whole blocks (the rest is left alone), signed zeros and negative factors
     * included, and offsets into all arrays.
     */
    @Test
    void tokensEqualTheOneTokenDefinitionBitForBit() {
        SplittableRandom r = new SplittableRandom(5);
        int L = DiagonalTokenLanes.L;
        int cases = 0;
        for (int blocks = 1; blocks <= 4; blocks++) {
            int d = blocks * L;
            if (!DiagonalTokenLanes.suits(d)) {
                continue;
            }
            for (int m : new int[] {0, L - 1, L, L + 3, 5 * L}) {
                int gs = d + 1;
                int k = 3;
                double[] g = new double[k + m * gs + 2];
                for (int i = 0; i < g.length; i++) {
                    g[i] = i % 11 == 0 ? -0.0 : r.nextGaussian();
                }
                double[] diag = new double[d];
                double[] w = new double[2 + d];
                for (int j = 0; j < d; j++) {
                    diag[j] = j % 3 == 0 ? -0.5 - r.nextDouble() : 0.5 + r.nextDouble();
                    w[2 + j] = j % 5 == 0 ? -0.0 : r.nextGaussian();
                }
                double se = 0.3;
                double[] xs = new double[4 + m * d];
                double[] ys = new double[1 + m];
                double[] wantX = xs.clone();
                double[] wantY = ys.clone();
                int done = DiagonalTokenLanes.write(g, k, diag, se, w, 2, xs, 4, ys, 1, d, m,
                        DiagonalTokenLanes.noiseOffsets(d));
                assertEquals(m / L * L, done);
                for (int i = 0; i < done; i++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double v = diag[j] * g[k + i * gs + j];
                        wantX[4 + i * d + j] = v;
                        s += w[2 + j] * v;
                    }
                    wantY[1 + i] = s + se * g[k + i * gs + d];
                }
                for (int i = 0; i < xs.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(wantX[i]), Double.doubleToRawLongBits(xs[i]),
                            "x[" + i + "] d=" + d + " m=" + m);
                }
                for (int i = 0; i < ys.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(wantY[i]), Double.doubleToRawLongBits(ys[i]),
                            "y[" + i + "] d=" + d + " m=" + m);
                }
                cases++;
            }
        }
        assertEquals(20, cases);
    }
}
