package org.icldynamics.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoxMullerTest {
    /** Counts around the block size: whole blocks, tails only, both. */
    private static final int[] COUNTS = {1, BoxMuller.BLOCK - 1, BoxMuller.BLOCK, BoxMuller.BLOCK + 3,
        5 * BoxMuller.BLOCK + 7, 256};

    @Test
    void logAndScaledCosSinMatchJavaLangMathToFewUlp() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int rep = 0; rep < 400; rep++) {
            int n = COUNTS[rep % COUNTS.length];
            double[] x = uniforms(rng, 2 * n + 3);
            double[] l = x.clone();
            BoxMuller.log(l, 3, n);
            for (int i = 3; i < 3 + n; i++) {
                assertTrue(Math.abs(Math.log(x[i]) - l[i]) <= 4e-16 * Math.max(1, Math.abs(Math.log(x[i]))),
                        "log(" + x[i] + ")");
            }
            double[] cs = x.clone(); // logs at [3, n + 3), turns at [n + 3, 2 n + 3)
            for (int j = 0; j < n; j++) {
                cs[3 + j] = -0.5; // r = sqrt(-2 l) = 1
                cs[n + 3 + j] -= 0x1.0p-53; // turns in [0, 1)
            }
            BoxMuller.scaledCosSin(cs, 3, n + 3, n);
            for (int j = 0; j < n; j++) {
                double t = 2 * Math.PI * (x[n + 3 + j] - 0x1.0p-53);
                assertTrue(Math.abs(Math.cos(t) - cs[3 + j]) <= 1e-15, "cos at angle " + t);
                assertTrue(Math.abs(Math.sin(t) - cs[n + 3 + j]) <= 1e-15, "sin at angle " + t);
            }
        }
    }

    /** The exponent enters log as a double built from its bits (no L2D conversion): every binade, both signs of k. */
    @Test
    void logOfPowersOfTwoAndTheirNeighboursCoversEveryExponent() {
        int m = 7;
        double[] x = new double[m * 2046];
        for (int k = -1022; k <= 1023; k++) {
            for (int i = 0; i < m; i++) {
                x[(k + 1022) * m + i] = Math.scalb(1.0 + i / 6.0, k); // mantissas 1, 7/6, ..., 2 (the next binade)
            }
        }
        double[] out = x.clone();
        BoxMuller.log(out, 0, out.length);
        for (int i = 0; i < x.length; i++) {
            double want = Math.log(x[i]);
            assertTrue(Math.abs(want - out[i]) <= 4e-16 * Math.max(1, Math.abs(want)),
                    "log(" + x[i] + "): " + out[i] + " vs " + want);
        }
    }

    /**
     * The interleaved vector passes give exactly the bits of the documented formulas evaluated one number at a time
     * with {@link Math#fma} (same Horner order, same coefficients): any regrouping of the lanes keeps every bit.
     */
    @Test
    void passesGiveTheBitsOfTheScalarFormulas() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int n : COUNTS) {
            double[] u1 = uniforms(rng, n);
            double[] u2 = uniforms(rng, n);
            double[] buf = new double[2 * n];
            for (int i = 0; i < n; i++) {
                buf[i] = u1[i];
                buf[n + i] = u2[i] - 0x1.0p-53;
            }
            BoxMuller.log(buf, 0, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(scalarLog(u1[i])), Double.doubleToRawLongBits(buf[i]),
                        "log(" + u1[i] + ")");
            }
            BoxMuller.scaledCosSin(buf, 0, n, n);
            for (int i = 0; i < n; i++) {
                double r = Math.sqrt(scalarLog(u1[i]) * -2.0);
                double[] want = scalarScaledCosSin(u2[i] - 0x1.0p-53, r);
                assertEquals(Double.doubleToRawLongBits(want[0]), Double.doubleToRawLongBits(buf[i]), "cos " + i);
                assertEquals(Double.doubleToRawLongBits(want[1]), Double.doubleToRawLongBits(buf[n + i]), "sin " + i);
            }
        }
    }

    private static double[] uniforms(SplittableRandom rng, int n) {
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = ((rng.nextLong() >>> 11) + 1) * 0x1.0p-53; // (0, 1]
        }
        return u;
    }

    private static double scalarLog(double x) {
        long bits = Double.doubleToRawLongBits(x);
        double m = Double.longBitsToDouble(bits & 0x000F_FFFF_FFFF_FFFFL | 0x3FF0_0000_0000_0000L);
        double e = Double.longBitsToDouble(bits >>> 52 | Double.doubleToRawLongBits(0x1.0p52)) - (0x1.0p52 + 1023);
        if (m > Math.sqrt(2.0)) {
            m *= 0.5;
            e += 1.0;
        }
        double s = (m - 1.0) / (m + 1.0);
        double p = 1.0 / 21;
        for (int j = 19; j >= 1; j -= 2) {
            p = Math.fma(p, s * s, 1.0 / j);
        }
        return Math.fma(e, 6.93147180369123816490e-01, Math.fma(e, 1.90821492927058770002e-10, s * p * 2.0));
    }

    /** {@code {r cos(2 pi u), r sin(2 pi u)}} by quarter-turn reduction and Taylor polynomials through a^18. */
    private static double[] scalarScaledCosSin(double u, double r) {
        double q = u * 4.0 + 0x1.8p52 - 0x1.8p52;
        double a = (u - q * 0.25) * (2 * Math.PI);
        double a2 = a * a;
        double[] coef = new double[19]; // coef[n] = (-1)^(n/2) / n! for the sine (n odd) and cosine (n even) terms
        double f = 1.0;
        for (int n = 0; n <= 18; n++) {
            f *= Math.max(n, 1);
            coef[n] = (n / 2 % 2 == 0 ? 1.0 : -1.0) / f;
        }
        double s = coef[17];
        for (int n = 15; n >= 1; n -= 2) {
            s = Math.fma(s, a2, coef[n]);
        }
        s *= a;
        double c = coef[18];
        for (int n = 16; n >= 0; n -= 2) {
            c = Math.fma(c, a2, coef[n]);
        }
        boolean swap = q == 1.0 || q == 3.0;
        double cc = (swap ? s : c) * r;
        double ss = (swap ? c : s) * r;
        return new double[] {q == 1.0 || q == 2.0 ? -cc : cc, q == 2.0 || q == 3.0 ? -ss : ss};
    }
}
