package org.icldynamics.model;

/**
 * Row operations of the blocked transformer pass on the rows {@code first + i * stride}, {@code i < count}, of a
 * row-major matrix: all rows ({@code stride 1}) or one row per prompt (the query row, when only it is scored).
 */
final class StridedRows {
    private StridedRows() {
    }

    /** Copies the rows of {@code from [., w]} (not modified) into the same rows of {@code to [., w]} (overwritten). */
    static void copy(double[] from, double[] to, int first, int stride, int count, int w) {
        for (int i = 0; i < count; i++) {
            int r = (first + i * stride) * w;
            System.arraycopy(from, r, to, r, w);
        }
    }

    /** {@link LayerNorm#forward} of each row of {@code in [., w]} (not modified) into {@code out [., w]}. */
    static void layerNorm(double[] in, int first, int stride, int count, int w, double[] pp, int go, double eps,
                          double[] out, double[] mean, double[] rstd) {
        for (int i = 0; i < count; i++) {
            LayerNorm.forward(in, first + i * stride, 1, w, pp, go, eps, out, mean, rstd);
        }
    }

    /** {@link LayerNorm#backward} of each row of {@code in [., w]}: accumulates into {@code gp}, writes {@code dx}. */
    static void layerNormBackward(double[] in, int first, int stride, int count, int w, double[] pp, int go,
                                  double[] mean, double[] rstd, double[] dy, double[] gp, double[] dx) {
        for (int i = 0; i < count; i++) {
            LayerNorm.backward(in, first + i * stride, 1, w, pp, go, mean, rstd, dy, gp, dx);
        }
    }
}
