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

    /** {@code copies} copies of the first prompt of {@code b}. */
    static PromptBatch copiesOfFirst(PromptBatch b, int copies) {
        PromptBatch c = new PromptBatch(copies, b.n, b.d, b.outputs);
        for (int p = 0; p < copies; p++) {
            System.arraycopy(b.x, 0, c.x, p * b.n * b.d, b.n * b.d);
            System.arraycopy(b.y, 0, c.y, p * b.n * b.outputs, b.n * b.outputs);
            System.arraycopy(b.xq, 0, c.xq, p * b.d, b.d);
            System.arraycopy(b.yq, 0, c.yq, p * b.outputs, b.outputs);
        }
        return c;
    }

    private static void fill(SplittableRandom rng, double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextGaussian();
        }
    }
}
