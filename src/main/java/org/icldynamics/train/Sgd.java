package org.icldynamics.train;

/**
 * Stochastic gradient descent with optional heavy-ball momentum, as {@code torch.optim.SGD} (dampening 0, no
 * Nesterov): {@code buf <- mu buf + g} ({@code buf = g} on the first update), {@code theta <- theta - eta_s buf}.
 * State: {@code [s, buf...]}.
 */
public final class Sgd implements Optimizer {
    private final LearningRateSchedule schedule;
    private final double momentum;
    private final double[] buf;
    private long s;

    /**
     * @param parameters length of the parameter vector
     * @param momentum {@code mu} in {@code [0, 1)}; 0 is plain SGD
     */
    public Sgd(int parameters, LearningRateSchedule schedule, double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.schedule = schedule;
        this.momentum = momentum;
        this.buf = new double[parameters];
    }

    @Override
    public void step(double[] params, double[] grad) {
        double lr = schedule.at(s);
        for (int i = 0; i < params.length; i++) { // [p]
            buf[i] = s == 0 ? grad[i] : momentum * buf[i] + grad[i];
            params[i] -= lr * buf[i];
        }
        s++;
    }

    @Override
    public double[] state() {
        double[] st = new double[1 + buf.length];
        st[0] = s;
        System.arraycopy(buf, 0, st, 1, buf.length);
        return st;
    }

    @Override
    public void restore(double[] state) {
        OptimizerState.check("Sgd", state, 1 + buf.length);
        s = (long) state[0];
        System.arraycopy(state, 1, buf, 0, buf.length);
    }
}
