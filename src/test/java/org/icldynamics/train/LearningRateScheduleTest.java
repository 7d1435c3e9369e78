package org.icldynamics.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code t} is the integral of the schedule: the sum of the rates of the updates before a step. */
class LearningRateScheduleTest {
    @Test
    void timeIsTheSumOfTheRatesOfEarlierUpdates() {
        for (LearningRateSchedule s : List.of(new LearningRateSchedule.Constant(0.01),
                new LearningRateSchedule.LinearWarmup(0.1, 1), new LearningRateSchedule.LinearWarmup(0.1, 7),
                new LearningRateSchedule.LinearWarmup(3e-4, 50),
                new LearningRateSchedule.WithTail(new LearningRateSchedule.Constant(1e-3), 150, 1e-4),
                new LearningRateSchedule.WithTail(new LearningRateSchedule.LinearWarmup(0.1, 20), 120, 0.01),
                new LearningRateSchedule.WithTail(new LearningRateSchedule.Constant(0.5), 0, 0.05))) {
            double sum = 0;
            for (long step = 0; step <= 200; step++) {
                double t = s.time(step);
                assertEquals(sum, t, 1e-12 * Math.max(1, sum), s + " at step " + step);
                sum += s.at(step);
            }
        }
    }

    @Test
    void constantTimeIsExactlyLrTimesStep() {
        LearningRateSchedule c = new LearningRateSchedule.Constant(0.001);
        for (long step : new long[] {0, 1, 3, 999, 500_000}) {
            assertEquals(0.001 * step, c.time(step));
        }
    }

    @Test
    void warmUpTimeLagsConstantTimeByHalfTheWarmUpAfterIt() {
        // after W updates of a linear warm-up to lr: t = lr (k - (W - 1) / 2), i.e. (W - 1) / 2 updates behind
        LearningRateSchedule w = new LearningRateSchedule.LinearWarmup(0.5, 9);
        assertEquals(0.5 * (100 - 4), w.time(100), 1e-14);
        assertEquals(0.5 * (1 + 2 + 3) / 9.0, w.time(3), 1e-15);
    }

    @Test
    void planTimeIsTheScheduleIntegral() {
        TrainPlan plan = new TrainPlan(20, new LearningRateSchedule.LinearWarmup(0.1, 5), 1, 1, 0, new long[0]);
        for (long step = 0; step <= 20; step++) {
            assertEquals(new LearningRateSchedule.LinearWarmup(0.1, 5).time(step), plan.time(step));
        }
        assertEquals(0.1 * (20 - 2), plan.time(20), 1e-15);
    }

    @Test
    void tailRunsAtItsRateFromItsFirstUpdateOn() {
        LearningRateSchedule t = new LearningRateSchedule.WithTail(new LearningRateSchedule.Constant(1e-3), 100, 1e-4);
        assertEquals(1e-3, t.at(99));
        assertEquals(1e-4, t.at(100));
        assertEquals(1e-3 * 100, t.time(100));
        assertEquals(1e-3 * 100 + 1e-4 * 50, t.time(150), 1e-15);
    }
}
