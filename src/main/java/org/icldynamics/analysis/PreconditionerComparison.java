package org.icldynamics.analysis;

import java.util.List;
import org.icldynamics.model.HeadCircuit;

/**
 * Compares a learned preconditioner with a reference one (softmax-multihead A.4.6): the effective preconditioner
 * {@code Gamma = sum_h mu_h KQ_h[0:d, 0:d]} of single-output heads, the relative Frobenius distance after fitting one
 * scale, and the cosine of the off-diagonal parts. All matrices are {@code [d, d]} row-major, rows = key coordinates.
 */
public final class PreconditionerComparison {
    private PreconditionerComparison() {
    }

    /**
     * {@code Gamma = sum_h mu_h KQ_h[0:d, 0:d]}, {@code mu_h = OV_h[0, d]} (the label entry): the first-order
     * preconditioner of debiased GD that single-output softmax heads implement.
     *
     * @return {@code [d, d]}
     */
    public static double[] effective(List<HeadCircuit> circuits) {
        if (circuits.isEmpty()) {
            throw new IllegalArgumentException("no heads");
        }
        int d = circuits.get(0).tokenWidth() - 1;
        double[] g = new double[d * d];
        for (HeadCircuit c : circuits) {
            if (c.outputs() != 1 || c.tokenWidth() != d + 1) {
                throw new IllegalArgumentException("the effective preconditioner needs single-output heads of width "
                        + (d + 1) + ", head " + c.head() + " has " + c.outputs() + " outputs, width " + c.tokenWidth());
            }
            double mu = c.ov(0, d);
            for (int i = 0; i < d; i++) { // [d, d]
                for (int j = 0; j < d; j++) {
                    g[i * d + j] += mu * c.kq(i, j);
                }
            }
        }
        return g;
    }

    /**
     * {@code min_c ||a - c b||_F / ||a||_F = sqrt(1 - cos^2(a, b))}: how far {@code a} is from every multiple of
     * {@code b}, relative to {@code a} (0 = proportional, 1 = orthogonal).
     *
     * @param a {@code [d, d]}, not modified
     * @param b {@code [d, d]}, not modified
     */
    public static double scaledDistance(double[] a, double[] b) {
        double c = cosine(a, b, false, (int) Math.round(Math.sqrt(a.length)));
        return Math.sqrt(Math.max(0, 1 - c * c));
    }

    /**
     * Cosine of the off-diagonal entries of {@code a} and {@code b} (NaN when either has none non-zero).
     *
     * @param a {@code [d, d]}, not modified
     * @param b {@code [d, d]}, not modified
     */
    public static double offDiagonalCosine(double[] a, double[] b) {
        return cosine(a, b, true, (int) Math.round(Math.sqrt(a.length)));
    }

    /** {@code (a + a^T) / 2}, {@code [d, d]}; {@code a} [d, d] is not modified. */
    public static double[] symmetrised(double[] a) {
        int d = (int) Math.round(Math.sqrt(a.length));
        double[] s = new double[d * d];
        for (int i = 0; i < d; i++) { // [d, d]
            for (int j = 0; j < d; j++) {
                s[i * d + j] = 0.5 * (a[i * d + j] + a[j * d + i]);
            }
        }
        return s;
    }

    private static double cosine(double[] a, double[] b, boolean offDiagonalOnly, int d) {
        if (a.length != b.length || d * d != a.length) {
            throw new IllegalArgumentException("need two square matrices of the same size, got " + a.length + " and "
                    + b.length + " entries");
        }
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < d; i++) { // [d, d]
            for (int j = 0; j < d; j++) {
                if (offDiagonalOnly && i == j) {
                    continue;
                }
                int k = i * d + j;
                ab += a[k] * b[k];
                aa += a[k] * a[k];
                bb += b[k] * b[k];
            }
        }
        return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : Double.NaN;
    }
}
