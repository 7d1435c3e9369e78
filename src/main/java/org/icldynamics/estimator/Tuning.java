package org.icldynamics.estimator;

import java.util.function.DoubleFunction;
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
}
