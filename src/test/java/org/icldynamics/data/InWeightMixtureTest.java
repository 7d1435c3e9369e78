package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.api.Test;

class InWeightMixtureTest {
    private static final RandomStreams STREAMS = new RandomStreams(10);
    private static final LinearRegressionTask TASK = new LinearRegressionTask.Spec(7,
            new CovarianceSpec.Isotropic(4, 1, TraceNormalization.UNIT_TRACE), 1, 0, 0).build(STREAMS);

    private static InWeightMixture draw(double c) {
        return InWeightMixture.draw(TASK, new InWeightMixture.Spec(c, 200, 100, InputCentring.CENTRE), STREAMS,
                BlockParallel.serial());
    }

    @Test
    void mixedSetHasOwnTasksFirstThenTheInWeightTaskWithConsistentLabels() {
        InWeightMixture m = draw(0.4);
        double[] ws = m.wStar();
        assertEquals(2.0, Math.sqrt(LinearSignal.dot(ws, 0, ws, 0, 4)), 1e-14);
        PromptBatch b = m.train().batch();
        for (int p = 0; p < b.b; p++) {
            double[] w = Arrays.copyOfRange(b.w, p * 4, p * 4 + 4);
            if (p < 80) {
                assertFalse(Arrays.equals(ws, w), "prompt " + p + " should have its own task");
            } else {
                assertArrayEquals(ws, w, "prompt " + p);
            }
            for (int i = 0; i < b.n; i++) {
                assertEquals(LinearSignal.dot(b.w, p * 4, b.x, b.xIndex(p, i), 4), b.y[b.yIndex(p, i)], 1e-15);
            }
            assertEquals(LinearSignal.dot(b.w, p * 4, b.xq, p * 4, 4), b.yq[p], 1e-15);
        }
    }

    @Test
    void inWeightTestHasNoiseContextAndQueryLabelledByTheInWeightTask() {
        InWeightMixture m = draw(0.4);
        PromptBatch iw = m.inWeightTest().batch();
        double[] ws = m.wStar();
        double ss = 0;
        double resid = 0;
        for (int p = 0; p < iw.b; p++) {
            assertEquals(LinearSignal.dot(ws, 0, iw.xq, p * 4, 4), iw.yq[p], 1e-15);
            for (int i = 0; i < iw.n; i++) {
                double y = iw.y[iw.yIndex(p, i)];
                ss += y * y;
                double r = y - LinearSignal.dot(ws, 0, iw.x, iw.xIndex(p, i), 4);
                resid += r * r;
            }
        }
        int m2 = iw.b * iw.n;
        // pure N(0,1) labels: mean square 1 within 4 SE (SE = sqrt(2/m))
        assertEquals(1.0, ss / m2, 4 * Math.sqrt(2.0 / m2));
        assertFalse(resid < 1e-6, "context labels must not follow w*");
    }

    @Test
    void fullyInContextTrainingAndTheInContextTestSetAreWhitened() {
        InWeightMixture m = draw(1.0);
        for (PromptBatch b : new PromptBatch[] {m.train().batch(), m.inContextTest().batch()}) {
            double[] mean = new double[4];
            for (int p = 0; p < b.b; p++) {
                for (int j = 0; j < 4; j++) {
                    mean[j] += b.w[p * 4 + j] / b.b;
                }
            }
            assertArrayEquals(new double[4], mean, 1e-10);
            double var0 = 0;
            for (int p = 0; p < b.b; p++) {
                var0 += b.w[p * 4] * b.w[p * 4] / (b.b - 1);
            }
            assertEquals(1.0, var0, 1e-10);
        }
    }

    @Test
    void zeroFractionGivesPureNoiseContextLabels() {
        InWeightMixture m = draw(0.0);
        PromptBatch b = m.train().batch();
        double resid = 0;
        for (int p = 0; p < b.b; p++) {
            assertArrayEquals(m.wStar(), Arrays.copyOfRange(b.w, p * 4, p * 4 + 4));
            assertEquals(LinearSignal.dot(b.w, p * 4, b.xq, p * 4, 4), b.yq[p], 1e-15);
            double r = b.y[b.yIndex(p, 0)] - LinearSignal.dot(b.w, p * 4, b.x, b.xIndex(p, 0), 4);
            resid += r * r;
        }
        assertFalse(resid < 1e-6);
    }
}
