package org.icldynamics.model;

/**
 * The workspace of a {@link TransformerBlockPass}: the packed weights it reads and every activation and gradient
 * buffer of one block of prompts (rows {@code R = capacity * T}), allocated once for a (prompt count, token count)
 * and reused; shapes in the comments. The pass's forward and backward fill and read these buffers.
 */
abstract class TransformerBlockBuffers {
    final Transformer.Spec spec;
    final TransformerParameters pl;
    final TransformerPacking pk;
    final BlockedAttention att;
    final int tokens;
    final int capacity;
    final int w;
    final int hk;
    final int m;
    final double[] z;                // [R, D]
    final double[][] x;              // [L + 1][R, W] layer inputs; x[L] is the stack's output
    final double[][] a;              // [L][R, W] pre-LN attention input (PRE only)
    final double[][] qkv;            // [L][R, 3HK]
    final double[][] probs;          // [L][prompts, H, T, T]
    final double[][] og;             // [L][R, HK] gated head outputs
    final double[][] s1;             // [L][R, W]
    final double[][] hMid;           // [L][R, W] (POST only)
    final double[][] mIn;            // [L][R, W] (PRE only)
    final double[][] u;              // [L][R, M]
    final double[][] g;              // [L][R, M]
    final double[][] th;             // [L][R, M] GELU's tanh term, kept for the backward
    final double[][] s2;             // [L][R, W] (POST only)
    final double[][] mean1, rstd1, mean2, rstd2; // [L][R]
    final double[] fmean, frstd, fout; // [R], [R], [R, W]
    final int scored;                // P scored positions per prompt (1: the query)
    final int[] scoredRow;           // [P] their token rows
    final double[] hf;               // [prompts, P, W] final states of the scored rows
    final double[] dA, dB, ds2, dHm, ds1, dm, da; // [R, W]
    final double[] dg, du;           // [R, M]
    final double[] dog;              // [R, HK]
    final double[] dqkv;             // [R, 3HK]
    final double[] dHf;              // [prompts, P, W]
    final double[] tokenBuf;         // [T, D]

    TransformerBlockBuffers(Transformer.Spec spec, TransformerParameters pl, TransformerPacking pk, int n, int capacity) {
        this.spec = spec;
        this.pl = pl;
        this.pk = pk;
        this.tokens = spec.layout().tokens(n);
        this.capacity = capacity;
        this.w = pl.width;
        this.hk = pl.heads * pl.dk;
        this.m = pl.hasMlp ? pl.mlpWidth : 0;
        this.att = new BlockedAttention(spec, tokens, pl.dk);
        int r = capacity * tokens;
        int layers = pl.layers;
        boolean pre = spec.norm() == Transformer.Norm.PRE;
        boolean post = spec.norm() == Transformer.Norm.POST;
        z = new double[r * pl.din];
        x = new double[layers + 1][r * w];
        a = new double[layers][pre ? r * w : 0];
        qkv = new double[layers][r * 3 * hk];
        probs = new double[layers][capacity * pl.heads * tokens * tokens];
        og = new double[layers][r * hk];
        s1 = new double[layers][r * w];
        hMid = new double[layers][post ? r * w : 0];
        mIn = new double[layers][pre && m > 0 ? r * w : 0];
        u = new double[layers][r * m];
        g = new double[layers][r * m];
        th = new double[layers][spec.mlp() == Transformer.Activation.GELU ? r * m : 0];
        s2 = new double[layers][post && m > 0 ? r * w : 0];
        mean1 = new double[layers][r];
        rstd1 = new double[layers][r];
        mean2 = new double[layers][r];
        rstd2 = new double[layers][r];
        fmean = new double[r];
        frstd = new double[r];
        fout = new double[r * w];
        scored = spec.scoredPositions(n);
        scoredRow = new int[scored];
        for (int j = 0; j < scored; j++) {
            scoredRow[j] = spec.scoredRow(j, n);
        }
        hf = new double[capacity * scored * w];
        dA = new double[r * w];
        dB = new double[r * w];
        ds2 = new double[r * w];
        dHm = new double[r * w];
        ds1 = new double[r * w];
        dm = new double[r * w];
        da = new double[r * w];
        dg = new double[r * m];
        du = new double[r * m];
        dog = new double[r * hk];
        dqkv = new double[r * 3 * hk];
        dHf = new double[capacity * scored * w];
        tokenBuf = new double[tokens * pl.din];
    }
}
