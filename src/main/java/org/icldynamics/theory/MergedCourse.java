package org.icldynamics.theory;

/**
 * The time course of merged-key-query linear attention from an aligned infinitesimal initialisation, for any
 * {@code Lambda} (linear-attention A.4 items 5 and 6): one head with {@code v = sqrt(u_0)} and
 * {@code U = sqrt(u_0) T}, {@code T = Lambda^2 / ||Lambda^2||_F}, under the exact population flow
 * ({@link LinearAttentionFlow}). For {@code Lambda = lambda I} this is eq. 10 (tested to 1e-8); for other
 * {@code Lambda} the flow leaves the direction {@code T} and ends at the minimum {@code L*}.
 *
 * @param steps GD steps ({@code t = eta * step})
 * @param losses population loss at each step (run's loss units)
 * @param start the loss at 0 ({@code tau2 tr Lambda + query noise}, times the loss factor)
 * @param minimum the lowest loss {@code L*} (times the loss factor)
 */
public record MergedCourse(double[] steps, double[] losses, double start, double minimum) {
    /** The state of one aligned balanced head with product {@code u_0} along {@code T}. */
    public static double[] alignedState(LinearAttentionPopulation p, double u0) {
        double[] t = EscapeTimes.direction(p);
        double[] theta = new double[1 + t.length];
        double r = Math.sqrt(u0);
        theta[0] = r;
        for (int i = 0; i < t.length; i++) {
            theta[1 + i] = r * t[i];
        }
        return theta;
    }

    /**
     * @param endStep last step
     * @param points output steps, evenly spaced from 0 to {@code endStep}
     */
    public static MergedCourse of(LinearAttentionPopulation p, double lossFactor, double u0, double eta, double endStep,
                                  int points) {
        if (!(u0 > 0) || !(eta > 0) || !(endStep > 0) || points < 2) {
            throw new IllegalArgumentException("need u0 > 0, eta > 0, end step > 0 and >= 2 points");
        }
        LinearAttentionFlow flow = new LinearAttentionFlow(p, LinearAttentionFlow.Layout.mergedKq(), 1, lossFactor);
        double[] steps = new double[points];
        double[] t = new double[points];
        for (int i = 0; i < points; i++) {
            steps[i] = endStep * i / (points - 1);
            t[i] = eta * steps[i];
        }
        double[] losses = flow.losses(flow.solve(alignedState(p, u0), t));
        return new MergedCourse(steps, losses, lossFactor * p.loss(new double[p.d() * p.d()]),
                lossFactor * p.minimumLoss());
    }

    /** The step where the loss first reaches {@code (start + minimum) / 2}; NaN when not within the course. */
    public double halfWayStep() {
        return DropTimes.crossing(steps, losses, 0.5 * (start + minimum));
    }
}
