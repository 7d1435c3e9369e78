package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.api.Test;

class PromptSamplerTest {
    private final Task task = new LinearRegressionTask(7, Covariance.isotropic(3, 1.0), 1.0, 0.1, 0.0);

    @Test
    void sameBitsOnOneAndTwoThreads() {
        PromptSampler s = new PromptSampler(task, new RandomStreams(42), "train");
        try (BlockParallel two = new BlockParallel(2)) {
            PromptBatch a = s.sample(5, 200, 7, BlockParallel.serial());
            PromptBatch b = s.sample(5, 200, 7, two);
            assertArrayEquals(a.x, b.x);
            assertArrayEquals(a.y, b.y);
            assertArrayEquals(a.yq, b.yq);
        }
    }

    @Test
    void noiselessQueryTargetEqualsSignalAndPrefixKeepsQueries() {
        PromptBatch a = new PromptSampler(task, new RandomStreams(1), "t").sample(0, 10);
        assertArrayEquals(a.signal, a.yq);
        double s = 0;
        for (int j = 0; j < 3; j++) {
            s += a.w[j] * a.xq[j];
        }
        assertEquals(s, a.signal[0], 1e-15);
        PromptBatch p = a.prefix(2);
        assertEquals(2, p.n);
        assertArrayEquals(a.xq, p.xq);
        assertEquals(a.x[a.xIndex(3, 1) + 2], p.x[p.xIndex(3, 1) + 2]);
    }
}
