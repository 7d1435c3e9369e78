package org.icldynamics.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Offsets of every named block of a {@link Transformer}'s flat parameter vector. Weights are stored
 * {@code [in, out]} ({@code y = x W}). Names: {@code embed.weight [D, W]}, {@code embed.bias [W]},
 * {@code layer{l}.ln1.gain/bias [W]}, {@code layer{l}.head{h}.q/k/v [W, dk]}, {@code layer{l}.head{h}.o [dk, W]},
 * {@code layer{l}.ln2.gain/bias [W]}, {@code layer{l}.mlp.in [W, M]}, {@code layer{l}.mlp.inBias [M]},
 * {@code layer{l}.mlp.out [M, W]}, {@code layer{l}.mlp.outBias [W]}, {@code lnf.gain/bias [W]},
 * {@code readout.weight [W, outputs]}, {@code readout.bias [outputs]}. LayerNorm blocks exist only when the
 * spec's norm uses them (ln2 only with an MLP, lnf only for pre-LN). Each block carries how it starts
 * ({@link Init}).
 */
final class TransformerParameters {
    /** How a block is initialised; {@code s} = the spec's initScale. */
    enum Init {
        /** Weights {@code [in, out]}: every entry N(0, s^2 / in). */
        FAN_IN_GAUSSIAN,
        /** LayerNorm gains: 1. */
        ONES,
        /** Biases: 0. */
        ZEROS
    }

    /** A named block and how it is initialised. */
    record Block(ParameterBlock block, Init init) {
    }

    final int din;
    final int outputs;
    final int width;
    final int heads;
    final int dk;
    final int mlpWidth;
    final int layers;
    final boolean hasMlp;
    final boolean hasNorm;
    final boolean hasFinalNorm;
    final int embed;
    final int embedBias;
    final int[] ln1;
    final int[][] q;
    final int[][] k;
    final int[][] v;
    final int[][] o;
    final int[] ln2;
    final int[] mlpIn;
    final int[] mlpInBias;
    final int[] mlpOut;
    final int[] mlpOutBias;
    final int lnf;
    final int readout;
    final int readoutBias;
    final int size;
    /** Every block in the order of the parameter vector. */
    final List<Block> blocks = new ArrayList<>();
    private int next;

    TransformerParameters(Transformer.Spec s, int din, int outputs) {
        this.din = din;
        this.outputs = outputs;
        this.width = s.width();
        this.heads = s.heads();
        this.dk = s.headDimension();
        this.mlpWidth = s.mlpHidden();
        this.layers = s.layers();
        this.hasMlp = s.mlp() != Transformer.Activation.NONE;
        this.hasNorm = s.norm() != Transformer.Norm.NONE;
        this.hasFinalNorm = s.norm() == Transformer.Norm.PRE;
        int w = width;
        embed = weight("embed.weight", din, w);
        embedBias = bias("embed.bias", w);
        ln1 = new int[layers];
        q = new int[layers][heads];
        k = new int[layers][heads];
        v = new int[layers][heads];
        o = new int[layers][heads];
        ln2 = new int[layers];
        mlpIn = new int[layers];
        mlpInBias = new int[layers];
        mlpOut = new int[layers];
        mlpOutBias = new int[layers];
        for (int l = 0; l < layers; l++) {
            String p = "layer" + l + ".";
            ln1[l] = hasNorm ? norm(p + "ln1") : -1;
            for (int h = 0; h < heads; h++) {
                String ph = p + "head" + h + ".";
                q[l][h] = weight(ph + "q", w, dk);
                k[l][h] = weight(ph + "k", w, dk);
                v[l][h] = weight(ph + "v", w, dk);
                o[l][h] = weight(ph + "o", dk, w);
            }
            ln2[l] = hasNorm && hasMlp ? norm(p + "ln2") : -1;
            if (hasMlp) {
                mlpIn[l] = weight(p + "mlp.in", w, mlpWidth);
                mlpInBias[l] = bias(p + "mlp.inBias", mlpWidth);
                mlpOut[l] = weight(p + "mlp.out", mlpWidth, w);
                mlpOutBias[l] = bias(p + "mlp.outBias", w);
            }
        }
        lnf = hasFinalNorm ? norm("lnf") : -1;
        readout = weight("readout.weight", w, outputs);
        readoutBias = bias("readout.bias", outputs);
        size = next;
    }

    private int norm(String name) {
        int g = block(name + ".gain", Init.ONES, width);
        bias(name + ".bias", width);
        return g;
    }

    private int weight(String name, int in, int out) {
        return block(name, Init.FAN_IN_GAUSSIAN, in, out);
    }

    private int bias(String name, int size) {
        return block(name, Init.ZEROS, size);
    }

    private int block(String name, Init init, int... shape) {
        ParameterBlock b = new ParameterBlock(name, next, shape);
        blocks.add(new Block(b, init));
        next += b.size();
        return b.offset();
    }
}
