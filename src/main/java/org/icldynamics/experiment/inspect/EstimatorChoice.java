package org.icldynamics.experiment.inspect;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.estimator.BayesEstimator;
import org.icldynamics.estimator.DebiasedGdEstimator;
import org.icldynamics.estimator.GradientDescentEstimator;
import org.icldynamics.estimator.LassoEstimator;
import org.icldynamics.estimator.LeastSquaresEstimator;
import org.icldynamics.estimator.LinearAttentionFixedPointEstimator;
import org.icldynamics.estimator.PcrEstimator;
import org.icldynamics.estimator.PreconditionedGdEstimator;
import org.icldynamics.estimator.PreprocessThenOptimizeEstimator;
import org.icldynamics.estimator.RidgeEstimator;
import org.icldynamics.estimator.SoftmaxStructuredEstimator;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.TaskSection;

/**
 * A classical estimator named on the command line, {@code KIND[:P1[:P2]]}:
 * <pre>
 * gd:ETA               one GD step from zero with step ETA
 * gd:ETA:K             K GD steps from zero with step ETA (on the context's least-squares loss)
 * lasso:LAMBDA         Lasso, (1/2n) ||X w - y||^2 + LAMBDA ||w||_1, by coordinate descent
 * debiased-gd:ETA      debiased one-step GD (centred covariates)
 * ridge:LAMBDA         ridge with penalty LAMBDA
 * bayes                posterior mean for the task's prior and noise
 * ols                  minimum-norm least squares
 * pcr:M                least squares on the top M eigenvectors of the known Lambda
 * fixed-point:M        linear attention's fixed-point predictor M_M (in-context PCR of linear spec eq. 22)
 * softmax-2head:OMEGA:MU   the zero-sum pair of softmax heads (OMEGA, MU) and (-OMEGA, -MU)
 * softmax-1head        the analytic single-head softmax estimator (tuned at the training length)
 * preconditioned-gd[:ETA]  one step of GD from zero preconditioned by the population-optimal Gamma of the task
 *                      (linear attention's converged predictor, linear-attention A.4 item 3 with noise); ETA scales it
 * p-then-o:ETA[:K]     preprocess-then-optimize (sparse-multilayer B.4 reconstruction): |r_j| rescaling, K GD steps
 *                      of step ETA / max_j r_j^2
 * KIND:tuned[:...]     a tunable kind (gd, lasso, debiased-gd, ridge, preconditioned-gd, p-then-o) with its first
 *                      parameter chosen by Brent's search on held-out prompts (stream "estimator-tune", training length)
 * </pre>
 * A kind that is undefined for the task (its formula assumes another prior or one task) is a one-line config error.
 * {@link Kind} is the one table of kinds: each kind's name (also the name of its family in
 * {@link CandidateFamilies}), parameters, tuning interval, the tasks it is undefined for, and how it is built.
 *
 * @param label the text as given (the estimator's name in tables and figures)
 */
public record EstimatorChoice(String label, Kind kind, double[] parameters, boolean tuned) {
    /** The word that asks for a tuned first parameter, {@code KIND:tuned[:...]}. */
    public static final String TUNED = "tuned";

    /** The estimators of the softmax spec's table F-A5. */
    public static final List<String> SOFTMAX_TABLE = List.of("softmax-2head:0.13:3.45", "softmax-1head",
            "gd:0.897", "debiased-gd:0.897", "bayes");

    private static final TunedEstimator.Range STEP = new TunedEstimator.Range(1e-4, 4, TunedEstimator.Cap.STEP);

    /** The registry: each kind's one name, its parameters, its tuning interval (null: none) and how it is built. */
    public enum Kind {
        GD("gd", List.of("ETA", "K?"), STEP,
                (c, task, cov, n) -> new GradientDescentEstimator(c.steps(), c.parameters[0])),
        LASSO("lasso", List.of("LAMBDA"), new TunedEstimator.Range(1e-5, 10, TunedEstimator.Cap.NONE),
                (c, task, cov, n) -> new LassoEstimator(c.parameters[0])),
        DEBIASED_GD("debiased-gd", List.of("ETA"), STEP,
                (c, task, cov, n) -> new DebiasedGdEstimator(c.parameters[0])),
        RIDGE("ridge", List.of("LAMBDA"), new TunedEstimator.Range(1e-6, 1e3, TunedEstimator.Cap.NONE),
                (c, task, cov, n) -> new RidgeEstimator(c.parameters[0])),
        BAYES("bayes", List.of(), null, (c, task, cov, n) -> new BayesEstimator(task.tau2(), task.noise())),
        OLS("ols", List.of(), null, (c, task, cov, n) -> new LeastSquaresEstimator()),
        PCR("pcr", List.of("M"), null, (c, task, cov, n) -> PcrEstimator.known(c.components(cov), cov)),
        FIXED_POINT("fixed-point", List.of("M"), null,
                (c, task, cov, n) -> new LinearAttentionFixedPointEstimator(cov, n, c.components(cov))),
        SOFTMAX_2HEAD("softmax-2head", List.of("OMEGA", "MU"), null,
                (c, task, cov, n) -> SoftmaxStructuredEstimator.symmetricPair(c.parameters[0], c.parameters[1])),
        SOFTMAX_1HEAD("softmax-1head", List.of(), null,
                (c, task, cov, n) -> SoftmaxStructuredEstimator.singleHead(task.d(), task.noise(), n)),
        PRECONDITIONED_GD("preconditioned-gd", List.of("ETA?"), new TunedEstimator.Range(1e-2, 10,
                TunedEstimator.Cap.NONE), (c, task, cov, n) -> new PreconditionedGdEstimator(
                OptimalOneStep.preconditioner(task, cov, n), 1, c.parameters.length == 0 ? 1.0 : c.parameters[0],
                PreconditionedGdEstimator.Centring.NONE)),
        P_THEN_O("p-then-o", List.of("ETA", "K?"), new TunedEstimator.Range(1e-4, 4,
                TunedEstimator.Cap.NORMALISED_STEP), (c, task, cov, n) -> new PreprocessThenOptimizeEstimator(
                PreprocessThenOptimizeEstimator.Preprocess.ABS, c.steps(), c.parameters[0],
                PreprocessThenOptimizeEstimator.StepRule.NORMALISED));

        private final String word;
        private final List<String> parameterNames;
        private final TunedEstimator.Range tuning;
        private final Builder builder;

        Kind(String word, List<String> parameterNames, TunedEstimator.Range tuning, Builder builder) {
            this.word = word;
            this.parameterNames = parameterNames;
            this.tuning = tuning;
            this.builder = builder;
        }

        /** The kind's one name, e.g. {@code debiased-gd}. */
        public String word() {
            return word;
        }

        /** The search interval of the first parameter of {@code KIND:tuned}, or null when there is none. */
        TunedEstimator.Range tuning() {
            return tuning;
        }

        /** {@code name:P1:P2}, e.g. {@code softmax-2head:OMEGA:MU}; an optional parameter in brackets. */
        String usage() {
            return word + parameterNames.stream().map(p -> p.endsWith("?") ? "[:" + p.substring(0, p.length() - 1)
                    + "]" : ":" + p).collect(java.util.stream.Collectors.joining());
        }

        /** Whether {@code count} parameters fit this kind (the names ending in '?' may be left out). */
        boolean takes(int count) {
            return count >= required() && count <= parameterNames.size();
        }

        private long required() {
            return parameterNames.stream().filter(p -> !p.endsWith("?")).count();
        }

        /** Why this kind is undefined for {@code task}, or null when it is defined. */
        String undefinedFor(TaskSection task) {
            if (this == BAYES && task.kind() == TaskSection.Kind.SPARSE) {
                return "bayes is the posterior mean under the Gaussian prior w ~ N(0, tau2 I), and this task's w is "
                        + task.sparsity() + "-sparse (lasso:tuned is the sparse-aware estimator)";
            }
            if (this == PRECONDITIONED_GD && task.tasks() != 1) {
                return "its preconditioner is the population optimum of one task, and task.tasks = " + task.tasks();
            }
            return null;
        }

        static Kind named(String name, String text) {
            for (Kind k : values()) {
                if (k.word.equals(name)) {
                    return k;
                }
            }
            throw new ConfigException("estimator '" + text + "': unknown kind '" + name + "' (known: "
                    + String.join(", ", java.util.Arrays.stream(values()).map(Kind::usage).toList()) + ")");
        }

        /** The kinds that can be tuned, by name. */
        static List<String> tunable() {
            return java.util.Arrays.stream(values()).filter(k -> k.tuning != null).map(Kind::word).toList();
        }
    }

    /** Builds one kind's estimator from the choice, the task, its Lambda and the training context length. */
    @FunctionalInterface
    interface Builder {
        Predictor build(EstimatorChoice choice, TaskSection task, Covariance covariance, int trainingN);
    }

    /** Parses {@code KIND[:P1[:P2]]}; an unknown kind or a wrong parameter count is a config error. */
    public static EstimatorChoice parse(String text) {
        String[] parts = text.trim().split(":");
        Kind k = Kind.named(parts[0], text);
        boolean tuned = parts.length > 1 && parts[1].equals(TUNED);
        if (tuned) {
            if (k.tuning == null) {
                throw new ConfigException("estimator '" + text + "': " + parts[0]
                        + " has no parameter to tune (tunable: " + String.join(", ", Kind.tunable()) + ")");
            }
            parts[1] = "1"; // a placeholder for the parameter the search chooses
        }
        double[] p = new double[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
            try {
                p[i - 1] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new ConfigException("estimator '" + text + "': parameter '" + parts[i] + "' is not a number");
            }
        }
        if (!k.takes(p.length)) {
            throw new ConfigException("estimator '" + text + "': " + parts[0] + " takes " + k.required()
                    + " parameter(s)" + (k.required() < k.parameterNames.size() ? " and optionally more" : "") + " ("
                    + k.usage() + "), got " + p.length);
        }
        if (k.parameterNames.contains("K?") && p.length == 2 && (p[1] != Math.rint(p[1]) || p[1] < 1)) {
            throw new ConfigException("estimator '" + text + "': K must be a whole number of GD steps >= 1");
        }
        if ((k == Kind.LASSO || k == Kind.RIDGE) && !(p[0] >= 0)) {
            throw new ConfigException("estimator '" + text + "': LAMBDA must be >= 0");
        }
        return new EstimatorChoice(text.trim(), k, p, tuned);
    }

    /** Parses every entry of {@code texts}. */
    public static List<EstimatorChoice> parseAll(List<String> texts) {
        List<EstimatorChoice> out = new ArrayList<>();
        for (String t : texts) {
            out.add(parse(t));
        }
        return List.copyOf(out);
    }

    /**
     * The estimator for a task of the config's family.
     *
     * @param covariance the task's Lambda
     * @param trainingN the training context length (fixed-point and single-head estimators are tuned there)
     */
    public Predictor build(TaskSection task, Covariance covariance, int trainingN) {
        return build(task, covariance, trainingN, () -> {
            throw new ConfigException("estimator '" + label + "': no held-out prompts to tune on here");
        });
    }

    /**
     * Like {@link #build(TaskSection, Covariance, int)}; a {@code :tuned} choice searches its first parameter on
     * {@code tuning}'s prompts (drawn once, at the training length, from a stream used nowhere else).
     */
    public Predictor build(TaskSection task, Covariance covariance, int trainingN,
                           java.util.function.Supplier<PromptBatch> tuning) {
        String undefined = kind.undefinedFor(task);
        if (undefined != null) {
            throw new ConfigException("estimator '" + label + "' is undefined for this task: " + undefined);
        }
        Builder b = kind.builder;
        if (!tuned) {
            return named(label, b.build(this, task, covariance, trainingN));
        }
        TunedEstimator.Result r = TunedEstimator.tune(this, v -> b.build(withFirst(v), task, covariance, trainingN),
                covariance, trainingN, tuning.get());
        return named(String.format(java.util.Locale.ROOT, "%s (%s = %.4g)", label,
                kind.parameterNames.get(0).replace("?", ""), r.value()), r.predictor());
    }

    /** This choice with its first parameter set to {@code v}. */
    private EstimatorChoice withFirst(double v) {
        double[] p = parameters.clone();
        p[0] = v;
        return new EstimatorChoice(label, kind, p, false);
    }

    /** K, the number of GD steps of {@code gd} and {@code p-then-o} (1 when not given). */
    int steps() {
        return parameters.length == 2 ? (int) parameters[1] : 1;
    }

    private int components(Covariance c) {
        int m = (int) parameters[0];
        if (m != parameters[0] || m < 1 || m > c.d()) {
            throw new ConfigException("estimator '" + label + "': M must be a whole number in 1.." + c.d());
        }
        return m;
    }

    /** {@code p} under another name. */
    static Predictor named(String name, Predictor p) {
        return new Predictor() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double[] predict(PromptBatch batch) {
                return p.predict(batch);
            }
        };
    }
}
