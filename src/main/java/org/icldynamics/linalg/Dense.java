package org.icldynamics.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Allocation-free kernels for a row-major batch of row vectors times a weight matrix stored {@code [in, out]}
 * ({@code y = x W + bias}), with the two backward products. Inner loops are Vector-API axpys and dots over
 * {@code out} (256-bit lanes: on this machine kind they beat 512-bit on two threads). Leading dimensions let a kernel
 * address a column slice (one attention head) of a wider matrix. Results depend only on the shapes, never on threads.
 */
public final class Dense {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

    private Dense() {
    }

    /**
     * {@code y[yo + k] += a * x[xo + k]} for {@code k < len}.
     *
     * @param x not modified
     * @param y accumulated into
     */
    public static void axpy(double a, double[] x, int xo, double[] y, int yo, int len) {
        int k = 0;
        int ub = S.loopBound(len);
        if (ub > 0) {
            DoubleVector av = DoubleVector.broadcast(S, a);
            for (; k < ub; k += S.length()) {
                DoubleVector.fromArray(S, x, xo + k).fma(av, DoubleVector.fromArray(S, y, yo + k))
                        .intoArray(y, yo + k);
            }
        }
        for (; k < len; k++) {
            y[yo + k] += a * x[xo + k];
        }
    }

    /**
     * @param a not modified
     * @param b not modified
     * @return {@code sum_k a[ao + k] b[bo + k]}, accumulated in order with {@link Math#fma} (deterministic)
     */
    public static double dot(double[] a, int ao, double[] b, int bo, int len) {
        double s = 0;
        for (int k = 0; k < len; k++) {
            s = Math.fma(a[ao + k], b[bo + k], s);
        }
        return s;
    }

    /**
     * {@code y[r, :] = bias + x[r, :] W} for {@code r < rows}.
     *
     * @param x {@code [rows, in]} with row stride {@code ldx} from {@code xo}, not modified
     * @param w {@code [in, out]} from {@code wo}, not modified
     * @param bias {@code [out]} from {@code bo}, or null for none; not modified
     * @param y {@code [rows, out]} with row stride {@code ldy} from {@code yo}, overwritten
     */
    public static void forward(double[] x, int xo, int ldx, int rows, int in, double[] w, int wo, int out,
                               double[] bias, int bo, double[] y, int yo, int ldy) {
        for (int r = 0; r < rows; r++) { // [rows, out]
            int yr = yo + r * ldy;
            if (bias == null) {
                java.util.Arrays.fill(y, yr, yr + out, 0.0);
            } else {
                System.arraycopy(bias, bo, y, yr, out);
            }
        }
        forwardAdd(x, xo, ldx, rows, in, w, wo, out, y, yo, ldy);
    }

    /**
     * {@code y[r, :] += x[r, :] W} for {@code r < rows}.
     *
     * @param x {@code [rows, in]} with row stride {@code ldx} from {@code xo}, not modified
     * @param w {@code [in, out]} from {@code wo}, not modified
     * @param y {@code [rows, out]} with row stride {@code ldy} from {@code yo}, accumulated into
     */
    public static void forwardAdd(double[] x, int xo, int ldx, int rows, int in, double[] w, int wo, int out,
                                  double[] y, int yo, int ldy) {
        for (int r = 0; r < rows; r++) { // [rows, in, out]
            int yr = yo + r * ldy;
            int xr = xo + r * ldx;
            for (int i = 0; i < in; i++) {
                double xi = x[xr + i];
                if (xi != 0) {
                    axpy(xi, w, wo + i * out, y, yr, out);
                }
            }
        }
    }

    /**
     * Backward of {@link #forward}: {@code dW += x^T dy}, {@code dbias += sum_r dy[r, :]}, {@code dx += dy W^T}.
     *
     * @param x {@code [rows, in]} (stride {@code ldx}), not modified
     * @param w {@code [in, out]}, not modified
     * @param dy {@code [rows, out]} (stride {@code ldy}), not modified
     * @param dw {@code [in, out]} from {@code wo}, accumulated into
     * @param dbias {@code [out]} from {@code bo}, accumulated into; null for none
     * @param dx {@code [rows, in]} (stride {@code ldx}) from {@code dxo}, accumulated into; null to skip
     */
    public static void backward(double[] x, int xo, int ldx, int rows, int in, double[] w, int wo, int out,
                                double[] dy, int dyo, int ldy, double[] dw, double[] dbias, int bo,
                                double[] dx, int dxo) {
        for (int r = 0; r < rows; r++) { // [rows, in, out]
            int yr = dyo + r * ldy;
            int xr = xo + r * ldx;
            if (dbias != null) {
                axpy(1.0, dy, yr, dbias, bo, out);
            }
            for (int i = 0; i < in; i++) {
                int wr = wo + i * out;
                double xi = x[xr + i];
                if (xi != 0) {
                    axpy(xi, dy, yr, dw, wr, out);
                }
                if (dx != null) {
                    dx[dxo + r * ldx + i] += dot(w, wr, dy, yr, out);
                }
            }
        }
    }
    /**
     * {@code C += A B}: {@code C[i, j] = fma(A[i, k], B[k, j], C[i, j])} for {@code k = 0, 1, ..., inner - 1} in that
     * order, for every entry, whatever the blocking, lanes or thread count (the determinism contract; a scalar loop of
     * {@link Math#fma} gives the same bits). Register-blocked ({@link GemmKernel}); allocation-free.
     *
     * @param a {@code [rows, inner]} with row stride {@code lda} from {@code ao}, not modified
     * @param b {@code [inner, cols]} with row stride {@code ldb} from {@code bo}, not modified
     * @param c {@code [rows, cols]} with row stride {@code ldc} from {@code co}, accumulated into
     */
    public static void gemm(double[] a, int ao, int lda, double[] b, int bo, int ldb, double[] c, int co, int ldc,
                            int rows, int inner, int cols) {
        GemmKernel.run(a, ao, lda, 1, b, bo, ldb, c, co, ldc, c, co, ldc, rows, inner, cols);
    }

    /**
     * {@code C = R + A B} in one pass (no separate fill or copy of {@code C}): every entry starts from {@code R}'s
     * entry and takes the fmas in the order of {@link #gemm}, so it has the bits of copying {@code R} into {@code C}
     * and then calling {@link #gemm}.
     *
     * @param r {@code [rows, cols]} with row stride {@code ldr} from {@code ro} ({@code ldr = 0}: one row, a bias, for
     *          every row), or null for zeros; not modified (may be {@code c} itself at the same place)
     * @param c {@code [rows, cols]} with row stride {@code ldc} from {@code co}, overwritten
     */
    public static void gemmFrom(double[] a, int ao, int lda, double[] b, int bo, int ldb, double[] r, int ro, int ldr,
                                double[] c, int co, int ldc, int rows, int inner, int cols) {
        GemmKernel.run(a, ao, lda, 1, b, bo, ldb, r, ro, ldr, c, co, ldc, rows, inner, cols);
    }

    /**
     * {@code C += A^T B} with the same per-entry order as {@link #gemm} (sum over the rows of {@code A} in order).
     *
     * @param a {@code [inner, rows]} with row stride {@code lda} from {@code ao}, not modified
     * @param b {@code [inner, cols]} with row stride {@code ldb} from {@code bo}, not modified
     * @param c {@code [rows, cols]} with row stride {@code ldc} from {@code co}, accumulated into
     */
    public static void gemmTransA(double[] a, int ao, int lda, double[] b, int bo, int ldb, double[] c, int co,
                                  int ldc, int rows, int inner, int cols) {
        GemmKernel.run(a, ao, 1, lda, b, bo, ldb, c, co, ldc, c, co, ldc, rows, inner, cols);
    }

    /**
     * {@code t[j, i] = a[i, j]}.
     *
     * @param a {@code [rows, cols]} with row stride {@code lda} from {@code ao}, not modified
     * @param t {@code [cols, rows]} with row stride {@code ldt} from {@code to}, overwritten
     */
    public static void transpose(double[] a, int ao, int lda, int rows, int cols, double[] t, int to, int ldt) {
        for (int i = 0; i < rows; i++) { // [rows, cols]
            int ai = ao + i * lda;
            for (int j = 0; j < cols; j++) {
                t[to + j * ldt + i] = a[ai + j];
            }
        }
    }

    /**
     * {@code s[j] += sum_i a[i, j]}, rows in order.
     *
     * @param a {@code [rows, cols]} with row stride {@code lda} from {@code ao}, not modified
     * @param s {@code [cols]} from {@code so}, accumulated into
     */
    public static void addColumnSums(double[] a, int ao, int lda, int rows, int cols, double[] s, int so) {
        for (int i = 0; i < rows; i++) { // [rows, cols]
            int ai = ao + i * lda;
            int j = 0;
            for (int ub = S.loopBound(cols); j < ub; j += S.length()) {
                DoubleVector.fromArray(S, a, ai + j).add(DoubleVector.fromArray(S, s, so + j)).intoArray(s, so + j);
            }
            for (; j < cols; j++) {
                s[so + j] += a[ai + j];
            }
        }
    }
}
