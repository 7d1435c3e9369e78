package org.icldynamics.experiment.run;

import java.util.Locale;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.model.TokenLayout;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.model.CubicFeatureNetwork;
import org.icldynamics.model.Transformer;
import org.icldynamics.experiment.TaskSection;
import org.icldynamics.experiment.TrainSection;

/**
 * The heap a run needs, estimated from its config before anything is built or written: the model (parameters,
 * gradients, optimizer moments, circuits, snapshot and checkpoint copies), the training prompts (one batch, or the
 * fixed training set), the evaluation set(s) and the kernels' per-block buffers. It errs on the large side (each part
 * is counted with the copies the code makes of it). A config whose estimate exceeds the heap, or needs one array
 * longer than Java allows, stops with one line giving the estimate, the heap and how to raise it.
 *
 * @param modelBytes parameters and their copies
 * @param trainBytes training prompts
 * @param evalBytes held-out prompts
 * @param bufferBytes kernels' block buffers and a fixed allowance for the JVM and the rest of the code
 * @param largestArray the element count of the largest single array
 */
public record MemoryEstimate(double modelBytes, double trainBytes, double evalBytes, double bufferBytes,
                             double largestArray) {
    /** Copies of the parameter vector a run holds (parameters, gradient, Adam moments, circuits, snapshot, checkpoint). */
    static final int PARAMETER_COPIES = 16;
    /** The JVM, the libraries and the figures: a fixed allowance. */
    static final double BASE_BYTES = 96e6;
    /** Prompts per kernel block ({@code RandomStreams.BLOCK} is 64; doubled for slack). */
    static final int BLOCK = 128;
    /** Longest Java array (elements). */
    static final double MAX_ARRAY = Integer.MAX_VALUE - 8;

    public double totalBytes() {
        return modelBytes + trainBytes + evalBytes + bufferBytes;
    }

    /** The estimate of {@code spec}. */
    public static MemoryEstimate of(ExperimentSpec spec) {
        TaskSection t = spec.task();
        TrainSection tr = spec.train();
        double d = t.d();
        double outputs = t.tasks();
        double n = t.n();
        double width = d + outputs;
        double perPrompt = n * d + n * outputs + d + 3 * outputs + outputs * d; // doubles of one prompt
        double params;
        double perBlock;
        switch (spec.model()) {
            case Transformer.Spec m -> {
                double w = m.width();
                double mlp = m.mlpWidth() == 0 ? 4 * w : m.mlpWidth();
                double hk = m.headDim() == 0 ? w : (double) m.headDim() * m.heads();
                double tokens = m.layout() == TokenLayout.INTERLEAVED ? 2 * n + 1 : n + 1;
                params = m.layers() * (3 * w * hk + hk * w + 2 * w * mlp + 6 * w) + (d + outputs + 2) * w + w * outputs;
                perBlock = m.layers() * (tokens * (8 * w + 4 * hk + 2 * mlp) + m.heads() * tokens * tokens) * 2;
            }
            case CubicFeatureNetwork.Spec m -> {
                params = m.heads() * (d * d + 1);
                perBlock = (n + 1) * (d * d + 4);
            }
            case OneLayerAttention.Spec m -> {
                double kq = m.keyQuery() == OneLayerAttention.KeyQuery.SEPARATE ? 2 * m.rank((int) width) * width : width * width;
                params = m.heads() * (kq + 2 * width * width + 2 * outputs * width) + m.heads() * (d * d + outputs);
                perBlock = (n + 1) * (width * 4 + m.heads() * 6);
            }
        }
        double prompts = switch (tr.data()) {
            case ONLINE -> 2.0 * tr.batch();
            case FIXED -> 2.0 * tr.batch();
            case MINIBATCH -> 2.0 * tr.trainingSet() + 2.0 * tr.batch();
            case POPULATION -> 0.0;
        };
        double evalPrompts = 1.5 * spec.eval().prompts()
                * (t.mixture() == TaskSection.Mixture.IN_WEIGHT ? 3 : 1);
        double largest = Math.max(Math.max(tr.batch(), tr.trainingSet()), spec.eval().prompts()) * n * d;
        largest = Math.max(largest, spec.model().heads() * width * width);
        largest = Math.max(largest, params);
        int layers = spec.model() instanceof Transformer.Spec m ? m.layers() : 1;
        largest = Math.max(largest, BLOCK * perBlock / Math.max(1, layers));
        return new MemoryEstimate(params * PARAMETER_COPIES * 8, prompts * perPrompt * 8, evalPrompts * perPrompt * 8,
                BLOCK * perBlock * 8 * tr.threads() + BASE_BYTES, largest);
    }

    /**
     * Stops with a {@link ConfigException} when the estimate of {@code spec} exceeds {@code heapBytes} (the JVM's
     * maximum heap) or one array would be longer than Java allows.
     */
    public static void check(ExperimentSpec spec, long heapBytes, String source) {
        MemoryEstimate e = of(spec);
        if (e.largestArray > MAX_ARRAY) {
            throw new ConfigException(source + ": these sizes need an array of " + String.format(Locale.ROOT, "%.3g",
                    e.largestArray) + " numbers, more than Java allows (2^31); " + e.parts()
                    + "; lower train.batch, eval.prompts, task.d, task.n or model.heads");
        }
        if (e.totalBytes() > heapBytes) {
            double needed = Math.ceil(e.totalBytes() * 1.25 / (1 << 30));
            throw new ConfigException(source + ": this run needs about " + gb(e.totalBytes()) + " of heap ("
                    + e.parts() + ") but the JVM has " + gb(heapBytes) + "; lower the sizes or raise the heap, e.g. "
                    + "ICL_JAVA_OPTS=-Xmx" + (long) needed + "g");
        }
    }

    private String parts() {
        return "model " + gb(modelBytes) + ", training prompts " + gb(trainBytes) + ", evaluation set "
                + gb(evalBytes) + ", buffers " + gb(bufferBytes);
    }

    static String gb(double bytes) {
        return bytes >= 1e15 ? String.format(Locale.ROOT, "%.2g GB", bytes / 1e9)
                : bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.0f MB", Math.max(1, bytes / 1e6));
    }
}
