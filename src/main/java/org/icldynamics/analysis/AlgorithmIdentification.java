package org.icldynamics.analysis;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.hipparchus.optim.univariate.UnivariatePointValuePair;
import org.icldynamics.analysis.IdentificationResult.FamilyFit;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;

/**
 * Identifies the algorithm a trained model implements: for each candidate family, the parameter minimising the mean
 * squared difference between the family's and the model's predictions on fresh prompts (grid search, then Brent's
 * method between the best grid value's neighbours, on the grid's scale), and the relative prediction error there.
 * The best family has the smallest relative error.
 */
public final class AlgorithmIdentification {
    private final double relativeTolerance;
    private final int maxEvaluations;

    /**
     * @param relativeTolerance Brent's relative tolerance on the parameter (on a LOG grid: on its logarithm)
     * @param maxEvaluations Brent's evaluation budget per family
     */
    public AlgorithmIdentification(double relativeTolerance, int maxEvaluations) {
        if (!(relativeTolerance > 0) || maxEvaluations < 10) {
            throw new IllegalArgumentException("need relativeTolerance > 0 and maxEvaluations >= 10");
        }
        this.relativeTolerance = relativeTolerance;
        this.maxEvaluations = maxEvaluations;
    }

    /** Tolerance 1e-8, 200 evaluations. */
    public static AlgorithmIdentification defaults() {
        return new AlgorithmIdentification(1e-8, 200);
    }

    /**
     * Fits every family to the model's predictions on {@code batch}.
     *
     * @param model the trained model (or any predictor)
     * @param batch fresh prompts, drawn from a stream not used in training; not modified
     * @param families candidate families, at least one
     */
    public IdentificationResult identify(Predictor model, PromptBatch batch, List<CandidateFamily> families) {
        if (families.isEmpty()) {
            throw new IllegalArgumentException("no candidate families to fit");
        }
        double[] target = model.predict(batch); // [b, outputs]
        double norm2 = 0;
        for (double v : target) {
            norm2 += v * v;
        }
        if (!(norm2 > 0)) {
            throw new IllegalArgumentException("model " + model.name() + " predicts 0 on every prompt: nothing to "
                    + "identify");
        }
        List<FamilyFit> fits = new ArrayList<>();
        FamilyFit best = null;
        for (CandidateFamily f : families) {
            FamilyFit fit = fit(f, batch, target, norm2);
            fits.add(fit);
            if (best == null || fit.relativeError() < best.relativeError()) {
                best = fit;
            }
        }
        return new IdentificationResult(model.name(), batch.b, fits, best.family());
    }

    private FamilyFit fit(CandidateFamily f, PromptBatch batch, double[] target, double norm2) {
        double[] grid = switch (f.grid()) {
            case ParameterGrid.Discrete g -> g.values();
            case ParameterGrid.Continuous g -> {
                double[] v = new double[g.points()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = g.at(k);
                }
                yield v;
            }
        };
        int bestK = 0;
        double bestMse = Double.POSITIVE_INFINITY;
        for (int k = 0; k < grid.length; k++) {
            double mse = mse(f, grid[k], batch, target);
            if (mse < bestMse) {
                bestMse = mse;
                bestK = k;
            }
        }
        double param = grid[bestK];
        boolean boundary = false;
        if (f.grid() instanceof ParameterGrid.Continuous g) {
            boolean log = g.scale() == ParameterGrid.Scale.LOG;
            double lo = toSearch(grid[Math.max(0, bestK - 1)], log);
            double hi = toSearch(grid[Math.min(grid.length - 1, bestK + 1)], log);
            BrentOptimizer brent = new BrentOptimizer(relativeTolerance, 1e-14);
            UnivariatePointValuePair opt = brent.optimize(new MaxEval(maxEvaluations),
                    new UnivariateObjectiveFunction(u -> mse(f, fromSearch(u, log), batch, target)),
                    GoalType.MINIMIZE, new SearchInterval(lo, hi, toSearch(param, log)));
            if (opt.getValue() < bestMse) {
                bestMse = opt.getValue();
                param = fromSearch(opt.getPoint(), log);
            }
            double tol = 1e-6 * (g.hi() - g.lo());
            boundary = param - g.lo() <= tol || g.hi() - param <= tol;
        }
        double rel = Math.sqrt(bestMse * target.length / norm2);
        return new FamilyFit(f.name(), param, bestMse, rel, boundary);
    }

    private static double toSearch(double p, boolean log) {
        return log ? Math.log(p) : p;
    }

    private static double fromSearch(double u, boolean log) {
        return log ? Math.exp(u) : u;
    }

    private static double mse(CandidateFamily f, double p, PromptBatch batch, double[] target) {
        double[] y = f.member().apply(p).predict(batch); // [b, outputs]
        if (y.length != target.length) {
            throw new IllegalArgumentException("family " + f.name() + " predicts " + y.length + " values, the model "
                    + target.length);
        }
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - target[i];
            s += e * e;
        }
        return s / y.length;
    }
}
