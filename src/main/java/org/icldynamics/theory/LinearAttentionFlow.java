package org.icldynamics.theory;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * Exact population gradient flow {@code d theta/dt = -lossFactor * grad L(theta)} of one-layer linear attention in
 * its factored weights, for merged key-query ({@code G = sum_h v_h U_h}) or separate key-query of rank {@code R}
 * ({@code G = sum_h v_h sum_r k_{h,r} q_{h,r}^T}), with {@link LinearAttentionPopulation} giving {@code L(G)}.
 * With GD step {@code eta}, step {@code k} is time {@code t = eta k}; {@code lossFactor} is 1 for MSE, 1/2 for
 * half-MSE. State layout per head: {@code [v, U (d x d)]} (merged) or {@code [v, k (R x d), q (R x d)]} (separate).
 */
public final class LinearAttentionFlow implements OrdinaryDifferentialEquation {
    /** Merged key-query, or separate key and query of rank {@code rank}. */
    public record Layout(boolean merged, int rank) {
        public Layout {
            if (!merged && rank < 1) {
                throw new IllegalArgumentException("separate key-query needs rank >= 1, got " + rank);
            }
        }

        public static Layout mergedKq() {
            return new Layout(true, 0);
        }

        public static Layout separate(int rank) {
            return new Layout(false, rank);
        }

        /** Doubles per head. */
        public int width(int d) {
            return merged ? 1 + d * d : 1 + 2 * rank * d;
        }
    }

    private final LinearAttentionPopulation population;
    private final Layout layout;
    private final int heads;
    private final double lossFactor;
    private final int d;

    public LinearAttentionFlow(LinearAttentionPopulation population, Layout layout, int heads, double lossFactor) {
        if (heads < 1 || !(lossFactor > 0)) {
            throw new IllegalArgumentException("need heads >= 1 and lossFactor > 0");
        }
        this.population = population;
        this.layout = layout;
        this.heads = heads;
        this.lossFactor = lossFactor;
        this.d = population.d();
    }

    @Override
    public int getDimension() {
        return heads * layout.width(d);
    }

    public int heads() {
        return heads;
    }

    public Layout layout() {
        return layout;
    }

    /** {@code G}, {@code [d, d]}, of a state (not modified). */
    public double[] circuit(double[] state) {
        double[] g = new double[d * d];
        int w = layout.width(d);
        for (int h = 0; h < heads; h++) { // [heads, d, d]
            int o = h * w;
            double v = state[o];
            if (layout.merged()) {
                for (int i = 0; i < d * d; i++) {
                    g[i] += v * state[o + 1 + i];
                }
                continue;
            }
            for (int r = 0; r < layout.rank(); r++) { // [R, d, d]
                int k = o + 1 + r * d;
                int q = o + 1 + (layout.rank() + r) * d;
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        g[i * d + j] += v * state[k + i] * state[q + j];
                    }
                }
            }
        }
        return g;
    }

    /** The loss of a state in the run's units ({@code lossFactor * L}). */
    public double loss(double[] state) {
        return lossFactor * population.loss(circuit(state));
    }

    /** {@code dL/dtheta} in the run's units, the state's layout. */
    public double[] gradient(double[] state) {
        double[] gg = population.gradient(circuit(state));
        double[] out = new double[state.length];
        int w = layout.width(d);
        for (int h = 0; h < heads; h++) { // [heads, ...]
            int o = h * w;
            double v = state[o];
            if (layout.merged()) {
                double dv = 0;
                for (int i = 0; i < d * d; i++) {
                    dv += gg[i] * state[o + 1 + i];
                    out[o + 1 + i] = lossFactor * v * gg[i];
                }
                out[o] = lossFactor * dv;
                continue;
            }
            double dv = 0;
            for (int r = 0; r < layout.rank(); r++) { // [R, d, d]
                int k = o + 1 + r * d;
                int q = o + 1 + (layout.rank() + r) * d;
                dv = LinearAttentionTheory.rankOneGradient(gg, d, state, k, q, lossFactor * v, dv, out);
            }
            out[o] = lossFactor * dv;
        }
        return out;
    }

    @Override
    public double[] computeDerivatives(double t, double[] state) {
        double[] g = gradient(state);
        for (int i = 0; i < g.length; i++) {
            g[i] = -g[i];
        }
        return g;
    }

    /**
     * The flow from {@code theta0} (not modified), adaptive Dormand-Prince with relative tolerance 1e-12 and an
     * absolute tolerance 1e-8 of the smallest non-zero initial weight.
     *
     * @param times ascending, {@code >= 0}
     */
    public OdeSolution solve(double[] theta0, double[] times) {
        double small = Double.POSITIVE_INFINITY;
        for (double x : theta0) {
            if (x != 0) {
                small = Math.min(small, Math.abs(x));
            }
        }
        double abs = Double.isFinite(small) ? 1e-8 * small : 1e-18;
        return OdeSolution.adaptive(this, 0, theta0, times, 1e-12, abs);
    }

    /** The loss along a solution. */
    public double[] losses(OdeSolution solution) {
        double[] out = new double[solution.times().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = loss(solution.states()[i]);
        }
        return out;
    }
}
