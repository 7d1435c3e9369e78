package org.icldynamics.theory;

/**
 * Closed-form escape times of linear attention from small initial weights, in gradient-flow time
 * ({@code t = eta * step} for GD with step {@code eta}), for the population loss of {@link LinearAttentionPopulation}
 * ({@code kappa}, {@code tau2}, {@code M}) and a loss factor {@code f} (1 for MSE, 1/2 for half-MSE).
 * <ul>
 *   <li>Merged key-query (linear-attention A.4 item 5): near 0, {@code v_h} and {@code p_h = <U_h, T>} with
 *       {@code T = Lambda^2 / ||Lambda^2||_F} obey {@code dv/dt = 2 f s p}, {@code dp/dt = 2 f s v},
 *       {@code s = kappa tau2 ||Lambda^2||_F}, so the product along {@code T} grows from
 *       {@code u_0 = sum_h (v_h + p_h)^2 / 4} as {@code e^{4 f s t}} and saturates at {@code s / alpha},
 *       {@code alpha = kappa^2 <T, M T Lambda>}: half-way at {@code t = ln(s / (alpha u_0)) / (4 f s)}.</li>
 *   <li>Separate key-query, any rank (item 9): a pair {@code (v, k, q)} of one head with overlaps
 *       {@code a = k.e_m}, {@code b = q.e_m} on eigenvector {@code e_m} grows like {@code du/dt = 2 f kappa tau2
 *       lambda_m^2 u^2} from {@code u_0 = (|v| |a| |b|)^{1/3}}, which blows up at
 *       {@code t = 1 / (2 f kappa tau2 lambda_m^2 u_0)}; direction {@code m} escapes with the pair of largest
 *       {@code u_0}.</li>
 * </ul>
 */
public final class EscapeTimes {
    private EscapeTimes() {
    }

    /**
     * Merged key-query half-way time (item 5) from the heads' weights.
     *
     * @param values {@code [H]} value weights, not modified
     * @param kq {@code [H][d * d]} x-blocks {@code U_h} (rows key side), not modified
     */
    public static double merged(LinearAttentionPopulation p, double lossFactor, double[] values, double[][] kq) {
        int d = p.d();
        double[] t = direction(p);
        double u0 = 0;
        for (int h = 0; h < values.length; h++) {
            double proj = 0;
            for (int i = 0; i < d * d; i++) {
                proj += kq[h][i] * t[i];
            }
            u0 += 0.25 * (values[h] + proj) * (values[h] + proj);
        }
        return mergedFromOverlap(p, lossFactor, u0);
    }

    /** Merged key-query half-way time (item 5) from the initial overlap {@code u_0} along {@code T}. */
    public static double mergedFromOverlap(LinearAttentionPopulation p, double lossFactor, double u0) {
        double s = growthRate(p);
        double alpha = curvature(p);
        return Math.log(s / (alpha * u0)) / (4 * lossFactor * s);
    }

    /** {@code s = kappa tau2 ||Lambda^2||_F}. */
    public static double growthRate(LinearAttentionPopulation p) {
        double[] l = p.lambda();
        double[] l2 = LinearAttentionTheory.multiply(l, l, p.d());
        double norm = 0;
        for (double x : l2) {
            norm += x * x;
        }
        return p.kappa() * p.tau2() * Math.sqrt(norm);
    }

    /** {@code alpha = kappa^2 <T, M T Lambda>}. */
    public static double curvature(LinearAttentionPopulation p) {
        int d = p.d();
        double[] t = direction(p);
        double[] mtl = LinearAttentionTheory.multiply(LinearAttentionTheory.multiply(p.secondMoment(), t, d),
                p.lambda(), d);
        double c = 0;
        for (int i = 0; i < d * d; i++) {
            c += t[i] * mtl[i];
        }
        return p.kappa() * p.kappa() * c;
    }

    /** {@code T = Lambda^2 / ||Lambda^2||_F}, {@code [d, d]}. */
    public static double[] direction(LinearAttentionPopulation p) {
        double[] l = p.lambda();
        double[] l2 = LinearAttentionTheory.multiply(l, l, p.d());
        double norm = 0;
        for (double x : l2) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < l2.length; i++) {
            l2[i] /= norm;
        }
        return l2;
    }

    /**
     * Separate key-query escape time of every eigen-direction (item 9), from the state of a
     * {@link LinearAttentionFlow} with separate layout.
     *
     * @param eigenvalues {@code [d]} descending, not modified
     * @param eigenvectors {@code [d, d]}, column {@code m} belongs to {@code eigenvalues[m]}, not modified
     * @param state the flow's state, not modified
     * @return {@code [d]}: direction {@code m}'s escape time (infinite when no pair overlaps it)
     */
    public static double[] separate(LinearAttentionPopulation p, double lossFactor, LinearAttentionFlow flow,
                                    double[] state, double[] eigenvalues, double[] eigenvectors) {
        int d = p.d();
        int rank = flow.layout().rank();
        int w = flow.layout().width(d);
        double[] out = new double[d];
        for (int m = 0; m < d; m++) {
            double best = 0;
            for (int h = 0; h < flow.heads(); h++) { // [heads, R, d]
                double v = Math.abs(state[h * w]);
                for (int r = 0; r < rank; r++) {
                    int k = h * w + 1 + r * d;
                    int q = h * w + 1 + (rank + r) * d;
                    double a = 0;
                    double b = 0;
                    for (int i = 0; i < d; i++) {
                        a += state[k + i] * eigenvectors[i * d + m];
                        b += state[q + i] * eigenvectors[i * d + m];
                    }
                    best = Math.max(best, Math.cbrt(v * Math.abs(a) * Math.abs(b)));
                }
            }
            double lam = eigenvalues[m];
            out[m] = 1 / (2 * lossFactor * p.kappa() * p.tau2() * lam * lam * best);
        }
        return out;
    }
}
