package org.icldynamics.theory;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * The approximate population loss of structured multi-head softmax attention (softmax-multihead A.4.4; its
 * multi-task reconstruction A.4.7 and multitask-dynamics B.4 for disjoint task supports {@code S_n} of sizes
 * {@code d_n}):
 * <pre>
 *   Ltilde = sum_n [ 1 + sigma2 - 2 a_n + a_n^2 + ((1+sigma2)/L) sum_{h,h'} mu_n^h mu_n^h' E_hh' ],
 *   a_n = sum_h mu_n^h omega_n^h,   E_hh' = exp(sum_m d_m omega_m^h omega_m^h').
 * </pre>
 * One task with {@code d_1 = d} is the single-task loss {@code 1 + sigma2 - 2 mu^T omega + mu^T M mu},
 * {@code M = omega omega^T + ((1+sigma2)/L) E}. Parameters are flat: {@code omega [N, H]} then {@code mu [N, H]}
 * ({@code theta[n H + h]} is {@code omega_n^h}, {@code theta[N H + n H + h]} is {@code mu_n^h}). The authors
 * integrate {@code Ltilde / 2}; {@link #halfGradient} is its gradient. Optional task weights multiply each task's
 * term: multitask-dynamics B.4 draws {@code beta} entries {@code N(0, 1)}, so task {@code n} has signal variance
 * {@code |S_n|} (weight {@code |S_n|}, with {@code sigma2} the noise divided by {@code |S_n|}).
 */
public final class ApproximateSoftmaxLoss {
    /** Largest condition number of {@code M_n} for which {@link #optimiseOutputs} trusts its solve. */
    public static final double MAX_CONDITION = 1e8;

    private final double[] taskSizes;
    private final double[] taskWeights;
    private final int heads;
    private final int l;
    private final double sigma2;

    public ApproximateSoftmaxLoss(int[] taskSizes, int heads, int l, double sigma2) {
        this(taskSizes, ones(taskSizes.length), heads, l, sigma2);
    }

    /**
     * @param taskWeights multiplies task {@code n}'s term, {@code [N]}, copied
     */
    public ApproximateSoftmaxLoss(int[] taskSizes, double[] taskWeights, int heads, int l, double sigma2) {
        this(Arrays.stream(taskSizes).asDoubleStream().toArray(), taskWeights, heads, l, sigma2);
    }

    /**
     * Task sizes may be fractional (multitask-dynamics B.4 uses {@code |S_n| = 50/3}).
     *
     * @param taskSizes {@code d_n}, {@code [N]}, copied
     * @param taskWeights multiplies task {@code n}'s term, {@code [N]}, copied
     */
    public ApproximateSoftmaxLoss(double[] taskSizes, double[] taskWeights, int heads, int l, double sigma2) {
        if (taskSizes.length == 0 || heads < 1 || l < 1 || !(sigma2 >= 0) || taskWeights.length != taskSizes.length) {
            throw new IllegalArgumentException("need >= 1 task (one weight each), >= 1 head, L >= 1 and sigma2 >= 0");
        }
        requirePositive(taskSizes, "task sizes");
        requirePositive(taskWeights, "task weights");
        this.taskWeights = taskWeights.clone();
        this.taskSizes = taskSizes.clone();
        this.heads = heads;
        this.l = l;
        this.sigma2 = sigma2;
    }

    private static double[] ones(int k) {
        double[] w = new double[k];
        Arrays.fill(w, 1);
        return w;
    }

    /** @param values not modified; each must be {@code > 0} (NaN is not) */
    private static void requirePositive(double[] values, String what) {
        for (double v : values) {
            if (!(v > 0)) {
                throw new IllegalArgumentException(what + " must be > 0, got " + v);
            }
        }
    }

    /** The single-task loss of A.4.4. */
    public static ApproximateSoftmaxLoss singleTask(int d, int heads, int l, double sigma2) {
        return new ApproximateSoftmaxLoss(new int[] {d}, heads, l, sigma2);
    }

    public int tasks() {
        return taskSizes.length;
    }

    public int heads() {
        return heads;
    }

    /** {@code d_n}, the size of task {@code n}'s support. */
    public double taskSize(int n) {
        return taskSizes[n];
    }

    /** The largest task weight (1 for unweighted losses). */
    public double maxTaskWeight() {
        double m = 0;
        for (double w : taskWeights) {
            m = Math.max(m, w);
        }
        return m;
    }

    /** Length of the flat parameter vector, {@code 2 N H}. */
    public int dimension() {
        return 2 * tasks() * heads;
    }

    /** Offset of {@code mu_n} in the flat parameters: the omega block {@code [N, H]} comes first. */
    private int muOffset(int n) {
        return tasks() * heads + n * heads;
    }

    /** {@code (1 + sigma2) / L}, the factor of the kernel term. */
    private double kernelScale() {
        return (1 + sigma2) / l;
    }

    /** {@code a_n = sum_h mu_n^h omega_n^h}, summed over h in ascending order. */
    private double alignment(double[] theta, int n) {
        int mo = muOffset(n);
        double a = 0;
        for (int h = 0; h < heads; h++) { // [H]
            a += theta[mo + h] * theta[n * heads + h];
        }
        return a;
    }

    /** {@code E_hh'}, {@code [H, H]}. */
    double[] kernel(double[] theta) {
        int nt = tasks();
        double[] e = new double[heads * heads];
        for (int h = 0; h < heads; h++) { // [H, H, N]
            for (int g = 0; g < heads; g++) {
                double s = 0;
                for (int m = 0; m < nt; m++) {
                    s += taskSizes[m] * theta[m * heads + h] * theta[m * heads + g];
                }
                e[h * heads + g] = Math.exp(s);
            }
        }
        return e;
    }

    /** {@code Ltilde(theta)} (no 1/2). */
    public double value(double[] theta) {
        int nt = tasks();
        double[] e = kernel(theta);
        double c = kernelScale();
        double loss = 0;
        for (int n = 0; n < nt; n++) {
            int mo = muOffset(n);
            double a = alignment(theta, n);
            double quad = 0;
            for (int h = 0; h < heads; h++) { // [H, H]
                for (int g = 0; g < heads; g++) {
                    quad += theta[mo + h] * theta[mo + g] * e[h * heads + g];
                }
            }
            loss += taskWeights[n] * (1 + sigma2 - 2 * a + a * a + c * quad);
        }
        return loss;
    }

    /** Gradient of {@code Ltilde / 2} with respect to the flat parameters, {@code [2 N H]}. */
    public double[] halfGradient(double[] theta) {
        int nt = tasks();
        double[] e = kernel(theta);
        double c = kernelScale();
        double[] grad = new double[theta.length];
        double[] a = new double[nt];
        for (int n = 0; n < nt; n++) { // [N]
            a[n] = alignment(theta, n);
        }
        for (int n = 0; n < nt; n++) { // [N, H, H]
            int mo = muOffset(n);
            for (int h = 0; h < heads; h++) {
                double em = 0;
                for (int g = 0; g < heads; g++) {
                    em += e[h * heads + g] * theta[mo + g];
                }
                double wn = taskWeights[n];
                grad[mo + h] = wn * ((a[n] - 1) * theta[n * heads + h] + c * em);
                grad[n * heads + h] += wn * (a[n] - 1) * theta[mo + h];
                // d/d omega_m^h of (c/2) sum_{h,h'} mu_n^h mu_n^h' E_hh'
                for (int m = 0; m < nt; m++) {
                    double s = 0;
                    for (int g = 0; g < heads; g++) {
                        s += theta[mo + g] * e[h * heads + g] * theta[m * heads + g];
                    }
                    grad[m * heads + h] += wn * c * taskSizes[m] * theta[mo + h] * s;
                }
            }
        }
        return grad;
    }

    /**
     * The optimal output weights of task {@code n} for fixed {@code omega}, {@code mu_n* = M_n^{-1} omega_n},
     * {@code M_n = omega_n omega_n^T + ((1+sigma2)/L) E}, written into {@code theta}'s mu block.
     *
     * @param theta flat parameters; its mu block is overwritten
     * @return the loss at the optimum, {@code sum_n weight_n (1 + sigma2 - omega_n^T M_n^{-1} omega_n)}, or NaN when some
     *     {@code M_n} has condition number above {@link #MAX_CONDITION} (the solve would not be trustworthy)
     */
    public double optimiseOutputs(double[] theta) {
        int nt = tasks();
        double[] e = kernel(theta);
        double c = kernelScale();
        double loss = 0;
        for (int n = 0; n < nt; n++) {
            double[] m = new double[heads * heads];
            double[] om = new double[heads];
            for (int h = 0; h < heads; h++) { // [H, H]
                om[h] = theta[n * heads + h];
            }
            for (int h = 0; h < heads; h++) {
                for (int g = 0; g < heads; g++) {
                    m[h * heads + g] = om[h] * om[g] + c * e[h * heads + g];
                }
            }
            DMatrixRMaj mu = new DMatrixRMaj(heads, 1);
            if (NormOps_DDRM.conditionP2(DMatrixRMaj.wrap(heads, heads, m.clone())) > MAX_CONDITION
                    || !CommonOps_DDRM.solve(DMatrixRMaj.wrap(heads, heads, m), DMatrixRMaj.wrap(heads, 1, om.clone()),
                    mu)) {
                return Double.NaN;
            }
            int mo = muOffset(n);
            double q = 0;
            for (int h = 0; h < heads; h++) {
                theta[mo + h] = mu.data[h];
                q += om[h] * mu.data[h];
            }
            loss += taskWeights[n] * (1 + sigma2 - q);
        }
        return loss;
    }

    /** The debiased-GD (multi-head) infimum per task at this L, {@code 1 + sigma2 - 1/(1 + d_n (1+sigma2)/L)}, weighted and summed. */
    public double multiHeadInfimum() {
        double s = 0;
        for (int n = 0; n < taskSizes.length; n++) {
            s += taskWeights[n] * (1 + sigma2 - 1 / (1 + taskSizes[n] * (1 + sigma2) / l));
        }
        return s;
    }

    /** The single-head optimum of one task (A.4.4): {@code 1 + sigma2 - 1/(1 + e (1+sigma2) d / L)} at {@code omega = 1/sqrt(d)}. */
    public static double singleHeadOptimum(int d, int l, double sigma2) {
        return 1 + sigma2 - 1 / (1 + Math.E * (1 + sigma2) * d / l);
    }
}
