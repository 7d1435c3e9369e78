package org.icldynamics.model;

import org.icldynamics.linalg.BlockParallel;

/**
 * Chooses the kernel for a layer: the Vector-API kernels when the vector module is present, else the reference. In
 * double precision, fewer than 8 heads on tokens at least 8 wide get the token-as-lane layout
 * ({@link TokenLaneAttentionKernel}), everything else the head-as-lane layout ({@link VectorAttentionKernel}).
 */
public final class AttentionKernels {
    private static final boolean VECTOR_API = vectorApiPresent();
    /**
     * Whether the machine has 512-bit vectors: the double kernels put 8 heads (or tokens) in one 512-bit vector, and
     * without AVX-512 the Vector API runs them through its slow Java fallback (about 100x slower than the plain
     * reference loops), so such machines get the reference kernel in double precision.
     */
    private static final boolean WIDE_DOUBLES = VECTOR_API && VectorWidth.doubles() >= 8;

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
            case FLOAT -> new VectorFloatAttentionKernel(shape, parallel);
        };
    }

    /** Whether {@code jdk.incubator.vector} was added to the JVM (it needs {@code --add-modules}). */
    static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
