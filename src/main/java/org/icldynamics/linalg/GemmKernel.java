package org.icldynamics.linalg;

import jdk.incubator.vector.DoubleVector;

/**
 * The register-blocked matrix product behind {@link Dense#gemm}, {@link Dense#gemmFrom} and {@link Dense#gemmTransA}:
 * {@code C = S + A B} where every entry starts from its source entry and takes its fmas in inner order, so the bits
 * do not depend on the blocking. It reads A and B in place (contiguous packed panels measured no faster on Zen 1).
 * Two blockings, chosen by the machine's vector width ({@link Blocking#MACHINE}).
 */
final class GemmKernel {

    private GemmKernel() {
    }

    /** Inner-dimension chunk: keeps a chunk of B in cache; chunks run in order, so each entry's fma order is kept. */
    private static final int KC = 96;

    /** The register block of the bulk of C; every entry's fma order is the same on either. */
    enum Blocking {
        /**
         * 6 rows x 2 vectors of 256 bits: 12 accumulators of AVX2's 16 registers. On Zen 1 (256-bit FMAs at about
         * 8 double FLOP per cycle) it ran near the core's FMA peak on the transformer's shapes.
         */
        AVX2,
        /**
         * 6 rows x 4 vectors of 512 bits (32 columns): 24 accumulators of AVX-512's 32 registers, then 6 x 2 and
         * 6 x 1 vectors for the last columns and 4- and 1-row blocks for the last rows. On Zen 4 (double-pumped
         * 512-bit FMAs, 58 GFLOP/s f64 peak per core) it runs the transformer's products ([656, 64] x [64, 256] and
         * the like, A in place or transposed) at 48-54 GFLOP/s against 33-36 for {@link #AVX2} there (1.4-1.5x;
         * thread CPU time, the two alternating in one JVM, 5 rounds, medians), its attention products (41 x 16 x
         * 40) at 36-40 against 28-32. Measured and dropped there: 512-bit blocks of 6 x 2 (1.2x), 12 x 2 and 8 x 2
         * (1.3x), 4 x 4 (1.4x), 8 x 3 (1.2-1.6x, 24 columns fit 64 badly); columns outermost (a B panel kept in L1;
         * the step no faster); inner chunks of 64, 128 and 192 (within 3%) and 256 (the weight gradients 0.5x).
         */
        AVX512;

        /** AVX512 where the preferred vector holds 8 doubles, else AVX2 (512-bit vectors are not native there). */
        static final Blocking MACHINE = DoubleVector.SPECIES_PREFERRED.length() >= 8 ? AVX512 : AVX2;
    }

    /** The product on the machine's blocking ({@link Blocking#MACHINE}); the arguments as the other {@code run}. */
    static void run(double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s, int so, int sld,
                    double[] c, int co, int ldc, int m, int kd, int nc) {
        run(Blocking.MACHINE, a, ao, ars, aks, b, bo, ldb, s, so, sld, c, co, ldc, m, kd, nc);
    }

    /**
     * A's entry (i, k) is {@code a[ao + i * ars + k * aks]}; every entry of C starts from the source {@code s} (entry
     * (i, j) at {@code so + i * sld + j}; zero when null), which is C itself for an accumulating product. Per inner
     * chunk, the {@code blocking}'s register blocks; chunks after the first start from C.
     */
    static void run(Blocking blocking, double[] a, int ao, int ars, int aks, double[] b, int bo, int ldb, double[] s,
                    int so, int sld, double[] c, int co, int ldc, int m, int kd, int nc) {
        if (kd == 0) {
            if (s != c || so != co || sld != ldc) {
                for (int i = 0; i < m; i++) { // [m, nc]
                    for (int j = 0; j < nc; j++) {
                        c[co + i * ldc + j] = s == null ? 0.0 : s[so + i * sld + j];
                    }
                }
            }
            return;
        }
        for (int k0 = 0; k0 < kd; k0 += KC) {
            int kc = Math.min(KC, kd - k0);
            int ak = ao + k0 * aks;
            int bk = bo + k0 * ldb;
            double[] src = k0 == 0 ? s : c;
            int sr = k0 == 0 ? so : co;
            int sl = k0 == 0 ? sld : ldc;
            if (blocking == Blocking.AVX512) {
                GemmBlocks512.chunk(a, ak, ars, aks, b, bk, ldb, src, sr, sl, c, co, ldc, m, kc, nc);
            } else {
                GemmBlocks256.chunk(a, ak, ars, aks, b, bk, ldb, src, sr, sl, c, co, ldc, m, kc, nc);
            }
        }
    }
}
