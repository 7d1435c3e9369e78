package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.icldynamics.model.HeadCircuit;
import org.icldynamics.theory.OptimalPreconditioner;
import org.junit.jupiter.api.Test;

class PreconditionerComparisonTest {
    private static double[] random(int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[d * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble(-1, 1);
        }
        return a;
    }

    /** A head of width d + 1 with the given x-block, label-row and label-column noise, and label weight mu. */
    private static HeadCircuit head(int index, double[] xBlock, double mu, int d) {
        int w = d + 1;
        double[] kq = new double[w * w];
        double[] ov = new double[w];
        for (int i = 0; i < d; i++) {
            System.arraycopy(xBlock, i * d, kq, i * w, d);
            kq[i * w + d] = 7; // query label column: always multiplied by 0, must be ignored
            ov[i] = 0.3; // x entries of OV: not part of the preconditioner
        }
        kq[d * w] = 5; // key label row: not part of the x-block
        ov[d] = mu;
        return new HeadCircuit(index, w, 1, kq, ov);
    }

    @Test
    void effectivePreconditionerIsTheMuWeightedSumOfKqXBlocks() {
        int d = 4;
        double[] a = random(d, 1);
        double[] b = random(d, 2);
        double[] g = PreconditionerComparison.effective(List.of(head(0, a, 2.5, d), head(1, b, -1.5, d)));
        for (int i = 0; i < d * d; i++) {
            assertEquals(2.5 * a[i] - 1.5 * b[i], g[i], 1e-15);
        }
    }

    @Test
    void effectivePreconditionerRejectsMultiOutputHeads() {
        HeadCircuit two = new HeadCircuit(0, 4, 2, new double[16], new double[8]);
        assertThrows(IllegalArgumentException.class, () -> PreconditionerComparison.effective(List.of(two)));
    }

    @Test
    void scaledDistanceIsZeroForMultiplesAndEqualsTheLeastSquaresResidual() {
        int d = 5;
        double[] gStar = OptimalPreconditioner.of(OptimalPreconditioner.toeplitz(d, 0.5), d, 40, 0.1);
        double[] scaled = gStar.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= -3.7;
        }
        assertEquals(0, PreconditionerComparison.scaledDistance(scaled, gStar), 1e-7);
        double[] a = random(d, 3);
        double c = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            c += a[i] * gStar[i];
            bb += gStar[i] * gStar[i];
        }
        c /= bb;
        double res = 0;
        double aa = 0;
        for (int i = 0; i < a.length; i++) {
            res += (a[i] - c * gStar[i]) * (a[i] - c * gStar[i]);
            aa += a[i] * a[i];
        }
        assertEquals(Math.sqrt(res / aa), PreconditionerComparison.scaledDistance(a, gStar), 1e-12);
    }

    @Test
    void diagonalAndOffDiagonalMatricesAreAtDistanceOne() {
        double[] identity = {1, 0, 0, 1};
        double[] swap = {0, 1, 1, 0};
        assertEquals(1, PreconditionerComparison.scaledDistance(swap, identity), 1e-15);
        assertTrue(Double.isNaN(PreconditionerComparison.offDiagonalCosine(swap, identity)), "identity has none");
        assertEquals(1, PreconditionerComparison.offDiagonalCosine(swap, new double[] {9, 2, 2, -4}), 1e-15);
    }

    @Test
    void optimalPreconditionerOfToeplitzHasTheSpecsOffDiagonalSigns() {
        double[] g = OptimalPreconditioner.of(OptimalPreconditioner.toeplitz(5, 0.5), 5, 40, 0.1);
        // A.4.6: first off-diagonal about -0.46, second about -0.035; symmetric
        assertEquals(-0.46, g[1], 0.01);
        assertEquals(-0.035, g[2], 0.005);
        double[] sym = PreconditionerComparison.symmetrised(g);
        for (int i = 0; i < g.length; i++) {
            assertEquals(g[i], sym[i], 1e-12);
        }
    }
}
