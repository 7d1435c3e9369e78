package org.icldynamics.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * In-context sparse linear regression (spec sparse-multilayer.md B.1): {@code x ~ N(0, I_d)}; {@code w} has {@code s}
 * non-zero coordinates on a support drawn uniformly among the {@code d choose s} subsets, the non-zeros
 * {@code N(0, scale^2)}; {@code y_i = w^T x_i + eps_i} with {@code eps_i ~ N(0, sigma2)}, the query label carrying
 * the same noise. Fresh prompts on every draw. Excess risk is {@code E[(yhat - w^T x_q)^2]}, measured against
 * {@link PromptBatch#signal}.
 */
public final class SparseRegressionTask implements Task {
    private final Spec spec;
    private final int active;
    private final DrawPrecision draws;

    /**
     * @param d input dimension
     * @param s non-zero coordinates of {@code w}, {@code 1 <= s <= d}
     * @param n context length
     * @param scale std of each non-zero coordinate (reconstruction: the paper's scale is unknown; default 1)
     * @param sigma2 label-noise variance
     */
    public record Spec(int d, int s, int n, double scale, double sigma2) implements TaskSpec {
        public Spec {
            if (d < 1) {
                throw new IllegalArgumentException("sparse task: d must be >= 1, got " + d);
            }
            if (s < 1 || s > d) {
                throw new IllegalArgumentException("sparse task: need 1 <= s <= d, got s=" + s + " d=" + d);
            }
            if (n < 0) {
                throw new IllegalArgumentException("sparse task: n must be >= 0, got " + n);
            }
            if (!(scale >= 0) || !(sigma2 >= 0) || Double.isInfinite(scale) || Double.isInfinite(sigma2)) {
                throw new IllegalArgumentException("sparse task: need finite scale, sigma2 >= 0, got scale=" + scale
                        + " sigma2=" + sigma2);
            }
        }

        /** The defaults of the spec's fallback configuration: scale 1. */
        public static Spec of(int d, int s, int n, double sigma2) {
            return new Spec(d, s, n, 1.0, sigma2);
        }

        /** The task; it holds no random state of its own, so {@code streams} is unused (kept for the registry). */
        @Override
        public Task build(RandomStreams streams) {
            return new SparseRegressionTask(this);
        }
    }

    public SparseRegressionTask(Spec spec) {
        this(spec, spec.d(), DrawPrecision.DOUBLE);
    }

    private SparseRegressionTask(Spec spec, int active, DrawPrecision draws) {
        this.spec = spec;
        this.active = active;
        this.draws = draws;
    }

    @Override
    public DrawPrecision draws() {
        return draws;
    }

    @Override
    public SparseRegressionTask drawnIn(DrawPrecision precision) {
        return new SparseRegressionTask(spec, active, precision);
    }

    /**
     * The same task with only the first {@code activeD} coordinates active (a curriculum stage, Garg et al.): every
     * x and query coordinate from {@code activeD} on is zero and the support is drawn among the active ones, so the
     * prompts are the sparse task at dimension {@code activeD}, zero-padded to {@code d}. The random draws per prompt
     * are the same in number as the full task's; {@code activeD = d} is the task itself.
     *
     * @param activeD in {@code [s, d]}
     */
    public SparseRegressionTask withActiveDimensions(int activeD) {
        if (activeD < spec.s() || activeD > spec.d()) {
            throw new IllegalArgumentException("sparse task: active dimensions must be in [s, d] = [" + spec.s() + ", "
                    + spec.d() + "], got " + activeD);
        }
        return new SparseRegressionTask(spec, activeD, draws);
    }

    /** Number of active coordinates (d unless {@link #withActiveDimensions}). */
    public int activeDimensions() {
        return active;
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public int d() {
        return spec.d();
    }

    @Override
    public int n() {
        return spec.n();
    }

    public int s() {
        return spec.s();
    }

    public double sigma2() {
        return spec.sigma2();
    }

    @Override
    public void fill(PromptBatch out, int from, int to, SplittableRandom rng) {
        int d = out.d;
        if (d != spec.d() || out.outputs != 1) {
            throw new IllegalArgumentException("sparse task has d=" + spec.d() + ", outputs=1; batch has d=" + d
                    + ", outputs=" + out.outputs);
        }
        int m = out.n;
        int s = spec.s();
        int[] perm = new int[d];
        double se = Math.sqrt(spec.sigma2());
        for (int p = from; p < to; p++) {
            int wo = p * d;
            Arrays.fill(out.w, wo, wo + d, 0.0);
            for (int j = 0; j < d; j++) {
                perm[j] = j;
            }
            for (int j = 0; j < s; j++) { // partial Fisher-Yates: perm[0..s) is a uniform s-subset of [0, active)
                int r = j + rng.nextInt(active - j);
                int t = perm[j];
                perm[j] = perm[r];
                perm[r] = t;
            }
            for (int j = 0; j < s; j++) {
                out.w[wo + perm[j]] = spec.scale() * rng.nextGaussian();
            }
            Normals.fill(rng, out.x, out.xIndex(p, 0), m * d, draws); // [n, d]
            for (int i = 0; i < m; i++) {
                Arrays.fill(out.x, out.xIndex(p, i) + active, out.xIndex(p, i) + d, 0.0);
                out.y[out.yIndex(p, i)] = LinearSignal.dot(out.w, wo, out.x, out.xIndex(p, i), d)
                        + se * rng.nextGaussian();
            }
            Normals.fill(rng, out.xq, p * d, d, draws);
            Arrays.fill(out.xq, p * d + active, p * d + d, 0.0);
            double sig = LinearSignal.dot(out.w, wo, out.xq, p * d, d);
            out.signal[p] = sig;
            out.yq[p] = sig + se * rng.nextGaussian();
        }
    }
}
