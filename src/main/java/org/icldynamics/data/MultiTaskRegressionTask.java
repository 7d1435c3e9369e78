package org.icldynamics.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.icldynamics.linalg.Cholesky;

/**
 * Several linear regression tasks in one prompt: task {@code k} reads its own coordinates {@code S_k} of
 * {@code x ~ N(0, Lambda)} (supports may overlap), {@code w_k ~ N(0, tau2 I)} on {@code S_k} and 0 elsewhere, and
 * writes its own label slot: {@code y_{i,k} = w_k^T x_i + eps_{i,k}}, {@code eps_{i,k} ~ N(0, sigma2[k])}. Tokens
 * are {@code (x_i ; y_{i,1..K})}, width {@code d + K}.
 *
 * <p>Per prompt the normals are drawn in one {@link Normals#fill} call, in this order: the task vectors (task by
 * task, coordinates ascending), each context input, the query input, the context noises {@code [n, K]}, and the
 * query noises {@code [K]} when the query is noisy.
 */
public final class MultiTaskRegressionTask implements Task {
    private final int n;
    private final Covariance covariance;
    private final double[] factor; // [d, d] lower Cholesky factor of Lambda
    private final boolean diagonal; // whether the factor has no off-diagonal entry (isotropic or diagonal Lambda)
    private final int[][] coordinates;
    private final double tau2;
    private final double[] sigma2;
    private final QueryNoise queryNoise;
    private final DrawPrecision draws;
    private final Spec spec;

    private MultiTaskRegressionTask(Spec spec, Covariance covariance) {
        this(spec, covariance, DrawPrecision.DOUBLE);
    }

    private MultiTaskRegressionTask(Spec spec, Covariance covariance, DrawPrecision draws) {
        this.draws = draws;
        this.spec = spec;
        this.n = spec.n;
        this.covariance = covariance;
        this.factor = Cholesky.lower(covariance.matrix(), covariance.d());
        this.diagonal = offDiagonalIsZero(factor, covariance.d());
        this.coordinates = spec.coordinates();
        this.tau2 = spec.tau2;
        this.sigma2 = spec.sigma2();
        this.queryNoise = spec.queryNoise;
    }

    @Override
    public int d() {
        return covariance.d();
    }

    @Override
    public DrawPrecision draws() {
        return draws;
    }

    @Override
    public MultiTaskRegressionTask drawnIn(DrawPrecision precision) {
        return new MultiTaskRegressionTask(spec, covariance, precision);
    }

    @Override
    public int outputs() {
        return coordinates.length;
    }

    @Override
    public int n() {
        return n;
    }

    public Covariance covariance() {
        return covariance;
    }

    /** The coordinates {@code S_k} each task reads (0-based, ascending; a copy). */
    public int[][] coordinates() {
        return deepCopy(coordinates);
    }

    @Override
    public void fill(PromptBatch out, int from, int to, SplittableRandom rng) {
        int d = out.d;
        int m = out.n;
        int tasks = coordinates.length;
        int support = 0;
        for (int[] s : coordinates) {
            support += s.length;
        }
        int noisyQuery = queryNoise == QueryNoise.SAME_AS_CONTEXT ? tasks : 0;
        double[] g = new double[support + (m + 1) * d + m * tasks + noisyQuery];
        double sw = Math.sqrt(tau2);
        for (int p = from; p < to; p++) {
            Normals.fill(rng, g, 0, g.length, draws);
            int at = 0;
            int wo = p * tasks * d;
            Arrays.fill(out.w, wo, wo + tasks * d, 0.0);
            for (int k = 0; k < tasks; k++) { // [K, |S_k|]
                for (int j : coordinates[k]) {
                    out.w[wo + k * d + j] = sw * g[at++];
                }
            }
            for (int i = 0; i < m; i++) { // [n, d]
                correlate(g, at, out.x, out.xIndex(p, i), d);
                at += d;
            }
            correlate(g, at, out.xq, p * d, d);
            at += d;
            for (int i = 0; i < m; i++) { // [n, K]
                int xo = out.xIndex(p, i);
                int yo = out.yIndex(p, i);
                for (int k = 0; k < tasks; k++) {
                    out.y[yo + k] = LinearSignal.dot(out.w, wo + k * d, out.x, xo, coordinates[k])
                            + Math.sqrt(sigma2[k]) * g[at++];
                }
            }
            for (int k = 0; k < tasks; k++) { // [K]
                double s = LinearSignal.dot(out.w, wo + k * d, out.xq, p * d, coordinates[k]);
                out.signal[p * tasks + k] = s;
                out.yq[p * tasks + k] = noisyQuery > 0 ? s + Math.sqrt(sigma2[k]) * g[at++] : s;
            }
        }
    }

    /**
     * {@code out[oo..oo+d) = F g[go..go+d)}. A diagonal factor skips the zero products: adding an exact zero does
     * not change a sum, so both branches give the same bits.
     */
    private void correlate(double[] g, int go, double[] out, int oo, int d) {
        if (diagonal) {
            for (int i = 0; i < d; i++) { // [d]
                out[oo + i] = factor[i * d + i] * g[go + i];
            }
            return;
        }
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += factor[i * d + k] * g[go + k];
            }
            out[oo + i] = s;
        }
    }

    /** @param c {@code [K][]}, not modified; @return a copy of every row */
    private static int[][] deepCopy(int[][] c) {
        int[][] copy = new int[c.length][];
        for (int k = 0; k < c.length; k++) {
            copy[k] = c[k].clone();
        }
        return copy;
    }

    private static boolean offDiagonalIsZero(double[] f, int d) {
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                if (i != k && f[i * d + k] != 0.0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Settings of {@link MultiTaskRegressionTask}.
     *
     * @param n context length
     * @param covariance input covariance
     * @param coordinates {@code [K][|S_k|]} the 0-based coordinates each task reads; each list non-empty, ascending,
     *     inside {@code [0, d)}; lists may overlap
     * @param tau2 prior variance of each task-vector entry
     * @param sigma2 {@code [K]} context-label noise variance per task
     * @param queryNoise whether query targets are noisy
     */
    public record Spec(int n, CovarianceSpec covariance, int[][] coordinates, double tau2, double[] sigma2,
                       QueryNoise queryNoise) implements TaskSpec {
        public Spec {
            if (covariance == null || coordinates == null || sigma2 == null || queryNoise == null) {
                throw new IllegalArgumentException("multi-task spec needs covariance, coordinates, sigma2, queryNoise");
            }
            if (n < 0) {
                throw new IllegalArgumentException("context length n must be >= 0, got " + n);
            }
            if (coordinates.length == 0) {
                throw new IllegalArgumentException("multi-task spec needs at least one task");
            }
            if (sigma2.length != coordinates.length) {
                throw new IllegalArgumentException("sigma2 has " + sigma2.length + " entries for "
                        + coordinates.length + " tasks");
            }
            if (!(tau2 >= 0) || !Double.isFinite(tau2)) {
                throw new IllegalArgumentException("tau2 must be finite and >= 0, got " + tau2);
            }
            int d = covariance.d();
            int[][] c = deepCopy(coordinates);
            for (int k = 0; k < c.length; k++) {
                if (c[k].length == 0) {
                    throw new IllegalArgumentException("task " + k + " reads no coordinates");
                }
                for (int j = 0; j < c[k].length; j++) {
                    if (c[k][j] < 0 || c[k][j] >= d || (j > 0 && c[k][j] <= c[k][j - 1])) {
                        throw new IllegalArgumentException("task " + k + " coordinates " + Arrays.toString(c[k])
                                + " must be ascending, distinct and inside [0, " + d + ")");
                    }
                }
                if (!(sigma2[k] >= 0) || !Double.isFinite(sigma2[k])) {
                    throw new IllegalArgumentException("sigma2 of task " + k + " must be finite and >= 0, got "
                            + sigma2[k]);
                }
            }
            coordinates = c;
            sigma2 = sigma2.clone();
        }

        /**
         * The softmax paper's multi-task layout (A.1.2): isotropic {@code x} in {@code d = 6}, task 1 on coordinates
         * 1..4 and task 2 on 3..6 (overlapping), {@code beta_k ~ N(0, I_4)}, noise variance {@code 0.1 * d_k = 0.4},
         * noiseless query, {@code n = 48}.
         */
        public static Spec overlappingPair() {
            return new Spec(48, new CovarianceSpec.Isotropic(6, 1, TraceNormalization.NONE),
                    new int[][] {{0, 1, 2, 3}, {2, 3, 4, 5}}, 1, new double[] {0.4, 0.4}, QueryNoise.NOISELESS);
        }

        /**
         * The multi-task dynamics paper's layout (B.1): isotropic {@code x} in {@code d}, {@code tasks} contiguous
         * disjoint blocks with boundaries {@code floor(k d / tasks)}, {@code beta ~ N(0, 1)} entries, the same
         * context noise variance for every task, noiseless query.
         */
        public static Spec contiguousBlocks(int d, int tasks, int n, double sigma2) {
            if (tasks < 1 || tasks > d) {
                throw new IllegalArgumentException("need 1 <= tasks <= d, got tasks=" + tasks + " d=" + d);
            }
            double[] s = new double[tasks];
            Arrays.fill(s, sigma2);
            return new Spec(n, new CovarianceSpec.Isotropic(d, 1, TraceNormalization.NONE), blocks(d, tasks), 1, s,
                    QueryNoise.NOISELESS);
        }

        /**
         * {@code tasks} contiguous disjoint blocks of the coordinates {@code 0..d-1} with boundaries
         * {@code floor(k d / tasks)} (B.1; e.g. d = 50, 3 tasks -> sizes 16, 17, 17); needs {@code 1 <= tasks <= d}.
         */
        public static int[][] blocks(int d, int tasks) {
            int[][] c = new int[tasks][];
            for (int k = 0; k < tasks; k++) {
                int lo = (int) ((long) k * d / tasks);
                int hi = (int) ((long) (k + 1) * d / tasks);
                c[k] = new int[hi - lo];
                for (int j = lo; j < hi; j++) {
                    c[k][j - lo] = j;
                }
            }
            return c;
        }

        @Override
        public int d() {
            return covariance.d();
        }

        @Override
        public int outputs() {
            return coordinates.length;
        }

        @Override
        public int[][] coordinates() {
            return deepCopy(coordinates);
        }

        @Override
        public double[] sigma2() {
            return sigma2.clone();
        }

        @Override
        public MultiTaskRegressionTask build(RandomStreams streams) {
            return new MultiTaskRegressionTask(this, covariance.build(streams));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec s && n == s.n && covariance.equals(s.covariance)
                    && Arrays.deepEquals(coordinates, s.coordinates) && Double.compare(tau2, s.tau2) == 0
                    && Arrays.equals(sigma2, s.sigma2) && queryNoise == s.queryNoise;
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(coordinates) * 31 + Arrays.hashCode(sigma2) + n;
        }

        @Override
        public String toString() {
            return "MultiTaskRegressionTask.Spec[n=" + n + ", covariance=" + covariance + ", coordinates="
                    + Arrays.deepToString(coordinates) + ", tau2=" + tau2 + ", sigma2=" + Arrays.toString(sigma2)
                    + ", queryNoise=" + queryNoise + "]";
        }
    }
}
