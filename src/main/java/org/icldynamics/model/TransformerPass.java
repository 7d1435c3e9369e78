package org.icldynamics.model;

import java.util.Arrays;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.linalg.Dense;

/**
 * Forward and hand-written backward of a {@link Transformer} on one prompt, llm.c style: every op's backward mirrors
 * its forward in reverse order. All buffers are allocated once for a token count and reused (one pass per block of
 * prompts, so the hot loop allocates nothing). Shapes: {@code T} tokens, width {@code W}, {@code HK = heads * dk},
 * MLP width {@code M}.
 */
final class TransformerPass {
    private final Transformer.Spec spec;
    private final TransformerParameters pl;
    private final AttentionCore core;
    final int tokens;
    private final int w;
    private final int hk;
    private final int m;
    private final double[] z;              // [T, D]
    final double[][] x0;                   // [L + 1][T, W] layer inputs; x0[L] is the stack's output
    private final double[][] a;            // [L][T, W] attention input
    private final double[][] q;            // [L][T, HK]
    private final double[][] k;
    private final double[][] v;
    private final double[][] og;           // [L][T, HK] gated head outputs
    private final double[][] probs;        // [L][H, T, T]
    private final double[][] s1;           // [L][T, W] residual after attention (pre-LN input for post-LN)
    private final double[][] hMid;         // [L][T, W]
    private final double[][] mIn;          // [L][T, W] MLP input
    private final double[][] u;            // [L][T, M]
    private final double[][] g;            // [L][T, M]
    private final double[][] s2;           // [L][T, W]
    private final double[][] mean1, rstd1, mean2, rstd2; // [L][T]
    private final int scored;              // P scored positions (1: the query)
    private final int[] scoredRow;         // [P] their token rows
    private final double[] hf;             // [P, W] final states of the scored rows
    private final double[] fmean, frstd, fout; // [T], [T], [T, W]
    private final double[] dOut, dNext, ds2, dHmid, ds1, dm, da, dHf; // [T, W] (dHf: [P, W])
    private final double[] dgBuf, du;      // [T, M]
    private final double[] dog, dq, dkk, dv; // [T, HK]
    private final double[] scratch;        // [T]

    TransformerPass(Transformer.Spec spec, TransformerParameters pl, int n) {
        this.spec = spec;
        this.pl = pl;
        this.tokens = spec.layout().tokens(n);
        this.w = pl.width;
        this.hk = pl.heads * pl.dk;
        this.m = pl.hasMlp ? pl.mlpWidth : 0;
        this.core = new AttentionCore(spec.scores(), spec.normalisation(), spec.softmaxTemperature(), spec.layout());
        int t = tokens;
        int layers = pl.layers;
        z = new double[t * pl.din];
        x0 = new double[layers + 1][t * w];
        a = new double[layers][t * w];
        q = new double[layers][t * hk];
        k = new double[layers][t * hk];
        v = new double[layers][t * hk];
        og = new double[layers][t * hk];
        probs = new double[layers][pl.heads * t * t];
        s1 = new double[layers][t * w];
        hMid = new double[layers][t * w];
        mIn = new double[layers][t * w];
        u = new double[layers][t * m];
        g = new double[layers][t * m];
        s2 = new double[layers][t * w];
        mean1 = new double[layers][t];
        rstd1 = new double[layers][t];
        mean2 = new double[layers][t];
        rstd2 = new double[layers][t];
        fmean = new double[t];
        frstd = new double[t];
        fout = new double[t * w];
        scored = spec.scoredPositions(n);
        scoredRow = new int[scored];
        for (int j = 0; j < scored; j++) {
            scoredRow[j] = spec.scoredRow(j, n);
        }
        hf = new double[scored * w];
        dOut = new double[t * w];
        dNext = new double[t * w];
        ds2 = new double[t * w];
        dHmid = new double[t * w];
        ds1 = new double[t * w];
        dm = new double[t * w];
        da = new double[t * w];
        dHf = new double[scored * w];
        dgBuf = new double[t * m];
        du = new double[t * m];
        dog = new double[t * hk];
        dq = new double[t * hk];
        dkk = new double[t * hk];
        dv = new double[t * hk];
        scratch = new double[t];
    }

    /**
     * Runs prompt {@code p} forward.
     *
     * @param batch not modified
     * @param par parameters, not modified
     * @param yhat {@code [P, outputs]} from {@code yo}, overwritten with the predictions at the scored positions
     *     (the query last)
     */
    void forward(PromptBatch batch, int p, double[] par, HeadGates mask, double[] yhat, int yo) {
        int t = tokens;
        int n = batch.n;
        spec.layout().tokens(batch, p, z);
        Dense.forward(z, 0, pl.din, t, pl.din, par, pl.embed, w, par, pl.embedBias, x0[0], 0, w); // [T, W]
        for (int l = 0; l < pl.layers; l++) {
            layerForward(l, n, par, mask);
        }
        for (int j = 0; j < scored; j++) { // [P, W]
            int r = scoredRow[j];
            if (pl.hasFinalNorm) {
                LayerNorm.forward(x0[pl.layers], r, 1, w, par, pl.lnf, spec.lnEpsilon(), fout, fmean, frstd);
                System.arraycopy(fout, r * w, hf, j * w, w);
            } else {
                System.arraycopy(x0[pl.layers], r * w, hf, j * w, w);
            }
        }
        Dense.forward(hf, 0, w, scored, w, par, pl.readout, pl.outputs, par, pl.readoutBias, yhat, yo,
                pl.outputs); // [P, outputs]
    }

    /**
     * First row a layer must output: only the query in the last layer when only the query is scored (nothing reads
     * the other rows); every row otherwise.
     */
    private int firstRow(int l) {
        return l == pl.layers - 1 && scored == 1 ? tokens - 1 : 0;
    }

    private void layerForward(int l, int n, double[] par, HeadGates mask) {
        int t = tokens;
        int r0 = firstRow(l);
        int nr = t - r0;
        double eps = spec.lnEpsilon();
        Transformer.Norm norm = spec.norm();
        if (norm == Transformer.Norm.PRE) {
            LayerNorm.forward(x0[l], 0, t, w, par, pl.ln1[l], eps, a[l], mean1[l], rstd1[l]);
        } else {
            System.arraycopy(x0[l], 0, a[l], 0, t * w);
        }
        System.arraycopy(x0[l], r0 * w, s1[l], r0 * w, nr * w);
        for (int h = 0; h < pl.heads; h++) { // [T, W] x [W, dk] per head
            double gate = mask == null ? 1.0 : mask.gate(l, h);
            int col = h * pl.dk;
            if (gate == 0) {
                for (int r = r0; r < t; r++) { // [T, dk]: the replacement output (zeros without fill)
                    for (int c = 0; c < pl.dk; c++) {
                        og[l][r * hk + col + c] = mask.fill(l, h, r * pl.dk + c);
                    }
                }
                if (!mask.hasFill(l, h)) {
                    continue;
                }
            } else {
                Dense.forward(a[l], r0 * w, w, nr, w, par, pl.q[l][h], pl.dk, null, 0, q[l], r0 * hk + col, hk);
                Dense.forward(a[l], 0, w, t, w, par, pl.k[l][h], pl.dk, null, 0, k[l], col, hk);
                Dense.forward(a[l], 0, w, t, w, par, pl.v[l][h], pl.dk, null, 0, v[l], col, hk);
                core.forward(r0, t, n, pl.dk, hk, col, q[l], k[l], v[l], probs[l], h * t * t, og[l]);
            }
            if (gate != 1.0 && gate != 0) {
                for (int r = r0; r < t; r++) { // [T, dk]
                    for (int c = 0; c < pl.dk; c++) {
                        int i = r * hk + col + c;
                        og[l][i] = gate * og[l][i] + mask.fill(l, h, r * pl.dk + c);
                    }
                }
            }
            Dense.forwardAdd(og[l], r0 * hk + col, hk, nr, pl.dk, par, pl.o[l][h], w, s1[l], r0 * w, w); // [T, W]
        }
        if (norm == Transformer.Norm.POST) {
            LayerNorm.forward(s1[l], r0, nr, w, par, pl.ln1[l], eps, hMid[l], mean1[l], rstd1[l]);
        } else {
            System.arraycopy(s1[l], r0 * w, hMid[l], r0 * w, nr * w);
        }
        if (!pl.hasMlp) {
            System.arraycopy(hMid[l], r0 * w, x0[l + 1], r0 * w, nr * w);
            return;
        }
        if (norm == Transformer.Norm.PRE) {
            LayerNorm.forward(hMid[l], r0, nr, w, par, pl.ln2[l], eps, mIn[l], mean2[l], rstd2[l]);
        } else {
            System.arraycopy(hMid[l], r0 * w, mIn[l], r0 * w, nr * w);
        }
        Dense.forward(mIn[l], r0 * w, w, nr, w, par, pl.mlpIn[l], m, par, pl.mlpInBias[l], u[l], r0 * m, m); // [T, M]
        Activations.forward(spec.mlp(), u[l], g[l], r0 * m, nr * m);
        System.arraycopy(hMid[l], r0 * w, s2[l], r0 * w, nr * w);
        Dense.forwardAdd(g[l], r0 * m, m, nr, m, par, pl.mlpOut[l], w, s2[l], r0 * w, w); // [T, W]
        for (int r = r0; r < t; r++) {
            for (int c = 0; c < w; c++) {
                s2[l][r * w + c] += par[pl.mlpOutBias[l] + c];
            }
        }
        if (norm == Transformer.Norm.POST) {
            LayerNorm.forward(s2[l], r0, nr, w, par, pl.ln2[l], eps, x0[l + 1], mean2[l], rstd2[l]);
        } else {
            System.arraycopy(s2[l], r0 * w, x0[l + 1], r0 * w, nr * w);
        }
    }

    /**
     * Backward of the last {@link #forward}: accumulates the gradient of {@code sum_{j,o} dyhat[j, o] yhat[j, o]}.
     *
     * @param dyhat {@code [P, outputs]} from {@code yo}, not modified
     * @param grad same layout as the parameters, accumulated into
     */
    void backward(int n, double[] par, HeadGates mask, double[] dyhat, int yo, double[] grad) {
        int t = tokens;
        Arrays.fill(dHf, 0.0);
        Dense.backward(hf, 0, w, scored, w, par, pl.readout, pl.outputs, dyhat, yo, pl.outputs, grad, grad,
                pl.readoutBias, dHf, 0); // [P, W]
        Arrays.fill(dOut, 0.0);
        for (int j = 0; j < scored; j++) {
            int r = scoredRow[j];
            if (pl.hasFinalNorm) {
                System.arraycopy(dHf, j * w, fout, r * w, w); // fout reused as the upstream gradient row
                LayerNorm.backward(x0[pl.layers], r, 1, w, par, pl.lnf, fmean, frstd, fout, grad, dOut);
            } else {
                System.arraycopy(dHf, j * w, dOut, r * w, w);
            }
        }
        double[] dCur = dOut;
        double[] dPrev = dNext;
        for (int l = pl.layers - 1; l >= 0; l--) {
            layerBackward(l, n, par, mask, dCur, dPrev, grad);
            double[] tmp = dCur;
            dCur = dPrev;
            dPrev = tmp;
        }
        Dense.backward(z, 0, pl.din, t, pl.din, par, pl.embed, w, dCur, 0, w, grad, grad, pl.embedBias, null, 0);
    }

    /** Gradient {@code dY} of layer {@code l}'s output to {@code dX} of its input (overwritten). */
    private void layerBackward(int l, int n, double[] par, HeadGates mask, double[] dY, double[] dX, double[] grad) {
        int t = tokens;
        int r0 = firstRow(l); // dY is zero above r0
        int nr = t - r0;
        int tw = t * w;
        Transformer.Norm norm = spec.norm();
        if (pl.hasMlp) {
            Arrays.fill(ds2, 0, tw, 0.0);
            if (norm == Transformer.Norm.POST) {
                LayerNorm.backward(s2[l], r0, nr, w, par, pl.ln2[l], mean2[l], rstd2[l], dY, grad, ds2);
            } else {
                System.arraycopy(dY, 0, ds2, 0, tw);
            }
            System.arraycopy(ds2, 0, dHmid, 0, tw);
            for (int r = r0; r < t; r++) { // [T, W]
                for (int c = 0; c < w; c++) {
                    grad[pl.mlpOutBias[l] + c] += ds2[r * w + c];
                }
            }
            Arrays.fill(dgBuf, 0.0);
            Dense.backward(g[l], r0 * m, m, nr, m, par, pl.mlpOut[l], w, ds2, r0 * w, w, grad, null, 0, dgBuf, r0 * m);
            Activations.backward(spec.mlp(), u[l], dgBuf, du, r0 * m, nr * m);
            Arrays.fill(dm, 0.0);
            Dense.backward(mIn[l], r0 * w, w, nr, w, par, pl.mlpIn[l], m, du, r0 * m, m, grad, grad, pl.mlpInBias[l],
                    dm, r0 * w);
            if (norm == Transformer.Norm.PRE) {
                LayerNorm.backward(hMid[l], r0, nr, w, par, pl.ln2[l], mean2[l], rstd2[l], dm, grad, dHmid);
            } else {
                for (int i = 0; i < tw; i++) {
                    dHmid[i] += dm[i];
                }
            }
        } else {
            System.arraycopy(dY, 0, dHmid, 0, tw);
        }
        Arrays.fill(ds1, 0.0);
        if (norm == Transformer.Norm.POST) {
            LayerNorm.backward(s1[l], r0, nr, w, par, pl.ln1[l], mean1[l], rstd1[l], dHmid, grad, ds1);
        } else {
            System.arraycopy(dHmid, 0, ds1, 0, tw);
        }
        System.arraycopy(ds1, 0, dX, 0, tw);
        Arrays.fill(da, 0.0);
        Arrays.fill(dq, 0.0);
        Arrays.fill(dkk, 0.0);
        Arrays.fill(dv, 0.0);
        for (int h = 0; h < pl.heads; h++) { // per head: [T, dk] <- [T, W]
            double gate = mask == null ? 1.0 : mask.gate(l, h);
            int col = h * pl.dk;
            if (gate == 0) {
                if (mask.hasFill(l, h)) { // the constant replacement still feeds the output projection
                    Dense.backward(og[l], r0 * hk + col, hk, nr, pl.dk, par, pl.o[l][h], w, ds1, r0 * w, w, grad,
                            null, 0, null, 0);
                }
                continue;
            }
            for (int r = 0; r < t; r++) {
                Arrays.fill(dog, r * hk + col, r * hk + col + pl.dk, 0.0);
            }
            Dense.backward(og[l], r0 * hk + col, hk, nr, pl.dk, par, pl.o[l][h], w, ds1, r0 * w, w, grad, null, 0,
                    dog, r0 * hk + col);
            if (gate != 1.0) {
                for (int r = r0; r < t; r++) {
                    for (int c = 0; c < pl.dk; c++) {
                        dog[r * hk + col + c] *= gate;
                    }
                }
            }
            core.backward(r0, t, n, pl.dk, hk, col, q[l], k[l], v[l], probs[l], h * t * t, dog, dq, dkk, dv, scratch);
            Dense.backward(a[l], r0 * w, w, nr, w, par, pl.q[l][h], pl.dk, dq, r0 * hk + col, hk, grad, null, 0, da,
                    r0 * w);
            Dense.backward(a[l], 0, w, t, w, par, pl.k[l][h], pl.dk, dkk, col, hk, grad, null, 0, da, 0);
            Dense.backward(a[l], 0, w, t, w, par, pl.v[l][h], pl.dk, dv, col, hk, grad, null, 0, da, 0);
        }
        if (norm == Transformer.Norm.PRE) {
            LayerNorm.backward(x0[l], 0, t, w, par, pl.ln1[l], mean1[l], rstd1[l], da, grad, dX);
        } else {
            for (int i = 0; i < tw; i++) {
                dX[i] += da[i];
            }
        }
    }

    /** Copies the query token's state after each layer ({@code x0[0]} = embedding) into {@code out[l]} at {@code at}. */
    void queryStates(double[][] out, int at) {
        int qr = (tokens - 1) * w;
        for (int l = 0; l <= pl.layers; l++) {
            System.arraycopy(x0[l], qr, out[l], at, w);
        }
    }
}
