package org.icldynamics.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked matrix product behind {@link Dense#gemm}, {@link Dense#gemmFrom} and {@link Dense#gemmTransA}:
 * {@code C = S + A B} where every entry starts from its source entry and takes its fmas in inner order, so the bits
 * do not depend on the blocking. It reads A and B in place (contiguous packed panels measured no faster on Zen 1).
 * Two blockings, chosen by the machine's vector width ({@link Blocking#MACHINE}).
 */
final class GemmKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Double> W = DoubleVector.SPECIES_512;

    private GemmKernel() {
    }

    /** Inner-dimension chunk: keeps a chunk of B in cache; chunks run in order, so each entry's fma order is kept. */
    private static final int KC = 96;

    /** The register block of the bulk of C; every entry's fma order is the same on either. */
    enum Blocking {
        /**
         * 6 rows x 2 vectors of 256 bits: 12 accumulators of AVX2's 16 registers. On Zen 1 (256-bit FMAs at about
         * 8 double FLOP per cycle) it ran near the core's FMA peak on the transformer's shapes.
         */
        AVX2,
        /**
         * 6 rows x 4 vectors of 512 bits (32 columns): 24 accumulators of AVX-512's 32 registers, then 6 x 2 and
         * 6 x 1 vectors for the last columns and 4- and 1-row blocks for the last rows. On Zen 4 (double-pumped
         * 512-bit FMAs, 58 GFLOP/s f64 peak per core) it runs the transformer's products ([656, 64] x [64, 256] and
         * the like, A in place or transposed) at 48-54 GFLOP/s against 33-36 for {@link #AVX2} there (1.4-1.5x;
         * thread CPU time, the two alternating in one JVM, 5 rounds, medians), its attention products (41 x 16 x
         * 40) at 36-40 against 28-32. Measured and dropped there: 512-bit blocks of 6 x 2 (1.2x), 12 x 2 and 8 x 2
         * (1.3x), 4 x 4 (1.4x), 8 x 3 (1.2-1.6x, 24 columns fit 64 badly); columns outermost (a B panel kept in L1;
         * the step no faster); inner chunks of 64, 128 and 192 (within 3%) and 256 (the weight gradients 0.5x).
         */
        AVX512;

        /** AVX512 where the preferred vector holds 8 doubles, else AVX2 (512-bit vectors are not native there). */
        static final Blocking MACHINE = DoubleVector.SPECIES_PREFERRED.length() >= W.length() ? AVX512 : AVX2;
    }

    /** The product on the machine's blocking ({@link Blocking#MACHINE}); the arguments as the other {@code run}. */
    static void run(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so, int sld,
                    double[] c, int co, int ldc, int m, int kd, int nc) {
        run(Blocking.MACHINE, a, ao, ars, aks, b, bo, ldb, s, so, sld, c, co, ldc, m, kd, nc);
    }

    /**
     * A's entry (i, k) is {@code a[ao + i * ars + k * aks]}; every entry of C starts from the source {@code s} (entry
     * (i, j) at {@code so + i * sld + j}; zero when null), which is C itself for an accumulating product. Per inner
     * chunk, the {@code blocking}'s register blocks; chunks after the first start from C.
     */
    static void run(Blocking blocking, double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s,
                    int so, int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        if (kd == 0) {
            if (s != c || so != co || sld != ldc) {
                for (int i = 0; i < m; i++) { // [m, nc]
                    for (int j = 0; j < nc; j++) {
                        c[co + i * ldc + j] = s == null ? 0.0 : s[so + i * sld + j];
                    }
                }
            }
            return;
        }
        for (int k0 = 0; k0 < kd; k0 += KC) {
            int kc = Math.min(KC, kd - k0);
            int ak = ao + k0 * aks;
            int bk = bo + k0 * ldb;
            double[] src = k0 == 0 ? s : c;
            int sr = k0 == 0 ? so : co;
            int sl = k0 == 0 ? sld : ldc;
            if (blocking == Blocking.AVX512) {
                chunk512(a, ak, ars, aks, b, bk, ldb, src, sr, sl, c, co, ldc, m, kc, nc);
            } else {
                chunk256(a, ak, ars, aks, b, bk, ldb, src, sr, sl, c, co, ldc, m, kc, nc);
            }
        }
    }

    /**
     * One inner chunk on the AVX2 blocking: rows in groups of 6 and columns in groups of two vectors on the 6 x 2
     * block, the rest (last rows, last columns) on the 4 x 2 block.
     */
    private static void chunk256(double[] a, int ak, int ars, int aks, double[] b, int bk, int ldb, double[] src,
                                 int sr, int sl, double[] c, int co, int ldc, int m, int kc, int nc) {
        int m6 = m - m % 6;
        int n2 = nc - nc % (2 * S.length());
        if (m6 > 0 && n2 > 0) {
            block6(a, ak, ars, aks, b, bk, ldb, src, sr, sl, c, co, ldc, m6, kc, n2);
            block(a, ak, ars, aks, b, bk + n2, ldb, src, sr + n2, sl, c, co + n2, ldc, m6, kc, nc - n2);
            block(a, ak + m6 * ars, ars, aks, b, bk, ldb, src, sr + m6 * sl, sl, c, co + m6 * ldc, ldc, m - m6, kc,
                    nc);
        } else {
            block(a, ak, ars, aks, b, bk, ldb, src, sr, sl, c, co, ldc, m, kc, nc);
        }
    }

    /**
     * One inner chunk on the AVX512 blocking: rows in bands of 6 (then one band of 4 if 4 or 5 rows are left, then
     * single rows), each band's columns on its 4-, 2- (6-row band only) and 1-vector blocks, the last columns short
     * of a vector on the AVX2 {@link #block}.
     */
    private static void chunk512(double[] a, int ak, int ars, int aks, double[] b, int bk, int ldb, double[] src,
                                 int sr, int sl, double[] c, int co, int ldc, int m, int kc, int nc) {
        int m6 = m - m % 6;
        int i = 0;
        if (m6 > 0) {
            band512(6, a, ak, ars, aks, b, bk, ldb, src, sr, sl, c, co, ldc, m6, kc, nc);
            i = m6;
        }
        if (m - i >= 4) {
            band512(4, a, ak + i * ars, ars, aks, b, bk, ldb, src, sr + i * sl, sl, c, co + i * ldc, ldc, 4, kc, nc);
            i += 4;
        }
        if (i < m) {
            band512(1, a, ak + i * ars, ars, aks, b, bk, ldb, src, sr + i * sl, sl, c, co + i * ldc, ldc, m - i, kc,
                    nc);
        }
    }

    /** Rows {@code [0, m)} ({@code m} a multiple of {@code mr}, which is 6, 4 or 1) over all {@code nc} columns. */
    private static void band512(int mr, double[] a, int ak, int ars, int aks, double[] b, int bk, int ldb,
                                double[] src, int sr, int sl, double[] c, int co, int ldc, int m, int kc, int nc) {
        int ln = W.length();
        int n4 = nc - nc % (4 * ln);
        if (n4 > 0) {
            switch (mr) {
                case 6 -> wide6x4(a, ak, ars, aks, b, bk, ldb, src, sr, sl, c, co, ldc, m, kc, n4);
                case 4 -> wide4x4(a, ak, ars, aks, b, bk, ldb, src, sr, sl, c, co, ldc, m, kc, n4);
                default -> wide1x4(a, ak, ars, aks, b, bk, ldb, src, sr, sl, c, co, ldc, m, kc, n4);
            }
        }
        int j = n4;
        if (mr == 6 && nc - j >= 2 * ln) {
            wide6x2(a, ak, ars, aks, b, bk + j, ldb, src, sr + j, sl, c, co + j, ldc, m, kc, 2 * ln);
            j += 2 * ln;
        }
        int n1 = nc - (nc - j) % ln;
        if (n1 > j) {
            switch (mr) {
                case 6 -> wide6x1(a, ak, ars, aks, b, bk + j, ldb, src, sr + j, sl, c, co + j, ldc, m, kc, n1 - j);
                case 4 -> wide4x1(a, ak, ars, aks, b, bk + j, ldb, src, sr + j, sl, c, co + j, ldc, m, kc, n1 - j);
                default -> wide1x1(a, ak, ars, aks, b, bk + j, ldb, src, sr + j, sl, c, co + j, ldc, m, kc, n1 - j);
            }
        }
        if (n1 < nc) {
            block(a, ak, ars, aks, b, bk + n1, ldb, src, sr + n1, sl, c, co + n1, ldc, m, kc, nc - n1);
        }
    }

    /** The starting vector of a 512-bit accumulator: {@code s[o ..]}, or zero when there is no source. */
    private static DoubleVector startW(double[] s, int o) {
        return s == null ? DoubleVector.zero(W) : DoubleVector.fromArray(W, s, o);
    }

    /** The starting vector of an accumulator: {@code s[o ..]}, or zero when there is no source. */
    private static DoubleVector start(double[] s, int o) {
        return s == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, s, o);
    }

    private static double start1(double[] s, int o) {
        return s == null ? 0.0 : s[o];
    }

    /** {@code C += A B} on {@code m} rows (a multiple of 6) and {@code nc} columns (a multiple of two vectors). */
    private static void block6(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so,
                               int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        int ln = S.length();
        for (int i = 0; i < m; i += 6) { // [6 rows, inner, cols]
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            int s0 = so + i * sld;
            for (int j = 0; j < nc; j += 2 * ln) {
                int cj = c0 + j;
                int sj = s0 + j;
                DoubleVector y00 = start(s, sj);
                DoubleVector y01 = start(s, sj + ln);
                DoubleVector y10 = start(s, sj + sld);
                DoubleVector y11 = start(s, sj + sld + ln);
                DoubleVector y20 = start(s, sj + 2 * sld);
                DoubleVector y21 = start(s, sj + 2 * sld + ln);
                DoubleVector y30 = start(s, sj + 3 * sld);
                DoubleVector y31 = start(s, sj + 3 * sld + ln);
                DoubleVector y40 = start(s, sj + 4 * sld);
                DoubleVector y41 = start(s, sj + 4 * sld + ln);
                DoubleVector y50 = start(s, sj + 5 * sld);
                DoubleVector y51 = start(s, sj + 5 * sld + ln);
                for (int k = 0; k < kd; k++) {
                    int bk = bo + k * ldb + j;
                    int ak = a0 + k * aks;
                    DoubleVector b0 = DoubleVector.fromArray(S, b, bk);
                    DoubleVector b1 = DoubleVector.fromArray(S, b, bk + ln);
                    DoubleVector v = DoubleVector.broadcast(S, a[ak]);
                    y00 = v.fma(b0, y00);
                    y01 = v.fma(b1, y01);
                    v = DoubleVector.broadcast(S, a[ak + ars]);
                    y10 = v.fma(b0, y10);
                    y11 = v.fma(b1, y11);
                    v = DoubleVector.broadcast(S, a[ak + 2 * ars]);
                    y20 = v.fma(b0, y20);
                    y21 = v.fma(b1, y21);
                    v = DoubleVector.broadcast(S, a[ak + 3 * ars]);
                    y30 = v.fma(b0, y30);
                    y31 = v.fma(b1, y31);
                    v = DoubleVector.broadcast(S, a[ak + 4 * ars]);
                    y40 = v.fma(b0, y40);
                    y41 = v.fma(b1, y41);
                    v = DoubleVector.broadcast(S, a[ak + 5 * ars]);
                    y50 = v.fma(b0, y50);
                    y51 = v.fma(b1, y51);
                }
                y00.intoArray(c, cj);
                y01.intoArray(c, cj + ln);
                y10.intoArray(c, cj + ldc);
                y11.intoArray(c, cj + ldc + ln);
                y20.intoArray(c, cj + 2 * ldc);
                y21.intoArray(c, cj + 2 * ldc + ln);
                y30.intoArray(c, cj + 3 * ldc);
                y31.intoArray(c, cj + 3 * ldc + ln);
                y40.intoArray(c, cj + 4 * ldc);
                y41.intoArray(c, cj + 4 * ldc + ln);
                y50.intoArray(c, cj + 5 * ldc);
                y51.intoArray(c, cj + 5 * ldc + ln);
            }
        }
    }

    private static void block(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so,
                              int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        int ln = S.length();
        int i = 0;
        for (; i + 4 <= m; i += 4) { // [4 rows, inner, cols]
            int a0 = ao + i * ars;
            int a1 = a0 + ars;
            int a2 = a1 + ars;
            int a3 = a2 + ars;
            int c0 = co + i * ldc;
            int c1 = c0 + ldc;
            int c2 = c1 + ldc;
            int c3 = c2 + ldc;
            int s0 = so + i * sld;
            int s1 = s0 + sld;
            int s2 = s1 + sld;
            int s3 = s2 + sld;
            int j = 0;
            for (; j + 2 * ln <= nc; j += 2 * ln) {
                DoubleVector x00 = start(s, s0 + j);
                DoubleVector x01 = start(s, s0 + j + ln);
                DoubleVector x10 = start(s, s1 + j);
                DoubleVector x11 = start(s, s1 + j + ln);
                DoubleVector x20 = start(s, s2 + j);
                DoubleVector x21 = start(s, s2 + j + ln);
                DoubleVector x30 = start(s, s3 + j);
                DoubleVector x31 = start(s, s3 + j + ln);
                for (int k = 0; k < kd; k++) {
                    int bk = bo + k * ldb + j;
                    int ak = k * aks;
                    DoubleVector b0 = DoubleVector.fromArray(S, b, bk);
                    DoubleVector b1 = DoubleVector.fromArray(S, b, bk + ln);
                    DoubleVector v = DoubleVector.broadcast(S, a[a0 + ak]);
                    x00 = v.fma(b0, x00);
                    x01 = v.fma(b1, x01);
                    v = DoubleVector.broadcast(S, a[a1 + ak]);
                    x10 = v.fma(b0, x10);
                    x11 = v.fma(b1, x11);
                    v = DoubleVector.broadcast(S, a[a2 + ak]);
                    x20 = v.fma(b0, x20);
                    x21 = v.fma(b1, x21);
                    v = DoubleVector.broadcast(S, a[a3 + ak]);
                    x30 = v.fma(b0, x30);
                    x31 = v.fma(b1, x31);
                }
                x00.intoArray(c, c0 + j);
                x01.intoArray(c, c0 + j + ln);
                x10.intoArray(c, c1 + j);
                x11.intoArray(c, c1 + j + ln);
                x20.intoArray(c, c2 + j);
                x21.intoArray(c, c2 + j + ln);
                x30.intoArray(c, c3 + j);
                x31.intoArray(c, c3 + j + ln);
            }
            for (; j + ln <= nc; j += ln) {
                DoubleVector x0 = start(s, s0 + j);
                DoubleVector x1 = start(s, s1 + j);
                DoubleVector x2 = start(s, s2 + j);
                DoubleVector x3 = start(s, s3 + j);
                for (int k = 0; k < kd; k++) {
                    DoubleVector b0 = DoubleVector.fromArray(S, b, bo + k * ldb + j);
                    int ak = k * aks;
                    x0 = DoubleVector.broadcast(S, a[a0 + ak]).fma(b0, x0);
                    x1 = DoubleVector.broadcast(S, a[a1 + ak]).fma(b0, x1);
                    x2 = DoubleVector.broadcast(S, a[a2 + ak]).fma(b0, x2);
                    x3 = DoubleVector.broadcast(S, a[a3 + ak]).fma(b0, x3);
                }
                x0.intoArray(c, c0 + j);
                x1.intoArray(c, c1 + j);
                x2.intoArray(c, c2 + j);
                x3.intoArray(c, c3 + j);
            }
            for (; j < nc; j++) {
                double t0 = start1(s, s0 + j);
                double t1 = start1(s, s1 + j);
                double t2 = start1(s, s2 + j);
                double t3 = start1(s, s3 + j);
                for (int k = 0; k < kd; k++) {
                    double bk = b[bo + k * ldb + j];
                    int ak = k * aks;
                    t0 = Math.fma(a[a0 + ak], bk, t0);
                    t1 = Math.fma(a[a1 + ak], bk, t1);
                    t2 = Math.fma(a[a2 + ak], bk, t2);
                    t3 = Math.fma(a[a3 + ak], bk, t3);
                }
                c[c0 + j] = t0;
                c[c1 + j] = t1;
                c[c2 + j] = t2;
                c[c3 + j] = t3;
            }
        }
        for (; i < m; i++) { // [1 row, inner, cols]
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            int s0 = so + i * sld;
            int j = 0;
            for (; j + 2 * ln <= nc; j += 2 * ln) {
                DoubleVector x0 = start(s, s0 + j);
                DoubleVector x1 = start(s, s0 + j + ln);
                for (int k = 0; k < kd; k++) {
                    int bk = bo + k * ldb + j;
                    DoubleVector v = DoubleVector.broadcast(S, a[a0 + k * aks]);
                    x0 = v.fma(DoubleVector.fromArray(S, b, bk), x0);
                    x1 = v.fma(DoubleVector.fromArray(S, b, bk + ln), x1);
                }
                x0.intoArray(c, c0 + j);
                x1.intoArray(c, c0 + j + ln);
            }
            for (; j + ln <= nc; j += ln) {
                DoubleVector x0 = start(s, s0 + j);
                for (int k = 0; k < kd; k++) {
                    x0 = DoubleVector.broadcast(S, a[a0 + k * aks]).fma(DoubleVector.fromArray(S, b, bo + k * ldb + j),
                            x0);
                }
                x0.intoArray(c, c0 + j);
            }
            for (; j < nc; j++) {
                double t0 = start1(s, s0 + j);
                for (int k = 0; k < kd; k++) {
                    t0 = Math.fma(a[a0 + k * aks], b[bo + k * ldb + j], t0);
                }
                c[c0 + j] = t0;
            }
        }
    }

    /** 6 x 4 block: {@code m} rows (a multiple of 6), {@code nc} columns (a multiple of 4 vectors). */
    private static void wide6x4(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so,
                                int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        int ln = W.length();
        for (int i = 0; i < m; i += 6) { // [6 rows, inner, cols]
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            int s0 = so + i * sld;
            for (int j = 0; j < nc; j += 4 * ln) {
                int cj = c0 + j;
                int sj = s0 + j;
                DoubleVector y00 = startW(s, sj);
                DoubleVector y01 = startW(s, sj + ln);
                DoubleVector y02 = startW(s, sj + 2 * ln);
                DoubleVector y03 = startW(s, sj + 3 * ln);
                DoubleVector y10 = startW(s, sj + sld);
                DoubleVector y11 = startW(s, sj + sld + ln);
                DoubleVector y12 = startW(s, sj + sld + 2 * ln);
                DoubleVector y13 = startW(s, sj + sld + 3 * ln);
                DoubleVector y20 = startW(s, sj + 2 * sld);
                DoubleVector y21 = startW(s, sj + 2 * sld + ln);
                DoubleVector y22 = startW(s, sj + 2 * sld + 2 * ln);
                DoubleVector y23 = startW(s, sj + 2 * sld + 3 * ln);
                DoubleVector y30 = startW(s, sj + 3 * sld);
                DoubleVector y31 = startW(s, sj + 3 * sld + ln);
                DoubleVector y32 = startW(s, sj + 3 * sld + 2 * ln);
                DoubleVector y33 = startW(s, sj + 3 * sld + 3 * ln);
                DoubleVector y40 = startW(s, sj + 4 * sld);
                DoubleVector y41 = startW(s, sj + 4 * sld + ln);
                DoubleVector y42 = startW(s, sj + 4 * sld + 2 * ln);
                DoubleVector y43 = startW(s, sj + 4 * sld + 3 * ln);
                DoubleVector y50 = startW(s, sj + 5 * sld);
                DoubleVector y51 = startW(s, sj + 5 * sld + ln);
                DoubleVector y52 = startW(s, sj + 5 * sld + 2 * ln);
                DoubleVector y53 = startW(s, sj + 5 * sld + 3 * ln);
                for (int k = 0; k < kd; k++) {
                    int bk = bo + k * ldb + j;
                    int ak = a0 + k * aks;
                    DoubleVector b0 = DoubleVector.fromArray(W, b, bk);
                    DoubleVector b1 = DoubleVector.fromArray(W, b, bk + ln);
                    DoubleVector b2 = DoubleVector.fromArray(W, b, bk + 2 * ln);
                    DoubleVector b3 = DoubleVector.fromArray(W, b, bk + 3 * ln);
                    DoubleVector v = DoubleVector.broadcast(W, a[ak]);
                    y00 = v.fma(b0, y00);
                    y01 = v.fma(b1, y01);
                    y02 = v.fma(b2, y02);
                    y03 = v.fma(b3, y03);
                    v = DoubleVector.broadcast(W, a[ak + ars]);
                    y10 = v.fma(b0, y10);
                    y11 = v.fma(b1, y11);
                    y12 = v.fma(b2, y12);
                    y13 = v.fma(b3, y13);
                    v = DoubleVector.broadcast(W, a[ak + 2 * ars]);
                    y20 = v.fma(b0, y20);
                    y21 = v.fma(b1, y21);
                    y22 = v.fma(b2, y22);
                    y23 = v.fma(b3, y23);
                    v = DoubleVector.broadcast(W, a[ak + 3 * ars]);
                    y30 = v.fma(b0, y30);
                    y31 = v.fma(b1, y31);
                    y32 = v.fma(b2, y32);
                    y33 = v.fma(b3, y33);
                    v = DoubleVector.broadcast(W, a[ak + 4 * ars]);
                    y40 = v.fma(b0, y40);
                    y41 = v.fma(b1, y41);
                    y42 = v.fma(b2, y42);
                    y43 = v.fma(b3, y43);
                    v = DoubleVector.broadcast(W, a[ak + 5 * ars]);
                    y50 = v.fma(b0, y50);
                    y51 = v.fma(b1, y51);
                    y52 = v.fma(b2, y52);
                    y53 = v.fma(b3, y53);
                }
                y00.intoArray(c, cj);
                y01.intoArray(c, cj + ln);
                y02.intoArray(c, cj + 2 * ln);
                y03.intoArray(c, cj + 3 * ln);
                y10.intoArray(c, cj + ldc);
                y11.intoArray(c, cj + ldc + ln);
                y12.intoArray(c, cj + ldc + 2 * ln);
                y13.intoArray(c, cj + ldc + 3 * ln);
                y20.intoArray(c, cj + 2 * ldc);
                y21.intoArray(c, cj + 2 * ldc + ln);
                y22.intoArray(c, cj + 2 * ldc + 2 * ln);
                y23.intoArray(c, cj + 2 * ldc + 3 * ln);
                y30.intoArray(c, cj + 3 * ldc);
                y31.intoArray(c, cj + 3 * ldc + ln);
                y32.intoArray(c, cj + 3 * ldc + 2 * ln);
                y33.intoArray(c, cj + 3 * ldc + 3 * ln);
                y40.intoArray(c, cj + 4 * ldc);
                y41.intoArray(c, cj + 4 * ldc + ln);
                y42.intoArray(c, cj + 4 * ldc + 2 * ln);
                y43.intoArray(c, cj + 4 * ldc + 3 * ln);
                y50.intoArray(c, cj + 5 * ldc);
                y51.intoArray(c, cj + 5 * ldc + ln);
                y52.intoArray(c, cj + 5 * ldc + 2 * ln);
                y53.intoArray(c, cj + 5 * ldc + 3 * ln);
            }
        }
    }

    /** 6 x 2 block: {@code m} rows (a multiple of 6), {@code nc} columns (a multiple of 2 vectors). */
    private static void wide6x2(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so,
                                int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        int ln = W.length();
        for (int i = 0; i < m; i += 6) { // [6 rows, inner, cols]
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            int s0 = so + i * sld;
            for (int j = 0; j < nc; j += 2 * ln) {
                int cj = c0 + j;
                int sj = s0 + j;
                DoubleVector y00 = startW(s, sj);
                DoubleVector y01 = startW(s, sj + ln);
                DoubleVector y10 = startW(s, sj + sld);
                DoubleVector y11 = startW(s, sj + sld + ln);
                DoubleVector y20 = startW(s, sj + 2 * sld);
                DoubleVector y21 = startW(s, sj + 2 * sld + ln);
                DoubleVector y30 = startW(s, sj + 3 * sld);
                DoubleVector y31 = startW(s, sj + 3 * sld + ln);
                DoubleVector y40 = startW(s, sj + 4 * sld);
                DoubleVector y41 = startW(s, sj + 4 * sld + ln);
                DoubleVector y50 = startW(s, sj + 5 * sld);
                DoubleVector y51 = startW(s, sj + 5 * sld + ln);
                for (int k = 0; k < kd; k++) {
                    int bk = bo + k * ldb + j;
                    int ak = a0 + k * aks;
                    DoubleVector b0 = DoubleVector.fromArray(W, b, bk);
                    DoubleVector b1 = DoubleVector.fromArray(W, b, bk + ln);
                    DoubleVector v = DoubleVector.broadcast(W, a[ak]);
                    y00 = v.fma(b0, y00);
                    y01 = v.fma(b1, y01);
                    v = DoubleVector.broadcast(W, a[ak + ars]);
                    y10 = v.fma(b0, y10);
                    y11 = v.fma(b1, y11);
                    v = DoubleVector.broadcast(W, a[ak + 2 * ars]);
                    y20 = v.fma(b0, y20);
                    y21 = v.fma(b1, y21);
                    v = DoubleVector.broadcast(W, a[ak + 3 * ars]);
                    y30 = v.fma(b0, y30);
                    y31 = v.fma(b1, y31);
                    v = DoubleVector.broadcast(W, a[ak + 4 * ars]);
                    y40 = v.fma(b0, y40);
                    y41 = v.fma(b1, y41);
                    v = DoubleVector.broadcast(W, a[ak + 5 * ars]);
                    y50 = v.fma(b0, y50);
                    y51 = v.fma(b1, y51);
                }
                y00.intoArray(c, cj);
                y01.intoArray(c, cj + ln);
                y10.intoArray(c, cj + ldc);
                y11.intoArray(c, cj + ldc + ln);
                y20.intoArray(c, cj + 2 * ldc);
                y21.intoArray(c, cj + 2 * ldc + ln);
                y30.intoArray(c, cj + 3 * ldc);
                y31.intoArray(c, cj + 3 * ldc + ln);
                y40.intoArray(c, cj + 4 * ldc);
                y41.intoArray(c, cj + 4 * ldc + ln);
                y50.intoArray(c, cj + 5 * ldc);
                y51.intoArray(c, cj + 5 * ldc + ln);
            }
        }
    }

    /** 6 x 1 block: {@code m} rows (a multiple of 6), {@code nc} columns (a multiple of 1 vectors). */
    private static void wide6x1(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so,
                                int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        int ln = W.length();
        for (int i = 0; i < m; i += 6) { // [6 rows, inner, cols]
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            int s0 = so + i * sld;
            for (int j = 0; j < nc; j += 1 * ln) {
                int cj = c0 + j;
                int sj = s0 + j;
                DoubleVector y00 = startW(s, sj);
                DoubleVector y10 = startW(s, sj + sld);
                DoubleVector y20 = startW(s, sj + 2 * sld);
                DoubleVector y30 = startW(s, sj + 3 * sld);
                DoubleVector y40 = startW(s, sj + 4 * sld);
                DoubleVector y50 = startW(s, sj + 5 * sld);
                for (int k = 0; k < kd; k++) {
                    int bk = bo + k * ldb + j;
                    int ak = a0 + k * aks;
                    DoubleVector b0 = DoubleVector.fromArray(W, b, bk);
                    DoubleVector v = DoubleVector.broadcast(W, a[ak]);
                    y00 = v.fma(b0, y00);
                    v = DoubleVector.broadcast(W, a[ak + ars]);
                    y10 = v.fma(b0, y10);
                    v = DoubleVector.broadcast(W, a[ak + 2 * ars]);
                    y20 = v.fma(b0, y20);
                    v = DoubleVector.broadcast(W, a[ak + 3 * ars]);
                    y30 = v.fma(b0, y30);
                    v = DoubleVector.broadcast(W, a[ak + 4 * ars]);
                    y40 = v.fma(b0, y40);
                    v = DoubleVector.broadcast(W, a[ak + 5 * ars]);
                    y50 = v.fma(b0, y50);
                }
                y00.intoArray(c, cj);
                y10.intoArray(c, cj + ldc);
                y20.intoArray(c, cj + 2 * ldc);
                y30.intoArray(c, cj + 3 * ldc);
                y40.intoArray(c, cj + 4 * ldc);
                y50.intoArray(c, cj + 5 * ldc);
            }
        }
    }

    /** 4 x 4 block: {@code m} rows (a multiple of 4), {@code nc} columns (a multiple of 4 vectors). */
    private static void wide4x4(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so,
                                int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        int ln = W.length();
        for (int i = 0; i < m; i += 4) { // [4 rows, inner, cols]
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            int s0 = so + i * sld;
            for (int j = 0; j < nc; j += 4 * ln) {
                int cj = c0 + j;
                int sj = s0 + j;
                DoubleVector y00 = startW(s, sj);
                DoubleVector y01 = startW(s, sj + ln);
                DoubleVector y02 = startW(s, sj + 2 * ln);
                DoubleVector y03 = startW(s, sj + 3 * ln);
                DoubleVector y10 = startW(s, sj + sld);
                DoubleVector y11 = startW(s, sj + sld + ln);
                DoubleVector y12 = startW(s, sj + sld + 2 * ln);
                DoubleVector y13 = startW(s, sj + sld + 3 * ln);
                DoubleVector y20 = startW(s, sj + 2 * sld);
                DoubleVector y21 = startW(s, sj + 2 * sld + ln);
                DoubleVector y22 = startW(s, sj + 2 * sld + 2 * ln);
                DoubleVector y23 = startW(s, sj + 2 * sld + 3 * ln);
                DoubleVector y30 = startW(s, sj + 3 * sld);
                DoubleVector y31 = startW(s, sj + 3 * sld + ln);
                DoubleVector y32 = startW(s, sj + 3 * sld + 2 * ln);
                DoubleVector y33 = startW(s, sj + 3 * sld + 3 * ln);
                for (int k = 0; k < kd; k++) {
                    int bk = bo + k * ldb + j;
                    int ak = a0 + k * aks;
                    DoubleVector b0 = DoubleVector.fromArray(W, b, bk);
                    DoubleVector b1 = DoubleVector.fromArray(W, b, bk + ln);
                    DoubleVector b2 = DoubleVector.fromArray(W, b, bk + 2 * ln);
                    DoubleVector b3 = DoubleVector.fromArray(W, b, bk + 3 * ln);
                    DoubleVector v = DoubleVector.broadcast(W, a[ak]);
                    y00 = v.fma(b0, y00);
                    y01 = v.fma(b1, y01);
                    y02 = v.fma(b2, y02);
                    y03 = v.fma(b3, y03);
                    v = DoubleVector.broadcast(W, a[ak + ars]);
                    y10 = v.fma(b0, y10);
                    y11 = v.fma(b1, y11);
                    y12 = v.fma(b2, y12);
                    y13 = v.fma(b3, y13);
                    v = DoubleVector.broadcast(W, a[ak + 2 * ars]);
                    y20 = v.fma(b0, y20);
                    y21 = v.fma(b1, y21);
                    y22 = v.fma(b2, y22);
                    y23 = v.fma(b3, y23);
                    v = DoubleVector.broadcast(W, a[ak + 3 * ars]);
                    y30 = v.fma(b0, y30);
                    y31 = v.fma(b1, y31);
                    y32 = v.fma(b2, y32);
                    y33 = v.fma(b3, y33);
                }
                y00.intoArray(c, cj);
                y01.intoArray(c, cj + ln);
                y02.intoArray(c, cj + 2 * ln);
                y03.intoArray(c, cj + 3 * ln);
                y10.intoArray(c, cj + ldc);
                y11.intoArray(c, cj + ldc + ln);
                y12.intoArray(c, cj + ldc + 2 * ln);
                y13.intoArray(c, cj + ldc + 3 * ln);
                y20.intoArray(c, cj + 2 * ldc);
                y21.intoArray(c, cj + 2 * ldc + ln);
                y22.intoArray(c, cj + 2 * ldc + 2 * ln);
                y23.intoArray(c, cj + 2 * ldc + 3 * ln);
                y30.intoArray(c, cj + 3 * ldc);
                y31.intoArray(c, cj + 3 * ldc + ln);
                y32.intoArray(c, cj + 3 * ldc + 2 * ln);
                y33.intoArray(c, cj + 3 * ldc + 3 * ln);
            }
        }
    }

    /** 4 x 1 block: {@code m} rows (a multiple of 4), {@code nc} columns (a multiple of 1 vectors). */
    private static void wide4x1(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so,
                                int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        int ln = W.length();
        for (int i = 0; i < m; i += 4) { // [4 rows, inner, cols]
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            int s0 = so + i * sld;
            for (int j = 0; j < nc; j += 1 * ln) {
                int cj = c0 + j;
                int sj = s0 + j;
                DoubleVector y00 = startW(s, sj);
                DoubleVector y10 = startW(s, sj + sld);
                DoubleVector y20 = startW(s, sj + 2 * sld);
                DoubleVector y30 = startW(s, sj + 3 * sld);
                for (int k = 0; k < kd; k++) {
                    int bk = bo + k * ldb + j;
                    int ak = a0 + k * aks;
                    DoubleVector b0 = DoubleVector.fromArray(W, b, bk);
                    DoubleVector v = DoubleVector.broadcast(W, a[ak]);
                    y00 = v.fma(b0, y00);
                    v = DoubleVector.broadcast(W, a[ak + ars]);
                    y10 = v.fma(b0, y10);
                    v = DoubleVector.broadcast(W, a[ak + 2 * ars]);
                    y20 = v.fma(b0, y20);
                    v = DoubleVector.broadcast(W, a[ak + 3 * ars]);
                    y30 = v.fma(b0, y30);
                }
                y00.intoArray(c, cj);
                y10.intoArray(c, cj + ldc);
                y20.intoArray(c, cj + 2 * ldc);
                y30.intoArray(c, cj + 3 * ldc);
            }
        }
    }

    /** 1 x 4 block: {@code m} rows (a multiple of 1), {@code nc} columns (a multiple of 4 vectors). */
    private static void wide1x4(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so,
                                int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        int ln = W.length();
        for (int i = 0; i < m; i += 1) { // [1 rows, inner, cols]
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            int s0 = so + i * sld;
            for (int j = 0; j < nc; j += 4 * ln) {
                int cj = c0 + j;
                int sj = s0 + j;
                DoubleVector y00 = startW(s, sj);
                DoubleVector y01 = startW(s, sj + ln);
                DoubleVector y02 = startW(s, sj + 2 * ln);
                DoubleVector y03 = startW(s, sj + 3 * ln);
                for (int k = 0; k < kd; k++) {
                    int bk = bo + k * ldb + j;
                    int ak = a0 + k * aks;
                    DoubleVector b0 = DoubleVector.fromArray(W, b, bk);
                    DoubleVector b1 = DoubleVector.fromArray(W, b, bk + ln);
                    DoubleVector b2 = DoubleVector.fromArray(W, b, bk + 2 * ln);
                    DoubleVector b3 = DoubleVector.fromArray(W, b, bk + 3 * ln);
                    DoubleVector v = DoubleVector.broadcast(W, a[ak]);
                    y00 = v.fma(b0, y00);
                    y01 = v.fma(b1, y01);
                    y02 = v.fma(b2, y02);
                    y03 = v.fma(b3, y03);
                }
                y00.intoArray(c, cj);
                y01.intoArray(c, cj + ln);
                y02.intoArray(c, cj + 2 * ln);
                y03.intoArray(c, cj + 3 * ln);
            }
        }
    }

    /** 1 x 1 block: {@code m} rows (a multiple of 1), {@code nc} columns (a multiple of 1 vectors). */
    private static void wide1x1(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so,
                                int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        int ln = W.length();
        for (int i = 0; i < m; i += 1) { // [1 rows, inner, cols]
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            int s0 = so + i * sld;
            for (int j = 0; j < nc; j += 1 * ln) {
                int cj = c0 + j;
                int sj = s0 + j;
                DoubleVector y00 = startW(s, sj);
                for (int k = 0; k < kd; k++) {
                    int bk = bo + k * ldb + j;
                    int ak = a0 + k * aks;
                    DoubleVector b0 = DoubleVector.fromArray(W, b, bk);
                    DoubleVector v = DoubleVector.broadcast(W, a[ak]);
                    y00 = v.fma(b0, y00);
                }
                y00.intoArray(c, cj);
            }
        }
    }
}
