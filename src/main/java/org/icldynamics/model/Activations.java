package org.icldynamics.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.icldynamics.linalg.VectorMath;

/**
 * The MLP non-linearities, forward and derivative side by side. GELU is GPT-2's tanh approximation, with
 * {@code tanh(y) = 1 - 2 / (e^{2y} + 1)} from {@link VectorMath#exp} on 256-bit lanes (bit-reproducible in
 * interpreted and compiled code, unlike an intrinsic {@code Math.tanh}; absolute error a few 1e-16).
 */
final class Activations {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final double C = Math.sqrt(2 / Math.PI);

    /** {@code t[i] = tanh(C (u + 0.044715 u^3))} for {@code i < len}, from offsets {@code uo, to}. */
    private static void tanhArg(double[] u, int uo, double[] t, int to, int len) {
        int i = 0;
        for (; i + S.length() <= len; i += S.length()) {
            DoubleVector x = DoubleVector.fromArray(S, u, uo + i);
            tanhArg(x).intoArray(t, to + i);
        }
        if (i < len) {
            double[] pad = new double[S.length()];
            System.arraycopy(u, uo + i, pad, 0, len - i);
            tanhArg(DoubleVector.fromArray(S, pad, 0)).intoArray(pad, 0);
            System.arraycopy(pad, 0, t, to + i, len - i);
        }
    }

    private static DoubleVector tanhArg(DoubleVector x) {
        DoubleVector y = x.mul(x).mul(x).mul(0.044715).add(x).mul(2 * C);
        DoubleVector e = VectorMath.exp(y);
        return DoubleVector.broadcast(S, 1.0).sub(DoubleVector.broadcast(S, 2.0).div(e.add(1.0)));
    }

    private Activations() {
    }

    /**
     * Entries {@code [from, from + len)}.
     *
     * @param u pre-activations {@code [len]}, not modified
     * @param g activations {@code [len]}, overwritten
     */
    static void forward(Transformer.Activation act, double[] u, double[] g, int from, int len) {
        if (act == Transformer.Activation.RELU) {
            for (int i = from; i < from + len; i++) {
                g[i] = Math.max(0, u[i]);
            }
            return;
        }
        tanhArg(u, from, g, from, len);
        for (int i = from; i < from + len; i++) {
            g[i] = 0.5 * u[i] * (1 + g[i]);
        }
    }

    /**
     * @param u pre-activations {@code [len]}, not modified
     * @param dg gradient of the activations {@code [len]}, not modified
     * @param du gradient of the pre-activations {@code [len]}, overwritten
     */
    static void backward(Transformer.Activation act, double[] u, double[] dg, double[] du, int from, int len) {
        if (act == Transformer.Activation.RELU) {
            for (int i = from; i < from + len; i++) {
                du[i] = u[i] > 0 ? dg[i] : 0;
            }
            return;
        }
        tanhArg(u, from, du, from, len);
        geluBackward(u, du, dg, du, from, len);
    }

    /**
     * {@link #forward} that also keeps GELU's {@code tanh} term for {@link #backwardFromTanh} (the same bits as
     * computing it again).
     *
     * @param th {@code [len]}, overwritten with the tanh term (GELU; untouched for RELU)
     */
    static void forward(Transformer.Activation act, double[] u, double[] g, double[] th, int from, int len) {
        if (act == Transformer.Activation.RELU) {
            forward(act, u, g, from, len);
            return;
        }
        tanhArg(u, from, th, from, len);
        for (int i = from; i < from + len; i++) {
            g[i] = 0.5 * u[i] * (1 + th[i]);
        }
    }

    /**
     * {@link #backward} from the tanh term kept by {@link #forward(Transformer.Activation, double[], double[],
     * double[], int, int)}.
     *
     * @param th the kept tanh term {@code [len]}, not modified
     */
    static void backwardFromTanh(Transformer.Activation act, double[] u, double[] th, double[] dg, double[] du,
                                 int from, int len) {
        if (act == Transformer.Activation.RELU) {
            backward(act, u, dg, du, from, len);
            return;
        }
        geluBackward(u, th, dg, du, from, len);
    }

    /** GELU's derivative times {@code dg} into {@code du}; {@code th} may be {@code du} itself. */
    private static void geluBackward(double[] u, double[] th, double[] dg, double[] du, int from, int len) {
        for (int i = from; i < from + len; i++) {
            double x = u[i];
            double t = th[i];
            du[i] = dg[i] * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * C * (1 + 3 * 0.044715 * x * x));
        }
    }
}
