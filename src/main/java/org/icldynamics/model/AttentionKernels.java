package org.icldynamics.model;

import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.linalg.VectorModule;

/**
 * Chooses the kernel for a layer: the Vector-API kernels when the vector module is present and the machine's vectors
 * hold at least 4 doubles (AVX2 or AVX-512), else the reference. In double precision, fewer than 4 heads on tokens at
 * least 4 wide get the token-as-lane layout on 256-bit vectors ({@link TokenLaneAttentionKernel}, the same choice and
 * bits on AVX2 and AVX-512), everything else the head-as-lane layout on the machine's preferred vectors
 * ({@link VectorAttentionKernel}). In float precision, the same few-head shapes get the token-as-lane layout on 8
 * floats ({@link TokenLaneFloatAttentionKernel}, the same bits on AVX2 and AVX-512); otherwise machines whose vectors
 * hold 16 floats (AVX-512) get two prompts per vector ({@link PairedFloatAttentionKernel}), others 8 heads of one
 * prompt on 256-bit vectors ({@link VectorFloatAttentionKernel}): the same bits.
 */
public final class AttentionKernels {
    /** Doubles per vector below which the reference kernel is used in double precision. */
    static final int MIN_DOUBLE_LANES = 4;
    private static final boolean VECTOR_API = VectorModule.present();
    /**
     * Whether vectors of at least 4 doubles exist: with only 2 (128-bit) lanes the double kernels gain little over
     * the plain reference loops, which stay the choice there.
     */
    private static final boolean WIDE_DOUBLES = VECTOR_API && VectorWidth.doubles() >= MIN_DOUBLE_LANES;

    private AttentionKernels() {
    }

    /**
     * @param shape the layer
     * @param precision DOUBLE: equals the reference to 1e-12; FLOAT: computes in float, returns double
     * @param parallel threads (results are identical for any thread count)
     * @return the fastest kernel available for {@code shape} and {@code precision}
     */
    public static AttentionKernel create(KernelShape shape, OneLayerAttention.Precision precision,
                                         BlockParallel parallel) {
        if (!VECTOR_API) {
            return new ReferenceAttentionKernel(shape, parallel);
        }
        return switch (precision) {
            case DOUBLE -> !WIDE_DOUBLES ? new ReferenceAttentionKernel(shape, parallel)
                    : TokenLaneAttentionKernel.suits(shape) ? new TokenLaneAttentionKernel(shape, parallel)
                    : new VectorAttentionKernel(shape, parallel);
            case FLOAT -> TokenLaneFloatAttentionKernel.suits(shape)
                    ? new TokenLaneFloatAttentionKernel(shape, parallel)
                    : PairedFloatAttentionKernel.suits() ? new PairedFloatAttentionKernel(shape, parallel)
                    : new VectorFloatAttentionKernel(shape, parallel);
        };
    }
}
