package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/** The ziggurat's tables satisfy their defining identities. */
class ZigguratTest {
    private static final int L = Ziggurat.LAYERS;

    private static double f(double x) {
        return Math.exp(-0.5 * x * x);
    }

    /** {@code V = R f(R) + int_R^inf f = R f(R) + sqrt(pi / 2) erfc(R / sqrt 2)}. */
    @Test
    void baseLayerAreaIsTheStripPlusTheTail() {
        double tail = Math.sqrt(Math.PI / 2) * Erf.erfc(Ziggurat.R / Math.sqrt(2));
        assertEquals(Ziggurat.V, Ziggurat.R * f(Ziggurat.R) + tail, 1e-15 * Ziggurat.V);
        assertEquals(Ziggurat.V, Ziggurat.X[0] * Ziggurat.F[1], 1e-16 * Ziggurat.V);
    }

    /**
     * Every layer {@code [0, x[i]] x [f(x[i]), f(x[i+1])]} has area V: layers 1..254 by construction (to rounding),
     * and the top layer {@code [0, x[255]] x [f(x[255]), 1]} closes the recursion because R is the root (its
     * residue, 5e-14 of V, is the recursion's amplification of the last bits of R and V).
     */
    @Test
    void everyLayerHasAreaV() {
        assertEquals(Ziggurat.R, Ziggurat.X[1]);
        assertEquals(0.0, Ziggurat.X[L]);
        assertEquals(1.0, Ziggurat.F[L]);
        for (int i = 1; i < L; i++) {
            assertTrue(Ziggurat.X[i + 1] < Ziggurat.X[i], "edges decrease at " + i);
            assertEquals(f(Ziggurat.X[i]), Ziggurat.F[i], 2 * Math.ulp(Ziggurat.F[i]), "F at " + i);
            double area = Ziggurat.X[i] * (Ziggurat.F[i + 1] - Ziggurat.F[i]);
            assertEquals(Ziggurat.V, area, 1e-13 * Ziggurat.V, "layer " + i);
        }
    }

    /**
     * The wedge test's cheap bounds never change the answer of the exact comparison with {@link StrictMath#exp}: on
     * a grid of x over every layer's wedge, y just below and above f(x) (1e-13 to 1e-3 relative), and y spread over
     * the layer's height.
     */
    @Test
    void wedgeBoundsAgreeWithTheExactComparison() {
        for (int i = 1; i < L; i++) {
            double lo = Ziggurat.X[i + 1];
            double hi = Ziggurat.X[i];
            for (int k = 0; k <= 64; k++) {
                double x = lo + (hi - lo) * k / 64;
                double f = StrictMath.exp(-0.5 * x * x);
                for (double rel = 1e-13; rel <= 1e-3; rel *= 10) {
                    for (double y : new double[] {f * (1 - rel), f * (1 + rel), f}) {
                        assertEquals(y < f, Ziggurat.under(i, x, y), "layer " + i + " x " + x + " y " + y);
                    }
                }
                for (int j = 0; j <= 16; j++) {
                    double y = Ziggurat.F[i] + (Ziggurat.F[i + 1] - Ziggurat.F[i]) * j / 16;
                    assertEquals(y < f, Ziggurat.under(i, x, y), "layer " + i + " x " + x + " y " + y);
                }
            }
        }
    }
}
