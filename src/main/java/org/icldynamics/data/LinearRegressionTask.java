package org.icldynamics.data;

import java.util.SplittableRandom;

/**
 * In-context linear regression: {@code x ~ N(0, Lambda)}, {@code w ~ N(0, tau2 I)}, {@code y_i = w^T x_i + eps_i}
 * with {@code eps_i ~ N(0, sigma2)} on context labels and {@code N(0, querySigma2)} on the query label.
 */
public record LinearRegressionTask(int n, Covariance covariance, double tau2, double sigma2, double querySigma2)
        implements Task {
    public LinearRegressionTask {
        if (n < 0 || !(tau2 >= 0) || !(sigma2 >= 0) || !(querySigma2 >= 0)) {
            throw new IllegalArgumentException("need n >= 0, tau2, sigma2, querySigma2 >= 0");
        }
    }

    @Override
    public int d() {
        return covariance.d();
    }

    /** {@inheritDoc} One output: {@code w}, every token's {@code x} and {@code y}, {@code x_q}, the signal, {@code y_q}. */
    @Override
    public boolean writesEveryEntry() {
        return true;
    }

    /**
     * Draws the block's standard normals as one {@link Normals#fill} call would (read in chunks through
     * {@link NormalChunks}, same bits), and uses them in the documented order per prompt: {@code w} (d), per context
     * token {@code x_i} (d) and its label noise (1), {@code x_q} (d), the query noise (1).
     */
    @Override
    public void fill(PromptBatch out, int from, int to, SplittableRandom rng) {
        int d = out.d;
        int m = out.n;
        int perPrompt = 2 * d + m * (d + 1) + 1;
        NormalChunks chunks = new NormalChunks(rng, (to - from) * perPrompt, perPrompt);
        double[] g = chunks.values();
        double sw = Math.sqrt(tau2);
        double se = Math.sqrt(sigma2);
        double sq = Math.sqrt(querySigma2);
        double[] w = out.w;
        double[] x = out.x;
        double[] y = out.y;
        double[] diag = covariance.diagonalFactor();
        for (int p = from; p < to; p++) { // [b, n, d] prompts
            int k = chunks.take(perPrompt);
            int wo = p * d;
            for (int j = 0; j < d; j++) {
                w[wo + j] = sw * g[k++];
            }
            if (diag != null) {
                diagonalTokens(g, k, diag, se, out, p);
            } else {
                int xo = out.xIndex(p, 0);
                int yo = out.yIndex(p, 0);
                for (int i = 0; i < m; i++) { // [n, d] tokens: x_i = F g, then w . x_i in ascending j
                    int xi = xo + i * d;
                    covariance.transform(g, k + i * (d + 1), x, xi);
                    y[yo + i] = LinearSignal.dot(w, wo, x, xi, d) + se * g[k + i * (d + 1) + d];
                }
            }
            k += m * (d + 1);
            covariance.transform(g, k, out.xq, p * d);
            k += d;
            double s = LinearSignal.dot(w, wo, out.xq, p * d, d);
            out.signal[p] = s;
            out.yq[p] = s + sq * g[k];
        }
    }

    /**
     * Prompt p's context tokens for a diagonal factor {@code F}: {@code x_i = F g_i} (the products of
     * {@link Covariance#transform}) and {@code y_i = w . x_i + se eps_i} with the dot summed in ascending j as in
     * {@link LinearSignal#dot}. Four tokens go side by side: four independent sums, each in its own order, so the
     * bits are those of one token at a time without waiting on one chain of dependent adds.
     *
     * @param g per token {@code d} normals then the label noise, from {@code k}; not modified
     */
    private static void diagonalTokens(double[] g, int k, double[] diag, double se, PromptBatch out, int p) {
        int d = out.d;
        int m = out.n;
        int gs = d + 1;
        int wo = p * d;
        int xo = out.xIndex(p, 0);
        int yo = out.yIndex(p, 0);
        double[] w = out.w;
        double[] x = out.x;
        int i = 0;
        for (; i + 4 <= m; i += 4) { // [n / 4, 4, d]
            int g0 = k + i * gs;
            int x0 = xo + i * d;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < d; j++) {
                double f = diag[j];
                double wj = w[wo + j];
                double v0 = f * g[g0 + j];
                double v1 = f * g[g0 + gs + j];
                double v2 = f * g[g0 + 2 * gs + j];
                double v3 = f * g[g0 + 3 * gs + j];
                x[x0 + j] = v0;
                x[x0 + d + j] = v1;
                x[x0 + 2 * d + j] = v2;
                x[x0 + 3 * d + j] = v3;
                s0 += wj * v0;
                s1 += wj * v1;
                s2 += wj * v2;
                s3 += wj * v3;
            }
            out.y[yo + i] = s0 + se * g[g0 + d];
            out.y[yo + i + 1] = s1 + se * g[g0 + gs + d];
            out.y[yo + i + 2] = s2 + se * g[g0 + 2 * gs + d];
            out.y[yo + i + 3] = s3 + se * g[g0 + 3 * gs + d];
        }
        for (; i < m; i++) { // [n % 4, d] the last tokens one at a time
            int gi = k + i * gs;
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = diag[j] * g[gi + j];
                x[xo + i * d + j] = v;
                s += w[wo + j] * v;
            }
            out.y[yo + i] = s + se * g[gi + d];
        }
    }

    /**
     * Settings of {@link LinearRegressionTask}.
     *
     * @param n context length
     * @param covariance input covariance {@code Lambda}
     * @param tau2 task prior variance, {@code w ~ N(0, tau2 I)} (1 in the linear-attention paper, 1/d in the softmax
     *     paper)
     * @param sigma2 noise variance of context labels
     * @param querySigma2 noise variance of the query label (0: noiseless target)
     */
    public record Spec(int n, CovarianceSpec covariance, double tau2, double sigma2, double querySigma2)
            implements TaskSpec {
        public Spec {
            if (covariance == null) {
                throw new IllegalArgumentException("linear regression task needs a covariance");
            }
            if (n < 0) {
                throw new IllegalArgumentException("context length n must be >= 0, got " + n);
            }
            for (double v : new double[] {tau2, sigma2, querySigma2}) {
                if (!(v >= 0) || !Double.isFinite(v)) {
                    throw new IllegalArgumentException("tau2, sigma2 and querySigma2 must be finite and >= 0, got "
                            + tau2 + ", " + sigma2 + ", " + querySigma2);
                }
            }
        }

        /**
         * The linear-attention paper's task (A.1, as its code runs): {@code n = 31}, eigenvalues proportional to
         * {@code 1..d} in a random basis with unit trace, {@code w ~ N(0, I)}, no label noise.
         */
        public static Spec linearAttention(int d) {
            return new Spec(31, CovarianceSpec.Spectrum.linear(d, Eigenbasis.RANDOM_ORTHOGONAL,
                    TraceNormalization.UNIT_TRACE), 1, 0, 0);
        }

        /**
         * The softmax paper's single task (A.1.1): {@code d = 5}, {@code n = 40}, {@code x ~ N(0, I)},
         * {@code w ~ N(0, I/d)}, noise variance 0.1 on context and query labels.
         */
        public static Spec softmaxSingleTask() {
            return new Spec(40, new CovarianceSpec.Isotropic(5, 1, TraceNormalization.NONE), 1.0 / 5, 0.1, 0.1);
        }

        @Override
        public int d() {
            return covariance.d();
        }

        @Override
        public LinearRegressionTask build(RandomStreams streams) {
            return new LinearRegressionTask(n, covariance.build(streams), tau2, sigma2, querySigma2);
        }
    }
}
