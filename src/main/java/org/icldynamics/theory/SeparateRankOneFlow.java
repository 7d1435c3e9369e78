package org.icldynamics.theory;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * Population gradient flow of separate rank-one linear attention (linear-attention A.4 item 7, paper eq. 14 as
 * re-derived): with {@code G = sum_j v_j k_j q_j^T}, {@code F = E[Lambdahat^2]} and {@code R = Lambda^2 - F G Lambda},
 * {@code tau dv_i/dt = k_i^T R q_i}, {@code tau dk_i/dt = v_i R q_i}, {@code tau dq_i/dt = v_i R^T k_i}
 * ({@code R^T = Lambda^2 - Lambda G^T F}). State layout per head: {@code [v, k (d), q (d)]}.
 */
public final class SeparateRankOneFlow implements OrdinaryDifferentialEquation {
    private final int d;
    private final int heads;
    private final double[] lambda;  // [d, d]
    private final double[] lambda2; // [d, d]
    private final double[] fourth;  // [d, d]

    /**
     * @param lambda {@code [d, d]} symmetric, copied
     */
    public SeparateRankOneFlow(double[] lambda, int d, int n, int heads) {
        this.d = d;
        this.heads = heads;
        this.lambda = lambda.clone();
        this.lambda2 = LinearAttentionTheory.multiply(lambda, lambda, d);
        this.fourth = LinearAttentionTheory.fourthMoment(lambda, d, n);
    }

    @Override
    public int getDimension() {
        return heads * (2 * d + 1);
    }

    /** {@code G = sum_j v_j k_j q_j^T}, {@code [d, d]}. */
    public double[] circuit(double[] state) {
        double[] g = new double[d * d];
        int w = 2 * d + 1;
        for (int h = 0; h < heads; h++) { // [heads, d, d]
            double v = state[h * w];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    g[i * d + j] += v * state[h * w + 1 + i] * state[h * w + 1 + d + j];
                }
            }
        }
        return g;
    }

    @Override
    public double[] computeDerivatives(double t, double[] state) {
        double[] g = circuit(state);
        double[] fgl = LinearAttentionTheory.multiply(LinearAttentionTheory.multiply(fourth, g, d), lambda, d);
        double[] r = new double[d * d];
        for (int i = 0; i < d * d; i++) {
            r[i] = lambda2[i] - fgl[i];
        }
        double[] out = new double[state.length];
        int w = 2 * d + 1;
        for (int h = 0; h < heads; h++) { // [heads, d, d]
            double v = state[h * w];
            int ko = h * w + 1;
            int qo = ko + d;
            out[h * w] = LinearAttentionTheory.rankOneGradient(r, d, state, ko, qo, v, 0, out);
        }
        return out;
    }

    /** Population loss of the state, {@link LinearAttentionTheory#loss}. */
    public double loss(double[] state, int n) {
        return LinearAttentionTheory.loss(circuit(state), lambda, d, n);
    }
}
