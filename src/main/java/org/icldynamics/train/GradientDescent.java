package org.icldynamics.train;

/** Plain gradient descent {@code theta <- theta - eta_s grad}. State: {@code [s]}, the number of updates done. */
public final class GradientDescent implements Optimizer {
    private final LearningRateSchedule schedule;
    private long s;

    public GradientDescent(LearningRateSchedule schedule) {
        this.schedule = schedule;
    }

    /** Constant learning rate {@code lr}. */
    public GradientDescent(double lr) {
        this(new LearningRateSchedule.Constant(lr));
    }

    @Override
    public void step(double[] params, double[] grad) {
        double lr = schedule.at(s);
        for (int i = 0; i < params.length; i++) { // [p]
            params[i] -= lr * grad[i];
        }
        s++;
    }

    @Override
    public double[] state() {
        return new double[] {s};
    }

    @Override
    public void restore(double[] state) {
        OptimizerState.check("GradientDescent", state, 1);
        s = (long) state[0];
    }
}
