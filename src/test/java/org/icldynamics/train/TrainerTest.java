package org.icldynamics.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.icldynamics.data.CovarianceSpec;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.data.TraceNormalization;
import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    private static final RandomStreams STREAMS = new RandomStreams(1029);
    private static final Task TASK = new LinearRegressionTask.Spec(10,
            new CovarianceSpec.Isotropic(4, 1, TraceNormalization.NONE), 0.25, 0.1, 0.1).build(STREAMS);
    private static final TrainPlan PLAN = new TrainPlan(30, 0.01, 1, 5, 10, new long[] {0, 15});

    private static RecordingListener run(BlockParallel par, TrainingState resume) {
        BlockedReadoutModel model = new BlockedReadoutModel(4, par);
        Adam adam = new Adam(model.parameters().length, new LearningRateSchedule.Constant(0.01));
        PromptBatch eval = new EvaluationSet(300).draw(TASK, STREAMS, par);
        BatchSource train = new OnlineBatches(new PromptSampler(TASK, STREAMS, "train"), 200, 10, par);
        RecordingListener r = new RecordingListener();
        new Trainer(model, adam, train, eval, PLAN).run(resume, r, () -> false);
        return r;
    }

    private static double[] losses(List<LogRecord> logs) {
        double[] l = new double[2 * logs.size()];
        for (int i = 0; i < logs.size(); i++) {
            l[2 * i] = logs.get(i).trainLoss();
            l[2 * i + 1] = logs.get(i).evalLoss();
        }
        return l;
    }

    @Test
    void sameSeedAndConfigGiveBitIdenticalLossesOnOneAndTwoThreads() {
        RecordingListener one = run(BlockParallel.serial(), null);
        RecordingListener two;
        try (BlockParallel par = new BlockParallel(2)) {
            two = run(par, null);
        }
        assertEquals(RunStatus.COMPLETED, one.end.status());
        assertEquals(31, one.logs.size());
        assertArrayEquals(losses(one.logs), losses(two.logs));
        assertTrue(one.logs.get(30).trainLoss() < one.logs.get(0).trainLoss(), "training should lower the loss");
    }

    @Test
    void resumingFromAMidRunStateReproducesTheUninterruptedRun(@TempDir Path dir) throws Exception {
        RecordingListener full = run(BlockParallel.serial(), null);
        TrainingState mid = full.checkpoints.get(1);
        assertEquals(20, mid.step());
        Path file = dir.resolve("step20.ckpt");
        CheckpointFile.write(file, mid);
        TrainingState read = CheckpointFile.read(file, mid.parameters().length);
        RecordingListener resumed = run(BlockParallel.serial(), read);
        List<LogRecord> tail = full.logs.subList(20, full.logs.size());
        assertEquals(tail, resumed.logs);
        assertArrayEquals(losses(tail), losses(resumed.logs));
        assertEquals(full.end, resumed.end);
    }

    @Test
    void interruptionCheckpointsAndTheResumedRunFinishesIdentically() {
        RecordingListener full = run(BlockParallel.serial(), null);
        BlockedReadoutModel model = new BlockedReadoutModel(4, BlockParallel.serial());
        Adam adam = new Adam(model.parameters().length, new LearningRateSchedule.Constant(0.01));
        PromptBatch eval = new EvaluationSet(300).draw(TASK, STREAMS, BlockParallel.serial());
        BatchSource train = new OnlineBatches(new PromptSampler(TASK, STREAMS, "train"), 200, 10,
                BlockParallel.serial());
        RecordingListener r = new RecordingListener();
        int[] polls = {0};
        TrainOutcome o = new Trainer(model, adam, train, eval, PLAN).run(null, r, () -> ++polls[0] == 13);
        assertEquals(RunStatus.INTERRUPTED, o.status());
        assertEquals(13, o.steps());
        TrainingState last = r.checkpoints.get(r.checkpoints.size() - 1);
        assertEquals(13, last.step());
        RecordingListener resumed = run(BlockParallel.serial(), last);
        assertArrayEquals(losses(full.logs.subList(13, full.logs.size())), losses(resumed.logs));
    }

    /** A NaN in block "second" at the 8th gradient stops at step 7; the 7 records before it were delivered. */
    @Test
    void nonFiniteGradientStopsTheRunNamingTheStepAndTheBlock() {
        QuadraticModel model = new QuadraticModel(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {1, 2, 3},
                7, 2);
        RecordingListener r = new RecordingListener();
        TrainOutcome o = new Trainer(model, new GradientDescent(0.1), step -> null, null,
                new TrainPlan(50, 0.1, 1, 1, 0, new long[0])).run(null, r, () -> false);
        assertEquals(RunStatus.DIVERGED, o.status());
        assertEquals(7, o.steps());
        assertTrue(o.message().contains("step 7"), o.message());
        assertTrue(o.message().contains("parameter block second"), o.message());
        assertEquals(8, r.logs.size());
        for (int s = 0; s < 8; s++) {
            assertEquals(s, r.logs.get(s).step());
        }
        assertNotNull(r.end);
        assertEquals(o, r.end);
    }

    @Test
    void infiniteParameterIsReportedWithItsBlock() {
        QuadraticModel model = new QuadraticModel(new double[] {1, 0, 0, 1}, new double[] {1, 2});
        model.parameters()[0] = Double.POSITIVE_INFINITY;
        TrainOutcome o = new Trainer(model, new GradientDescent(0.1), step -> null, null,
                new TrainPlan(5, 0.1, 1, 1, 0, new long[0])).run(null, new RecordingListener(), () -> false);
        assertEquals(RunStatus.DIVERGED, o.status());
        assertTrue(o.message().contains("step 0") && o.message().contains("parameter block first"), o.message());
    }
}
