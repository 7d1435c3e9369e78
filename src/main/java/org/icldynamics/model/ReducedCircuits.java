package org.icldynamics.model;

import java.util.Arrays;

/**
 * The reduced circuits of one attention layer inside its full circuits: the x-block {@code [d, d]} of each head's
 * {@code [D, D]} key-query and the y-columns {@code [outputs, outputs]} of its {@code [outputs, D]} value-output
 * (linear paper A.7), gathered out of them and their gradients scattered back.
 */
final class ReducedCircuits {
    private ReducedCircuits() {
    }

    /** Copies the {@code [h, d, d]} x-blocks of {@code kq} ({@code [h, D, D]}) into {@code xb}; returns it. */
    static double[] xBlocks(double[] kq, int heads, KernelShape shape, double[] xb) {
        int d = shape.d();
        int width = shape.tokenWidth();
        for (int h = 0; h < heads; h++) { // [h, d, d]
            for (int i = 0; i < d; i++) {
                System.arraycopy(kq, h * width * width + i * width, xb, (h * d + i) * d, d);
            }
        }
        return xb;
    }

    /** Copies the {@code [h, outputs, outputs]} y-columns of {@code ov} ({@code [h, outputs, D]}) into {@code yb}. */
    static double[] yBlocks(double[] ov, int heads, KernelShape shape, double[] yb) {
        int d = shape.d();
        int o = shape.outputs();
        int width = shape.tokenWidth();
        for (int h = 0; h < heads; h++) { // [h, outputs, outputs]
            for (int c = 0; c < o; c++) {
                System.arraycopy(ov, (h * o + c) * width + d, yb, (h * o + c) * o, o);
            }
        }
        return yb;
    }

    /** Writes {@code gxb}, {@code gyb} into {@code gkq}, {@code gov}, which are zero elsewhere. */
    static void scatter(double[] gxb, double[] gyb, int heads, KernelShape shape, double[] gkq, double[] gov) {
        int d = shape.d();
        int o = shape.outputs();
        int width = shape.tokenWidth();
        Arrays.fill(gkq, 0.0);
        Arrays.fill(gov, 0.0);
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < d; i++) { // [d, d] into [D, D]
                System.arraycopy(gxb, (h * d + i) * d, gkq, h * width * width + i * width, d);
            }
            for (int c = 0; c < o; c++) { // [outputs, outputs] into [outputs, D]
                System.arraycopy(gyb, (h * o + c) * o, gov, (h * o + c) * width + d, o);
            }
        }
    }
}
