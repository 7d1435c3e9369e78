package org.icldynamics.estimator;

import java.util.function.DoubleFunction;
import java.util.function.Function;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.hipparchus.optim.univariate.UnivariatePointValuePair;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.Predictor;

/**
 * Picks a tunable estimator's hyper-parameter (lambda, eta, alpha, ...) by its mean squared error against the query
 * targets of a held-out batch: on a grid, or by Brent's 1-D search (on a linear or log scale).
 */
public final class Tuning {
    /** The axis on which a 1-D search moves. */
    public enum Scale { LINEAR, LOG }

    /** The chosen value, its held-out MSE and the estimator built with it. */
    public record Result(double value, double heldOutMse, Predictor predictor) {
    }

    /** The chosen parameter vector, its held-out MSE and the estimator built with it. */
    public record VectorResult(double[] values, double heldOutMse, Predictor predictor) {
    }

    private Tuning() {
    }

    /** Mean over prompts and outputs of {@code (yhat - y_q)^2}. */
    public static double meanSquaredError(Predictor predictor, PromptBatch batch) {
        double[] pred = predictor.predict(batch);
        double s = 0;
        for (int i = 0; i < pred.length; i++) {
            double e = pred[i] - batch.yq[i];
            s += e * e;
        }
        return s / pred.length;
    }

    /** The grid value with the lowest held-out MSE (the first on ties). */
    public static Result grid(DoubleFunction<Predictor> family, double[] grid, PromptBatch heldOut) {
        if (grid.length == 0) {
            throw new IllegalArgumentException("tuning grid is empty");
        }
        Result best = null;
        for (double v : grid) {
            Predictor p = family.apply(v);
            double mse = meanSquaredError(p, heldOut);
            if (best == null || mse < best.heldOutMse()) {
                best = new Result(v, mse, p);
            }
        }
        return best;
    }

    /** Brent's search for the held-out MSE minimum in {@code [lo, hi]} ({@code lo > 0} on the log scale). */
    public static Result brent(DoubleFunction<Predictor> family, double lo, double hi, Scale scale, PromptBatch heldOut) {
        if (!(lo < hi) || (scale == Scale.LOG && !(lo > 0))) {
            throw new IllegalArgumentException("bad search interval [" + lo + ", " + hi + "] on the " + scale + " scale");
        }
        boolean log = scale == Scale.LOG;
        double a = log ? Math.log(lo) : lo;
        double b = log ? Math.log(hi) : hi;
        UnivariatePointValuePair best = new BrentOptimizer(1e-6, 1e-10).optimize(new MaxEval(200), GoalType.MINIMIZE,
                new SearchInterval(a, b),
                new UnivariateObjectiveFunction(t -> meanSquaredError(family.apply(log ? Math.exp(t) : t), heldOut)));
        double v = log ? Math.exp(best.getPoint()) : best.getPoint();
        return new Result(v, best.getValue(), family.apply(v));
    }

    /**
     * Nelder-Mead search over several hyper-parameters at once (for example a structured softmax estimator's
     * {@code (omega, mu)}), from {@code start} with initial simplex sides {@code steps}.
     *
     * @param start {@code [k]}, not modified
     * @param steps {@code [k]}, not modified
     */
    public static VectorResult simplex(Function<double[], Predictor> family, double[] start, double[] steps, int maxEvaluations,
                                       PromptBatch heldOut) {
        if (start.length == 0 || start.length != steps.length || maxEvaluations < start.length + 1) {
            throw new IllegalArgumentException("need matching, non-empty start and steps and enough evaluations");
        }
        PointValuePair best = new SimplexOptimizer(1e-10, 1e-12).optimize(new MaxEval(maxEvaluations), GoalType.MINIMIZE,
                new ObjectiveFunction(v -> meanSquaredError(family.apply(v), heldOut)),
                new InitialGuess(start.clone()), new NelderMeadSimplex(steps.clone()));
        return new VectorResult(best.getPoint(), best.getValue(), family.apply(best.getPoint()));
    }
}
