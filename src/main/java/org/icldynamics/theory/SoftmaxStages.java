package org.icldynamics.theory;

/**
 * Predicted stage boundaries of the approximate softmax gradient flow (softmax-multihead A.4.5) from the init scale:
 * heads start at {@code omega_h = mu_h = +-eps} (alternating signs, the authors' symmetric init), the flow on
 * {@code Ltilde/2} is integrated with adaptive Dormand-Prince up to {@code endTime} and {@link ThreeStages} reads
 * the warm-up end and the emergence end off the loss (fractions {@link ThreeStages#START}, {@link ThreeStages#END}
 * of the drop to the loss at {@code endTime}). In the warm-up {@code mu = omega ~ eps e^t}, so both boundaries move
 * by {@code ln(10)} per decade of {@code eps}; the spec's rough warm-up length is {@code ln(0.25/eps)}.
 *
 * @param stages the boundaries, in flow time
 * @param warmUpEstimate {@code ln(0.25/eps)}
 * @param finalHalfLoss {@code Ltilde/2} at {@code endTime}
 */
public record SoftmaxStages(ThreeStages stages, double warmUpEstimate, double finalHalfLoss) {
    /** Output spacing of the loss curve the boundaries are read from. */
    public static final double RESOLUTION = 0.01;

    /**
     * @param eps init scale, {@code 0 < eps < 1}
     * @param endTime end of the integration (the convergence limit is read there), at least {@code ln(1/eps) + 10}
     */
    public static SoftmaxStages predict(int d, int l, double sigma2, int heads, double eps, double endTime) {
        if (!(eps > 0 && eps < 1) || heads < 1) {
            throw new IllegalArgumentException("need 0 < init scale < 1 and heads >= 1");
        }
        double fine = Math.log(1 / eps) + 10;
        if (!(endTime >= fine)) {
            throw new IllegalArgumentException("end time must be at least ln(1/eps) + 10 = " + fine);
        }
        ApproximateGradientFlow flow = new ApproximateGradientFlow(ApproximateSoftmaxLoss.singleTask(d, heads, l, sigma2));
        double[] theta = new double[2 * heads];
        for (int i = 0; i < theta.length; i++) { // [omega_1..H, mu_1..H]
            theta[i] = (i % heads) % 2 == 0 ? eps : -eps;
        }
        int n = (int) Math.ceil(fine / RESOLUTION);
        double[] times = new double[n + 2];
        for (int i = 0; i <= n; i++) {
            times[i] = i * RESOLUTION;
        }
        times[n + 1] = Math.max(endTime, times[n] + RESOLUTION);
        double[] half = flow.halfLosses(flow.adaptive(theta, times, 1e-10));
        return new SoftmaxStages(ThreeStages.detect(times, half), Math.log(0.25 / eps), half[half.length - 1]);
    }
}
