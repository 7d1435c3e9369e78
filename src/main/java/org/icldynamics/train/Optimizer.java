package org.icldynamics.train;

/** Updates parameters in place from a gradient; its state is saved with every checkpoint. */
public interface Optimizer {
    /**
     * @param params updated in place
     * @param grad gradient at {@code params}, not modified
     */
    void step(double[] params, double[] grad);

    /** Everything needed to continue bit for bit (moments, step counter); a copy. */
    double[] state();

    /** Restores a state returned by {@link #state()}. */
    void restore(double[] state);
}
