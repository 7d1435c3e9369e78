package org.icldynamics.experiment.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.SparseRegressionTask;
import org.icldynamics.data.Predictor;
import org.icldynamics.estimator.GradientDescentEstimator;
import org.icldynamics.estimator.LassoEstimator;
import org.icldynamics.estimator.OracleSupportEstimator;
import org.icldynamics.estimator.PreprocessThenOptimizeEstimator;
import org.icldynamics.estimator.RidgeEstimator;
import org.icldynamics.estimator.Tuning;
import org.icldynamics.report.AtomicFiles;
import org.icldynamics.report.AxisScale;
import org.icldynamics.report.SeriesFigure;
import org.icldynamics.config.InvalidSettingException;
import org.icldynamics.config.Require;

/**
 * Preprocess-then-optimize against best-tuned GD (steps and step size), best-tuned ridge, Lasso and oracle least
 * squares on sparse tasks over a range of context lengths and noise levels (spec sparse-multilayer.md B.4). Every
 * hyper-parameter is tuned on prompts of stream {@code algorithms-tune} (held-out MSE; steps on a grid, the continuous
 * parameter by Brent's search on a log scale, step sizes capped by {@link #stepCap}) and every reported excess risk {@code E[(yhat - w^T x_q)^2]} is measured
 * on other prompts, stream {@code algorithms-test}, with its standard error over prompts.
 */
public final class SparseAlgorithmComparison {
    /**
     * @param d input dimension; {@code s} non-zeros of {@code w}, each N(0, tau2)
     * @param preprocess P-then-O's preprocessing function g (a reconstruction; default |r|)
     * @param maxSteps GD and P-then-O are tuned over the step counts 1, 2, 4, ..., maxSteps
     */
    public record Settings(int d, int s, double tau2, int[] contextLengths, double[] noiseLevels, int tunePrompts,
                           int testPrompts, long seed, PreprocessThenOptimizeEstimator.Preprocess preprocess,
                           int maxSteps) {
        public Settings {
            Require.atLeast("max-steps", maxSteps, 1);
            Require.atLeast("tune-prompts", tunePrompts, 2);
            Require.atLeast("test-prompts", testPrompts, 2);
            if (contextLengths.length == 0 || noiseLevels.length == 0) {
                throw new InvalidSettingException("n", contextLengths.length, "at least one n and one noise level");
            }
        }
    }

    /** One estimator at one (noise, n): excess risk, its standard error, and the tuned values (NaN when none). */
    public record Row(double noise, int n, String estimator, double excessRisk, double standardError, double steps,
                      double parameter) {
    }

    private SparseAlgorithmComparison() {
    }

    public static List<Row> run(Settings s) {
        List<Row> rows = new ArrayList<>();
        for (double noise : s.noiseLevels()) {
            for (int n : s.contextLengths()) {
                SparseRegressionTask task = new SparseRegressionTask(new SparseRegressionTask.Spec(s.d(), s.s(), n,
                        Math.sqrt(s.tau2()), noise));
                RandomStreams streams = new RandomStreams(s.seed());
                PromptBatch tune = new PromptSampler(task, streams, "algorithms-tune").sample(n, s.tunePrompts());
                PromptBatch test = new PromptSampler(task, streams, "algorithms-test").sample(n, s.testPrompts());
                double cap = stepCap(s.d(), n);
                rows.add(stepTuned(noise, n, "p-then-o", test, tune, cap, s.maxSteps(),
                        t -> eta -> new PreprocessThenOptimizeEstimator(s.preprocess(), t, eta,
                                PreprocessThenOptimizeEstimator.StepRule.NORMALISED)));
                rows.add(stepTuned(noise, n, "gd", test, tune, cap, s.maxSteps(), t -> eta -> new GradientDescentEstimator(t, eta)));
                Tuning.Result ridge = Tuning.brent(l -> new RidgeEstimator(l), 1e-6, 1e3, Tuning.Scale.LOG, tune);
                rows.add(score(noise, n, "ridge", ridge.predictor(), test, Double.NaN, ridge.value()));
                Tuning.Result lasso = Tuning.brent(a -> new LassoEstimator(a), 1e-5, 10, Tuning.Scale.LOG, tune);
                rows.add(score(noise, n, "lasso", lasso.predictor(), test, Double.NaN, lasso.value()));
                rows.add(score(noise, n, "oracle-ls", new OracleSupportEstimator(), test, Double.NaN, Double.NaN));
            }
        }
        return rows;
    }

    private interface StepFamily {
        java.util.function.DoubleFunction<Predictor> at(int steps);
    }

    /**
     * Largest step size searched: {@code 1 / (1 + sqrt(d/n))^2}, half the GD stability bound {@code 2 / lambda_max} at
     * the Marchenko-Pastur edge of {@code X^T X / n}. Without it Brent's search settles at the edge of stability of the
     * tuning prompts and a rare test prompt diverges (measured: excess risk 1e4 to 1e31 at n = 10..40, d = 20).
     * P-then-O's normalised preconditioner has entries <= 1, so the same cap bounds its step.
     */
    static double stepCap(int d, int n) {
        double edge = 1 + Math.sqrt((double) d / n);
        return 1 / (edge * edge);
    }

    /** Best over the step grid of the Brent-tuned step size in {@code [1e-3 cap, cap]}. */
    private static Row stepTuned(double noise, int n, String name, PromptBatch test, PromptBatch tune, double cap,
                                 int maxSteps, StepFamily f) {
        Tuning.Result best = null;
        int bestSteps = 0;
        for (int t = 1; t <= maxSteps; t *= 2) {
            Tuning.Result r = Tuning.brent(f.at(t), 1e-3 * cap, cap, Tuning.Scale.LOG, tune);
            if (best == null || r.heldOutMse() < best.heldOutMse()) {
                best = r;
                bestSteps = t;
            }
        }
        return score(noise, n, name, best.predictor(), test, bestSteps, best.value());
    }

    private static Row score(double noise, int n, String name, Predictor p, PromptBatch test, double steps,
                             double parameter) {
        double[] pred = p.predict(test);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < pred.length; i++) { // [b]
            double e = (pred[i] - test.signal[i]) * (pred[i] - test.signal[i]);
            sum += e;
            sumSq += e * e;
        }
        int b = pred.length;
        double mean = sum / b;
        double var = Math.max(0, sumSq / b - mean * mean) * b / (b - 1);
        return new Row(noise, n, name, mean, Math.sqrt(var / b), steps, parameter);
    }

    /** The table as aligned text: one line per (noise, n), P-then-O's ratio to each comparator. */
    public static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| %-6s | %-4s | %-16s | %-16s | %-16s | %-16s "
                + "| %-16s | %-22s |%n", "noise", "n", "p-then-o", "tuned gd", "tuned ridge", "lasso", "oracle ls",
                "p-then-o / gd, ridge, lasso"));
        for (int i = 0; i < rows.size(); i += 5) {
            Row po = rows.get(i);
            Row gd = rows.get(i + 1);
            Row ri = rows.get(i + 2);
            Row la = rows.get(i + 3);
            Row or = rows.get(i + 4);
            b.append(String.format(Locale.ROOT, "| %-6.3g | %-4d | %s | %s | %s | %s | %s | %.2f, %.2f, %.2f%10s |%n",
                    po.noise(), po.n(), cell(po), cell(gd), cell(ri), cell(la), cell(or),
                    po.excessRisk() / gd.excessRisk(), po.excessRisk() / ri.excessRisk(),
                    po.excessRisk() / la.excessRisk(), ""));
        }
        return b.toString();
    }

    private static String cell(Row r) {
        return String.format(Locale.ROOT, "%7.4f +- %-6.4f", r.excessRisk(), r.standardError());
    }

    /** Writes {@code algorithms.csv}, {@code algorithms.md} and one figure per noise level into {@code out}. */
    public static void write(Path out, List<Row> rows) throws IOException {
        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder("noise,n,estimator,excess_risk,standard_error,tuned_steps,tuned_parameter\n");
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%g,%d,%s,%.6g,%.3g,%s,%.6g%n", r.noise(), r.n(), r.estimator(),
                    r.excessRisk(), r.standardError(), Double.isNaN(r.steps()) ? "" : (int) r.steps(), r.parameter()));
        }
        AtomicFiles.writeString(out.resolve("algorithms.csv"), csv.toString());
        AtomicFiles.writeString(out.resolve("algorithms.md"), table(rows));
        for (double noise : rows.stream().mapToDouble(Row::noise).distinct().toArray()) {
            List<SeriesFigure.Series> series = new ArrayList<>();
            for (String est : new String[] {"p-then-o", "gd", "ridge", "lasso", "oracle-ls"}) {
                List<Row> rs = rows.stream().filter(r -> r.noise() == noise && r.estimator().equals(est)).toList();
                series.add(new SeriesFigure.Series(est, rs.stream().mapToDouble(Row::n).toArray(),
                        rs.stream().mapToDouble(Row::excessRisk).toArray()));
            }
            SeriesFigure.write(out.resolve(String.format(Locale.ROOT, "algorithms-noise-%g", noise)),
                    String.format(Locale.ROOT, "sparse regression, noise %.3g: excess risk vs n", noise),
                    "context length n", "excess risk", AxisScale.LOG, series);
        }
    }
}
