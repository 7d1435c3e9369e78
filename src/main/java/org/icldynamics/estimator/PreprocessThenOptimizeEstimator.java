package org.icldynamics.estimator;

import org.icldynamics.data.PromptBatch;

/**
 * Preprocess-then-optimize, the reconstruction of sparse-multilayer B.4 (NOT verified against the paper):
 * (1) per-coordinate context correlations {@code r_j = (1/n) sum_i y_i x_ij}, rescaling
 * {@code R = diag(g(r_j))} applied to every {@code x_i} and to {@code x_q}; (2) {@code steps} GD steps with step
 * {@code eta} on {@code (1/2n) ||X R w - y||^2} from zero; predict {@code <w_T, R x_q>}. Equivalent to GD in the
 * original coordinates preconditioned by {@code R^2}.
 */
public final class PreprocessThenOptimizeEstimator implements WeightEstimator {
    /** The preprocessing function {@code g} (the paper's choice is unverified; {@link #ABS} is the default). */
    public enum Preprocess {
        IDENTITY, ABS, SQUARE;

        double apply(double r) {
            return switch (this) {
                case IDENTITY -> r;
                case ABS -> Math.abs(r);
                case SQUARE -> r * r;
            };
        }
    }

    /**
     * How the GD step is set: {@link #FIXED} uses {@code eta}; {@link #NORMALISED} uses {@code eta / max_j g(r_j)^2},
     * so the step is stable whatever the scale of the rescaling.
     */
    public enum StepRule { FIXED, NORMALISED }

    private final Preprocess g;
    private final int steps;
    private final double eta;
    private final StepRule stepRule;

    public PreprocessThenOptimizeEstimator(Preprocess g, int steps, double eta, StepRule stepRule) {
        if (steps < 0 || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("P-then-O needs steps >= 0 and a finite eta");
        }
        this.g = g;
        this.steps = steps;
        this.eta = eta;
        this.stepRule = stepRule;
    }

    public PreprocessThenOptimizeEstimator(Preprocess g, int steps, double eta) {
        this(g, steps, eta, StepRule.FIXED);
    }

    @Override
    public String name() {
        return "p-then-o-" + g.name().toLowerCase(java.util.Locale.ROOT) + steps + (stepRule == StepRule.NORMALISED ? "-normalised" : "")
                + "(" + eta + ")";
    }

    @Override
    public double[] weights(PromptBatch batch, int p, int k) {
        int n = batch.n;
        int d = batch.d;
        double[] x = WeightEstimator.inputs(batch, p);
        double[] y = WeightEstimator.labels(batch, p, k);
        if (n == 0) {
            return new double[d];
        }
        double[] r = WeightEstimator.xty(x, y, n, d);
        double[] scale = new double[d];
        double maxSq = 0;
        for (int j = 0; j < d; j++) {
            scale[j] = g.apply(r[j] / n);
            maxSq = Math.max(maxSq, scale[j] * scale[j]);
        }
        double step = stepRule == StepRule.FIXED ? eta : (maxSq > 0 ? eta / maxSq : 0);
        for (int i = 0; i < n; i++) { // [n, d]
            for (int j = 0; j < d; j++) {
                x[i * d + j] *= scale[j];
            }
        }
        double[] v = PreconditionedGdEstimator.descend(x, y, n, d, null, steps, step);
        for (int j = 0; j < d; j++) { // <v, R x_q> = <R v, x_q>
            v[j] *= scale[j];
        }
        return v;
    }
}
