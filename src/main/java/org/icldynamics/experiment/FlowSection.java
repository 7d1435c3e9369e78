package org.icldynamics.experiment;

import org.icldynamics.config.Doc;
import org.icldynamics.config.InvalidSettingException;
import org.icldynamics.config.Require;

/**
 * Gradient-flow settings ({@code train.optimizer: flow}): the end time, the output times at which metrics rows and
 * snapshots are written, and the adaptive Dormand-Prince tolerances ({@link org.icldynamics.train.GradientFlow}).
 */
public record FlowSection(
        @Doc(value = "flow: end time T of the integration (continuous time, t = lr * step for gd)", allowed = "> 0")
        double endTime,
        @Doc(value = "flow: number of output times (metrics rows and snapshots); log spacing adds t = 0",
                allowed = ">= 2") int outputs,
        @Doc("flow: linear (evenly spaced in [0, T]) or log (0, then log-spaced from firstTime to T)")
        Spacing spacing,
        @Doc(value = "flow, log spacing: the first non-zero output time", allowed = "(0, endTime)")
        double firstTime,
        @Doc(value = "flow: absolute error tolerance per integrator step", allowed = "> 0") double absoluteTolerance,
        @Doc(value = "flow: relative error tolerance per integrator step", allowed = ">= 0")
        double relativeTolerance) {

    /** How the output times are spaced. */
    public enum Spacing { LINEAR, LOG }

    public FlowSection {
        Require.positive("endTime", endTime);
        Require.atLeast("outputs", outputs, 2);
        Require.notNull("spacing", spacing);
        Require.positive("absoluteTolerance", absoluteTolerance);
        Require.nonNegative("relativeTolerance", relativeTolerance);
        if (spacing == Spacing.LOG && !(firstTime > 0 && firstTime < endTime)) {
            throw new InvalidSettingException("firstTime", firstTime, "in (0, endTime = " + endTime
                    + ") for log spacing");
        }
    }

    /** The output times, strictly increasing from 0 to {@code endTime}. */
    public double[] outputTimes() {
        return spacing == Spacing.LINEAR ? org.icldynamics.train.GradientFlow.linearTimes(endTime, outputs)
                : org.icldynamics.train.GradientFlow.logTimes(firstTime, endTime, outputs);
    }
}
