package org.icldynamics.train;

import java.util.ArrayList;
import java.util.List;

/** Test fixture: a training listener that records every log line, checkpoint and the end of a run. */
public final class RecordingListener implements TrainingListener {
    public final List<LogRecord> logs = new ArrayList<>();
    public final List<TrainingState> checkpoints = new ArrayList<>();
    public TrainOutcome end;

    @Override
    public void onLog(LogRecord r) {
        logs.add(r);
    }

    @Override
    public void onCheckpoint(TrainingState s) {
        checkpoints.add(s);
    }

    @Override
    public void onEnd(TrainOutcome o) {
        end = o;
    }
}
