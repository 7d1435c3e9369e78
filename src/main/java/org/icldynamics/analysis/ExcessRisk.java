package org.icldynamics.analysis;

import org.icldynamics.data.PromptBatch;

/** Excess risk {@code E[(yhat - w^T x_q)^2]}: squared error against the noise-free query signal. */
public final class ExcessRisk {
    private ExcessRisk() {
    }

    /**
     * @param prediction {@code [b, outputs]}, not modified
     * @param batch the prompts predicted, not modified
     * @return the mean over prompts and outputs of {@code (prediction - signal)^2}
     */
    public static double of(double[] prediction, PromptBatch batch) {
        if (prediction.length != batch.signal.length) {
            throw new IllegalArgumentException("prediction has length " + prediction.length + ", batch needs "
                    + batch.signal.length);
        }
        double s = 0;
        for (int i = 0; i < prediction.length; i++) { // [b, outputs]
            double r = prediction[i] - batch.signal[i];
            s += r * r;
        }
        return s / Math.max(1, prediction.length);
    }
}
