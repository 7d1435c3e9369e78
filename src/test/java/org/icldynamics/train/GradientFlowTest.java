package org.icldynamics.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
}
