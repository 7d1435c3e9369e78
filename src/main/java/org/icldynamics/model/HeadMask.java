package org.icldynamics.model;

/**
 * Per-head gates for one forward pass: head {@code h} of layer {@code l} outputs
 * {@code gate[l][h] * o + (1 - gate[l][h]) * fill[l][h]}, where {@code o} is its own output at each token. With no
 * fill (zero-ablation, the default) a gate of 0 zeroes the head; with a fill of the head's mean output
 * (mean-ablation, {@link Transformer#headOutputMeans}) a gate of 0 replaces it by that constant. An intervention as
 * data; the weights are never edited. The fill is a constant, so the gradient through a head is {@code gate} times
 * its own.
 *
 * @param gate {@code [layers][heads]}
 * @param fill {@code [layers][heads][T * dk]} per-token replacement outputs (T tokens of the prompts it is used on),
 *     or null for zeros
 */
public record HeadMask(double[][] gate, double[][][] fill) {
    public HeadMask {
        double[][] c = new double[gate.length][];
        for (int l = 0; l < gate.length; l++) {
            c[l] = gate[l].clone();
        }
        gate = c;
        if (fill != null) {
            if (fill.length != gate.length) {
                throw new IllegalArgumentException("head mask fill has " + fill.length + " layers, gates "
                        + gate.length);
            }
            double[][][] f = new double[fill.length][][];
            for (int l = 0; l < fill.length; l++) {
                if (fill[l].length != gate[l].length) {
                    throw new IllegalArgumentException("head mask fill of layer " + l + " has " + fill[l].length
                            + " heads, gates " + gate[l].length);
                }
                f[l] = new double[fill[l].length][];
                for (int h = 0; h < fill[l].length; h++) {
                    f[l][h] = fill[l][h].clone();
                }
            }
            fill = f;
        }
    }

    /** Zero-ablation gates (no fill). */
    public HeadMask(double[][] gate) {
        this(gate, null);
    }

    /** Every head kept. */
    public static HeadMask all(int layers, int heads) {
        double[][] g = new double[layers][heads];
        for (double[] row : g) {
            java.util.Arrays.fill(row, 1.0);
        }
        return new HeadMask(g);
    }

    /** Every head kept except head {@code h} of layer {@code l}. */
    public static HeadMask without(int layers, int heads, int l, int h) {
        double[][] g = all(layers, heads).gate;
        g[l][h] = 0;
        return new HeadMask(g);
    }

    /** The same gates with replacement outputs {@code fill} (null: zeros), see the class comment. */
    public HeadMask withFill(double[][][] fill) {
        return new HeadMask(gate, fill);
    }

    public double gate(int l, int h) {
        return gate[l][h];
    }

    /** True when a masked head is replaced by a constant output rather than zeros. */
    boolean hasFill() {
        return fill != null;
    }

    /** Entry {@code i} of head {@code (l, h)}'s replacement output ({@code [T * dk]}); 0 without fill. */
    double fill(int l, int h, int i) {
        return fill == null ? 0.0 : fill[l][h][i];
    }

    public int layers() {
        return gate.length;
    }

    @Override
    public double[][] gate() {
        return new HeadMask(gate).gate;
    }

    @Override
    public double[][][] fill() {
        return fill == null ? null : new HeadMask(gate, fill).fill;
    }
}
