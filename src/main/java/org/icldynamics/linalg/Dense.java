package org.icldynamics.linalg;

/**
 * Allocation-free kernels for a row-major batch of row vectors times a weight matrix stored {@code [in, out]}
 * ({@code y = x W + bias}), with the two backward products. Inner loops are axpys over {@code out} so the JIT can
 * vectorise them. Leading dimensions let a kernel address a column slice (one attention head) of a wider matrix.
 */
public final class Dense {
    private Dense() {
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
            int xr = xo + r * ldx;
            for (int i = 0; i < in; i++) { // [in]
                double xi = x[xr + i];
                if (xi == 0) {
                    continue;
                }
                int wr = wo + i * out;
                for (int o = 0; o < out; o++) { // [out]
                    y[yr + o] += xi * w[wr + o];
                }
            }
        }
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
        for (int r = 0; r < rows; r++) { // [rows, out]
            int yr = yo + r * ldy;
            int xr = xo + r * ldx;
            for (int i = 0; i < in; i++) { // [in]
                double xi = x[xr + i];
                if (xi == 0) {
                    continue;
                }
                int wr = wo + i * out;
                for (int o = 0; o < out; o++) { // [out]
                    y[yr + o] += xi * w[wr + o];
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
                for (int o = 0; o < out; o++) {
                    dbias[bo + o] += dy[yr + o];
                }
            }
            for (int i = 0; i < in; i++) {
                int wr = wo + i * out;
                double xi = x[xr + i];
                double acc = 0;
                for (int o = 0; o < out; o++) {
                    double g = dy[yr + o];
                    dw[wr + o] += xi * g;
                    acc += w[wr + o] * g;
                }
                if (dx != null) {
                    dx[dxo + r * ldx + i] += acc;
                }
            }
        }
    }
}
