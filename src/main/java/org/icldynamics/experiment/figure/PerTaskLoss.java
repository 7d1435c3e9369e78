package org.icldynamics.experiment.figure;

import java.util.Map;
import org.icldynamics.data.MultiTaskRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.report.NpzReader;

/**
 * Monte Carlo squared error of each output of a multi-task model over fresh prompts, with its standard error.
 *
 * @param mse {@code [outputs]} mean squared error of each output (task)
 * @param se {@code [outputs]} standard error of each mean (sample standard deviation of the squared errors / sqrt(b))
 * @param mean mean over outputs of the squared error, the model's MSE
 * @param meanSe standard error of {@code mean} (from the per-prompt mean over outputs)
 * @param prompts number of prompts
 */
record PerTaskLoss(double[] mse, double[] se, double mean, double meanSe, int prompts) {
    /** Largest per-task MSE. */
    double worst() {
        return java.util.Arrays.stream(mse).max().orElse(Double.NaN);
    }

    /** Standard error of the task with the largest MSE. */
    double worstSe() {
        int w = 0;
        for (int k = 1; k < mse.length; k++) {
            w = mse[k] > mse[w] ? k : w;
        }
        return se[w];
    }

    /** The squared errors of the model at snapshot {@code snap} of {@code r} on {@code prompts} prompts drawn from
     *  the stream {@code name} of seed {@code seed} (the run's task, its context length). */
    static PerTaskLoss measure(RunResult r, Map<String, NpzReader.Array> snap, int prompts, long seed, String name) {
        MultiTaskRegressionTask task = (MultiTaskRegressionTask) ExperimentFactory.task(r.spec(),
                new RandomStreams(r.spec().seed()));
        try (ExperimentParts parts = r.modelAt(snap); BlockParallel parallel = new BlockParallel(2)) {
            PromptBatch batch = new PromptSampler(task, new RandomStreams(seed), name)
                    .sample(0, prompts, task.n(), parallel);
            double[] yhat = parts.model().predict(batch); // [b, outputs]
            int o = batch.outputs;
            double[] mse = new double[o]; // summed as e^2 / b, as the figures always have
            double[] sum = new double[o];
            double[] sq = new double[o];
            double meanSum = 0;
            double meanSq = 0;
            for (int p = 0; p < batch.b; p++) { // [b, outputs]
                double row = 0;
                for (int k = 0; k < o; k++) {
                    double e = yhat[p * o + k] - batch.yq[p * o + k];
                    mse[k] += e * e / batch.b;
                    sum[k] += e * e;
                    sq[k] += e * e * e * e;
                    row += e * e / o;
                }
                meanSum += row;
                meanSq += row * row;
            }
            int b = batch.b;
            double[] se = new double[o];
            for (int k = 0; k < o; k++) {
                se[k] = standardError(sum[k], sq[k], b);
            }
            return new PerTaskLoss(mse, se, meanSum / b, standardError(meanSum, meanSq, b), b);
        }
    }

    /** Standard error of a mean from the sum and the sum of squares of {@code b} values. */
    static double standardError(double sum, double sumSq, int b) {
        double m = sum / b;
        double var = Math.max(0, (sumSq - b * m * m) / (b - 1));
        return Math.sqrt(var / b);
    }
}
