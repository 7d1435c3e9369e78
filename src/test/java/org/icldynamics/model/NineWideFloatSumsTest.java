package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float kernel's nine-wide token sums equal, bit for bit, the order its generic loop documents: per coordinate and
 * lane, one float FMA chain over the even tokens (the odd m's last token included) and one over the odd tokens, added
 * as {@code even + odd}; for even and odd token counts, none and one, and a weight offset.
 */
class NineWideFloatSumsTest {
    private static final int L = 8;

    @Test
    void sumsEqualEvenAndOddScalarFmaChainsBitForBit() {
        SplittableRandom rng = new SplittableRandom(5);
        int cases = 0;
        for (int m : new int[] {0, 1, 2, 7, 32, 33}) {
            float[] z = gaussians(rng, Math.max(1, m) * NineWideFloatSums.WIDTH);
            float[] w = gaussians(rng, (m + 1) * L); // [m, 8] at an offset of one vector
            float[] out = new float[(NineWideFloatSums.WIDTH + 1) * L];
            NineWideFloatSums.sums(w, L, z, m, out, L);
            for (int lane = 0; lane < L; lane++) {
                assertEquals(0f, out[lane]); // before outOff: untouched
                for (int i = 0; i < NineWideFloatSums.WIDTH; i++) {
                    float even = 0f;
                    float odd = 0f;
                    for (int l = 0; l < m; l++) {
                        float wl = w[(l + 1) * L + lane];
                        float zl = z[l * NineWideFloatSums.WIDTH + i];
                        if (l % 2 == 1) {
                            odd = Math.fma(wl, zl, odd);
                        } else {
                            even = Math.fma(wl, zl, even);
                        }
                    }
                    float want = even + odd;
                    float got = out[(i + 1) * L + lane];
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got),
                            () -> want + " vs " + got);
                }
            }
            cases++;
        }
        assertEquals(6, cases);
    }

    private static float[] gaussians(SplittableRandom rng, int len) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }
}
