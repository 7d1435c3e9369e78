package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FloatRowCombinations}: every lane one float FMA chain over the rows in order, whatever runs beside it. */
class FloatRowCombinationsTest {
    private static final int L = TokenLaneFloatAttentionKernel.S.length();

    /** Heads side by side change which chains run together, never a lane's chain: the same bits as one head at a time. */
    @Test
    void perHeadEqualsOneHeadAtATimeBitForBit() {
        SplittableRandom rng = new SplittableRandom(7);
        int cases = 0;
        for (int heads = 1; heads <= 5; heads++) {
            for (int width = L; width <= 5 * L; width += L) {
                for (int rows : new int[] {0, 1, 3, 40}) {
                    int stride = rows + 3;
                    float[] mat = random(rng, rows * width);
                    float[] w = random(rng, heads * stride);
                    float[] got = new float[heads * width];
                    FloatRowCombinations.perHead(mat, rows, width, w, stride, heads, got);
                    float[] want = new float[heads * width];
                    for (int h = 0; h < heads; h++) {
                        FloatRowCombinations.combine(mat, 0, rows, width, w, h * stride, want, h * width);
                    }
                    assertArrayEquals(want, got, "heads " + heads + " width " + width + " rows " + rows);
                    cases++;
                }
            }
        }
        assertEquals(100, cases);
    }

    /** Each lane is the sum over rows in row order: the scalar loop {@code acc = fma(row, w, acc)} gives its bits. */
    @Test
    void combineIsTheRowOrderFmaChainInEveryLane() {
        SplittableRandom rng = new SplittableRandom(8);
        int rows = 13;
        int width = 7 * L;
        float[] mat = random(rng, rows * width);
        float[] w = random(rng, rows);
        float[] out = new float[width];
        FloatRowCombinations.combine(mat, 0, rows, width, w, 0, out, 0);
        for (int c = 0; c < width; c++) {
            float acc = 0f;
            for (int r = 0; r < rows; r++) {
                acc = Math.fma(mat[r * width + c], w[r], acc);
            }
            assertEquals(Float.floatToRawIntBits(acc), Float.floatToRawIntBits(out[c]), "column " + c);
        }
    }

    private static float[] random(SplittableRandom rng, int length) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }
}
