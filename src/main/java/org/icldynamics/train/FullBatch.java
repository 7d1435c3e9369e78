package org.icldynamics.train;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.TrainingSet;

/** The whole finite training set at every step (full-batch gradient descent). */
public final class FullBatch implements BatchSource {
    private final TrainingSet set;

    public FullBatch(TrainingSet set) {
        this.set = set;
    }

    @Override
    public PromptBatch batch(long step) {
        return set.batch();
    }
}
