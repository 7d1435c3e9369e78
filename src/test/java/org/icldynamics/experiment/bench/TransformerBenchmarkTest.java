package org.icldynamics.experiment.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TransformerBenchmarkTest {
    @Test
    void flopCountOfTheBenchmarkStepAddsUpTheMatrixProductsTermByTerm() {
        // b 64, T 41 tokens (R = 2624 rows), D 21, W 64, M 256, n 40 keys, L 3 (last layer: query rows only)
        double embed = 2.0 * 2624 * 21 * 64;                                              // 7,053,312
        double full = 2.0 * 2624 * 64 * 192 + 4.0 * 2624 * 40 * 64 + 2.0 * 2624 * 64 * 64 + 4.0 * 2624 * 64 * 256;
        double last = 2.0 * 2624 * 64 * 192 + 4.0 * 64 * 40 * 64 + 2.0 * 64 * 64 * 64 + 4.0 * 64 * 64 * 256;
        double forward = embed + 2 * full + last + 2.0 * 64 * 64;
        assertEquals(646_561_792.0, forward, 0.0);
        assertEquals(3 * forward - embed, TransformerBenchmark.flopsPerStep(), 0.0);
        assertEquals(1_932_632_064.0, TransformerBenchmark.flopsPerStep(), 0.0);
    }

    @Test
    void flopCountOfTheSmallestStackByHand() {
        // b = n = d + 1 = layers = heads = width = mlp = 1: T 2 rows; read-in 2*2 = 4; the only layer is the last:
        // q/k/v 2*2*3 = 12, scores and values 4*1*1*1 = 4, output 2, MLP 4; read-out 2. Forward 28; 3*28 - 4 = 80.
        assertEquals(80.0, TransformerBenchmark.flopsPerStep(1, 1, 1, 1, 1, 1, 1), 0.0);
    }
}
