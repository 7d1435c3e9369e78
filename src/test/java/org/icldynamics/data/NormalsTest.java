package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statistics of {@link Normals#fill} against N(0, 1) on one fixed seed: moments and tail frequencies within 4
 * standard errors (each such check fails by chance with probability about 6e-5), and a Kolmogorov-Smirnov and a
 * chi-square test at level 0.001.
 */
class NormalsTest {
    private static final int N = 4_000_003; // odd, and not a multiple of any buffer size
    private static double[] z;

    @BeforeAll
    static void draw() {
        z = new double[N];
        Normals.fill(new SplittableRandom(7), z, 0, N);
    }

    /** Upper tail {@code P(x > t) = erfc(t / sqrt 2) / 2}. */
    private static double upper(double t) {
        return 0.5 * Erf.erfc(t / Math.sqrt(2));
    }

    @Test
    void momentsMatchStandardNormalWithinFourStandardErrors() {
        double s1 = 0;
        double s2 = 0;
        double s4 = 0;
        double lag = 0;
        for (int i = 0; i < N; i++) {
            double v = z[i];
            s1 += v;
            s2 += v * v;
            s4 += v * v * v * v;
            if (i > 0) {
                lag += v * z[i - 1];
            }
        }
        assertTrue(Math.abs(s1 / N) <= 4 / Math.sqrt(N), "mean " + s1 / N);
        // Var(z^2) = 2, Var(z^4) = 105 - 9 = 96, Var(z_i z_{i-1}) = 1
        assertTrue(Math.abs(s2 / N - 1) <= 4 * Math.sqrt(2.0 / N), "second moment " + s2 / N);
        assertTrue(Math.abs(s4 / N - 3) <= 4 * Math.sqrt(96.0 / N), "fourth moment " + s4 / N);
        assertTrue(Math.abs(lag / (N - 1)) <= 4 / Math.sqrt(N - 1), "lag-1 correlation " + lag / (N - 1));
    }

    /** Both tails beyond 2, beyond the base strip's edge R (drawn only by the tail method) and beyond 4.5. */
    @Test
    void tailFrequenciesMatchTheClosedFormWithinFourBinomialStandardErrors() {
        for (double t : new double[] {2.0, Ziggurat.R, 4.5}) {
            int above = 0;
            int below = 0;
            for (double v : z) {
                above += v > t ? 1 : 0;
                below += v < -t ? 1 : 0;
            }
            double p = upper(t);
            double se = Math.sqrt(p * (1 - p) / N);
            double pa = (double) above / N;
            double pb = (double) below / N;
            assertTrue(Math.abs(pa - p) <= 4 * se, "P(x > " + t + ") " + pa + " vs " + p);
            assertTrue(Math.abs(pb - p) <= 4 * se, "P(x < -" + t + ") " + pb + " vs " + p);
        }
    }

    /** Kolmogorov-Smirnov at level 0.001: the asymptotic critical value {@code sqrt(ln(2 / 0.001) / 2) / sqrt N}. */
    @Test
    void empiricalDistributionPassesKolmogorovSmirnovAtLevelOneInAThousand() {
        double[] s = z.clone();
        Arrays.sort(s);
        double d = 0;
        for (int i = 0; i < N; i++) {
            double phi = 1 - upper(s[i]);
            d = Math.max(d, Math.max((i + 1.0) / N - phi, phi - (double) i / N));
        }
        double critical = Math.sqrt(Math.log(2 / 0.001) / 2) / Math.sqrt(N);
        assertTrue(d < critical, "KS distance " + d + " >= " + critical);
    }

    /**
     * Chi-square at level 0.001 over bins whose edges are the ziggurat's layer edges {@code +-x[i]} (257 bins a side:
     * each layer's rectangle part and wedge part land in different bins) plus the two tails.
     */
    @Test
    void countsBetweenLayerEdgesPassChiSquareAtLevelOneInAThousand() {
        double[] edges = new double[Ziggurat.LAYERS]; // x[255] .. x[1] = R ascending, then the tail beyond R
        for (int i = 1; i < Ziggurat.LAYERS; i++) {
            edges[Ziggurat.LAYERS - 1 - i] = Ziggurat.X[i];
        }
        int bins = edges.length + 1; // [0, x[255]), [x[255], x[254]), ..., [x[2], R), [R, inf) per side
        long[] count = new long[2 * bins];
        for (double v : z) {
            int b = Arrays.binarySearch(edges, Math.abs(v));
            b = b >= 0 ? b + 1 : -b - 1;
            count[(v < 0 ? bins : 0) + b]++;
        }
        double chi2 = 0;
        for (int side = 0; side < 2; side++) {
            for (int b = 0; b < bins; b++) {
                double lo = b == 0 ? 0 : edges[b - 1];
                double hi = b == bins - 1 ? Double.POSITIVE_INFINITY : edges[b];
                double e = N * (upper(lo) - upper(hi));
                double o = count[side * bins + b];
                chi2 += (o - e) * (o - e) / e;
            }
        }
        double critical = new ChiSquaredDistribution(2 * bins - 1).inverseCumulativeProbability(0.999);
        assertTrue(chi2 < critical, "chi-square " + chi2 + " >= " + critical);
    }

    @Test
    void drawsArePureFunctionOfStreamStateAndCountAndRespectOffset() {
        double[] a = new double[1001];
        double[] b = new double[1005];
        Normals.fill(new SplittableRandom(11), a, 0, 1001);
        Normals.fill(new SplittableRandom(11), b, 4, 1001);
        assertEquals(0.0, b[0]);
        assertArrayEquals(a, Arrays.copyOfRange(b, 4, 1005));
        SplittableRandom r1 = new SplittableRandom(5);
        SplittableRandom r2 = new SplittableRandom(5);
        Normals.fill(r1, new double[3000], 0, 3000);
        r2.nextLong();
        r2.nextLong();
        assertEquals(r2.nextLong(), r1.nextLong(), "a fill takes exactly two longs of the stream");
    }

    /** The child generator is {@code rng.split(rng)}'s: same outputs as the JDK's, so the definition is checkable. */
    @Test
    void childGeneratorIsTheSplitOfTheStream() {
        SplittableRandom a = new SplittableRandom(13);
        SplittableRandom b = new SplittableRandom(13);
        Ziggurat mine = Ziggurat.split(a);
        SplittableRandom jdk = b.split(b);
        for (int i = 0; i < 1000; i++) {
            assertEquals(jdk.nextLong(), mine.nextLong(), "output " + i);
        }
        assertEquals(b.nextLong(), a.nextLong());
    }

    /** Draws split into pieces give the bits of one draw: the normals depend only on the output sequence. */
    @Test
    void fillingInPiecesEqualsOneFill() {
        double[] whole = new double[20_000];
        Normals.fill(new SplittableRandom(17), whole, 0, whole.length);
        Ziggurat g = Ziggurat.split(new SplittableRandom(17));
        double[] pieces = new double[whole.length];
        int at = 0;
        for (int piece = 1; at < pieces.length; piece = piece * 3 + 1) {
            int c = Math.min(piece, pieces.length - at);
            g.fill(pieces, at, c);
            at += c;
        }
        for (int i = 0; i < whole.length; i++) {
            assertEquals(Double.doubleToRawLongBits(whole[i]), Double.doubleToRawLongBits(pieces[i]), "draw " + i);
        }
    }

    /** Interpreted and JIT-compiled code must give the same bits. */
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
