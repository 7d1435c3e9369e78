package org.icldynamics.model;

/** The MLP non-linearities, forward and derivative side by side. GELU is GPT-2's tanh approximation. */
final class Activations {
    private static final double C = Math.sqrt(2 / Math.PI);

    private Activations() {
    }

    /**
     * Entries {@code [from, from + len)}.
     *
     * @param u pre-activations {@code [len]}, not modified
     * @param g activations {@code [len]}, overwritten
     */
    static void forward(Transformer.Activation act, double[] u, double[] g, int from, int len) {
        for (int i = from; i < from + len; i++) {
            double x = u[i];
            g[i] = act == Transformer.Activation.RELU ? Math.max(0, x)
                    : 0.5 * x * (1 + Math.tanh(C * (x + 0.044715 * x * x * x)));
        }
    }

    /**
     * @param u pre-activations {@code [len]}, not modified
     * @param dg gradient of the activations {@code [len]}, not modified
     * @param du gradient of the pre-activations {@code [len]}, overwritten
     */
    static void backward(Transformer.Activation act, double[] u, double[] dg, double[] du, int from, int len) {
        for (int i = from; i < from + len; i++) {
            double x = u[i];
            double d;
            if (act == Transformer.Activation.RELU) {
                d = x > 0 ? 1 : 0;
            } else {
                double th = Math.tanh(C * (x + 0.044715 * x * x * x));
                d = 0.5 * (1 + th) + 0.5 * x * (1 - th * th) * C * (1 + 3 * 0.044715 * x * x);
            }
            du[i] = dg[i] * d;
        }
    }
}
