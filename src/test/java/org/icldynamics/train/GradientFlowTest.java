package org.icldynamics.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.data.CovarianceSpec;
import org.icldynamics.data.InputCentring;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.data.TaskWhitening;
import org.icldynamics.data.TraceNormalization;
import org.icldynamics.data.TrainingSet;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.linalg.SymmetricEigen;
import org.junit.jupiter.api.Test;

class GradientFlowTest {
    private static final double[] A = {2.0, 0.5, 0.0, 0.5, 1.0, 0.3, 0.0, 0.3, 0.2};
    private static final double[] THETA0 = {1.0, -1.0, 2.0};

    private static double[] exact(double t) {
        SymmetricEigen e = SymmetricEigen.of(A, 3);
        double[] f = new double[3];
        for (int k = 0; k < 3; k++) {
            f[k] = Math.exp(-e.values()[k] * t);
        }
        double[] m = e.apply(f); // exp(-A t)
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[i] += m[i * 3 + j] * THETA0[j];
            }
        }
        return out;
    }

    /** On {@code L = theta^T A theta / 2} the flow is {@code theta(t) = exp(-A t) theta0}. */
    @Test
    void flowOnAQuadraticLossMatchesTheMatrixExponentialToTheTolerance() {
        QuadraticModel model = new QuadraticModel(A, THETA0);
        double[] times = GradientFlow.logTimes(0.01, 20, 12);
        List<double[]> states = new ArrayList<>();
        List<LogRecord> logs = new ArrayList<>();
        TrainOutcome o = new GradientFlow(model, null, null, new GradientFlow.Spec(1e-12, 1e-12, 1e-12, 1e3))
                .run(times, new TrainingListener() {
                    @Override
                    public void onSnapshot(long step, double t, org.icldynamics.model.Model m) {
                        states.add(m.parameters().clone());
                    }

                    @Override
                    public void onLog(LogRecord r) {
                        logs.add(r);
                    }
                });
        assertEquals(RunStatus.COMPLETED, o.status());
        assertEquals(times.length, logs.size());
        for (int k = 0; k < times.length; k++) {
            assertEquals(k, logs.get(k).step());
            assertEquals(times[k], logs.get(k).t());
            double[] e = exact(times[k]);
            for (int i = 0; i < 3; i++) {
                assertEquals(e[i], states.get(k)[i], 1e-10, "t=" + times[k] + " i=" + i);
            }
            double loss = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    loss += 0.5 * e[i] * A[i * 3 + j] * e[j];
                }
            }
            assertEquals(loss, logs.get(k).trainLoss(), 1e-10);
        }
    }

    @Test
    void looserToleranceGivesALargerButBoundedError() {
        QuadraticModel model = new QuadraticModel(A, THETA0);
        new GradientFlow(model, null, null, new GradientFlow.Spec(1e-6, 1e-6, 1e-12, 1e3))
                .run(GradientFlow.linearTimes(5, 6), new TrainingListener() { });
        double[] e = exact(5);
        for (int i = 0; i < 3; i++) {
            assertEquals(e[i], model.parameters()[i], 1e-4);
        }
    }

    /** A NaN gradient from the 5th evaluation on stops the run, naming the block; earlier outputs were delivered. */
    @Test
    void nonFiniteGradientStopsWithTheBlockNamed() {
        QuadraticModel model = new QuadraticModel(A, THETA0, 40, 2);
        List<LogRecord> logs = new ArrayList<>();
        TrainOutcome o = new GradientFlow(model, null, null, GradientFlow.Spec.defaults())
                .run(GradientFlow.linearTimes(10, 50), new TrainingListener() {
                    @Override
                    public void onLog(LogRecord r) {
                        logs.add(r);
                    }
                });
        assertEquals(RunStatus.DIVERGED, o.status());
        assertTrue(o.message().contains("parameter block second"), o.message());
        assertTrue(o.message().contains("NaN"), o.message());
        assertTrue(!logs.isEmpty() && logs.size() == o.steps(), logs.size() + " logs, stopped at " + o.steps());
    }

    /**
     * On a data-dependent loss (full batch), GD with step eta approaches the flow at first order: the error at
     * {@code t = 1} halves (ratio in [1.8, 2.2]) when eta halves.
     */
    @Test
    void gradientDescentConvergesToTheFlowAtFirstOrderInTheStep() {
        RandomStreams streams = new RandomStreams(4);
        Task task = new LinearRegressionTask.Spec(8,
                new CovarianceSpec.Isotropic(3, 1,
                        TraceNormalization.NONE), 1, 0.1, 0).build(streams);
        PromptBatch set = TrainingSet.draw(task,
                new TrainingSet.Spec(256, InputCentring.NONE,
                        TaskWhitening.NONE), streams,
                BlockParallel.serial()).batch();
        BlockedReadoutModel flowModel = new BlockedReadoutModel(3, BlockParallel.serial());
        new GradientFlow(flowModel, set, null, new GradientFlow.Spec(1e-12, 1e-12, 1e-12, 1))
                .run(new double[] {0, 1}, new TrainingListener() { });
        double[] flow = flowModel.parameters();
        double[] err = new double[2];
        for (int r = 0; r < 2; r++) {
            int steps = 100 << r;
            BlockedReadoutModel gdModel = new BlockedReadoutModel(3, BlockParallel.serial());
            GradientDescent gd = new GradientDescent(1.0 / steps);
            double[] grad = new double[4];
            for (int s = 0; s < steps; s++) {
                gdModel.lossAndGradient(set, grad);
                gd.step(gdModel.parameters(), grad);
            }
            for (int i = 0; i < 4; i++) {
                err[r] = Math.max(err[r], Math.abs(gdModel.parameters()[i] - flow[i]));
            }
        }
        assertTrue(err[0] > 1e-6, "GD should differ from the flow at first order, error " + err[0]);
        double ratio = err[0] / err[1];
        assertTrue(ratio > 1.8 && ratio < 2.2, "error ratio " + ratio + " (errors " + err[0] + ", " + err[1] + ")");
    }
}
