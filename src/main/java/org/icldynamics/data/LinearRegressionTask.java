package org.icldynamics.data;

import java.util.SplittableRandom;

/**
 * In-context linear regression: {@code x ~ N(0, Lambda)}, {@code w ~ N(0, tau2 I)}, {@code y_i = w^T x_i + eps_i}
 * with {@code eps_i ~ N(0, sigma2)} on context labels and {@code N(0, querySigma2)} on the query label.
 */
public record LinearRegressionTask(int n, Covariance covariance, double tau2, double sigma2, double querySigma2,
                                   DrawPrecision draws) implements Task {
    public LinearRegressionTask {
        if (n < 0 || !(tau2 >= 0) || !(sigma2 >= 0) || !(querySigma2 >= 0) || draws == null) {
            throw new IllegalArgumentException("need n >= 0, tau2, sigma2, querySigma2 >= 0 and a draw precision");
        }
    }

    /** The task drawing its normals in double. */
    public LinearRegressionTask(int n, Covariance covariance, double tau2, double sigma2, double querySigma2) {
        this(n, covariance, tau2, sigma2, querySigma2, DrawPrecision.DOUBLE);
    }

    @Override
    public LinearRegressionTask drawnIn(DrawPrecision precision) {
        return new LinearRegressionTask(n, covariance, tau2, sigma2, querySigma2, precision);
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
     * Draws the block's prompts in order through {@link #byPrompt}: the block's standard normals as one
     * {@link Normals#fill} call would draw them, used per prompt as {@link LinearPromptDraw} documents.
     */
    @Override
    public void fill(PromptBatch out, int from, int to, SplittableRandom rng) {
        PromptDraw prompts = byPrompt(out, from, to, rng);
        for (int p = from; p < to; p++) { // [b, n, d] prompts
            prompts.next(null);
        }
    }

    /** {@inheritDoc} Each call draws one prompt (the same bits as {@link #fill}). */
    @Override
    public PromptDraw byPrompt(PromptBatch out, int from, int to, SplittableRandom rng) {
        return new LinearPromptDraw(this, out, from, to, rng);
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
