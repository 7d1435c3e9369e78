package org.icldynamics.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GemmKernel}'s register blocks on 256-bit vectors ({@link GemmKernel.Blocking#AVX2}): the 6 x 2 block for the
 * bulk, the 4 x 2 block and scalar loops for the edges. Every entry starts from its source and takes its fmas in inner
 * order. Each block is one method with its vectors' species a constant, as the Vector API needs to compile it to
 * vector instructions; the 512-bit blocks ({@link GemmBlocks512}) are the same loops at the other width.
 */
final class GemmBlocks256 {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

    private GemmBlocks256() {
    }

    /**
     * One inner chunk: rows in groups of 6 and columns in groups of two vectors on the 6 x 2
     * block, the rest (last rows, last columns) on the 4 x 2 block.
     */
    static void chunk(double[] a, int ak, int ars, int aks, double[] b, int bk, int ldb, double[] src,
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

    /** The starting vector of an accumulator: {@code s[o ..]}, or zero when there is no source. */
    private static DoubleVector start(double[] s, int o) {
        return s == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, s, o);
    }

    /** The starting value of a scalar accumulator: {@code s[o]}, or zero when there is no source. */
    static double start1(double[] s, int o) {
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

    /**
     * {@code C += A B} on any {@code m} rows and {@code nc} columns: bands of 4 rows, then single rows, each over
     * blocks of two vectors, one vector and single columns.
     */
    static void block(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so,
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

}
