package org.icldynamics.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 4-row and single-row register blocks of {@link GemmBlocks512}, on 512-bit vectors: the last {@code m mod 6} rows
 * of a product (4 and 1 rows of the attention's 41-row products). Every entry starts from its source and takes its
 * fmas in inner order.
 */
final class GemmEdgeBlocks512 {
    private static final VectorSpecies<Double> W = DoubleVector.SPECIES_512;

    private GemmEdgeBlocks512() {
    }

    /** 4 x 4 block: {@code m} rows (a multiple of 4), {@code nc} columns (a multiple of 4 vectors). */
    static void wide4x4(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so,
                                int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        int ln = W.length();
        for (int i = 0; i < m; i += 4) { // [4 rows, inner, cols]
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            int s0 = so + i * sld;
            for (int j = 0; j < nc; j += 4 * ln) {
                int cj = c0 + j;
                int sj = s0 + j;
                DoubleVector y00 = GemmBlocks512.startW(s, sj);
                DoubleVector y01 = GemmBlocks512.startW(s, sj + ln);
                DoubleVector y02 = GemmBlocks512.startW(s, sj + 2 * ln);
                DoubleVector y03 = GemmBlocks512.startW(s, sj + 3 * ln);
                DoubleVector y10 = GemmBlocks512.startW(s, sj + sld);
                DoubleVector y11 = GemmBlocks512.startW(s, sj + sld + ln);
                DoubleVector y12 = GemmBlocks512.startW(s, sj + sld + 2 * ln);
                DoubleVector y13 = GemmBlocks512.startW(s, sj + sld + 3 * ln);
                DoubleVector y20 = GemmBlocks512.startW(s, sj + 2 * sld);
                DoubleVector y21 = GemmBlocks512.startW(s, sj + 2 * sld + ln);
                DoubleVector y22 = GemmBlocks512.startW(s, sj + 2 * sld + 2 * ln);
                DoubleVector y23 = GemmBlocks512.startW(s, sj + 2 * sld + 3 * ln);
                DoubleVector y30 = GemmBlocks512.startW(s, sj + 3 * sld);
                DoubleVector y31 = GemmBlocks512.startW(s, sj + 3 * sld + ln);
                DoubleVector y32 = GemmBlocks512.startW(s, sj + 3 * sld + 2 * ln);
                DoubleVector y33 = GemmBlocks512.startW(s, sj + 3 * sld + 3 * ln);
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
    static void wide4x1(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so,
                                int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        int ln = W.length();
        for (int i = 0; i < m; i += 4) { // [4 rows, inner, cols]
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            int s0 = so + i * sld;
            for (int j = 0; j < nc; j += 1 * ln) {
                int cj = c0 + j;
                int sj = s0 + j;
                DoubleVector y00 = GemmBlocks512.startW(s, sj);
                DoubleVector y10 = GemmBlocks512.startW(s, sj + sld);
                DoubleVector y20 = GemmBlocks512.startW(s, sj + 2 * sld);
                DoubleVector y30 = GemmBlocks512.startW(s, sj + 3 * sld);
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
    static void wide1x4(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so,
                                int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        int ln = W.length();
        for (int i = 0; i < m; i += 1) { // [1 rows, inner, cols]
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            int s0 = so + i * sld;
            for (int j = 0; j < nc; j += 4 * ln) {
                int cj = c0 + j;
                int sj = s0 + j;
                DoubleVector y00 = GemmBlocks512.startW(s, sj);
                DoubleVector y01 = GemmBlocks512.startW(s, sj + ln);
                DoubleVector y02 = GemmBlocks512.startW(s, sj + 2 * ln);
                DoubleVector y03 = GemmBlocks512.startW(s, sj + 3 * ln);
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
    static void wide1x1(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so,
                                int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        int ln = W.length();
        for (int i = 0; i < m; i += 1) { // [1 rows, inner, cols]
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            int s0 = so + i * sld;
            for (int j = 0; j < nc; j += 1 * ln) {
                int cj = c0 + j;
                int sj = s0 + j;
                DoubleVector y00 = GemmBlocks512.startW(s, sj);
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
