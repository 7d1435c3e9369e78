package org.icldynamics.train;

/**
 * Adam with {@code torch.optim.Adam} semantics: with {@code t = s + 1} (starting at 1) and
 * {@code g = grad + weightDecay * theta} (L2 penalty added to the gradient, not decoupled),
 * {@code m <- b1 m + (1 - b1) g}, {@code v <- b2 v + (1 - b2) g^2},
 * {@code theta <- theta - eta_s (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)} (eps added after the square root).
 * State: {@code [s, m..., v...]}.
 */
public final class Adam implements Optimizer {
    private final LearningRateSchedule schedule;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final double[] m;
    private final double[] v;
    private long s;

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(int parameters, LearningRateSchedule schedule) {
        this(parameters, schedule, 0.9, 0.999, 1e-8, 0);
    }

    public Adam(int parameters, LearningRateSchedule schedule, double beta1, double beta2, double eps,
                double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Adam needs betas in [0, 1), eps >= 0 and weightDecay >= 0, got "
                    + beta1 + ", " + beta2 + ", " + eps + ", " + weightDecay);
        }
        this.schedule = schedule;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = new double[parameters];
        this.v = new double[parameters];
    }

    @Override
    public void step(double[] params, double[] grad) {
        double lr = schedule.at(s);
        long t = s + 1;
        double c1 = 1 - Math.pow(beta1, t);
        double sqrtC2 = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = lr / c1;
        for (int i = 0; i < params.length; i++) { // [p]
            double g = grad[i] + weightDecay * params[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            params[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / sqrtC2 + eps); // torch's order of operations
        }
        s++;
    }

    @Override
    public double[] state() {
        double[] st = new double[1 + 2 * m.length];
        st[0] = s;
        System.arraycopy(m, 0, st, 1, m.length);
        System.arraycopy(v, 0, st, 1 + m.length, v.length);
        return st;
    }

    @Override
    public void restore(double[] state) {
        OptimizerState.check("Adam", state, 1 + 2 * m.length);
        s = (long) state[0];
        System.arraycopy(state, 1, m, 0, m.length);
        System.arraycopy(state, 1 + m.length, v, 0, v.length);
    }
}
