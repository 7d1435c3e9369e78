package org.icldynamics.data;

/**
 * The noiseless label {@code w^T x} of the linear tasks, summed sequentially in ascending coordinate order. Every
 * task and label transform uses these sums (not the vectorised {@code linalg.Dense#dot}, whose order differs), so
 * labels and {@link PromptBatch#signal} agree bit for bit wherever they are computed.
 */
final class LinearSignal {
    private LinearSignal() {
    }

    /**
     * @param a {@code [len]} from {@code ao}, not modified
     * @param b {@code [len]} from {@code bo}, not modified
     * @return {@code sum_j a[ao+j] b[bo+j]} for {@code j = 0..len-1} in ascending order
     */
    static double dot(double[] a, int ao, double[] b, int bo, int len) {
        double s = 0;
        for (int j = 0; j < len; j++) {
            s += a[ao + j] * b[bo + j];
        }
        return s;
    }

    /**
     * {@code sum_{j in support} a[ao+j] b[bo+j]} in ascending j; when {@code a} is exactly zero off the support this
     * equals {@link #dot(double[], int, double[], int, int)} over all coordinates bit for bit.
     *
     * @param a task vector from {@code ao}, not modified
     * @param b input from {@code bo}, not modified
     * @param support ascending coordinates, not modified
     */
    static double dot(double[] a, int ao, double[] b, int bo, int[] support) {
        double s = 0;
        for (int j : support) {
            s += a[ao + j] * b[bo + j];
        }
        return s;
    }
}
