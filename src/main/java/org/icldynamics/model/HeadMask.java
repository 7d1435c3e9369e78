package org.icldynamics.model;

/**
 * Per-head gates for one forward pass: head {@code h} of layer {@code l} contributes {@code gate[l][h]} times its
 * output (1 keeps it, 0 masks it). An intervention as data; the weights are never edited.
 *
 * @param gate {@code [layers][heads]}
 */
public record HeadMask(double[][] gate) {
    public HeadMask {
        double[][] c = new double[gate.length][];
        for (int l = 0; l < gate.length; l++) {
            c[l] = gate[l].clone();
        }
        gate = c;
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

    public double gate(int l, int h) {
        return gate[l][h];
    }

    public int layers() {
        return gate.length;
    }

    @Override
    public double[][] gate() {
        return new HeadMask(gate).gate;
    }
}
