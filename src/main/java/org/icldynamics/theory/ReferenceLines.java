package org.icldynamics.theory;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.data.RandomStreams;

/**
 * The theory reference lines that apply to a configuration, for loss figures and summaries (every trained run
 * reports its optimality gap against them).
 */
public final class ReferenceLines {
    /**
     * One horizontal reference: a loss value with a short name for legends and the spec section it comes from.
     *
     * @param name kebab-case, e.g. {@code plateau-2}, {@code bayes}, {@code dgd-optimum}
     */
    public record Line(String name, double value, String source) {
    }

    private ReferenceLines() {
    }

    /**
     * Linear attention (noiseless, white tasks, {@code E(y_q - yhat)^2} without 1/2): the fixed-point losses
     * {@code L(M_0..M_d)} (linear-attention A.4 item 8), the last being the minimum {@code L*}.
     *
     * @param eigenvalues of {@code Lambda}, not modified
     */
    public static List<Line> linearAttention(double[] eigenvalues, int n) {
        double[] losses = LinearAttentionTheory.plateauLosses(eigenvalues, n);
        List<Line> out = new ArrayList<>();
        for (int m = 0; m < losses.length; m++) {
            out.add(new Line("plateau-" + m, losses[m], "linear-attention A.4 item 8"));
        }
        return List.copyOf(out);
    }

    /**
     * Softmax attention on isotropic regression ({@code x ~ N(0, I_d)}, {@code w ~ N(0, I/d)}, noise {@code sigma2}
     * on context and query, MSE including the query noise): optimal debiased GD (the multi-head limit) and optimal
     * GD (softmax-multihead A.4.2), the single-head approximate optimum (A.4.4) and the finite-d Bayes risk by
     * Monte Carlo (A.4.3, {@code bayesSamples} draws; skipped when 0 or {@code sigma2 = 0}).
     */
    public static List<Line> softmaxRegression(int d, int l, double sigma2, int bayesSamples, RandomStreams streams) {
        List<Line> out = new ArrayList<>();
        out.add(new Line("dgd-optimum", OneStepGdRisk.optimalDebiasedRisk(d, l, sigma2), "softmax-multihead A.4.2"));
        out.add(new Line("gd-optimum", OneStepGdRisk.optimalGdRisk(d, l, sigma2), "softmax-multihead A.4.2"));
        out.add(new Line("single-head-approx", ApproximateSoftmaxLoss.singleHeadOptimum(d, l, sigma2), "softmax-multihead A.4.4"));
        if (bayesSamples > 1 && sigma2 > 0) {
            out.add(new Line("bayes", BayesRisk.monteCarlo(d, l, 1.0 / d, sigma2, sigma2, bayesSamples, streams).mean(),
                    "softmax-multihead A.4.3"));
        }
        return List.copyOf(out);
    }
}
