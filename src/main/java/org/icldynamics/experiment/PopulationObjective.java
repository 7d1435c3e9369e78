package org.icldynamics.experiment;

import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.model.ReducedCircuitLoss;
import org.icldynamics.theory.LinearAttentionPopulation;
import org.icldynamics.train.TrainingObjective;

/**
 * {@code train.data: population}: the exact population loss of linear attention in its reduced form, no prompts
 * sampled. With {@code G = sum_h v_h U_h} ({@code [d, d]}, rows the key side) the model predicts
 * {@code yhat = kappa beta^T G x_q}, and {@link LinearAttentionPopulation} gives {@code L(G)} and {@code dL/dG} in
 * closed form for the task's {@code Lambda}, {@code tau2}, context noise and query noise ({@code kappa = n} without
 * normalisation, 1 with {@code by-context-length}); then {@code dL/dU_h = v_h dL/dG}, {@code dL/dv_h = <U_h, dL/dG>},
 * chained back by the model to merged or separate key-query of any rank and merged or separate value-output.
 */
public final class PopulationObjective implements TrainingObjective, ReducedCircuitLoss {
    private final OneLayerAttention model;
    private final LinearAttentionPopulation population;
    private final double factor;
    private final int d;

    /**
     * @param model linear scores, trainable: reduced, one output
     * @param task the single dense task whose population loss is descended
     */
    public PopulationObjective(OneLayerAttention model, LinearRegressionTask task) {
        OneLayerAttention.Spec s = model.spec();
        if (s.scores() != OneLayerAttention.Scores.LINEAR || s.trainable() != OneLayerAttention.Trainable.REDUCED
                || model.outputs() != 1) {
            throw new IllegalArgumentException("the population loss is for linear scores, trainable: reduced and "
                    + "one output");
        }
        this.model = model;
        this.d = task.d();
        double kappa = s.normalisation() == OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH ? 1.0 : task.n();
        this.population = new LinearAttentionPopulation(task.covariance().matrix(), d, task.n(), task.tau2(),
                task.sigma2(), task.querySigma2(), kappa);
        this.factor = s.loss().factor();
    }

    /** The closed forms used ({@code L(G)} without the loss factor). */
    public LinearAttentionPopulation population() {
        return population;
    }

    @Override
    public double lossAndGradient(long step, double[] grad) {
        return model.lossAndGradient(this, grad);
    }

    @Override
    public double loss(long step) {
        return model.loss(this);
    }

    @Override
    public double lossAndGradient(double[] u, double[] v, double[] gu, double[] gv) {
        int heads = v.length;
        double[] g = new double[d * d];
        for (int h = 0; h < heads; h++) { // [h, d, d]
            for (int i = 0; i < d * d; i++) {
                g[i] += v[h] * u[h * d * d + i];
            }
        }
        if (gu != null) {
            double[] gg = population.gradient(g);
            for (int h = 0; h < heads; h++) { // [h, d, d]
                double dv = 0;
                for (int i = 0; i < d * d; i++) {
                    gu[h * d * d + i] = factor * v[h] * gg[i];
                    dv += u[h * d * d + i] * gg[i];
                }
                gv[h] = factor * dv;
            }
        }
        return factor * population.loss(g);
    }
}
