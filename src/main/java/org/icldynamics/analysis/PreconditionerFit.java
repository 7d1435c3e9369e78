package org.icldynamics.analysis;

import org.ejml.simple.SimpleMatrix;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;

/**
 * Fits the preconditioned one-step GD family {@code yhat = beta^T Gamma x_q} to a single-output model's predictions,
 * with {@code beta = (1/n) sum_l y_l x_l} (plain) or {@code (1/n) sum_l y_l (x_l - xbar)} (debiased). The family is
 * linear in {@code Gamma}, so the fit is ordinary least squares over the {@code d^2} entries (no search). The fitted
 * {@code Gamma} is the model's effective preconditioner: {@code eta I} for (debiased) GD, {@code Gamma*} of softmax
 * spec A.4.6 for non-isotropic inputs, {@code sum_{k<m} e_k e_k^T / (lambda_k c_k)} for PCR-m (linear spec eq. 22).
 */
public final class PreconditionerFit {
    /** How the context inputs are centred in {@code beta}. */
    public enum Centring {
        PLAIN,
        DEBIASED
    }

    private PreconditionerFit() {
    }

    /**
     * The least-squares {@code Gamma} on {@code batch}.
     *
     * @param model single-output predictor
     * @param batch fresh prompts with {@code b >= d^2}, not modified
     */
    public static PreconditionerFitResult fit(Predictor model, PromptBatch batch, Centring centring) {
        int d = batch.d;
        int k = d * d;
        if (batch.outputs != 1) {
            throw new IllegalArgumentException("the preconditioner fit needs one output, got " + batch.outputs);
        }
        if (batch.b < k) {
            throw new IllegalArgumentException("need at least d^2 = " + k + " prompts to fit Gamma, got " + batch.b);
        }
        double[] target = model.predict(batch); // [b]
        SimpleMatrix phi = new SimpleMatrix(batch.b, k);
        SimpleMatrix y = new SimpleMatrix(batch.b, 1);
        for (int p = 0; p < batch.b; p++) {
            double[] beta = beta(batch, p, centring);
            for (int i = 0; i < d; i++) { // [d, d] features beta_i x_q,j
                for (int j = 0; j < d; j++) {
                    phi.set(p, i * d + j, beta[i] * batch.xq[p * d + j]);
                }
            }
            y.set(p, 0, target[p]);
        }
        SimpleMatrix g = phi.solve(y);
        SimpleMatrix residual = phi.mult(g).minus(y);
        double norm = y.normF();
        double[] gamma = new double[k];
        for (int i = 0; i < k; i++) {
            gamma[i] = g.get(i, 0);
        }
        return new PreconditionerFitResult(d, centring, gamma, norm > 0 ? residual.normF() / norm : Double.NaN,
                batch.b);
    }

    /** {@code beta} of prompt {@code p}, {@code [d]}. */
    static double[] beta(PromptBatch b, int p, Centring centring) {
        int d = b.d;
        double[] beta = new double[d];
        double[] xbar = new double[d];
        double ybar = 0;
        for (int l = 0; l < b.n; l++) { // [n, d]
            double y = b.y[b.yIndex(p, l)];
            ybar += y;
            for (int j = 0; j < d; j++) {
                double x = b.x[b.xIndex(p, l) + j];
                beta[j] += y * x;
                xbar[j] += x;
            }
        }
        if (b.n == 0) {
            return beta;
        }
        for (int j = 0; j < d; j++) {
            beta[j] /= b.n;
            if (centring == Centring.DEBIASED) {
                beta[j] -= (ybar / b.n) * (xbar[j] / b.n);
            }
        }
        return beta;
    }
}
