package org.icldynamics.experiment.bench;

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
 * 256, pre-LN, pair tokens, batch 64, on the blocked GEMM kernel. The per-row reference kernel is timed side by side in
 * the slow {@code TransformerThroughputBenchmark} test (about 1 step/s, too slow for {@code icl bench}).
 */
final class TransformerBenchmark {
    static final String WORKLOAD = "transformer-L3-h4-W64";

    private TransformerBenchmark() {
    }

    /** Median wall milliseconds per step and mean process-CPU milliseconds per timed step. */
    static double[] time(int threads, int warmup, int steps, Transformer.Kernel kernel) {
        int d = 20;
        int n = 40;
        SparseRegressionTask task = new SparseRegressionTask(SparseRegressionTask.Spec.of(d, 3, n, 0.1));
        RandomStreams streams = new RandomStreams(2026);
        PromptSampler sampler = new PromptSampler(task, streams, "bench");
        double[] times = new double[steps];
        long cpuStart = 0;
        try (BlockParallel parallel = new BlockParallel(threads)) {
            Transformer model = Transformer.Spec.gpt(3, 4, 64).build(d, 1, n, streams, parallel, kernel);
            Adam adam = new Adam(model.parameters().length, new LearningRateSchedule.Constant(1e-4));
            double[] grad = new double[model.parameters().length];
            for (int step = 0; step < warmup + steps; step++) {
                if (step == warmup) {
                    cpuStart = KernelBenchmark.processCpuNanos();
                }
                long t0 = System.nanoTime();
                PromptBatch batch = sampler.sample(step, 64, n, parallel);
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
