package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Predictor} keeps. Subclass it in a few lines: return the predictor and, when it needs
 * one, the task it is meant for.
 */
public abstract class PredictorContractTest {
    /** The predictor under test, built for {@code task}. */
    protected abstract Predictor predictor(LinearRegressionTask task);

    /** The task the contract prompts come from (d = 4, n = 12, noisy). */
    protected LinearRegressionTask task() {
        return new LinearRegressionTask(12, Covariance.isotropic(4, 1.0), 0.25, 0.1, 0.1);
    }

    private PromptBatch batch() {
        return new PromptSampler(task(), new RandomStreams(7), "contract").sample(0, 10);
    }

    @Test
    void predictsOneFiniteValuePerPromptAndOutput() {
        PromptBatch b = batch();
        double[] pred = predictor(task()).predict(b);
        assertEquals(b.b * b.outputs, pred.length);
        for (double v : pred) {
            assertTrue(Double.isFinite(v), "non-finite prediction " + v);
        }
        assertFalse(predictor(task()).name().isBlank());
    }

    @Test
    void leavesTheBatchUnmodifiedAndIsDeterministic() {
        PromptBatch b = batch();
        double[] x = b.x.clone();
        double[] y = b.y.clone();
        double[] xq = b.xq.clone();
        double[] w = b.w.clone();
        Predictor p = predictor(task());
        double[] first = p.predict(b);
        assertArrayEquals(first, p.predict(b));
        assertArrayEquals(x, b.x);
        assertArrayEquals(y, b.y);
        assertArrayEquals(xq, b.xq);
        assertArrayEquals(w, b.w);
    }

    @Test
    void eachPromptIsPredictedIndependentlyOfTheOthers() {
        PromptBatch b = batch();
        Predictor p = predictor(task());
        double[] all = p.predict(b);
        double[] part = p.predict(b.slice(3, 5));
        assertEquals(all[3], part[0]);
        assertEquals(all[4], part[1]);
    }

    @Test
    void lastPrefixRowEqualsTheFullPredictionAndEmptyContextIsFinite() {
        PromptBatch b = batch();
        Predictor p = predictor(task());
        double[][] rows = p.predictPrefixes(b);
        assertEquals(b.n + 1, rows.length);
        assertArrayEquals(p.predict(b), rows[b.n]);
        for (double v : rows[0]) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void everyPrefixRowMatchesPredictingOnThatPrefix() {
        PromptBatch b = batch();
        Predictor p = predictor(task());
        double[][] rows = p.predictPrefixes(b);
        for (int m = 0; m <= b.n; m++) {
            double[] direct = p.predict(b.prefix(m));
            for (int i = 0; i < direct.length; i++) {
                assertTrue(Math.abs(rows[m][i] - direct[i]) <= 1e-12 + 1e-10 * Math.abs(direct[i]),
                        "prefix " + m + " prompt " + i + ": " + rows[m][i] + " vs " + direct[i]);
            }
        }
    }
}
