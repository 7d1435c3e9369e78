package org.icldynamics.experiment.bench;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.AttentionKernels;
import org.icldynamics.model.KernelShape;
import org.icldynamics.model.OneLayerAttention.Normalisation;
import org.icldynamics.model.OneLayerAttention.Precision;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;

/**
 * The softmax step at a preset's shape for several head counts: the factory's kernel, the plain reference kernel and
 * PyTorch eager ({@code bench/torch_step.py}) timed back to back per head and thread count, so every ratio comes from
 * one invocation. The step is {@link KernelBenchmark}'s (merged key-query, double); a preset's separate factored
 * key/query and value/output add only the chain rule through a few D x D matrices per step.
 */
public final class PresetShapeBenchmark {
    /** The shapes: He et al. (2025), b 256 fresh prompts, n 40, d 5 (D 6), heads 2 and 8. */
    public enum Shape {
        HE25(256, 40, 5, new int[] {2, 8});

        final int b;
        final int n;
        final int d;
        final int[] heads;

        Shape(int b, int n, int d, int[] heads) {
            this.b = b;
            this.n = n;
            this.d = d;
            this.heads = heads;
        }

        /** One line naming the sizes. */
        public String describe() {
            return "b=" + b + " n=" + n + " d=" + d + " softmax double, query excluded, heads "
                    + java.util.Arrays.toString(heads);
        }
    }

    /**
     * @param fastMs median wall ms per step on the factory's kernel ({@code kernel}); {@code fastCpuMs} the JVM's CPU
     * @param referenceMs the same on the reference kernel; {@code torchMs} PyTorch eager, NaN when not run
     */
    public record Row(int heads, int threads, String kernel, double fastMs, double fastCpuMs, double referenceMs,
                      double referenceCpuMs, double torchMs) {
    }

    private PresetShapeBenchmark() {
    }

    /** {@code s}'s warm-up, steps, threads and PyTorch settings at {@code shape}'s sizes; rows per heads x threads. */
    public static List<Row> run(Shape shape, BenchmarkSettings s) {
        boolean torch = s.torch() == BenchmarkSettings.TorchComparison.RUN
                && KernelBenchmark.torchAvailable(s).equals("ok");
        List<Row> rows = new ArrayList<>();
        for (int h : shape.heads) {
            BenchmarkSettings at = new BenchmarkSettings(shape.b, shape.n, shape.d, h, s.warmup(), s.steps(),
                    s.threadCounts(), s.torch(), s.torchScript(), s.python(), s.torchWarmup(), s.torchSteps());
            String kernel = AttentionKernels.create(new KernelShape(h, shape.d, 1, Scores.SOFTMAX, Normalisation.NONE,
                    QueryAttention.EXCLUDED), Precision.DOUBLE, BlockParallel.serial()).getClass().getSimpleName();
            for (int threads : s.threadCounts()) {
                double[] fast = KernelBenchmark.timeJava(at, Scores.SOFTMAX, Precision.DOUBLE, threads, false);
                double[] ref = KernelBenchmark.timeJava(at, Scores.SOFTMAX, Precision.DOUBLE, threads, true);
                double torchMs = torch ? KernelBenchmark.timeTorch(at, Scores.SOFTMAX, Precision.DOUBLE, threads)
                        : Double.NaN;
                rows.add(new Row(h, threads, kernel, fast[0], fast[1], ref[0], ref[1], torchMs));
            }
        }
        return rows;
    }
}
