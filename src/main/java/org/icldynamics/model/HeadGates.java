package org.icldynamics.model;

import java.util.List;

/**
 * A list of {@link HeadIntervention}s compiled for the model's loops: head {@code (l, h)} outputs
 * {@code gate(l, h) * o + fill(l, h)} where {@code o} is its own output. Zero: gate 0; scale by f: gate and fill
 * times f; mean-replace: gate 0, fill the mean. Edits of one head compose in order. The fill is a constant, so the
 * gradient through a head is {@code gate} times its own.
 */
final class HeadGates {
    private final double[][] gate;
    private final double[][][] fill;

    private HeadGates(int layers, int heads) {
        gate = new double[layers][heads];
        fill = new double[layers][heads][];
        for (double[] row : gate) {
            java.util.Arrays.fill(row, 1.0);
        }
    }

    /**
     * The gates of {@code edits} on a model of {@code layers x heads}, or null for an empty list (the unmodified
     * model, on exactly the code path of a plain prediction).
     *
     * @param fillLength entries of a head's output (every mean-replacement must have this many), or -1 to check later
     */
    static HeadGates of(List<HeadIntervention> edits, int layers, int heads, int fillLength) {
        if (edits.isEmpty()) {
            return null;
        }
        HeadGates g = new HeadGates(layers, heads);
        for (HeadIntervention e : edits) {
            int l = e.layer();
            int h = e.head();
            if (l >= layers || h >= heads) {
                throw new IllegalArgumentException("intervention '" + e.label() + "' names layer " + l + " head " + h
                        + " but the model has layers 0.." + (layers - 1) + " and heads 0.." + (heads - 1));
            }
            switch (e) {
                case HeadIntervention.Zero z -> {
                    g.gate[l][h] = 0;
                    g.fill[l][h] = null;
                }
                case HeadIntervention.Scale s -> {
                    g.gate[l][h] *= s.factor();
                    if (g.fill[l][h] != null) {
                        for (int i = 0; i < g.fill[l][h].length; i++) {
                            g.fill[l][h][i] *= s.factor();
                        }
                    }
                }
                case HeadIntervention.MeanReplace m -> {
                    if (fillLength >= 0 && m.meanLength() != fillLength) {
                        throw new IllegalArgumentException("intervention '" + e.label() + "' has a mean of "
                                + m.meanLength() + " entries; this model's head output has " + fillLength);
                    }
                    g.gate[l][h] = 0;
                    g.fill[l][h] = m.mean();
                }
            }
        }
        return g;
    }

    int layers() {
        return gate.length;
    }

    double gate(int l, int h) {
        return gate[l][h];
    }

    /** True when head {@code (l, h)} adds a constant output. */
    boolean hasFill(int l, int h) {
        return fill[l][h] != null;
    }

    /** Entry {@code i} of head {@code (l, h)}'s constant output; 0 without one. */
    double fill(int l, int h, int i) {
        return fill[l][h] == null ? 0.0 : fill[l][h][i];
    }
}
