package org.icldynamics.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.linalg.BlockParallel;

/**
 * Evaluates predictors (trained models and estimators alike) on fresh prompts at a list of context lengths
 * (length generalisation), with a standard error and a bootstrap percentile confidence interval for each mean
 * squared error. All predictors see the same prompts at a given length. Prompts are drawn in chunks of
 * {@link #CHUNK} from stream {@code ("length-sweep", n, chunk, block)}; chunks run on {@link BlockParallel} and are
 * reduced in chunk order, so results are identical on any number of threads. Numbers only; no plotting.
 */
public record LengthSweep(IntFunction<Task> taskAtLength, RandomStreams streams, int prompts, int bootstrapResamples,
                          double confidence, Target target) {
    /** Prompts per chunk (a multiple of {@link RandomStreams#BLOCK}). */
    public static final int CHUNK = 4096;

    /**
     * What a prediction is scored against: the query label as drawn ({@link #QUERY_LABEL}, noisy when the task adds
     * query noise) or the noise-free signal {@code w^T x_q} ({@link #SIGNAL}: the excess risk of sparse-multilayer B.1).
     */
    public enum Target { QUERY_LABEL, SIGNAL }

    /** One predictor at one context length: mean over prompts of the per-prompt mean over outputs of the squared error. */
    public record Point(String predictor, int n, int prompts, double mse, double standardError, double ciLow, double ciHigh) {
    }

    /** All points, predictor-major in the order given. */
    public record Result(List<Point> points) {
        /** The point for {@code predictor} at length {@code n}. */
        public Point at(String predictor, int n) {
            for (Point p : points) {
                if (p.predictor().equals(predictor) && p.n() == n) {
                    return p;
                }
            }
            throw new IllegalArgumentException("no point for predictor '" + predictor + "' at n = " + n);
        }
    }

    /**
     * @param taskAtLength the task distribution at context length {@code n}
     * @param prompts fresh prompts per length
     * @param bootstrapResamples resamples for the percentile interval (0 skips it: the interval is mean +- 1.96 SE)
     * @param confidence e.g. 0.95
     */
    public LengthSweep(IntFunction<Task> taskAtLength, RandomStreams streams, int prompts, int bootstrapResamples,
                       double confidence) {
        this(taskAtLength, streams, prompts, bootstrapResamples, confidence, Target.QUERY_LABEL);
    }

    /** The canonical constructor: scores against {@code target}. */
    public LengthSweep {
        if (prompts < 2 || bootstrapResamples < 0 || !(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("need >= 2 prompts, >= 0 resamples and a confidence in (0, 1)");
        }
    }

    public Result run(List<? extends Predictor> predictors, int[] lengths, BlockParallel parallel) {
        List<Point> points = new ArrayList<>();
        double[][][] errors = new double[lengths.length][][];
        for (int li = 0; li < lengths.length; li++) {
            errors[li] = squaredErrors(predictors, lengths[li], parallel);
        }
        for (int pi = 0; pi < predictors.size(); pi++) {
            for (int li = 0; li < lengths.length; li++) {
                points.add(summarise(predictors.get(pi).name(), lengths[li], errors[li][pi], pi));
            }
        }
        return new Result(List.copyOf(points));
    }

    /** Per-prompt squared errors {@code [predictors, prompts]} at length {@code n}. */
    private double[][] squaredErrors(List<? extends Predictor> predictors, int n, BlockParallel parallel) {
        if (n < 0) {
            throw new IllegalArgumentException("context length must be >= 0, got " + n);
        }
        Task task = taskAtLength.apply(n);
        PromptSampler sampler = new PromptSampler(task, streams, "length-sweep");
        int chunks = BlockParallel.blocks(prompts, CHUNK);
        double[][] out = new double[predictors.size()][prompts];
        parallel.forEach(chunks, c -> {
            int from = c * CHUNK;
            int count = Math.min(prompts, from + CHUNK) - from;
            PromptBatch batch = sampler.sample(((long) n << 20) + c, count, n, BlockParallel.serial());
            double[] truth = target == Target.SIGNAL ? batch.signal : batch.yq;
            for (int pi = 0; pi < predictors.size(); pi++) {
                double[] pred = predictors.get(pi).predict(batch);
                int outs = batch.outputs;
                for (int p = 0; p < count; p++) { // [b, outputs]
                    double s = 0;
                    for (int k = 0; k < outs; k++) {
                        double e = pred[p * outs + k] - truth[p * outs + k];
                        s += e * e;
                    }
                    out[pi][from + p] = s / outs;
                }
            }
        });
        return out;
    }

    private Point summarise(String name, int n, double[] e, int predictorIndex) {
        int m = e.length;
        double sum = 0;
        for (double v : e) {
            sum += v;
        }
        double mean = sum / m;
        double ss = 0;
        for (double v : e) {
            ss += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(ss / (m - 1) / m);
        if (bootstrapResamples == 0) {
            return new Point(name, n, m, mean, se, mean - 1.96 * se, mean + 1.96 * se);
        }
        double[] means = new double[bootstrapResamples];
        for (int r = 0; r < bootstrapResamples; r++) {
            SplittableRandom rng = streams.stream("length-sweep-bootstrap", n, predictorIndex, r);
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += e[rng.nextInt(m)];
            }
            means[r] = s / m;
        }
        Arrays.sort(means);
        double alpha = (1 - confidence) / 2;
        int lo = (int) Math.floor(alpha * (bootstrapResamples - 1));
        int hi = (int) Math.ceil((1 - alpha) * (bootstrapResamples - 1));
        return new Point(name, n, m, mean, se, means[lo], means[hi]);
    }
}
