package org.icldynamics.experiment.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.MultiTaskRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.model.Init;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;
import org.icldynamics.model.OneLayerAttention.Trainable;

/**
 * Full training steps of the two presets issue 2 names as slow, through the model as the trainer sees it:
 * <ul>
 *   <li>{@code fig4-rank} ({@code experiments/zhang25-fig4-rank.yaml}): linear scores, no normalisation, separate
 *       key-query of rank 1, 9 heads, d = 8, n = 31, REDUCED, P = 80,000 prompts sampled once and reused every step,
 *       plain gradient descent (lr 0.02);</li>
 *   <li>{@code multitask} ({@code experiments/chen24-multitask.yaml}): softmax, 3 heads, d = 50, 3 tasks in
 *       contiguous blocks (D = 53), n = 100, query excluded, 10,000 fresh prompts per step (sampling is timed),
 *       plain SGD (lr 1e-3).</li>
 * </ul>
 * One timed step = (sample,) loss and gradient, parameter update.
 */
final class PresetBenchmark {
    /** Untimed and timed steps of the fixed-data workload (about 10 ms a step at full size). */
    private static final int FIG4_WARMUP = 20;
    private static final int FIG4_STEPS = 30;
    /** Untimed and timed steps of the online workload (about 0.5 s a step at full size). */
    private static final int MULTITASK_WARMUP = 2;
    private static final int MULTITASK_STEPS = 5;

    private PresetBenchmark() {
    }

    /** The preset rows for every thread count (none when the settings skip them). */
    static List<BenchmarkResult.Row> run(BenchmarkSettings s, boolean torch) {
        List<BenchmarkResult.Row> rows = new ArrayList<>();
        if (s.presets() == BenchmarkSettings.PresetWorkloads.SKIP) {
            return rows;
        }
        int divisor = s.presets() == BenchmarkSettings.PresetWorkloads.SMALL ? 100 : 1;
        for (Workload w : Workload.values()) {
            int prompts = w.prompts / divisor;
            for (int threads : s.threadCounts()) {
                double[] ms = time(w, prompts, threads);
                double torchMs = torch ? KernelBenchmark.timeTorch(s, w.torchArgs(prompts, threads)) : Double.NaN;
                rows.add(new BenchmarkResult.Row(w.label, "double", threads, ms[0], ms[1], torchMs));
            }
        }
        return rows;
    }

    /** The two workloads at their presets' sizes. */
    enum Workload {
        FIG4_RANK("fig4-rank", 80_000, FIG4_WARMUP, FIG4_STEPS),
        MULTITASK("multitask", 10_000, MULTITASK_WARMUP, MULTITASK_STEPS);

        final String label;
        final int prompts;
        final int warmup;
        final int steps;

        Workload(String label, int prompts, int warmup, int steps) {
            this.label = label;
            this.prompts = prompts;
            this.warmup = warmup;
            this.steps = steps;
        }

        List<String> torchArgs(int prompts, int threads) {
            return List.of("--workload", label, "--b", "" + prompts, "--threads", "" + threads, "--dtype", "float64",
                    "--warmup", "" + Math.min(warmup, 3), "--steps", "" + Math.min(steps, 5));
        }
    }

    /** Median wall milliseconds and mean process-CPU milliseconds of one step. */
    static double[] time(Workload w, int prompts, int threads) {
        RandomStreams streams = new RandomStreams(2026);
        OneLayerAttention.Spec spec;
        Task task;
        int n;
        double lr;
        if (w == Workload.FIG4_RANK) {
            n = 31;
            lr = 0.02;
            task = new LinearRegressionTask(n, Covariance.isotropic(8, 1.0 / 8), 1.0, 0.0, 0.0);
            spec = new OneLayerAttention.Spec(9, OptionalInt.of(1), Scores.LINEAR,
                    OneLayerAttention.Normalisation.NONE, OptionalDouble.empty(), OneLayerAttention.KeyQuery.SEPARATE,
                    OneLayerAttention.ValueOutput.MERGED,
                    QueryAttention.INCLUDED, Init.LINEAR_PAPER, 0.005, OneLayerAttention.Precision.DOUBLE,
                    org.icldynamics.model.LossConvention.MSE, Trainable.REDUCED);
        } else {
            n = 100;
            lr = 1e-3;
            task = MultiTaskRegressionTask.Spec.contiguousBlocks(50, 3, n, 0.0).build(streams);
            spec = new OneLayerAttention.Spec(3, OptionalInt.of(1), Scores.SOFTMAX,
                    OneLayerAttention.Normalisation.NONE, OptionalDouble.empty(), OneLayerAttention.KeyQuery.MERGED,
                    OneLayerAttention.ValueOutput.MERGED,
                    QueryAttention.EXCLUDED, Init.TORCH_UNIFORM, 0.0, OneLayerAttention.Precision.DOUBLE,
                    org.icldynamics.model.LossConvention.MSE, Trainable.ALL);
        }
        PromptSampler sampler = new PromptSampler(task, streams, "bench");
        double[] times = new double[w.steps];
        long cpuStart = 0;
        try (BlockParallel parallel = new BlockParallel(threads)) {
            OneLayerAttention model = spec.build(task.d(), task.outputs(), n, streams, parallel);
            double[] params = model.parameters();
            double[] grad = new double[params.length];
            PromptBatch fixed = w == Workload.FIG4_RANK ? sampler.sample(0, prompts, n, parallel) : null;
            for (int step = 0; step < w.warmup + w.steps; step++) {
                if (step == w.warmup) {
                    cpuStart = KernelBenchmark.processCpuNanos();
                }
                long t0 = System.nanoTime();
                PromptBatch batch = fixed != null ? fixed : sampler.sample(step, prompts, n, parallel);
                double loss = model.lossAndGradient(batch, grad);
                for (int i = 0; i < params.length; i++) { // [parameters]
                    params[i] -= lr * grad[i];
                }
                long t1 = System.nanoTime();
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("preset benchmark " + w.label + ": loss not finite at step "
                            + step);
                }
                if (step >= w.warmup) {
                    times[step - w.warmup] = (t1 - t0) / 1e6;
                }
            }
        }
        double cpu = (KernelBenchmark.processCpuNanos() - cpuStart) / 1e6 / w.steps;
        return new double[] {KernelBenchmark.median(times), cpu};
    }
}
