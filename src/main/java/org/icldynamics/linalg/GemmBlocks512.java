package org.icldynamics.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GemmKernel}'s register blocks on 512-bit vectors ({@link GemmKernel.Blocking#AVX512}): rows in bands of 6, 4
 * and 1, each band's columns on blocks of 4, 2 (6-row band) and 1 vectors, the last columns short of a vector on
 * {@link GemmBlocks256#block}. The 6-row blocks, which carry the bulk, are here; the 4- and 1-row blocks of the last
 * rows in {@link GemmEdgeBlocks512}. Every entry starts from its source and takes its fmas in inner order. Each block
 * is one method with its vectors' species a constant, as the Vector API needs to compile it to vector instructions.
 */
final class GemmBlocks512 {
    private static final VectorSpecies<Double> W = DoubleVector.SPECIES_512;

    private GemmBlocks512() {
    }

    /**
     * One inner chunk: rows in bands of 6 (then one band of 4 if 4 or 5 rows are left, then
     * single rows), each band's columns on its 4-, 2- (6-row band only) and 1-vector blocks, the last columns short
     * of a vector on {@link GemmBlocks256#block}.
     */
    static void chunk(double[] a, int ak, int ars, int aks, double[] b, int bk, int ldb, double[] src,
                      int sr, int sl, double[] c, int co, int ldc, int m, int kc, int nc) {
        int m6 = m - m % 6;
        int i = 0;
        if (m6 > 0) {
            band(6, a, ak, ars, aks, b, bk, ldb, src, sr, sl, c, co, ldc, m6, kc, nc);
            i = m6;
        }
        if (m - i >= 4) {
            band(4, a, ak + i * ars, ars, aks, b, bk, ldb, src, sr + i * sl, sl, c, co + i * ldc, ldc, 4, kc, nc);
            i += 4;
        }
        if (i < m) {
            band(1, a, ak + i * ars, ars, aks, b, bk, ldb, src, sr + i * sl, sl, c, co + i * ldc, ldc, m - i, kc,
                    nc);
        }
    }

    /** Rows {@code [0, m)} ({@code m} a multiple of {@code mr}, which is 6, 4 or 1) over all {@code nc} columns. */
    private static void band(int mr, double[] a, int ak, int ars, int aks, double[] b, int bk, int ldb,
                             double[] src, int sr, int sl, double[] c, int co, int ldc, int m, int kc, int nc) {
        int ln = W.length();
        int n4 = nc - nc % (4 * ln);
        if (n4 > 0) {
            switch (mr) {
                case 6 -> wide6x4(a, ak, ars, aks, b, bk, ldb, src, sr, sl, c, co, ldc, m, kc, n4);
                case 4 -> GemmEdgeBlocks512.wide4x4(a, ak, ars, aks, b, bk, ldb, src, sr, sl, c, co, ldc, m, kc, n4);
                default -> GemmEdgeBlocks512.wide1x4(a, ak, ars, aks, b, bk, ldb, src, sr, sl, c, co, ldc, m, kc, n4);
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
                case 4 -> GemmEdgeBlocks512.wide4x1(a, ak, ars, aks, b, bk + j, ldb, src, sr + j, sl, c, co + j, ldc, m,
                        kc, n1 - j);
                default -> GemmEdgeBlocks512.wide1x1(a, ak, ars, aks, b, bk + j, ldb, src, sr + j, sl, c, co + j, ldc,
                        m, kc, n1 - j);
            }
        }
        if (n1 < nc) {
            GemmBlocks256.block(a, ak, ars, aks, b, bk + n1, ldb, src, sr + n1, sl, c, co + n1, ldc, m, kc,
                    nc - n1);
        }
    }

    /** The starting vector of a 512-bit accumulator: {@code s[o ..]}, or zero when there is no source. */
    static DoubleVector startW(double[] s, int o) {
        return s == null ? DoubleVector.zero(W) : DoubleVector.fromArray(W, s, o);
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
}
