package org.icldynamics.data;

import java.util.SplittableRandom;
import org.icldynamics.linalg.VectorModule;

/**
 * {@link LinearRegressionTask}'s prompts {@code [from, to)}, drawn one per {@link #next}: the block's standard normals
 * as one {@link Normals#fill} call would draw them (read in runs per prompt through {@link NormalChunks}, same bits),
 * used in the documented order per prompt: {@code w} (d), per context token {@code x_i} (d) and its label noise (1),
 * {@code x_q} (d), the query noise (1). For a diagonal factor the context tokens go straight to the
 * {@link PaddedTokens} asked for, instead of the batch's {@code x} and {@code y} (which keep stale values: the block
 * stays to draw there, {@link PromptBatch#prompts}); otherwise they are written to the batch and copied there.
 */
final class LinearPromptDraw implements PromptDraw {
    private static final boolean TOKEN_LANES = VectorModule.present();

    private final PromptBatch out;
    private final Covariance covariance;
    private final double[] diag;
    private final NormalChunks chunks;
    private final int perPrompt;
    private final int to;
    private final double sw;
    private final double se;
    private final double sq;
    /** {@link DiagonalTokenLanes#noiseOffsets} when whole blocks of tokens go through vectors, else null. */
    private final int[] noiseOffsets;
    private int p;

    LinearPromptDraw(LinearRegressionTask task, PromptBatch out, int from, int to, SplittableRandom rng) {
        this.out = out;
        this.covariance = task.covariance();
        this.diag = covariance.diagonalFactor();
        this.perPrompt = 2 * out.d + out.n * (out.d + 1) + 1;
        this.chunks = new NormalChunks(rng, (to - from) * perPrompt, perPrompt, task.draws());
        this.to = to;
        this.sw = Math.sqrt(task.tau2());
        this.se = Math.sqrt(task.sigma2());
        this.sq = Math.sqrt(task.querySigma2());
        this.noiseOffsets = TOKEN_LANES && diag != null && DiagonalTokenLanes.suits(out.d)
                ? DiagonalTokenLanes.noiseOffsets(out.d) : null;
        this.p = from;
    }

    @Override
    public void next(PaddedTokens tokens) {
        if (p >= to) {
            throw new IllegalStateException("all prompts of this block are drawn");
        }
        if (tokens != null) {
            tokens.requireShapeOf(out);
        }
        int d = out.d;
        int m = out.n;
        double[] g = chunks.values();
        double[] w = out.w;
        int k = chunks.take(perPrompt);
        int wo = p * d;
        for (int j = 0; j < d; j++) {
            w[wo + j] = sw * g[k++];
        }
        if (diag != null) {
            diagonalTokens(g, k, diag, se, out, p, tokens, noiseOffsets);
        } else {
            int xo = out.xIndex(p, 0);
            int yo = out.yIndex(p, 0);
            for (int i = 0; i < m; i++) { // [n, d] tokens: x_i = F g, then w . x_i in ascending j
                int xi = xo + i * d;
                covariance.transform(g, k + i * (d + 1), out.x, xi);
                out.y[yo + i] = LinearSignal.dot(w, wo, out.x, xi, d) + se * g[k + i * (d + 1) + d];
            }
        }
        k += m * (d + 1);
        covariance.transform(g, k, out.xq, p * d);
        k += d;
        double s = LinearSignal.dot(w, wo, out.xq, p * d, d);
        out.signal[p] = s;
        out.yq[p] = s + sq * g[k];
        if (tokens != null) {
            if (diag != null) {
                tokens.query(out, p);
            } else {
                tokens.copy(out, p);
            }
        }
        p++;
    }

    /**
     * Prompt p's context tokens for a diagonal factor {@code F}: {@code x_i = F g_i} (the products of
     * {@link Covariance#transform}) and {@code y_i = w . x_i + se eps_i} with the dot summed in ascending j as in
     * {@link LinearSignal#dot}, written to the batch's {@code x} and {@code y}, or, when {@code tokens} is not null,
     * to its rows and columns only. Four tokens go side by side: four independent sums, each in its own order, so the
     * bits are those of one token at a time without waiting on one chain of dependent adds.
     *
     * <p>When {@code noiseOffsets} is not null and there are no tokens to fill, whole blocks of tokens go through
     * {@link DiagonalTokenLanes} first (the same bits).
     *
     * @param g per token {@code d} normals then the label noise, from {@code k}; not modified
     */
    private static void diagonalTokens(double[] g, int k, double[] diag, double se, PromptBatch out, int p,
                                       PaddedTokens tokens, int[] noiseOffsets) {
        int d = out.d;
        int m = out.n;
        int gs = d + 1;
        int wo = p * d;
        double[] w = out.w;
        // token i's coordinate j at xs[xo + i * xStride + j], its label at ys[yo + i * yStride]; columns or null
        double[] xs = tokens == null ? out.x : tokens.rows;
        double[] ys = tokens == null ? out.y : tokens.rows;
        int xo = tokens == null ? out.xIndex(p, 0) : 0;
        int yo = tokens == null ? out.yIndex(p, 0) : d;
        int xStride = tokens == null ? d : tokens.rowStride;
        int yStride = tokens == null ? 1 : tokens.rowStride;
        double[] cols = tokens == null ? null : tokens.columns;
        int mp = tokens == null ? 0 : tokens.columnStride;
        int i = tokens == null && noiseOffsets != null
                ? DiagonalTokenLanes.write(g, k, diag, se, w, wo, xs, xo, ys, yo, d, m, noiseOffsets) : 0;
        for (; i + 4 <= m; i += 4) { // [n / 4, 4, d]
            int g0 = k + i * gs;
            int x0 = xo + i * xStride;
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
                four(xs, x0 + j, xStride, v0, v1, v2, v3);
                if (cols != null) {
                    four(cols, j * mp + i, 1, v0, v1, v2, v3);
                }
                s0 += wj * v0;
                s1 += wj * v1;
                s2 += wj * v2;
                s3 += wj * v3;
            }
            double y0 = s0 + se * g[g0 + d];
            double y1 = s1 + se * g[g0 + gs + d];
            double y2 = s2 + se * g[g0 + 2 * gs + d];
            double y3 = s3 + se * g[g0 + 3 * gs + d];
            four(ys, yo + i * yStride, yStride, y0, y1, y2, y3);
            if (cols != null) {
                four(cols, d * mp + i, 1, y0, y1, y2, y3);
            }
        }
        for (; i < m; i++) { // [n % 4, d] the last tokens one at a time
            int gi = k + i * gs;
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = diag[j] * g[gi + j];
                xs[xo + i * xStride + j] = v;
                s += w[wo + j] * v;
                if (cols != null) {
                    cols[j * mp + i] = v;
                }
            }
            double v = s + se * g[gi + d];
            ys[yo + i * yStride] = v;
            if (cols != null) {
                cols[d * mp + i] = v;
            }
        }
    }

    /** {@code a[at + t * stride] = v_t} for t = 0..3. */
    private static void four(double[] a, int at, int stride, double v0, double v1, double v2, double v3) {
        a[at] = v0;
        a[at + stride] = v1;
        a[at + 2 * stride] = v2;
        a[at + 3 * stride] = v3;
    }
}
