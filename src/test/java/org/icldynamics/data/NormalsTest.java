package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalsTest {
    private static final int N = 1_000_003; // odd: exercises the single-draw tail

    /** Sample moments of N(0, 1) within 4 standard errors of their expectations. */
    @Test
    void momentsAndTailMatchStandardNormalWithinFourStandardErrors() {
        double[] z = new double[N];
        Normals.fill(new SplittableRandom(7), z, 0, N);
        double s1 = 0;
        double s2 = 0;
        double s4 = 0;
        int tail = 0;
        double lag = 0;
        for (int i = 0; i < N; i++) {
            double v = z[i];
            s1 += v;
            s2 += v * v;
            s4 += v * v * v * v;
            if (Math.abs(v) > 3) {
                tail++;
            }
            if (i > 0) {
                lag += v * z[i - 1];
            }
        }
        double mean = s1 / N;
        assertTrue(Math.abs(mean) <= 4 / Math.sqrt(N), "mean " + mean);
        // Var(z^2) = 2, Var(z^4) = 105 - 9 = 96
        assertTrue(Math.abs(s2 / N - 1) <= 4 * Math.sqrt(2.0 / N), "second moment " + s2 / N);
        assertTrue(Math.abs(s4 / N - 3) <= 4 * Math.sqrt(96.0 / N), "fourth moment " + s4 / N);
        double p = 0.0026997960632601866; // P(|z| > 3)
        double ph = (double) tail / N;
        assertTrue(Math.abs(ph - p) <= 4 * Math.sqrt(p * (1 - p) / N), "tail " + ph);
        // neighbours (including each cosine/sine pair at chunk offsets) uncorrelated: Var(z_i z_{i-1}) = 1
        assertTrue(Math.abs(lag / (N - 1)) <= 4 / Math.sqrt(N - 1), "lag-1 correlation " + lag / (N - 1));
    }

    @Test
    void cosineAndSineHalvesOfAChunkAreUncorrelated() {
        int chunk = 2 * Normals.CHUNK;
        int reps = 2000;
        double[] z = new double[chunk * reps];
        Normals.fill(new SplittableRandom(3), z, 0, z.length);
        double s = 0;
        for (int c = 0; c < reps; c++) {
            for (int i = 0; i < Normals.CHUNK; i++) {
                s += z[c * chunk + i] * z[c * chunk + Normals.CHUNK + i];
            }
        }
        int m = reps * Normals.CHUNK;
        assertTrue(Math.abs(s / m) <= 4 / Math.sqrt(m), "cos-sin correlation " + s / m);
    }

    @Test
    void drawsArePureFunctionOfStreamStateAndCountAndRespectOffset() {
        double[] a = new double[1001];
        double[] b = new double[1005];
        Normals.fill(new SplittableRandom(11), a, 0, 1001);
        Normals.fill(new SplittableRandom(11), b, 4, 1001);
        assertEquals(0.0, b[0]);
        double[] tail = java.util.Arrays.copyOfRange(b, 4, 1005);
        assertArrayEquals(a, tail);
        SplittableRandom r1 = new SplittableRandom(5);
        SplittableRandom r2 = new SplittableRandom(5);
        double[] c = new double[3];
        Normals.fill(r1, c, 0, 3);
        Normals.fill(r2, new double[3], 0, 3);
        assertEquals(r1.nextLong(), r2.nextLong()); // same number of uniforms consumed
    }

    /** Interpreted and JIT-compiled code must give the same bits (the Vector API's own LOG/SIN/COS do not). */
    @Test
    void bitsDoNotChangeWhenTheJitCompilesTheSampler() {
        double[] first = new double[517];
        Normals.fill(new SplittableRandom(21), first, 0, first.length);
        double[] later = new double[517];
        for (int rep = 0; rep < 3000; rep++) {
            Normals.fill(new SplittableRandom(21), later, 0, later.length);
        }
        assertArrayEquals(first, later);
    }
}
