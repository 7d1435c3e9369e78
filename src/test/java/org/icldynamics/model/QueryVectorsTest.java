package org.icldynamics.model;

import static org.icldynamics.model.HeadLaneSumsTest.assertBits;
import static org.icldynamics.model.HeadLaneSumsTest.gaussians;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * {@link QueryVectors} computes each lane of each row as one scalar chain of {@link Math#fma} over j in order, bit for
 * bit, for widths that take the runs of eight rows (or four pairs), the rows left over, or both, for one group and for
 * a pair, with the groups and the query at offsets.
 */
class QueryVectorsTest {
    private static final int L = DoubleVector.SPECIES_PREFERRED.length();

    @Test
    void rowsEqualScalarFmaChainsBitForBit() {
        SplittableRandom rng = new SplittableRandom(3);
        int cases = 0;
        for (int d : new int[] {1, 3, 7, 8, 11, 16, 20}) {
            int dd = d + 1;
            for (boolean pair : new boolean[] {false, true}) {
                int group = dd * d * L;
                double[] kqT = gaussians(rng, 3 * group); // [3 groups, D, d, lanes]: group 1, then 2 when pair
                double[] xq = gaussians(rng, 2 * d + 5); // the query at offset d + 5
                double[] q = new double[2 * dd * L + L];
                Arrays.fill(q, 0.5);
                QueryVectors.compute(kqT, group, 2 * group, pair, xq, d + 5, d, dd, q);
                for (int g = 0; g < (pair ? 2 : 1); g++) {
                    for (int i = 0; i < dd; i++) {
                        for (int lane = 0; lane < L; lane++) {
                            double want = 0.0;
                            for (int j = 0; j < d; j++) {
                                want = Math.fma(kqT[(1 + g) * group + (i * d + j) * L + lane], xq[d + 5 + j], want);
                            }
                            assertBits(want, q[(g * dd + i) * L + lane]);
                        }
                    }
                }
                for (int k = (pair ? 2 : 1) * dd * L; k < q.length; k++) {
                    assertBits(0.5, q[k]); // past the groups asked for: untouched
                }
                cases++;
            }
        }
        assertEquals(7 * 2, cases);
    }
}
