package org.icldynamics.experiment.inspect;

import org.icldynamics.experiment.TaskSection;
import org.icldynamics.data.Covariance;
import org.icldynamics.experiment.TaskSection;
import org.icldynamics.theory.LinearAttentionPopulation;

/**
 * The population-optimal one-step preconditioned GD of a single task, {@code yhat = beta^T G* x_q} with
 * {@code beta = (1/n) sum y_l x_l} and {@code G* = tau2 M^{-1} Lambda}, {@code M = tau2 E[Lambdahat^2] + sigma2 Lambda/n}
 * (linear-attention A.4 items 2-3 with label noise: what linear attention converges to). Only {@code E[w w^T]} enters,
 * so a sparse task uses {@code tau2 s / d}.
 */
final class OptimalOneStep {
    private OptimalOneStep() {
    }

    /** {@code Gamma = G*^T}, {@code [d, d]}: one GD step from zero with this preconditioner predicts as {@code G*}. */
    static double[] preconditioner(TaskSection task, Covariance covariance, int n) {
        int d = covariance.d();
        double tau2 = task.kind() == TaskSection.Kind.SPARSE ? task.tau2() * task.sparsity() / d : task.tau2();
        double[] g = new LinearAttentionPopulation(covariance.matrix(), d, n, tau2, task.noise(), task.queryNoise(), 1)
                .minimiser();
        double[] gamma = new double[d * d];
        for (int i = 0; i < d; i++) { // [d, d] transposed
            for (int j = 0; j < d; j++) {
                gamma[i * d + j] = g[j * d + i];
            }
        }
        return gamma;
    }
}
