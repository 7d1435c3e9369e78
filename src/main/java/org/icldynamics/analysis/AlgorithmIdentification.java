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
 * The best family has the smallest relative error; the verdict is "no candidate fits" when even its error is above
 * the threshold ({@link IdentificationResult#DEFAULT_THRESHOLD} by default). Multi-task models are identified task by
 * task: each output against the families run on that task's coordinates and labels ({@link #taskView}).
 */
public final class AlgorithmIdentification {
    private final double relativeTolerance;
    private final int maxEvaluations;
    private final double threshold;

    /**
     * @param relativeTolerance Brent's relative tolerance on the parameter (on a LOG grid: on its logarithm)
     * @param maxEvaluations Brent's evaluation budget per family
     */
    public AlgorithmIdentification(double relativeTolerance, int maxEvaluations) {
        this(relativeTolerance, maxEvaluations, IdentificationResult.DEFAULT_THRESHOLD);
    }

    /** @param threshold largest relative prediction error at which the best family counts as fitting */
    public AlgorithmIdentification(double relativeTolerance, int maxEvaluations, double threshold) {
        if (!(relativeTolerance > 0) || maxEvaluations < 10 || !(threshold > 0)) {
            throw new IllegalArgumentException("need relativeTolerance > 0, maxEvaluations >= 10 and threshold > 0");
        }
        this.relativeTolerance = relativeTolerance;
        this.maxEvaluations = maxEvaluations;
        this.threshold = threshold;
    }

    /** Tolerance 1e-8, 200 evaluations, threshold {@link IdentificationResult#DEFAULT_THRESHOLD}. */
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
        return identify(model.name(), model.predict(batch), batch, families);
    }

    /**
     * Fits every family to given predictions (e.g. one output of a multi-task model, against families run on that
     * task's view of the prompts, {@link #taskView}).
     *
     * @param target the predictions on {@code batch}, {@code [b, outputs]}, not modified
     */
    public IdentificationResult identify(String name, double[] target, PromptBatch batch,
                                         List<CandidateFamily> families) {
        if (families.isEmpty()) {
            throw new IllegalArgumentException("no candidate families to fit");
        }
        double norm2 = 0;
        for (double v : target) {
            norm2 += v * v;
        }
        if (!(norm2 > 0)) {
            throw new IllegalArgumentException("model " + name + " predicts 0 on every prompt: nothing to "
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
        return new IdentificationResult(name, batch.b, fits, best.family(), threshold);
    }

    /**
     * Task {@code task}'s view of a multi-task batch: its coordinates {@code coords} of every input, its label slot,
     * its task vector (a single-task batch of dimension {@code coords.length}).
     *
     * @param full not modified
     */
    public static PromptBatch taskView(PromptBatch full, int[] coords, int task) {
        int b = full.b;
        int n = full.n;
        int k = coords.length;
        PromptBatch v = new PromptBatch(b, n, k, 1);
        for (int p = 0; p < b; p++) { // [b, n, k]
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    v.x[v.xIndex(p, i) + j] = full.x[full.xIndex(p, i) + coords[j]];
                }
                v.y[v.yIndex(p, i)] = full.y[full.yIndex(p, i) + task];
            }
            for (int j = 0; j < k; j++) {
                v.xq[p * k + j] = full.xq[p * full.d + coords[j]];
                v.w[p * k + j] = full.w[(p * full.outputs + task) * full.d + coords[j]];
            }
            v.yq[p] = full.yq[p * full.outputs + task];
            v.signal[p] = full.signal[p * full.outputs + task];
        }
        return v;
    }

    /** Output {@code task} of predictions {@code [b, outputs]}: {@code [b]}. */
    public static double[] output(double[] predictions, int outputs, int task) {
        double[] out = new double[predictions.length / outputs];
        for (int p = 0; p < out.length; p++) {
            out[p] = predictions[p * outputs + task];
        }
        return out;
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
