package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The blocked pass's GELU (tanh term kept, fused vector loop) against the plain one: same bits, tails included. */
class ActivationsTest {
    @Test
    void geluKeepingTheTanhTermEqualsThePlainForwardAndBackwardBitForBitOnEveryLengthAndOffset() {
        SplittableRandom r = new SplittableRandom(16);
        for (int len = 0; len <= 11; len++) {
            for (int from = 0; from <= 3; from++) {
                int size = from + len + 2;
                double[] u = new double[size];
                double[] dg = new double[size];
                for (int i = 0; i < size; i++) {
                    u[i] = 3 * r.nextGaussian();
                    dg[i] = r.nextGaussian();
                }
                double[] plain = new double[size];
                double[] fused = new double[size];
                double[] th = new double[size];
                Activations.forward(Transformer.Activation.GELU, u, plain, from, len);
                Activations.forward(Transformer.Activation.GELU, u, fused, th, from, len);
                assertArrayEquals(plain, fused, 0.0, "forward len " + len + " from " + from);
                double[] du = new double[size];
                double[] duKept = new double[size];
                Activations.backward(Transformer.Activation.GELU, u, dg, du, from, len);
                Activations.backwardFromTanh(Transformer.Activation.GELU, u, th, dg, duKept, from, len);
                assertArrayEquals(du, duKept, 0.0, "backward len " + len + " from " + from);
            }
        }
    }
}
