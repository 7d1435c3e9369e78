package org.icldynamics.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.SparseRegressionTask;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.TokenLayout;
import org.icldynamics.model.Transformer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Steps per second of sample + forward + backward + Adam for the paper-regime config (d = 20, s = 3, n = 40,
 * width 64, MLP 256, pre-LN softmax, batch 64), the per-row reference kernel and the blocked GEMM kernel side by side
 * in one run. Prints one line per config; slow, run on purpose.
 */
@Tag("slow")
class TransformerThroughputBenchmark {
    @ParameterizedTest(name = "L={0} h={1} {2} threads={3}")
    @CsvSource({"3, 4, PAIR, 1", "3, 4, PAIR, 2", "3, 8, INTERLEAVED, 2"})
    void stepsPerSecond(int layers, int heads, TokenLayout layout, int threads) {
        Transformer.Spec g = Transformer.Spec.gpt(layers, heads, 64);
        Transformer.Spec spec = new Transformer.Spec(g.layers(), g.heads(), g.width(), 0, g.scores(),
                g.normalisation(), Double.NaN, g.mlp(), 0, g.norm(), layout, 1.0, g.loss());
        double ref = measure(spec, threads, Transformer.Kernel.REFERENCE, 2, 4);
        double fast = measure(spec, threads, Transformer.Kernel.BLOCKED, 5, 20);
        System.out.printf("transformer L=%d h=%d W=64 M=256 %s n=40 d=20 batch=64 threads=%d: reference %.2f "
                + "steps/s, blocked %.2f steps/s (x%.1f)%n", layers, heads, layout, threads, ref, fast, fast / ref);
        assertTrue(fast > 0 && ref > 0);
    }

    private static double measure(Transformer.Spec spec, int threads, Transformer.Kernel kernel, int warm, int steps) {
        int d = 20;
        int n = 40;
        int b = 64;
        SparseRegressionTask task = new SparseRegressionTask(SparseRegressionTask.Spec.of(d, 3, n, 0.1));
        RandomStreams streams = new RandomStreams(1);
        PromptSampler sampler = new PromptSampler(task, streams, "train");
        try (BlockParallel par = new BlockParallel(threads)) {
            Transformer model = spec.build(d, 1, n, streams, par, kernel);
            Adam adam = new Adam(model.parameters().length, new LearningRateSchedule.Constant(1e-4));
            double[] grad = new double[model.parameters().length];
            long t0 = 0;
            for (int s = 0; s < warm + steps; s++) {
                if (s == warm) {
                    t0 = System.nanoTime();
                }
                PromptBatch batch = sampler.sample(s, b, n, par);
                model.lossAndGradient(batch, grad);
                adam.step(model.parameters(), grad);
            }
            return steps / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
