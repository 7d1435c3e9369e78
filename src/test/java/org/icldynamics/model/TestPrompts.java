package org.icldynamics.model;

import java.util.SplittableRandom;
import org.icldynamics.data.PromptBatch;

/** Small random prompt batches for model tests (entries N(0, 1); labels independent of inputs unless noted). */
final class TestPrompts {
    private TestPrompts() {
    }

    static PromptBatch random(int b, int n, int d, int outputs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        PromptBatch batch = new PromptBatch(b, n, d, outputs);
        fill(rng, batch.x);
        fill(rng, batch.y);
        fill(rng, batch.xq);
        fill(rng, batch.yq);
        return batch;
    }

    static double[] gaussian(int size, double std, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = std * rng.nextGaussian();
        }
        return a;
    }

    private static void fill(SplittableRandom rng, double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextGaussian();
        }
    }
}
