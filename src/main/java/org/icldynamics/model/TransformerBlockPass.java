package org.icldynamics.model;

import java.util.Arrays;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.linalg.Dense;

/**
 * Forward and hand-written backward of a {@link Transformer} on a block of prompts at once: every token of every
 * prompt in the block is one row of a {@code [R, W]} matrix ({@code R = prompts * T}), so the read-in, the fused
 * query-key-value product, the output projection and the MLP are single register-blocked {@link Dense#gemm} calls on
 * the packed weights of {@link TransformerPacking}; attention runs per prompt and head ({@link BlockedAttention}). The
 * last layer computes only the query rows (a row stride of {@code T}). Same maths as the per-prompt reference
 * {@link TransformerPass}; its buffers ({@link TransformerBlockBuffers}) are allocated once for a (prompt count,
 * token count) and reused.
 */
final class TransformerBlockPass extends TransformerBlockBuffers {
    private int np;                          // prompts in the current block

    TransformerBlockPass(Transformer.Spec spec, TransformerParameters pl, TransformerPacking pk, int n, int capacity) {
        super(spec, pl, pk, n, capacity);
    }

    /**
     * Rows a layer must output: all, or only each prompt's query in the last layer when only the query is scored.
     * {first row, stride, count}.
     */
    private int[] outRows(int l) {
        return queryOnly(l) ? new int[] {tokens - 1, tokens, np} : new int[] {0, 1, np * tokens};
    }

    private boolean queryOnly(int l) {
        return l == pl.layers - 1 && scored == 1;
    }

    private double[] attentionInput(int l) {
        return spec.norm() == Transformer.Norm.PRE ? a[l] : x[l];
    }

    private double[] afterAttention(int l) {
        return spec.norm() == Transformer.Norm.POST ? hMid[l] : s1[l];
    }

    private double[] mlpInput(int l) {
        return spec.norm() == Transformer.Norm.PRE ? mIn[l] : afterAttention(l);
    }

    /**
     * Forward of prompts {@code [from, from + count)}.
     *
     * @param pp packed parameters, not modified
     * @param yhat {@code [count, P, outputs]}, overwritten with the predictions at the scored positions (query last)
     */
    void forward(PromptBatch batch, int from, int count, double[] pp, HeadGates mask, double[] yhat) {
        np = count;
        int t = tokens;
        int din = pl.din;
        int rows = np * t;
        for (int p = 0; p < np; p++) { // [np, T, D]
            spec.layout().tokens(batch, from + p, tokenBuf);
            System.arraycopy(tokenBuf, 0, z, p * t * din, t * din);
        }
        Dense.gemmFrom(z, 0, din, pp, pk.embed, w, pp, pk.embedBias, 0, x[0], 0, w, rows, din, w); // [R, W]
        for (int l = 0; l < pl.layers; l++) {
            layerForward(l, batch.n, pp, mask);
        }
        double[] last = x[pl.layers];
        for (int p = 0; p < np; p++) { // [np, P, W]
            for (int j = 0; j < scored; j++) {
                int qr = p * t + scoredRow[j];
                int hr = (p * scored + j) * w;
                if (pl.hasFinalNorm) {
                    LayerNorm.forward(last, qr, 1, w, pp, pk.finalNorm, spec.lnEpsilon(), fout, fmean, frstd);
                    System.arraycopy(fout, qr * w, hf, hr, w);
                } else {
                    System.arraycopy(last, qr * w, hf, hr, w);
                }
            }
        }
        int outs = pl.outputs;
        int hr = np * scored;
        // [np * P, outputs]
        Dense.gemmFrom(hf, 0, w, pp, pk.readout, outs, pp, pk.readoutBias, 0, yhat, 0, outs, hr, w, outs);
    }

    private void layerForward(int l, int n, double[] pp, HeadGates mask) {
        int t = tokens;
        int rows = np * t;
        int[] or = outRows(l);
        int f = or[0];
        int st = or[1];
        int cnt = or[2];
        double eps = spec.lnEpsilon();
        Transformer.Norm norm = spec.norm();
        if (norm == Transformer.Norm.PRE) {
            LayerNorm.forward(x[l], 0, rows, w, pp, pk.ln1[l], eps, a[l], mean1[l], rstd1[l]);
        }
        double[] ain = attentionInput(l);
        Dense.gemmFrom(ain, 0, w, pp, pk.qkv[l], 3 * hk, null, 0, 0, qkv[l], 0, 3 * hk, rows, w, 3 * hk); // [R, 3HK]
        int first = queryOnly(l) ? t - 1 : 0;
        for (int p = 0; p < np; p++) { // [np, H, T, T]
            for (int h = 0; h < pl.heads; h++) {
                double gate = mask == null ? 1.0 : mask.gate(l, h);
                int oo = p * t * hk + h * pl.dk;
                if (gate == 0) {
                    for (int r = first; r < t; r++) { // [T, dk]: the replacement output (zeros without fill)
                        for (int k = 0; k < pl.dk; k++) {
                            og[l][oo + r * hk + k] = mask.fill(l, h, r * pl.dk + k);
                        }
                    }
                    continue;
                }
                int c = h * pl.dk;
                att.forward(first, n, qkv[l], p * t * 3 * hk, 3 * hk, c, hk + c, 2 * hk + c, probs[l],
                        (p * pl.heads + h) * t * t, og[l], oo, hk);
                if (gate != 1.0) {
                    for (int r = first; r < t; r++) { // [T, dk]
                        for (int k = 0; k < pl.dk; k++) {
                            int i = oo + r * hk + k;
                            og[l][i] = gate * og[l][i] + mask.fill(l, h, r * pl.dk + k);
                        }
                    }
                }
            }
        }
        Dense.gemmFrom(og[l], f * hk, st * hk, pp, pk.o[l], w, x[l], f * w, st * w, s1[l], f * w, st * w, cnt, hk,
                w); // [cnt, W] = residual + og Wo
        if (norm == Transformer.Norm.POST) {
            StridedRows.layerNorm(s1[l], f, st, cnt, w, pp, pk.ln1[l], spec.lnEpsilon(), hMid[l], mean1[l],
                    rstd1[l]);
        }
        double[] hm = afterAttention(l);
        if (m == 0) {
            StridedRows.copy(hm, x[l + 1], f, st, cnt, w);
            return;
        }
        if (norm == Transformer.Norm.PRE) {
            StridedRows.layerNorm(hm, f, st, cnt, w, pp, pk.ln2[l], spec.lnEpsilon(), mIn[l], mean2[l], rstd2[l]);
        }
        double[] min = mlpInput(l);
        Dense.gemmFrom(min, f * w, st * w, pp, pk.mlpIn[l], m, pp, pk.mlpInBias[l], 0, u[l], f * m, st * m, cnt, w,
                m); // [cnt, M]
        for (int i = 0; i < cnt; i++) {
            Activations.forward(spec.mlp(), u[l], g[l], th[l], (f + i * st) * m, m);
        }
        double[] out = norm == Transformer.Norm.POST ? s2[l] : x[l + 1];
        for (int i = 0; i < cnt; i++) { // [cnt, W]
            int r = (f + i * st) * w;
            for (int c = 0; c < w; c++) {
                out[r + c] = hm[r + c] + pp[pk.mlpOutBias[l] + c];
            }
        }
        Dense.gemm(g[l], f * m, st * m, pp, pk.mlpOut[l], w, out, f * w, st * w, cnt, m, w); // [cnt, W]
        if (norm == Transformer.Norm.POST) {
            StridedRows.layerNorm(s2[l], f, st, cnt, w, pp, pk.ln2[l], spec.lnEpsilon(), x[l + 1], mean2[l],
                    rstd2[l]);
        }
    }

    /**
     * Backward of the last {@link #forward}: accumulates the gradient of {@code sum_{p,j,o} dyhat[p, j, o] yhat[p, j, o]}.
     *
     * @param pt transposed weights ({@link TransformerPacking#pack}), not modified
     * @param dyhat {@code [count, P, outputs]}, not modified
     * @param gp gradient in the packed layout, accumulated into
     */
    void backward(int n, double[] pp, double[] pt, HeadGates mask, double[] dyhat, double[] gp) {
        int t = tokens;
        int rows = np * t;
        int outs = pl.outputs;
        int hr = np * scored;
        Dense.gemmTransA(hf, 0, w, dyhat, 0, outs, gp, pk.readout, outs, w, hr, outs); // dW [W, outputs]
        Dense.addColumnSums(dyhat, 0, outs, hr, outs, gp, pk.readoutBias);
        Arrays.fill(dHf, 0, hr * w, 0.0);
        for (int p = 0; p < hr; p++) { // dHf = dyhat W^T, [np * P, W]
            for (int c = 0; c < w; c++) {
                double s = 0;
                for (int o = 0; o < outs; o++) {
                    s = Math.fma(dyhat[p * outs + o], pp[pk.readout + c * outs + o], s);
                }
                dHf[p * w + c] = s;
            }
        }
        Arrays.fill(dA, 0, rows * w, 0.0);
        for (int p = 0; p < np; p++) { // [np, P, W]
            for (int j = 0; j < scored; j++) {
                int qr = p * t + scoredRow[j];
                int dr = (p * scored + j) * w;
                if (pl.hasFinalNorm) {
                    System.arraycopy(dHf, dr, fout, qr * w, w); // fout reused as the upstream gradient row
                    LayerNorm.backward(x[pl.layers], qr, 1, w, pp, pk.finalNorm, fmean, frstd, fout, gp, dA);
                } else {
                    System.arraycopy(dHf, dr, dA, qr * w, w);
                }
            }
        }
        double[] dCur = dA;
        double[] dPrev = dB;
        for (int l = pl.layers - 1; l >= 0; l--) {
            layerBackward(l, n, pp, pt, mask, dCur, dPrev, gp);
            double[] tmp = dCur;
            dCur = dPrev;
            dPrev = tmp;
        }
        Dense.gemmTransA(z, 0, pl.din, dCur, 0, w, gp, pk.embed, w, pl.din, rows, w); // [D, W]
        Dense.addColumnSums(dCur, 0, w, rows, w, gp, pk.embedBias);
    }

    /** Gradient {@code dY} of layer {@code l}'s output (non-zero on its output rows) to {@code dX} (overwritten). */
    private void layerBackward(int l, int n, double[] pp, double[] pt, HeadGates mask, double[] dY, double[] dX,
                               double[] gp) {
        int t = tokens;
        int rows = np * t;
        int rw = rows * w;
        int[] or = outRows(l);
        int f = or[0];
        int st = or[1];
        int cnt = or[2];
        Transformer.Norm norm = spec.norm();
        double[] hm = afterAttention(l);
        double[] dh;
        if (m > 0) {
            double[] d2 = dY;
            if (norm == Transformer.Norm.POST) {
                Arrays.fill(ds2, 0, rw, 0.0);
                StridedRows.layerNormBackward(s2[l], f, st, cnt, w, pp, pk.ln2[l], mean2[l], rstd2[l], dY, gp, ds2);
                d2 = ds2;
            }
            System.arraycopy(d2, 0, dHm, 0, rw);
            dh = dHm;
            Dense.addColumnSums(d2, f * w, st * w, cnt, w, gp, pk.mlpOutBias[l]);
            Dense.gemmTransA(g[l], f * m, st * m, d2, f * w, st * w, gp, pk.mlpOut[l], w, m, cnt, w); // [M, W]
            // [cnt, M]
            Dense.gemmFrom(d2, f * w, st * w, pt, pk.mlpOutT[l], m, null, 0, 0, dg, f * m, st * m, cnt, w, m);
            for (int i = 0; i < cnt; i++) {
                Activations.backwardFromTanh(spec.mlp(), u[l], th[l], dg, du, (f + i * st) * m, m);
            }
            double[] min = mlpInput(l);
            Dense.addColumnSums(du, f * m, st * m, cnt, m, gp, pk.mlpInBias[l]);
            Dense.gemmTransA(min, f * w, st * w, du, f * m, st * m, gp, pk.mlpIn[l], m, w, cnt, m); // [W, M]
            if (norm == Transformer.Norm.PRE) {
                // [cnt, W]
                Dense.gemmFrom(du, f * m, st * m, pt, pk.mlpInT[l], w, null, 0, 0, dm, f * w, st * w, cnt, m, w);
                StridedRows.layerNormBackward(hm, f, st, cnt, w, pp, pk.ln2[l], mean2[l], rstd2[l], dm, gp, dHm);
            } else {
                Dense.gemm(du, f * m, st * m, pt, pk.mlpInT[l], w, dHm, f * w, st * w, cnt, m, w);
            }
        } else {
            dh = dY;
        }
        double[] d1 = dh;
        if (norm == Transformer.Norm.POST) {
            Arrays.fill(ds1, 0, rw, 0.0);
            StridedRows.layerNormBackward(s1[l], f, st, cnt, w, pp, pk.ln1[l], mean1[l], rstd1[l], dh, gp, ds1);
            d1 = ds1;
        }
        Dense.gemmTransA(og[l], f * hk, st * hk, d1, f * w, st * w, gp, pk.o[l], w, hk, cnt, w); // [HK, W]
        Dense.gemmFrom(d1, f * w, st * w, pt, pk.oT[l], hk, null, 0, 0, dog, f * hk, st * hk, cnt, w, hk); // [cnt, HK]
        Arrays.fill(dqkv, 0, rows * 3 * hk, 0.0);
        int first = queryOnly(l) ? t - 1 : 0;
        for (int p = 0; p < np; p++) { // [np, H, T, T]
            for (int h = 0; h < pl.heads; h++) {
                double gate = mask == null ? 1.0 : mask.gate(l, h);
                if (gate == 0) {
                    continue;
                }
                int oo = p * t * hk + h * pl.dk;
                if (gate != 1.0) {
                    for (int r = first; r < t; r++) {
                        for (int k = 0; k < pl.dk; k++) {
                            dog[oo + r * hk + k] *= gate;
                        }
                    }
                }
                int c = h * pl.dk;
                att.backward(first, n, qkv[l], p * t * 3 * hk, 3 * hk, c, hk + c, 2 * hk + c, probs[l],
                        (p * pl.heads + h) * t * t, dog, oo, hk, dqkv);
            }
        }
        double[] ain = attentionInput(l);
        Dense.gemmTransA(ain, 0, w, dqkv, 0, 3 * hk, gp, pk.qkv[l], 3 * hk, w, rows, 3 * hk); // [W, 3HK]
        System.arraycopy(d1, 0, dX, 0, rw);
        if (norm == Transformer.Norm.PRE) {
            Dense.gemmFrom(dqkv, 0, 3 * hk, pt, pk.qkvT[l], w, null, 0, 0, da, 0, w, rows, 3 * hk, w); // [R, W]
            LayerNorm.backward(x[l], 0, rows, w, pp, pk.ln1[l], mean1[l], rstd1[l], da, gp, dX);
        } else {
            Dense.gemm(dqkv, 0, 3 * hk, pt, pk.qkvT[l], w, dX, 0, w, rows, 3 * hk, w);
        }
    }

    /**
     * Adds every prompt's head outputs of the last {@link #forward} (run without a mask) to {@code sum}, rows the
     * layer computed only (the last layer's query row when only the query is scored).
     *
     * @param sum {@code [L][H][T * dk]}, accumulated into
     */
    void addHeadOutputs(double[][][] sum) {
        int t = tokens;
        for (int l = 0; l < pl.layers; l++) {
            int first = queryOnly(l) ? t - 1 : 0;
            for (int p = 0; p < np; p++) { // [np, H, T, dk]
                for (int h = 0; h < pl.heads; h++) {
                    int oo = p * t * hk + h * pl.dk;
                    for (int r = first; r < t; r++) {
                        for (int k = 0; k < pl.dk; k++) {
                            sum[l][h][r * pl.dk + k] += og[l][oo + r * hk + k];
                        }
                    }
                }
            }
        }
    }

    /** Copies each prompt's query state after each layer ({@code x[0]} = embedding) into {@code out[l]} at row {@code at}. */
    void queryStates(double[][] out, int at) {
        int t = tokens;
        for (int p = 0; p < np; p++) {
            int qr = (p * t + t - 1) * w;
            for (int l = 0; l <= pl.layers; l++) {
                System.arraycopy(x[l], qr, out[l], (at + p) * w, w);
            }
        }
    }
}
