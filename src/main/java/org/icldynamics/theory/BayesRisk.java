package org.icldynamics.theory;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.icldynamics.data.Normals;
import org.icldynamics.data.RandomStreams;

/**
 * Bayes-optimal risk for in-context linear regression with {@code x ~ N(0, I_d)}, {@code w ~ N(0, tau2 I)}, context
 * noise {@code sigma2} and query noise {@code querySigma2} (softmax-multihead A.4.3), and the multi-head (optimal
 * debiased GD) limit.
 */
public final class BayesRisk {
    /** A Monte Carlo estimate and its standard error. */
    public record Estimate(double mean, double standardError) {
    }

    private BayesRisk() {
    }

    /**
     * Finite-d Bayes risk {@code querySigma2 + sigma2 E tr[(X^T X + (sigma2/tau2) I)^{-1}]} by Monte Carlo over
     * {@code X} ({@code [L, d]} standard normal) from stream {@code ("bayes-risk", i)}.
     */
    public static Estimate monteCarlo(int d, int l, double tau2, double sigma2, double querySigma2, int samples,
                                      RandomStreams streams) {
        if (!(sigma2 > 0) || !(tau2 > 0) || samples < 2) {
            throw new IllegalArgumentException("Monte Carlo Bayes risk needs sigma2 > 0, tau2 > 0 and >= 2 samples");
        }
        double lam = sigma2 / tau2;
        double[] x = new double[l * d];
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < samples; s++) {
            SplittableRandom rng = streams.stream("bayes-risk", s);
            Normals.fill(rng, x, 0, x.length);
            DMatrixRMaj a = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multInner(DMatrixRMaj.wrap(l, d, x), a); // [d, d] = X^T X
            for (int j = 0; j < d; j++) {
                a.add(j, j, lam);
            }
            DMatrixRMaj inv = new DMatrixRMaj(d, d);
            CommonOps_DDRM.invert(a, inv);
            double r = querySigma2 + sigma2 * CommonOps_DDRM.trace(inv);
            sum += r;
            sumSq += r * r;
        }
        double mean = sum / samples;
        double var = (sumSq - samples * mean * mean) / (samples - 1);
        return new Estimate(mean, Math.sqrt(Math.max(var, 0) / samples));
    }

    /**
     * Proportional limit {@code d, L -> infinity}, {@code d/L -> xi}, {@code tau2 = 1/d}, noisy query:
     * {@code R = (sigma2 + 1 - 1/xi + sqrt(4 sigma2 + (sigma2 - 1 + 1/xi)^2)) / 2}.
     */
    public static double proportionalLimit(double xi, double sigma2) {
        return 0.5 * (sigma2 + 1 - 1 / xi + Math.sqrt(4 * sigma2 + Math.pow(sigma2 - 1 + 1 / xi, 2)));
    }

    /** Multi-head (optimal debiased GD) limit, same asymptotics: {@code sigma2 + xi(1+sigma2)/(1 + xi(1+sigma2))}. */
    public static double multiHeadLimit(double xi, double sigma2) {
        return sigma2 + xi * (1 + sigma2) / (1 + xi * (1 + sigma2));
    }
}
