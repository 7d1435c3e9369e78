package org.icldynamics.model;

/**
 * What an {@link AttentionKernel} computes: {@code heads} heads over tokens of width {@code D = d + outputs}.
 * Softmax temperature is folded into the circuits; {@code normalisation} applies to linear scores only.
 */
public record KernelShape(int heads, int d, int outputs, OneLayerAttention.Scores scores,
                          OneLayerAttention.Normalisation normalisation, OneLayerAttention.QueryAttention queryAttention) {
    public KernelShape {
        if (d < 1 || outputs < 1) { // heads: checked once, by the model's spec
            throw new IllegalArgumentException("bad kernel shape h=" + heads + " d=" + d + " outputs=" + outputs);
        }
    }

    public int tokenWidth() {
        return d + outputs;
    }
}
