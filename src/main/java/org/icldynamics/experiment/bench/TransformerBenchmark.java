package org.icldynamics.experiment.bench;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.SparseRegressionTask;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.Transformer;
import org.icldynamics.train.Adam;
import org.icldynamics.train.LearningRateSchedule;

/**
 * Times one full training step (fresh batch, forward, backward, Adam) of the multi-layer transformer in the sparse
 * paper's regime (spec sparse-multilayer.md B.3 fallback): d = 20, s = 3, n = 40, L = 3, 4 heads, width 64, GELU MLP
 * 256, pre-LN, pair tokens, batch 64, on the blocked GEMM kernel, next to the same step in PyTorch eager
 * ({@code bench/torch_transformer.py}). The per-row reference kernel is timed side by side in the slow
 * {@code TransformerThroughputBenchmark} test (about 1 step/s, too slow for {@code icl bench}).
 */
public final class TransformerBenchmark {
    public static final String WORKLOAD = "transformer-L3-h4-W64";
    public static final String WORKLOAD_TEXT = "L 3, 4 heads, width 64, GELU MLP 256, pre-LN, pair tokens, d 20, "
            + "s 3, n 40, batch 64, double, Adam; one step = fresh batch, forward, backward, update";
    static final String TORCH_SCRIPT = "torch_transformer.py";
    private static final int D = 20;
    private static final int N = 40;
    private static final int B = 64;
    private static final int LAYERS = 3;
    private static final int HEADS = 4;
    private static final int WIDTH = 64;

    private TransformerBenchmark() {
    }

    /**
     * Only the transformer rows, next to PyTorch unless the settings skip it (the script is {@value #TORCH_SCRIPT}
     * beside the settings' {@code torch_step.py}).
     */
    public static BenchmarkResult run(BenchmarkSettings s) {
        String status = s.torch() == BenchmarkSettings.TorchComparison.SKIP ? "skipped"
                : KernelBenchmark.torchAvailable(s.python(), s.torchScript().resolveSibling(TORCH_SCRIPT));
        try (HeapPeak heap = HeapPeak.start()) {
            List<BenchmarkResult.Row> rows = rows(s, false, status.equals("ok"));
            return new BenchmarkResult(rows, heap.bytes(), status);
        }
    }

    /**
     * Java warm-up steps per row: after 5 (the old count, 0.4 s) C2 was still compiling the GEMM's register blocks, so
     * the timed steps' CPU included the compiler threads (session 12).
     */
    static final int WARMUP = 30;

    /**
     * One row per thread count: Java ({@link #WARMUP} warm-up + 20 timed steps; 1 + 2 when {@code small}) and, when
     * {@code torch}, the PyTorch script beside {@code bench/torch_step.py} (3 warm-up + 20 timed steps) on the same
     * thread count.
     */
    static List<BenchmarkResult.Row> rows(BenchmarkSettings s, boolean small, boolean torch) {
        List<BenchmarkResult.Row> rows = new ArrayList<>();
        for (int threads : s.threadCounts()) {
            double[] ms = time(threads, small ? 1 : WARMUP, small ? 2 : 20, Transformer.Kernel.BLOCKED);
            double torchMs = torch ? KernelBenchmark.timeTorch(s.python(),
                    s.torchScript().resolveSibling(TORCH_SCRIPT), List.of("--threads", "" + threads,
                            "--warmup", small ? "1" : "3", "--steps", small ? "2" : "20")) : Double.NaN;
            rows.add(new BenchmarkResult.Row(WORKLOAD, "double", threads, ms[0], ms[1], torchMs));
        }
        return rows;
    }

    /** Floating-point operations of one step of the benchmark's transformer ({@link #flopsPerStep(int...)}). */
    public static double flopsPerStep() {
        return flopsPerStep(B, N, D + 1, LAYERS, HEADS, WIDTH, 4 * WIDTH);
    }

    /**
     * Floating-point operations of one training step of a pre-LN transformer with pair tokens read at the query, as
     * the blocked kernel computes it: the matrix products only (a multiply-add counts 2), LayerNorm, softmax, GELU
     * and Adam left out (each is O(rows * width), under 2% here). Forward, with {@code R = b (n + 1)} token rows:
     * read-in {@code 2 R D W}; per layer the fused q/k/v product on all rows {@code 2 R W 3W}, then on the {@code c}
     * rows the layer outputs ({@code c = n + 1} per prompt, only the query in the last layer) scores and the
     * probability-weighted values against the {@code n} context keys {@code 2 * 2 b c n W}, the output projection
     * {@code 2 b c W W} and the MLP {@code 2 * 2 b c W M}; read-out {@code 2 b W}. Backward doubles every product
     * (gradient of the input and of the weight) except the read-in, which needs only its weight gradient: a step is
     * {@code 3 forward - 2 R D W}.
     *
     * @param din token width d + 1
     */
    static double flopsPerStep(int b, int n, int din, int layers, int heads, int width, int mlp) {
        double t = n + 1;
        double rows = b * t;
        double embed = 2 * rows * din * width;
        double forward = embed + 2.0 * b * width;
        for (int l = 0; l < layers; l++) {
            double c = b * (l == layers - 1 ? 1 : t);
            forward += 2 * rows * width * 3 * width + 4 * c * n * width + 2 * c * width * width
                    + 4 * c * width * mlp;
        }
        return 3 * forward - embed;
    }

    /** Median wall milliseconds per step and mean process-CPU milliseconds per timed step. */
    static double[] time(int threads, int warmup, int steps, Transformer.Kernel kernel) {
        int d = D;
        int n = N;
        SparseRegressionTask task = new SparseRegressionTask(SparseRegressionTask.Spec.of(d, 3, n, 0.1));
        RandomStreams streams = new RandomStreams(2026);
        PromptSampler sampler = new PromptSampler(task, streams, "bench");
        double[] times = new double[steps];
        long cpuStart = 0;
        try (BlockParallel parallel = new BlockParallel(threads)) {
            Transformer model = Transformer.Spec.gpt(LAYERS, HEADS, WIDTH).build(d, 1, n, streams, parallel, kernel);
            Adam adam = new Adam(model.parameters().length, new LearningRateSchedule.Constant(1e-4));
            double[] grad = new double[model.parameters().length];
            for (int step = 0; step < warmup + steps; step++) {
                if (step == warmup) {
                    cpuStart = KernelBenchmark.processCpuNanos();
                }
                long t0 = System.nanoTime();
                PromptBatch batch = sampler.sample(step, B, n, parallel);
                double loss = model.lossAndGradient(batch, grad);
                adam.step(model.parameters(), grad);
                long t1 = System.nanoTime();
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("transformer benchmark loss is not finite at step " + step);
                }
                if (step >= warmup) {
                    times[step - warmup] = (t1 - t0) / 1e6;
                }
            }
        }
        double cpu = (KernelBenchmark.processCpuNanos() - cpuStart) / 1e6 / steps;
        return new double[] {KernelBenchmark.median(times), cpu};
    }
}
