package org.icldynamics.theory;

import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * The lowest approximate loss any structured multi-head softmax model of a family can reach (softmax-multihead
 * A.4.4, A.4.7): the output weights are eliminated in closed form ({@code mu_n* = M_n^{-1} omega_n}) and the profile
 * loss is minimised over {@code omega} by Nelder-Mead from several deterministic starts. Checked against the
 * single-head optimum and the multi-head (debiased-GD) infimum, which is approached as {@code omega -> 0}.
 */
public final class BestStructuredLoss {
    /** The best {@code Ltilde} found (no 1/2) and its flat parameters ({@code omega} then {@code mu}). */
    public record Result(double loss, double[] theta) {
    }

    private BestStructuredLoss() {
    }

    public static Result minimise(ApproximateSoftmaxLoss loss) {
        int k = loss.tasks() * loss.heads();
        Result best = null;
        double[] scales = {0.5, 0.2, 0.05};
        for (int s = 0; s < scales.length; s++) {
            double[] start = new double[k];
            for (int i = 0; i < k; i++) { // alternating signs, so pairs of heads can debias
                start[i] = scales[s] * ((i % 2 == 0) ? 1 : -1) * (1 + 0.1 * i);
            }
            PointValuePair p = new SimplexOptimizer(1e-13, 1e-15).optimize(new MaxEval(40_000),
                    new ObjectiveFunction(om -> profile(loss, om)), GoalType.MINIMIZE,
                    new InitialGuess(start), new NelderMeadSimplex(k, scales[s] / 2));
            if (best == null || p.getValue() < best.loss()) {
                double[] theta = new double[2 * k];
                System.arraycopy(p.getPoint(), 0, theta, 0, k);
                double v = loss.optimiseOutputs(theta);
                best = new Result(v, theta);
            }
        }
        return best;
    }

    private static double profile(ApproximateSoftmaxLoss loss, double[] omega) {
        double[] theta = new double[2 * omega.length];
        System.arraycopy(omega, 0, theta, 0, omega.length);
        double v = loss.optimiseOutputs(theta);
        return Double.isFinite(v) ? v : Double.MAX_VALUE;
    }
}
