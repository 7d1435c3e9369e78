package org.icldynamics.theory;

import java.util.SplittableRandom;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * The lowest population loss separate rank-one linear attention with {@code heads} heads can reach
 * (linear-attention A.4 items 7-8), by nonlinear conjugate gradients on {@code (v_i, k_i, q_i)} from a seeded random
 * start. With {@code heads = m < d} the optimum is the fixed point {@code M_m} of the top {@code m} directions
 * ({@code lambda / c_lambda} grows with {@code lambda}); with {@code heads >= d} it is {@code L*}.
 */
public final class BestLinearAttentionLoss {
    /** The loss reached and the parameters (layout of {@link SeparateRankOneFlow}). */
    public record Result(double loss, double[] state) {
    }

    private BestLinearAttentionLoss() {
    }

    /**
     * @param lambda {@code [d, d]} symmetric, not modified
     * @param rng source of the random start (std 0.3 per entry)
     */
    public static Result minimise(double[] lambda, int d, int n, int heads, SplittableRandom rng) {
        SeparateRankOneFlow flow = new SeparateRankOneFlow(lambda, d, n, heads);
        double[] start = new double[flow.getDimension()];
        for (int i = 0; i < start.length; i++) {
            start[i] = 0.3 * rng.nextGaussian();
        }
        PointValuePair best = new PointValuePair(start, flow.loss(start, n));
        for (int restart = 0; restart < 50; restart++) { // restarted CG: each run stops on a stalled line search
            NonLinearConjugateGradientOptimizer opt = new NonLinearConjugateGradientOptimizer(
                    NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-15, 1e-16),
                    1e-12, 1e-15, 1);
            PointValuePair p = run(opt, flow, n, best.getPoint());
            boolean stalled = p.getValue() > best.getValue() - 1e-15;
            if (p.getValue() < best.getValue()) {
                best = p;
            }
            if (stalled) {
                break;
            }
        }
        return new Result(best.getValue(), best.getPoint());
    }

    private static PointValuePair run(NonLinearConjugateGradientOptimizer opt, SeparateRankOneFlow flow, int n, double[] start) {
        return opt.optimize(new MaxEval(200_000),
                new ObjectiveFunction(s -> flow.loss(s, n)),
                new ObjectiveFunctionGradient(s -> {
                    double[] g = flow.computeDerivatives(0, s); // tau dW/dt = -(1/2) dL/dW
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= -2;
                    }
                    return g;
                }),
                GoalType.MINIMIZE, new InitialGuess(start));
    }
}
