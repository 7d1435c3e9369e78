package org.icldynamics.experiment;

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
import org.icldynamics.estimator.RidgeEstimator;
import org.icldynamics.estimator.SoftmaxStructuredEstimator;

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
 * </pre>
 *
 * @param label the text as given (the estimator's name in tables and figures)
 */
public record EstimatorChoice(String label, String kind, double[] parameters) {
    /** The estimators of the softmax spec's table F-A5. */
    public static final List<String> SOFTMAX_TABLE = List.of("softmax-2head:0.13:3.45", "softmax-1head",
            "gd:0.897", "debiased-gd:0.897", "bayes");

    /** Parses {@code KIND[:P1[:P2]]}; an unknown kind or a wrong parameter count is a config error. */
    public static EstimatorChoice parse(String text) {
        String[] parts = text.trim().split(":");
        double[] p = new double[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
            try {
                p[i - 1] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new ConfigException("estimator '" + text + "': parameter '" + parts[i] + "' is not a number");
            }
        }
        int expected = switch (parts[0]) {
            case "bayes", "ols", "softmax-1head" -> 0;
            case "gd" -> p.length == 2 ? 2 : 1;
            case "debiased-gd", "ridge", "pcr", "fixed-point", "lasso" -> 1;
            case "softmax-2head" -> 2;
            default -> throw new ConfigException("estimator '" + text + "': unknown kind '" + parts[0]
                    + "' (known: gd:ETA, gd:ETA:K, debiased-gd:ETA, ridge:LAMBDA, lasso:LAMBDA, bayes, ols, pcr:M, "
                    + "fixed-point:M, "
                    + "softmax-2head:OMEGA:MU, softmax-1head)");
        };
        if (p.length != expected) {
            throw new ConfigException("estimator '" + text + "': " + parts[0] + " takes " + expected
                    + " parameter(s), got " + p.length);
        }
        if (parts[0].equals("gd") && p.length == 2 && (p[1] != Math.rint(p[1]) || p[1] < 1)) {
            throw new ConfigException("estimator '" + text + "': K must be a whole number of GD steps >= 1");
        }
        if (parts[0].equals("lasso") && !(p[0] >= 0)) {
            throw new ConfigException("estimator '" + text + "': LAMBDA must be >= 0");
        }
        return new EstimatorChoice(text.trim(), parts[0], p);
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
        Predictor p = switch (kind) {
            case "gd" -> new GradientDescentEstimator(parameters.length == 2 ? (int) parameters[1] : 1, parameters[0]);
            case "lasso" -> new LassoEstimator(parameters[0]);
            case "debiased-gd" -> new DebiasedGdEstimator(parameters[0]);
            case "ridge" -> new RidgeEstimator(parameters[0]);
            case "bayes" -> new BayesEstimator(task.tau2(), task.noise());
            case "ols" -> new LeastSquaresEstimator();
            case "pcr" -> PcrEstimator.known(components(covariance), covariance);
            case "fixed-point" -> new LinearAttentionFixedPointEstimator(covariance, trainingN, components(covariance));
            case "softmax-2head" -> SoftmaxStructuredEstimator.symmetricPair(parameters[0], parameters[1]);
            case "softmax-1head" -> SoftmaxStructuredEstimator.singleHead(task.d(), task.noise(), trainingN);
            default -> throw new IllegalStateException(kind);
        };
        return named(label, p);
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
