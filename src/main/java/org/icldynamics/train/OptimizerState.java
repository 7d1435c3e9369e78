package org.icldynamics.train;

/** Checks shared by the optimizers' {@code restore}. */
final class OptimizerState {
    private OptimizerState() {
    }

    /** Throws a clear message unless {@code state} has the expected length and a valid step counter. */
    static void check(String optimizer, double[] state, int expected) {
        if (state == null || state.length != expected) {
            throw new IllegalArgumentException(optimizer + " state has length "
                    + (state == null ? "null" : state.length) + ", expected " + expected
                    + " (was it saved for a model with a different parameter count or another optimizer?)");
        }
        double t = state[0];
        if (!(t >= 0) || t != Math.rint(t)) {
            throw new IllegalArgumentException(optimizer + " state has an invalid step counter " + t);
        }
    }
}
