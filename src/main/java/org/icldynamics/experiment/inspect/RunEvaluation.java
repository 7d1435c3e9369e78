package org.icldynamics.experiment.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.icldynamics.analysis.LengthSweep;
import org.icldynamics.analysis.PatternMetrics;
import org.icldynamics.analysis.PatternSettings;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.report.AtomicFiles;
import org.icldynamics.report.AxisScale;
import org.icldynamics.report.FigureFiles;
import org.icldynamics.report.LineFigure;
import org.icldynamics.report.LineSeries;
import org.icldynamics.theory.BayesRisk;
import org.icldynamics.theory.OneStepGdRisk;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.TaskSection;
import org.icldynamics.experiment.run.RunReader;

/**
 * {@code icl eval}: trained runs (at their final weights) and classical estimators on fresh prompts at a list of
 * context lengths, longer than in training included, with a bootstrap percentile interval for every mean squared error
 * (against the query label as drawn, so noise included), and the theory curves that apply: for softmax-regression
 * configs (isotropic inputs, {@code tau2 = 1/d}, equal context and query noise) {@code R*_DGD(L)}, the Bayes risk by
 * Monte Carlo and, per softmax run, {@code R_DGD} at the step {@code eta = sum_h mu_h omega_h} its heads implement
 * (softmax-multihead A.4.2-A.4.3). Every predictor sees the same prompts (stream {@code "length-sweep"} of the
 * config's seed, never used in training); the task at each length is the config's with {@code n} replaced (same
 * Lambda). A {@code :tuned} estimator is tuned once, at the training length, on {@value #TUNING_PROMPTS} prompts of
 * stream {@code "estimator-tune"}.
 */
public final class RunEvaluation {
    /** Monte Carlo designs per length for the Bayes curve. */
    static final int BAYES_SAMPLES = 20_000;
    /** Held-out prompts (training length) a {@code :tuned} estimator is tuned on, and their stream. */
    static final int TUNING_PROMPTS = 4000;
    static final String TUNING_STREAM = "estimator-tune";

    /**
     * One point of {@code eval.csv}.
     *
     * @param kind {@code model}, {@code estimator} or {@code theory}
     * @param prompts fresh prompts (0 for theory)
     */
    public record Row(String kind, String name, int n, int prompts, double mse, double standardError, double ciLow,
                      double ciHigh) {
    }

    private final ExperimentSpec spec;
    private final List<RunReader> runs;
    private final List<EstimatorChoice> estimators;
    private final int[] lengths;
    private final int prompts;
    private final int bootstrap;

    /**
     * @param spec the config whose task is evaluated (the first run's, or a config file for estimators only)
     * @param runs trained runs; their tasks must equal {@code spec}'s apart from {@code n}
     */
    public RunEvaluation(ExperimentSpec spec, List<RunReader> runs, List<EstimatorChoice> estimators, int[] lengths,
                         int prompts, int bootstrap) {
        if (lengths.length == 0 || prompts < 2 || bootstrap < 0) {
            throw new ConfigException("need at least one length, --prompts >= 2 and --bootstrap >= 0");
        }
        for (int n : lengths) {
            if (n < 1) {
                throw new ConfigException("--lengths: context lengths must be >= 1, got " + n);
            }
        }
        for (RunReader r : runs) {
            if (!sameTask(r.spec(), spec)) {
                throw new ConfigException(r.directory().root() + ": its task (or seed) differs from the first run's; "
                        + "evaluate runs of one task distribution together");
            }
        }
        if (runs.isEmpty() && estimators.isEmpty()) {
            throw new ConfigException("nothing to evaluate: give run directories or --estimators");
        }
        this.spec = spec;
        this.runs = List.copyOf(runs);
        this.estimators = List.copyOf(estimators);
        this.lengths = lengths.clone();
        this.prompts = prompts;
        this.bootstrap = bootstrap;
    }

    /** Evaluates everything; model rows first, then estimators, then theory. */
    public List<Row> evaluate() throws IOException {
        Task trained = ExperimentFactory.task(spec, new RandomStreams(spec.seed()));
        Covariance cov = RunAnalysis.covariance(trained);
        List<Predictor> predictors = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<ExperimentParts> open = new ArrayList<>();
        Map<String, Double> etas = new LinkedHashMap<>();
        try {
            for (RunReader r : runs) {
                ExperimentParts parts = r.finalParts();
                open.add(parts);
                predictors.add(EstimatorChoice.named(r.name(), parts.model()));
                kinds.add("model");
                if (parts.model() instanceof OneLayerAttention a
                        && a.spec().scores() == OneLayerAttention.Scores.SOFTMAX && a.outputs() == 1) {
                    etas.put(r.name(), new PatternMetrics(PatternSettings.defaults()).measure(a.circuits()).eta()[0]);
                }
            }
            java.util.function.Supplier<org.icldynamics.data.PromptBatch> tuning = () -> new PromptSampler(trained,
                    new RandomStreams(spec.seed()), TUNING_STREAM).sample(0, TUNING_PROMPTS);
            for (EstimatorChoice e : estimators) {
                predictors.add(e.build(spec.task(), cov, spec.task().n(), tuning));
                kinds.add("estimator");
            }
            // models are not safe to call from several threads at once: with models, chunks run in order (their
            // kernels run in parallel); estimators alone run chunks on train.threads threads (same results)
            LengthSweep.Result res;
            try (BlockParallel chunks = new BlockParallel(runs.isEmpty() ? spec.train().threads() : 1)) {
                res = new LengthSweep(this::taskAt, new RandomStreams(spec.seed()), prompts, bootstrap, 0.95)
                        .run(predictors, lengths, chunks);
            }
            List<Row> rows = new ArrayList<>();
            for (LengthSweep.Point p : res.points()) {
                String kind = kinds.get(indexOf(predictors, p.predictor()));
                rows.add(new Row(kind, p.predictor(), p.n(), p.prompts(), p.mse(), p.standardError(), p.ciLow(),
                        p.ciHigh()));
            }
            rows.addAll(theory(etas));
            return rows;
        } finally {
            open.forEach(ExperimentParts::close);
        }
    }

    private List<Row> theory(Map<String, Double> etas) {
        TaskSection t = spec.task();
        List<Row> out = new ArrayList<>();
        if (spec.model().scores() != OneLayerAttention.Scores.SOFTMAX || t.tasks() != 1 || !t.isotropic()
                || Math.abs(t.tau2() * t.d() - 1) > 1e-12 || t.noise() != t.queryNoise()) {
            return out;
        }
        for (int n : lengths) {
            out.add(theoryRow("R*_DGD (optimal debiased GD)", n, OneStepGdRisk.optimalDebiasedRisk(t.d(), n,
                    t.noise())));
        }
        for (Map.Entry<String, Double> e : etas.entrySet()) {
            for (int n : lengths) {
                out.add(theoryRow(String.format(Locale.ROOT, "R_DGD at eta = %.4f (%s)", e.getValue(), e.getKey()), n,
                        OneStepGdRisk.debiased(e.getValue(), t.d(), n, t.noise())));
            }
        }
        if (t.noise() > 0) {
            RandomStreams streams = new RandomStreams(spec.seed());
            for (int n : lengths) {
                out.add(theoryRow("Bayes", n, BayesRisk.monteCarlo(t.d(), n, t.tau2(), t.noise(), t.queryNoise(),
                        BAYES_SAMPLES, streams).mean()));
            }
        }
        return out;
    }

    private static Row theoryRow(String name, int n, double value) {
        return new Row("theory", name, n, 0, value, 0, value, value);
    }

    private Task taskAt(int n) {
        TaskSection t = spec.task();
        TaskSection at = new TaskSection(t.d(), n, t.noise(), t.queryNoise(), t.tau2(), t.eigenvalues(), t.basis(),
                t.trace(), t.covariance(), t.rho(), t.tasks(), t.layout(), t.kind(), t.sparsity(), t.mixture(),
                t.inContextFraction(), t.supports());
        return ExperimentFactory.task(at, spec.model(), new RandomStreams(spec.seed()));
    }

    private static boolean sameTask(ExperimentSpec a, ExperimentSpec b) {
        TaskSection x = a.task();
        TaskSection y = b.task();
        return a.seed() == b.seed() && x.d() == y.d() && x.kind() == y.kind() && x.sparsity() == y.sparsity()
                && x.noise() == y.noise() && x.queryNoise() == y.queryNoise()
                && x.tau2() == y.tau2() && x.eigenvalues().equals(y.eigenvalues()) && x.basis() == y.basis()
                && x.trace() == y.trace() && x.covariance() == y.covariance() && x.rho() == y.rho()
                && x.tasks() == y.tasks() && x.layout() == y.layout();
    }

    private static int indexOf(List<Predictor> ps, String name) {
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException(name);
    }

    /** Writes {@code out/eval.csv} and {@code out/figures/eval.png, .svg}; returns the csv. */
    public static Path write(List<Row> rows, Path out, String title) throws IOException {
        Files.createDirectories(out.resolve("figures"));
        StringBuilder csv = new StringBuilder("kind,name,n,prompts,mse,standard_error,ci_low,ci_high\n");
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,\"%s\",%d,%d,%.6g,%.3g,%.6g,%.6g%n", r.kind(),
                    r.name().replace("\"", "\"\""), r.n(), r.prompts(), r.mse(), r.standardError(), r.ciLow(),
                    r.ciHigh()));
        }
        Path file = out.resolve("eval.csv");
        AtomicFiles.writeString(file, csv.toString());
        Map<String, List<Row>> byName = new LinkedHashMap<>();
        for (Row r : rows) {
            byName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
        }
        List<LineSeries> series = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : byName.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(Row::n).toArray();
            double[] y = e.getValue().stream().mapToDouble(Row::mse).toArray();
            boolean theory = e.getValue().get(0).kind().equals("theory");
            series.add(new LineSeries((theory ? "theory: " : "") + e.getKey(), x, y,
                    theory ? LineSeries.LineStyle.DASHED : LineSeries.LineStyle.SOLID_WITH_MARKERS));
        }
        FigureFiles.write(out.resolve("figures").resolve("eval"), new LineFigure(title, "context length n",
                "MSE on fresh prompts (query noise included)", AxisScale.LINEAR, AxisScale.LOG, series, List.of()));
        return file;
    }
}
