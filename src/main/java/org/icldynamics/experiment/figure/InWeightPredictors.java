package org.icldynamics.experiment.figure;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.theory.InWeightTheory;

/**
 * The closed-form end points of {@link InWeightTheory} as predictors, scored on a run's own test prompts, so a trained
 * model and its theory are compared on the same draws (the test-set sampling noise cancels): the in-context optimum
 * {@code sigma b^T x_q} and the label-path memoriser {@code a (S_yy / N) w*^T x_q}. White covariance
 * {@code Lambda = lambda I} assumed.
 */
final class InWeightPredictors {
    /** Which closed-form predictor. */
    enum Kind { IN_CONTEXT_OPTIMUM, LABEL_PATH }

    private InWeightPredictors() {
    }

    /**
     * Mean squared error of {@code kind} on {@code prompts} (no 1/2, as the runs' loss).
     *
     * @param prompts single-output prompts, not modified
     * @param wStar the in-weight task {@code [d]}, not modified
     */
    static double loss(Kind kind, PromptBatch prompts, double[] wStar, double lambda) {
        int d = prompts.d;
        int n = prompts.n;
        double sigma = InWeightTheory.inContextScale(lambda, d, n);
        double a = InWeightTheory.labelPathWeight(n);
        double sum = 0;
        for (int p = 0; p < prompts.b; p++) { // [b, n, d]
            double icl = 0;
            double syy = 0;
            for (int i = 0; i < n; i++) {
                double y = prompts.y[prompts.yIndex(p, i)];
                syy += y * y;
                int xi = prompts.xIndex(p, i);
                for (int j = 0; j < d; j++) {
                    icl += y * prompts.x[xi + j] * prompts.xq[p * d + j];
                }
            }
            double mem = 0;
            for (int j = 0; j < d; j++) {
                mem += wStar[j] * prompts.xq[p * d + j];
            }
            double yhat = kind == Kind.IN_CONTEXT_OPTIMUM ? sigma * icl : a * (syy / n) * mem;
            double e = prompts.yq[p] - yhat;
            sum += e * e;
        }
        return sum / prompts.b;
    }
}
