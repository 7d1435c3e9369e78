package org.icldynamics.data;

import java.util.function.Function;

/**
 * The one contract shared by trained models and classical estimators: a prediction of every query label.
 * Evaluation, comparison and plots never ask which kind they hold.
 */
public interface Predictor {
    /** A short name for tables and legends. */
    String name();

    /**
     * Predicts the query labels of every prompt.
     *
     * @param batch prompts, not modified
     * @return predictions {@code [b, outputs]}
     */
    double[] predict(PromptBatch batch);

    /**
     * Predictions from every prefix of the context: row {@code m} holds the predictions {@code [b, outputs]}
     * made from the first {@code m} context tokens, for {@code m = 0..n}. The default re-runs {@link #predict}.
     */
    default double[][] predictPrefixes(PromptBatch batch) {
        double[][] out = new double[batch.n + 1][];
        for (int m = 0; m <= batch.n; m++) {
            out[m] = predict(batch.prefix(m));
        }
        return out;
    }

    /** The predictor called {@code name} whose {@link #predict} is {@code predict} (prefixes by the default). */
    static Predictor of(String name, Function<PromptBatch, double[]> predict) {
        record Named(String name, Function<PromptBatch, double[]> f) implements Predictor {
            @Override
            public double[] predict(PromptBatch batch) {
                return f.apply(batch);
            }
        }
        return new Named(name, predict);
    }
}
