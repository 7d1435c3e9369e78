package org.icldynamics.train;

/** Lets tests in other packages use the test-local Adam. */
public final class LocalAdamAccess {
    private LocalAdamAccess() {
    }

    public static Optimizer adam(double lr) {
        return new LocalAdam(lr);
    }
}
