package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.api.Test;

class TrainingSetTest {
    private static final RandomStreams STREAMS = new RandomStreams(10);
    private static final LinearRegressionTask TASK = new LinearRegressionTask.Spec(31,
            CovarianceSpec.Spectrum.linear(4, Eigenbasis.RANDOM_ORTHOGONAL, TraceNormalization.UNIT_TRACE), 1, 0.2, 0.1)
            .build(STREAMS);

    private static TrainingSet draw(Task task, InputCentring c, TaskWhitening w, BlockParallel par) {
        return TrainingSet.draw(task, new TrainingSet.Spec(500, c, w), STREAMS, par);
    }

    @Test
    void whitenedTasksHaveExactlyZeroMeanAndIdentitySampleCovariance() {
        PromptBatch b = draw(TASK, InputCentring.NONE, TaskWhitening.WHITEN, BlockParallel.serial()).batch();
        assertWhite(b, 0, new int[] {0, 1, 2, 3});
    }

    @Test
    void multiTaskWhiteningIsPerTaskOverItsCoordinates() {
        MultiTaskRegressionTask task = MultiTaskRegressionTask.Spec.overlappingPair().build(STREAMS);
        PromptBatch b = draw(task, InputCentring.CENTRE, TaskWhitening.WHITEN, BlockParallel.serial()).batch();
        assertWhite(b, 0, new int[] {0, 1, 2, 3});
        assertWhite(b, 1, new int[] {2, 3, 4, 5});
        assertEquals(0.0, b.w[4]);
        assertEquals(0.0, b.w[6]); // output 1 row starts at 6: coordinate 0 unused
    }

    private static void assertWhite(PromptBatch b, int k, int[] coords) {
        int s = coords.length;
        int outs = b.outputs;
        double[] mean = new double[s];
        for (int p = 0; p < b.b; p++) {
            for (int a = 0; a < s; a++) {
                mean[a] += b.w[(p * outs + k) * b.d + coords[a]] / b.b;
            }
        }
        for (int a = 0; a < s; a++) {
            assertEquals(0, mean[a], 1e-10, "mean " + a);
            for (int c = 0; c < s; c++) {
                double cov = 0;
                for (int p = 0; p < b.b; p++) {
                    int wo = (p * outs + k) * b.d;
                    cov += (b.w[wo + coords[a]] - mean[a]) * (b.w[wo + coords[c]] - mean[c]);
                }
                assertEquals(a == c ? 1 : 0, cov / (b.b - 1), 1e-10, "cov " + a + "," + c);
            }
        }
    }

    @Test
    void centredInputsHaveZeroMeanAtEveryPositionAndCoordinate() {
        PromptBatch b = draw(TASK, InputCentring.CENTRE, TaskWhitening.NONE, BlockParallel.serial()).batch();
        for (int i = 0; i <= b.n; i++) {
            for (int j = 0; j < b.d; j++) {
                double m = 0;
                for (int p = 0; p < b.b; p++) {
                    m += i < b.n ? b.x[b.xIndex(p, i) + j] : b.xq[p * b.d + j];
                }
                assertEquals(0, m / b.b, 1e-15, "position " + i + " coordinate " + j);
            }
        }
    }

    /** After preprocessing every label is {@code w'^T x'} plus exactly the noise drawn for it. */
    @Test
    void labelsAreRecomputedFromThePreprocessedDataWithTheDrawnNoise() {
        PromptBatch raw = draw(TASK, InputCentring.NONE, TaskWhitening.NONE, BlockParallel.serial()).batch();
        PromptBatch pre = draw(TASK, InputCentring.CENTRE, TaskWhitening.WHITEN, BlockParallel.serial()).batch();
        LabelNoise a = LabelNoise.of(raw);
        LabelNoise b = LabelNoise.of(pre);
        assertArrayEquals(a.context(), b.context(), 1e-13);
        assertArrayEquals(a.query(), b.query(), 1e-13);
        for (int p = 0; p < pre.b; p++) {
            assertEquals(LinearSignal.dot(pre.w, p * pre.d, pre.xq, p * pre.d, pre.d), pre.signal[p]);
        }
    }

    @Test
    void preprocessedSetIsTheSameOnOneAndTwoThreads() {
        try (BlockParallel two = new BlockParallel(2)) {
            PromptBatch a = draw(TASK, InputCentring.CENTRE, TaskWhitening.WHITEN, BlockParallel.serial()).batch();
            PromptBatch b = draw(TASK, InputCentring.CENTRE, TaskWhitening.WHITEN, two).batch();
            assertArrayEquals(a.x, b.x);
            assertArrayEquals(a.y, b.y);
            assertArrayEquals(a.w, b.w);
            assertArrayEquals(a.yq, b.yq);
        }
    }

    @Test
    void selectCopiesThePromptsInOrder() {
        TrainingSet set = draw(TASK, InputCentring.NONE, TaskWhitening.NONE, BlockParallel.serial());
        PromptBatch s = set.select(new int[] {7, 2});
        PromptBatch b = set.batch();
        assertArrayEquals(b.slice(7, 8).x, s.slice(0, 1).x);
        assertArrayEquals(b.slice(2, 3).y, s.slice(1, 2).y);
        assertArrayEquals(b.slice(2, 3).w, s.slice(1, 2).w);
    }

    @Test
    void whiteningTooFewPromptsSaysWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingSet.draw(TASK,
                new TrainingSet.Spec(4, InputCentring.NONE, TaskWhitening.WHITEN), STREAMS, BlockParallel.serial()));
        assertEquals(true, e.getMessage().contains("more prompts than task coordinates"));
    }
}
