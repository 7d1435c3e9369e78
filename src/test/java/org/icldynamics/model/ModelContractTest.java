package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.icldynamics.data.PromptBatch;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Model} keeps; each architecture subclasses it in a few lines. Gradients are checked
 * against central differences on every entry the model marks trainable; fixed entries must get exactly zero.
 */
abstract class ModelContractTest {
    /** A freshly built model with non-trivial parameters. */
    protected abstract Model model();

    /** A small batch the model accepts. */
    protected abstract PromptBatch batch();

    /** 1 for a trainable entry, 0 for one fixed at zero (default: everything trains). */
    protected double[] mask(Model model) {
        double[] m = new double[model.parameters().length];
        java.util.Arrays.fill(m, 1.0);
        return m;
    }

    @Test
    void gradientMatchesCentralDifferencesOnTrainableEntriesAndIsZeroElsewhere() {
        Model model = model();
        ModelChecks.assertGradientMatchesDifferences(model, batch(), mask(model), model.name());
    }

    @Test
    void lossEqualsTheConventionTimesMeanSquaredErrorOfPredictions() {
        Model model = model();
        PromptBatch batch = batch();
        double[] yhat = model.predict(batch);
        assertEquals(batch.b * batch.outputs, yhat.length);
        double sse = 0.0;
        for (int i = 0; i < yhat.length; i++) {
            sse += (yhat[i] - batch.yq[i]) * (yhat[i] - batch.yq[i]);
        }
        double expected = sse / yhat.length;
        double loss = model.loss(batch);
        double withGradient = model.lossAndGradient(batch, new double[model.parameters().length]);
        assertEquals(withGradient, loss, 1e-12 * Math.abs(loss));
        double ratio = loss / expected;
        assertTrue(Math.abs(ratio - 1.0) < 1e-12 || Math.abs(ratio - 0.5) < 1e-12, "loss/MSE = " + ratio);
    }

    @Test
    void circuitsHaveOneEntryPerHeadWithTokenWidthShapes() {
        Model model = model();
        PromptBatch batch = batch();
        List<HeadCircuit> circuits = model.circuits();
        assertTrue(!circuits.isEmpty());
        for (int h = 0; h < circuits.size(); h++) {
            HeadCircuit c = circuits.get(h);
            assertEquals(h, c.head());
            assertEquals(batch.tokenWidth(), c.tokenWidth());
            assertEquals(batch.outputs, c.outputs());
        }
    }

    @Test
    void blocksCoverTheParametersInOrder() {
        Model model = model();
        int offset = 0;
        for (ParameterBlock b : model.blocks()) {
            assertEquals(offset, b.offset(), b.name());
            offset += b.size();
        }
        assertEquals(model.parameters().length, offset);
    }
}
