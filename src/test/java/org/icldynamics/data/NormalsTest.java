package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
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

    /** Both tails beyond 2, 3.5 and 4.5. */
    @Test
    void tailFrequenciesMatchTheClosedFormWithinFourBinomialStandardErrors() {
        for (double t : new double[] {2.0, 3.5, 4.5}) {
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

    /** Chi-square at level 0.001 over 512 bins of equal probability. */
    @Test
    void countsInEquallyLikelyBinsPassChiSquareAtLevelOneInAThousand() {
        int bins = 512;
        double[] edges = quantiles(bins);
        long[] count = new long[bins];
        for (double v : z) {
            count[bin(edges, v)]++;
        }
        assertChiSquare(count, (double) N / bins);
    }

    /**
     * The two normals of one Box-Muller pair (slots {@code j} and {@code j + 8} of a block of 16) are independent:
     * chi-square at level 0.001 over a 16 x 16 grid of equally likely cells. A wrong octant (swap or sign bit) or a
     * radius shared wrongly would show here.
     */
    @Test
    void pairsOfOneBlockLaneFillEquallyLikelyCellsByChiSquare() {
        int side = 16;
        double[] edges = quantiles(side);
        long[] count = new long[side * side];
        int pairs = 0;
        for (int b = 0; b + 16 <= N; b += 16) {
            for (int j = 0; j < 8; j++) {
                count[bin(edges, z[b + j]) * side + bin(edges, z[b + j + 8])]++;
                pairs++;
            }
        }
        assertChiSquare(count, (double) pairs / (side * side));
    }

    /** The {@code k / bins} quantiles of N(0, 1), {@code k = 1 .. bins - 1}. */
    private static double[] quantiles(int bins) {
        NormalDistribution normal = new NormalDistribution();
        double[] edges = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            edges[k - 1] = normal.inverseCumulativeProbability((double) k / bins);
        }
        return edges;
    }

    private static int bin(double[] edges, double v) {
        int b = Arrays.binarySearch(edges, v);
        return b >= 0 ? b + 1 : -b - 1;
    }

    private static void assertChiSquare(long[] count, double expected) {
        double chi2 = 0;
        for (long o : count) {
            chi2 += (o - expected) * (o - expected) / expected;
        }
        double critical = new ChiSquaredDistribution(count.length - 1).inverseCumulativeProbability(0.999);
        assertTrue(chi2 < critical, "chi-square " + chi2 + " >= " + critical + " over " + count.length + " cells");
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
        BoxMuller mine = BoxMuller.split(a);
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
        BoxMuller g = BoxMuller.split(new SplittableRandom(17));
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
