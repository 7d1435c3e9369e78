package org.icldynamics.theory;

/**
 * Closed-form end levels of the linear paper's in-context vs in-weight experiment (linear-attention A.1 "In-context
 * vs in-weight data", A.5 row "App. (ICL vs IWL)"), for merged-KQ linear attention in code units (no 1/N), white
 * covariance {@code Lambda = lambda I_D}, {@code N} context tokens, noiseless labels and one in-weight task
 * {@code w*} with {@code |w*|^2 = W} (the paper: {@code W = D}). Derivations are ours ([derived]).
 *
 * <p>Two test distributions: IC (every prompt its own task {@code w ~ N(0, I)}, labels {@code w^T x}) and IW
 * (context labels pure N(0, 1) noise, query labelled {@code w*^T x_q}).
 *
 * <p>The full ATTN_M prediction is {@code yhat = sum_h a_h^T S B_h x_q} with {@code S = sum_m z_m z_m^T} over the
 * tokens {@code z = [x; y]} and {@code B_h} the x-columns of head h's key-query: a linear function of the cubic
 * features {@code S (x) x_q}, and with {@code H >= D + 1} heads every such function. Its optimum is therefore a
 * least-squares problem on these features; the formulas below solve it where the query token's own term
 * {@code x_q x_q^T} in {@code S} is left out (stated per method). Gradient descent from small init at c = 0 first
 * learns the label path ({@link #labelPathOnInWeight}, the u_h entries); the full in-weight optimum
 * ({@link #inWeightOptimumOnInWeight}) also needs the v-vector path, whose signal is weaker by that first level.
 */
public final class InWeightTheory {
    private InWeightTheory() {
    }

    /**
     * The in-context optimum's scale in code units: the c = 1 model converges to {@code yhat = sigma b^T x_q},
     * {@code b = sum_m y_m x_m}, {@code sigma = 1/(N lambda c)}, {@code c = 1 + (1 + D)/N} (A.4 item 6), i.e.
     * {@code sigma = 1/(lambda (N + 1 + D))}.
     */
    public static double inContextScale(double lambda, int d, int n) {
        return 1 / (lambda * (n + 1 + d));
    }

    /**
     * IC loss of the in-context optimum (the c = 1 end level, L* of A.4 item 4 for white covariance):
     * {@code D lambda (1 - 1/c)}, {@code c = 1 + (1 + D)/N}.
     */
    public static double inContextOptimumOnInContext(double lambda, int d, int n) {
        double c = 1 + (1.0 + d) / n;
        return d * lambda * (1 - 1 / c);
    }

    /**
     * IW loss of the in-context optimum {@code sigma b^T x_q}: on IW prompts {@code b = sum_m eps_m x_m} with
     * independent N(0, 1) labels, so {@code E(w*^T x_q - sigma b^T x_q)^2 = lambda W + sigma^2 N E[(x^T x_q)^2]
     * = lambda W + sigma^2 N D lambda^2} (the cross term vanishes: {@code E[eps] = 0}). The query token carries
     * label 0 and adds nothing to {@code b}, so this is exact.
     *
     * @param wStarNorm2 {@code W = |w*|^2}
     */
    public static double inContextOptimumOnInWeight(double lambda, int d, int n, double wStarNorm2) {
        double s = inContextScale(lambda, d, n);
        return lambda * wStarNorm2 + s * s * n * d * lambda * lambda;
    }

    /**
     * IW loss of a memorising predictor {@code yhat = f w*^T x_q}, {@code f = a A + b B}, {@code A = S_yy / N},
     * {@code B = sum_d S_xx[d,d] / (N lambda)} (query token's self-term left out). On IW prompts A is
     * {@code chi^2_N / N} (mean 1, variance 2/N) and B is {@code chi^2_{ND} / N} (mean D, variance 2D/N), independent
     * of each other and of {@code x_q}, so the loss is
     * {@code lambda W [(1 - a - b D)^2 + 2 a^2 / N + 2 b^2 D / N]}.
     *
     * @param wStarNorm2 {@code W = |w*|^2}
     */
    public static double memorisingOnInWeight(double a, double b, double lambda, int d, int n, double wStarNorm2) {
        double bias = 1 - a - b * d;
        return lambda * wStarNorm2 * (bias * bias + 2 * a * a / n + 2 * b * b * d / n);
    }

    /**
     * IC loss of the memorising predictor of {@link #memorisingOnInWeight}. On IC prompts ({@code w ~ N(0, I)},
     * {@code y = w^T x}) the cross term {@code lambda E[f w^T w*]} vanishes ({@code f} is even in w), so the loss is
     * {@code lambda D + lambda W E[f^2]} with
     * <ul>
     *   <li>{@code E[A^2] = lambda^2 (D^2 + 2D)(1 + 2/N)}: given w, {@code y ~ N(0, lambda |w|^2)} and
     *       {@code E|w|^4 = D^2 + 2D};</li>
     *   <li>{@code E[B^2] = D^2 + 2D/N}: {@code N lambda B} is {@code lambda chi^2_{ND}};</li>
     *   <li>{@code E[AB] = lambda (D^2 + 2D/N)}: token pairs {@code m != m'} give {@code lambda |w|^2 D lambda},
     *       equal tokens {@code E[(w^T x)^2 |x|^2] = lambda^2 (D + 2)|w|^2}.</li>
     * </ul>
     *
     * @param wStarNorm2 {@code W = |w*|^2}
     */
    public static double memorisingOnInContext(double a, double b, double lambda, int d, int n, double wStarNorm2) {
        double ea2 = lambda * lambda * (d * d + 2.0 * d) * (1 + 2.0 / n);
        double eb2 = (double) d * d + 2.0 * d / n;
        double eab = lambda * (d * d + 2.0 * d / n);
        return lambda * d + lambda * wStarNorm2 * (a * a * ea2 + 2 * a * b * eab + b * b * eb2);
    }

    /**
     * Weight {@code a} of the best label-path predictor {@code a A w*^T x_q}: {@code (N/2) / (1 + N/2)}. This is the
     * path the u_h entries open (value y-scalar times {@code S_yy u_h^T x_q}, A.2.1), the first one GD learns.
     */
    public static double labelPathWeight(int n) {
        return (n / 2.0) / (1 + n / 2.0);
    }

    /**
     * IW loss of the best label-path predictor: {@code lambda W / (1 + N/2)}. Exact also with the query token (its
     * label is 0, it adds nothing to {@code S_yy}).
     */
    public static double labelPathOnInWeight(double lambda, int n, double wStarNorm2) {
        return lambda * wStarNorm2 / (1 + n / 2.0);
    }

    /**
     * Weight of each of the D + 1 unit-mean features {@code A} and {@code S_xx[d,d] / (N lambda)} in the in-weight
     * optimum: {@code k / (D + 1)}, {@code k = q / (1 + q)}, {@code q = (D + 1) N / 2}. Every other entry of S has
     * mean 0 and is uncorrelated with these and with the target, so regressing the constant w* on S gives this.
     */
    public static double inWeightOptimumWeight(int d, int n) {
        double q = (d + 1) * n / 2.0;
        return q / (1 + q) / (d + 1);
    }

    /**
     * The in-weight optimum on IW prompts, query token's self-term left out: {@code lambda W / (1 + (D + 1) N / 2)}
     * (the fraction {@code 1 / (1 + m^T C^-1 m)} of the constant that the D + 1 independent estimates leave).
     *
     * @param wStarNorm2 {@code W = |w*|^2}
     */
    public static double inWeightOptimumOnInWeight(double lambda, int d, int n, double wStarNorm2) {
        return lambda * wStarNorm2 / (1 + (d + 1) * n / 2.0);
    }
}
