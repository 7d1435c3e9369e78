package org.icldynamics.train;

import org.icldynamics.model.Model;

/** Typed callbacks of the training loop; all default to doing nothing. Called on the training thread. */
public interface TrainingListener {
    /** Every logged step (the first, every {@code logEvery}, the last). */
    default void onLog(LogRecord record) {
    }

    /** At each snapshot step, before the update of that step. */
    default void onSnapshot(long step, double t, Model model) {
    }

    /** Every {@code checkpointEvery} steps and when the run is interrupted. */
    default void onCheckpoint(TrainingState state) {
    }

    /** Once, at the end. */
    default void onEnd(TrainOutcome outcome) {
    }
}
