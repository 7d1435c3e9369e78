package org.icldynamics.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The register-blocked GEMM kernels against a plain loop of {@link Math#fma} in the documented order: same bits. */
class DenseGemmTest {
    private static double[] random(int len, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = r.nextDouble(-1, 1);
        }
        return a;
    }

    @Test
    void gemmEqualsTheOrderedFmaLoopBitForBitOnEverySmallShapeWithOffsetsAndStrides() {
        for (int rows = 0; rows <= 9; rows++) {
            for (int inner = 0; inner <= 5; inner++) {
                for (int cols = 0; cols <= 13; cols++) {
                    int lda = inner + 2;
                    int ldb = cols + 3;
                    int ldc = cols + 1;
                    double[] a = random(3 + rows * lda, rows * 100 + inner);
                    double[] b = random(5 + inner * ldb, cols * 7 + 1);
                    double[] c = random(2 + rows * ldc, 99);
                    double[] expect = c.clone();
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < cols; j++) {
                            double s = expect[2 + i * ldc + j];
                            for (int k = 0; k < inner; k++) {
                                s = Math.fma(a[3 + i * lda + k], b[5 + k * ldb + j], s);
                            }
                            expect[2 + i * ldc + j] = s;
                        }
                    }
                    Dense.gemm(a, 3, lda, b, 5, ldb, c, 2, ldc, rows, inner, cols);
                    assertArrayEquals(expect, c, 0.0, rows + "x" + inner + "x" + cols);
                }
            }
        }
    }

    @Test
    void gemmTransAEqualsTheOrderedFmaLoopBitForBit() {
        for (int rows = 0; rows <= 9; rows++) {
            for (int inner = 0; inner <= 6; inner++) {
                for (int cols = 0; cols <= 11; cols++) {
                    int lda = rows + 1;
                    int ldb = cols + 2;
                    double[] a = random(1 + inner * lda, rows + 31L * inner);
                    double[] b = random(inner * ldb, cols + 5);
                    double[] c = random(rows * cols, 4);
                    double[] expect = c.clone();
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < cols; j++) {
                            double s = expect[i * cols + j];
                            for (int k = 0; k < inner; k++) {
                                s = Math.fma(a[1 + k * lda + i], b[k * ldb + j], s);
                            }
                            expect[i * cols + j] = s;
                        }
                    }
                    Dense.gemmTransA(a, 1, lda, b, 0, ldb, c, 0, cols, rows, inner, cols);
                    assertArrayEquals(expect, c, 0.0, rows + "x" + inner + "x" + cols);
                }
            }
        }
    }

    /**
     * Column counts that reach every column block of either blocking: up to two 256-bit vectors and a scalar tail,
     * and 4-, 2- and 1-vector 512-bit blocks with a tail (32 + 16 + 8 + 7 = 63).
     */
    private static final int[] WIDE_COLS = {0, 1, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40, 47, 48, 56, 63, 64, 72, 95,
        96, 103};

    /**
     * Every blocking (not only the machine's) on rows 0-13 (6-row bands, then a 4-row band, then single rows) and
     * the wide column counts, A read in place or transposed, from zero, from C or from another matrix, over inner
     * chunks: the ordered fma loop's bits.
     */
    @Test
    void everyBlockingEqualsTheOrderedFmaLoopBitForBitOnWideShapes() {
        int[] inners = {1, 2, 5, 97};
        for (GemmKernel.Blocking blocking : GemmKernel.Blocking.values()) {
            for (int rows = 0; rows <= 13; rows++) {
                for (int inner : inners) {
                    for (int cols : WIDE_COLS) {
                        for (int mode = 0; mode < 4; mode++) {
                            checkBlocking(blocking, rows, inner, cols, mode);
                        }
                    }
                }
            }
        }
    }

    /** mode 0: A in place from zero; 1: A transposed accumulating into C; 2: A in place from R; 3: as 1 from R. */
    private static void checkBlocking(GemmKernel.Blocking blocking, int rows, int inner, int cols, int mode) {
        boolean transposed = mode % 2 == 1;
        int lda = (transposed ? rows : inner) + 3;
        int ldb = cols + 1;
        int ldc = cols + 2;
        int ars = transposed ? 1 : lda;
        int aks = transposed ? lda : 1;
        double[] a = random(2 + (transposed ? inner : rows) * lda, rows * 1000L + inner * 10L + mode);
        double[] b = random(1 + inner * ldb, cols * 17L + inner);
        double[] c = random(3 + rows * ldc, 11);
        double[] r = mode == 2 || mode == 3 ? random(4 + rows * (cols + 5), 5) : mode == 1 ? c : null;
        int ro = mode == 1 ? 3 : 4;
        int ldr = mode == 1 ? ldc : cols + 5;
        double[] expect = c.clone();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = r == null ? 0.0 : r[ro + i * ldr + j];
                for (int k = 0; k < inner; k++) {
                    s = Math.fma(a[2 + i * ars + k * aks], b[1 + k * ldb + j], s);
                }
                expect[3 + i * ldc + j] = s;
            }
        }
        GemmKernel.run(blocking, a, 2, ars, aks, b, 1, ldb, r, ro, ldr, c, 3, ldc, rows, inner, cols);
        assertArrayEquals(expect, c, 0.0, blocking + " " + rows + "x" + inner + "x" + cols + " mode " + mode);
    }

    @Test
    void transposeTwiceIsTheIdentityAndAddColumnSumsMatchesTheLoop() {
        double[] a = random(7 * 5, 1);
        double[] t = new double[5 * 7];
        double[] back = new double[7 * 5];
        Dense.transpose(a, 0, 5, 7, 5, t, 0, 7);
        Dense.transpose(t, 0, 7, 5, 7, back, 0, 5);
        assertArrayEquals(a, back, 0.0);
        double[] s = new double[5];
        double[] expect = new double[5];
        Dense.addColumnSums(a, 0, 5, 7, 5, s, 0);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 5; j++) {
                expect[j] += a[i * 5 + j];
            }
        }
        assertArrayEquals(expect, s, 0.0);
    }

    /** {@code C = R + A B} by the ordered fma loop from R's entry (zero for a null R; ldr 0 repeats one row). */
    private static double[] orderedFrom(double[] a, int lda, double[] b, int ldb, double[] r, int ldr, double[] c,
                                        int ldc, int rows, int inner, int cols) {
        double[] expect = c.clone();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = r == null ? 0.0 : r[1 + i * ldr + j];
                for (int k = 0; k < inner; k++) {
                    s = Math.fma(a[i * lda + k], b[k * ldb + j], s);
                }
                expect[i * ldc + j] = s;
            }
        }
        return expect;
    }

    @Test
    void gemmFromEqualsTheOrderedFmaLoopFromZeroABiasRowOrAMatrixAcrossInnerChunks() {
        int[] inners = {0, 1, 3, 5, 96, 97, 200};
        for (int rows = 0; rows <= 13; rows++) {
            for (int inner : inners) {
                for (int cols = 0; cols <= 13; cols++) {
                    int lda = inner + 1;
                    int ldb = cols + 2;
                    int ldc = cols + 3;
                    double[] a = random(rows * lda, rows * 1000L + inner);
                    double[] b = random(inner * ldb, cols * 17L + inner);
                    double[] rm = random(1 + rows * (cols + 1), 7);
                    for (int mode = 0; mode < 3; mode++) {
                        double[] r = mode == 0 ? null : rm;
                        int ldr = mode == 2 ? cols + 1 : 0;
                        double[] c = random(rows * ldc, 11); // every entry written over
                        double[] expect = orderedFrom(a, lda, b, ldb, r, ldr, c, ldc, rows, inner, cols);
                        Dense.gemmFrom(a, 0, lda, b, 0, ldb, r, 1, ldr, c, 0, ldc, rows, inner, cols);
                        assertArrayEquals(expect, c, 0.0, rows + "x" + inner + "x" + cols + " mode " + mode);
                    }
                }
            }
        }
    }
}
