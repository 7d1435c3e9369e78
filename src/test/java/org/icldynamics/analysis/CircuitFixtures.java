package org.icldynamics.analysis;

import org.icldynamics.model.HeadCircuit;

/** Built circuits with known patterns. */
final class CircuitFixtures {
    private CircuitFixtures() {
    }

    /**
     * A head with x-block {@code diag(diag) + offDiag (J - I)}, key-label rows {@code keyLabel}, query-label columns
     * {@code queryLabel} (ignored by every metric) and the given OV {@code [outputs, D]}.
     */
    static HeadCircuit head(int index, double[] diag, double offDiag, double keyLabel, double queryLabel,
                            int outputs, double[] ov) {
        int d = diag.length;
        int wD = d + outputs;
        double[] kq = new double[wD * wD];
        for (int i = 0; i < wD; i++) { // [D, D]
            for (int j = 0; j < wD; j++) {
                double v;
                if (j >= d) {
                    v = queryLabel;
                } else if (i >= d) {
                    v = keyLabel;
                } else {
                    v = i == j ? diag[i] : offDiag;
                }
                kq[i * wD + j] = v;
            }
        }
        return new HeadCircuit(index, wD, outputs, kq, ov.clone());
    }

    static double[] constant(int d, double v) {
        double[] a = new double[d];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** OV {@code [1, d+1]} with {@code mu} in the label slot and {@code x} in the first entries. */
    static double[] ov(int d, double mu, double... x) {
        double[] v = new double[d + 1];
        System.arraycopy(x, 0, v, 0, x.length);
        v[d] = mu;
        return v;
    }
}
