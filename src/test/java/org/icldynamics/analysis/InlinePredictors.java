package org.icldynamics.analysis;

import org.icldynamics.analysis.PreconditionerFit.Centring;
import org.icldynamics.data.Predictor;

/** Tiny single-output predictors built from their definitions, for identification and ablation tests. */
final class InlinePredictors {
    private InlinePredictors() {
    }

    /** One GD step from zero, {@code eta (1/n) sum y_l x_l^T x_q} (debiased: with {@code x_l - xbar}). */
    static Predictor gd(double eta, Centring centring) {
        return Predictor.of((centring == Centring.DEBIASED ? "debiased-gd-" : "gd-") + eta, b -> {
            double[] out = new double[b.b];
            for (int p = 0; p < b.b; p++) {
                double[] beta = PreconditionerFit.beta(b, p, centring);
                for (int j = 0; j < b.d; j++) {
                    out[p] += eta * beta[j] * b.xq[p * b.d + j];
                }
            }
            return out;
        });
    }

    /**
     * In-context PCR with the top {@code m} principal components of a known Lambda:
     * {@code sum_{k<m} (beta . e_k)(e_k . x_q) / lambda_k}.
     *
     * @param eigenvectors {@code [d, d]}, column k belongs to {@code eigenvalues[k]}; not modified
     */
    static Predictor pcr(int m, double[] eigenvalues, double[] eigenvectors) {
        return Predictor.of("pcr-" + m, b -> {
            int d = b.d;
            double[] out = new double[b.b];
            for (int p = 0; p < b.b; p++) {
                double[] beta = PreconditionerFit.beta(b, p, Centring.PLAIN);
                for (int k = 0; k < m; k++) {
                    double be = 0;
                    double qe = 0;
                    for (int j = 0; j < d; j++) {
                        be += beta[j] * eigenvectors[j * d + k];
                        qe += b.xq[p * d + j] * eigenvectors[j * d + k];
                    }
                    out[p] += be * qe / eigenvalues[k];
                }
            }
            return out;
        });
    }

    /** {@code yhat = beta^T M x_q}, {@code beta} the (centred) average {@code y_l x_l}; {@code m} [d, d], not modified. */
    static Predictor bilinear(String name, double[] m, Centring centring) {
        return Predictor.of(name, b -> {
            double[] out = new double[b.b];
            for (int p = 0; p < b.b; p++) {
                double[] beta = PreconditionerFit.beta(b, p, centring);
                for (int i = 0; i < b.d; i++) {
                    for (int j = 0; j < b.d; j++) {
                        out[p] += beta[i] * m[i * b.d + j] * b.xq[p * b.d + j];
                    }
                }
            }
            return out;
        });
    }
}
