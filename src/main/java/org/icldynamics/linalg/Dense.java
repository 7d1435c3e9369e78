package org.icldynamics.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
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
     * @return {@code sum_k a[ao + k] b[bo + k]}
     */
    public static double dot(double[] a, int ao, double[] b, int bo, int len) {
        int k = 0;
        int ub = S.loopBound(len);
        double s = 0;
        if (ub > 0) {
            DoubleVector acc = DoubleVector.zero(S);
            for (; k < ub; k += S.length()) {
                acc = DoubleVector.fromArray(S, a, ao + k).fma(DoubleVector.fromArray(S, b, bo + k), acc);
            }
            s = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; k < len; k++) {
            s += a[ao + k] * b[bo + k];
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
}
