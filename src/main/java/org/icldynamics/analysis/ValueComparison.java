package org.icldynamics.analysis;

/**
 * A head's value weight over training against a scalar ODE solution, compared in magnitude ({@code |v|}) at the
 * run's times inside the ODE's time range.
 *
 * @param points number of compared times
 * @param rmsError root mean square of {@code |v| - |v_ode|}
 * @param maxError largest {@code ||v| - |v_ode||}
 * @param finalRelativeError {@code ||v| - |v_ode|| / |v_ode|} at the last compared time
 */
public record ValueComparison(int points, double rmsError, double maxError, double finalRelativeError) {
}
