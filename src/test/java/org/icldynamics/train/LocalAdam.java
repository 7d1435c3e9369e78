package org.icldynamics.train;

/** A minimal Adam for tests, until the project's train.Adam is merged into this branch. */
final class LocalAdam implements Optimizer {
    private final double lr;
    private final double b1 = 0.9;
    private final double b2 = 0.999;
    private final double eps = 1e-8;
    private double[] m;
    private double[] v;
    private long t;

    LocalAdam(double lr) {
        this.lr = lr;
    }

    @Override
    public void step(double[] params, double[] grad) {
        if (m == null) {
            m = new double[params.length];
            v = new double[params.length];
        }
        t++;
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        for (int i = 0; i < params.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * grad[i];
            v[i] = b2 * v[i] + (1 - b2) * grad[i] * grad[i];
            params[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
        }
    }

    @Override
    public double[] state() {
        return new double[0];
    }

    @Override
    public void restore(double[] state) {
    }
}
