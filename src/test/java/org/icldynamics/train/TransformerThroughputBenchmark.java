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
 * width 64, MLP 256, pre-LN softmax, batch 64). Prints one line per config; slow, run on purpose.
 */
@Tag("slow")
class TransformerThroughputBenchmark {
    @ParameterizedTest(name = "L={0} h={1} {2} threads={3}")
    @CsvSource({"3, 4, PAIR, 1", "3, 4, PAIR, 2", "3, 8, INTERLEAVED, 2"})
    void stepsPerSecond(int layers, int heads, TokenLayout layout, int threads) {
        int d = 20;
        int n = 40;
        int b = 64 * threads;
        SparseRegressionTask task = new SparseRegressionTask(SparseRegressionTask.Spec.of(d, 3, n, 0.1));
        RandomStreams streams = new RandomStreams(1);
        PromptSampler sampler = new PromptSampler(task, streams, "train");
        Transformer.Spec g = Transformer.Spec.gpt(layers, heads, 64);
        Transformer.Spec spec = new Transformer.Spec(g.layers(), g.heads(), g.width(), 0, g.scores(),
                g.normalisation(), g.temperature(), g.mlp(), 0, g.norm(), layout, 1.0, g.loss());
        try (BlockParallel par = new BlockParallel(threads)) {
            Transformer model = spec.build(d, 1, n, streams, par);
            LocalAdam adam = new LocalAdam(1e-4);
            double[] grad = new double[model.parameters().length];
            int warm = 5;
            int steps = 10;
            long t0 = 0;
            for (int s = 0; s < warm + steps; s++) {
                if (s == warm) {
                    t0 = System.nanoTime();
                }
                PromptBatch batch = sampler.sample(s, b, n, par);
                model.lossAndGradient(batch, grad);
                adam.step(model.parameters(), grad);
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            double sps = steps / sec;
            System.out.printf("transformer L=%d h=%d W=64 %s n=%d d=%d batch=%d threads=%d params=%d: %.1f steps/s, "
                    + "%.0f prompts/s%n", layers, heads, layout, n, d, b, threads, grad.length, sps, sps * b);
            assertTrue(sps > 0);
        }
    }
}
