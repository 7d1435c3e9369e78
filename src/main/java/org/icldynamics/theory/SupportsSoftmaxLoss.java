package org.icldynamics.theory;

/**
 * The approximate multi-task softmax loss of {@link ApproximateSoftmaxLoss} for any task supports, overlapping or not
 * (softmax-multihead A.4.7, multitask-dynamics B.4). Head h's key-query x-block is {@code sum_m omega_m^h P_{S_m}},
 * so on coordinate {@code i} task {@code n}'s effective step is {@code c_{n,i} = sum_h mu_n^h sum_{m: i in S_m}
 * omega_m^h}, and the kernel exponent is the omega-weighted overlap of the supports (the spec's "exp-term becomes
 * exp(omega-weighted overlap of supports)"):
 * <pre>
 *   Ltilde = sum_n w_n [ sigma2 + (1/d_n) sum_{i in S_n} (1 - c_{n,i})^2 + ((1+sigma2)/L) sum_{h,h'} mu_n^h mu_n^h' E_hh' ],
 *   E_hh' = exp( sum_{m,m'} |S_m cap S_m'| omega_m^h omega_m'^h' ).
 * </pre>
 * With disjoint supports {@code c_{n,i} = a_n} on {@code S_n} and this is exactly {@link ApproximateSoftmaxLoss}
 * (tested); the extension to overlaps is our derivation [DER]. Parameters as there: {@code omega [N, H]} then
 * {@code mu [N, H]}.
 */
public final class SupportsSoftmaxLoss {
    private final int[][] supports;
    private final double[] weights;
    private final int heads;
    private final int l;
    private final double sigma2;
    private final double[][] overlap; // |S_m cap S_m'|, [N, N]
    private final int d;

    /**
     * @param supports {@code [N][]} coordinates of each task (distinct within a task), copied
     * @param weights {@code [N]} task weights (1 for unit signal), copied
     */
    public SupportsSoftmaxLoss(int[][] supports, double[] weights, int heads, int l, double sigma2) {
        if (supports.length == 0 || weights.length != supports.length || heads < 1 || l < 1 || !(sigma2 >= 0)) {
            throw new IllegalArgumentException("need >= 1 task, one weight per task, heads >= 1, L >= 1, sigma2 >= 0");
        }
        int n = supports.length;
        this.supports = new int[n][];
        int max = 0;
        for (int k = 0; k < n; k++) {
            if (supports[k].length == 0) {
                throw new IllegalArgumentException("task " + k + " has an empty support");
            }
            this.supports[k] = supports[k].clone();
            for (int i : supports[k]) {
                if (i < 0) {
                    throw new IllegalArgumentException("negative coordinate in task " + k);
                }
                max = Math.max(max, i + 1);
            }
        }
        this.d = max;
        this.weights = weights.clone();
        this.heads = heads;
        this.l = l;
        this.sigma2 = sigma2;
        this.overlap = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                for (int i : supports[a]) {
                    for (int j : supports[b]) {
                        overlap[a][b] += i == j ? 1 : 0;
                    }
                }
            }
        }
    }

    public int tasks() {
        return supports.length;
    }

    public int dimension() {
        return 2 * tasks() * heads;
    }

    /** {@code sum_{m: i in S_m} omega_m^h} for every coordinate, {@code [d, H]}. */
    private double[] coordinateOmega(double[] theta) {
        double[] out = new double[d * heads];
        for (int m = 0; m < tasks(); m++) {
            for (int i : supports[m]) {
                for (int h = 0; h < heads; h++) {
                    out[i * heads + h] += theta[m * heads + h];
                }
            }
        }
        return out;
    }

    /** {@code E_hh'}, {@code [H, H]}. */
    private double[] kernel(double[] theta) {
        int nt = tasks();
        double[] e = new double[heads * heads];
        for (int h = 0; h < heads; h++) { // [H, H, N, N]
            for (int g = 0; g < heads; g++) {
                double s = 0;
                for (int a = 0; a < nt; a++) {
                    for (int b = 0; b < nt; b++) {
                        s += overlap[a][b] * theta[a * heads + h] * theta[b * heads + g];
                    }
                }
                e[h * heads + g] = Math.exp(s);
            }
        }
        return e;
    }

    /** {@code Ltilde}. */
    public double value(double[] theta) {
        double[] co = coordinateOmega(theta);
        double[] e = kernel(theta);
        double k = (1 + sigma2) / l;
        int nt = tasks();
        double total = 0;
        for (int n = 0; n < nt; n++) {
            int mo = nt * heads + n * heads;
            double fit = 0;
            for (int i : supports[n]) {
                double c = 0;
                for (int h = 0; h < heads; h++) {
                    c += theta[mo + h] * co[i * heads + h];
                }
                fit += (1 - c) * (1 - c);
            }
            double var = 0;
            for (int h = 0; h < heads; h++) {
                for (int g = 0; g < heads; g++) {
                    var += theta[mo + h] * theta[mo + g] * e[h * heads + g];
                }
            }
            total += weights[n] * (sigma2 + fit / supports[n].length + k * var);
        }
        return total;
    }

    /** {@code grad Ltilde}, the parameters' layout. */
    public double[] gradient(double[] theta) {
        double[] co = coordinateOmega(theta);
        double[] e = kernel(theta);
        double k = (1 + sigma2) / l;
        int nt = tasks();
        double[] g = new double[theta.length];
        for (int n = 0; n < nt; n++) {
            int mo = nt * heads + n * heads;
            double w = weights[n];
            double size = supports[n].length;
            for (int i : supports[n]) {
                double c = 0;
                for (int h = 0; h < heads; h++) {
                    c += theta[mo + h] * co[i * heads + h];
                }
                double r = -2 * (1 - c) * w / size;
                for (int h = 0; h < heads; h++) {
                    g[mo + h] += r * co[i * heads + h];
                    for (int m = 0; m < nt; m++) { // omega_m^h enters co[i, h] when i in S_m
                        if (contains(supports[m], i)) {
                            g[m * heads + h] += r * theta[mo + h];
                        }
                    }
                }
            }
            for (int h = 0; h < heads; h++) {
                double s = 0;
                for (int q = 0; q < heads; q++) {
                    s += theta[mo + q] * e[h * heads + q];
                }
                g[mo + h] += 2 * w * k * s;
                for (int q = 0; q < heads; q++) { // d E_hq / d omega_m^h = E_hq (O omega^q)_m, twice by symmetry
                    double f = 2 * w * k * theta[mo + h] * theta[mo + q] * e[h * heads + q];
                    for (int m = 0; m < nt; m++) {
                        double ow = 0;
                        for (int b = 0; b < nt; b++) {
                            ow += overlap[m][b] * theta[b * heads + q];
                        }
                        g[m * heads + h] += f * ow;
                    }
                }
            }
        }
        return g;
    }

    private static boolean contains(int[] s, int i) {
        for (int x : s) {
            if (x == i) {
                return true;
            }
        }
        return false;
    }
}
