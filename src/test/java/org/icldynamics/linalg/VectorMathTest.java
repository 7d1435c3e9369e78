package org.icldynamics.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class VectorMathTest {
    private static final int L = DoubleVector.SPECIES_PREFERRED.length();

    @Test
    void expMatchesJavaLangMathToFewUlp() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] x = new double[L];
        double[] out = new double[L];
        for (int rep = 0; rep < 20000; rep++) {
            for (int i = 0; i < L; i++) {
                x[i] = -700 * rng.nextDouble() + (i == 0 ? 700 * rng.nextDouble() : 0);
            }
            VectorMath.exp(DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, x, 0)).intoArray(out, 0);
            for (int i = 0; i < L; i++) {
                assertClose(Math.exp(x[i]), out[i], 4e-16, "exp(" + x[i] + ")");
            }
        }
    }

    @Test
    void floatExpIsWithinTwoFloatUlp() {
        int lf = FloatVector.SPECIES_256.length();
        float[] x = new float[lf];
        float[] out = new float[lf];
        SplittableRandom rng = new SplittableRandom(2);
        for (int rep = 0; rep < 20000; rep++) {
            for (int i = 0; i < lf; i++) {
                x[i] = (float) (-80 * rng.nextDouble());
            }
            VectorMath.exp(FloatVector.fromArray(FloatVector.SPECIES_256, x, 0)).intoArray(out, 0);
            for (int i = 0; i < lf; i++) {
                assertClose(Math.exp(x[i]), out[i], 2.5e-7, "expf(" + x[i] + ")");
            }
        }
    }

    private static void assertClose(double ref, double got, double rtol, String what) {
        assertTrue(Math.abs(got - ref) <= rtol * Math.abs(ref), what + ": " + got + " vs " + ref);
    }
}
