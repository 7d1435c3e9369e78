package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

class RowCombinationsTest {
    private static final int L = DoubleVector.SPECIES_PREFERRED.length();

    /** Heads side by side change which chains run together, never a lane's chain: the same bits as one head at a time. */
    @Test
    void perHeadEqualsOneHeadAtATimeBitForBit() {
        SplittableRandom rng = new SplittableRandom(7);
        int cases = 0;
        for (int heads = 1; heads <= 5; heads++) {
            for (int width = L; width <= 5 * L; width += L) {
                for (int rows : new int[] {0, 1, 3, 40}) {
                    int stride = rows + 3;
                    double[] mat = random(rng, rows * width);
                    double[] w = random(rng, heads * stride);
                    double[] got = new double[heads * width];
                    RowCombinations.perHead(mat, rows, width, w, stride, heads, got);
                    double[] want = new double[heads * width];
                    for (int h = 0; h < heads; h++) {
                        RowCombinations.combine(mat, 0, rows, width, w, h * stride, want, h * width);
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
        double[] mat = random(rng, rows * width);
        double[] w = random(rng, rows);
        double[] out = new double[width];
        RowCombinations.combine(mat, 0, rows, width, w, 0, out, 0);
        for (int c = 0; c < width; c++) {
            double acc = 0.0;
            for (int r = 0; r < rows; r++) {
                acc = Math.fma(mat[r * width + c], w[r], acc);
            }
            assertEquals(Double.doubleToRawLongBits(acc), Double.doubleToRawLongBits(out[c]), "column " + c);
        }
    }

    private static double[] random(SplittableRandom rng, int length) {
        double[] a = new double[length];
        for (int i = 0; i < length; i++) {
            a[i] = rng.nextGaussian();
        }
        return a;
    }
}
