package org.icldynamics.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** The softmax exp (x <= 0 or NaN) is exp bit for bit: random, tiny, clamped, zero, infinite and NaN lanes. */
    @Test
    void expOfNonPositiveEqualsExpBitForBit() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] special = {0.0, -0.0, -708.0, -708.5, -745.2, -1e300, Double.NEGATIVE_INFINITY, Double.NaN, -1e-320};
        double[] x = new double[2 * L];
        double[] out = new double[2 * L];
        float[] xf = new float[16];
        float[] outf = new float[16];
        for (int rep = 0; rep < 20000; rep++) {
            for (int i = 0; i < 2 * L; i++) {
                x[i] = rng.nextInt(8) == 0 ? special[rng.nextInt(special.length)] : -800 * Math.pow(rng.nextDouble(), 3);
            }
            VectorMath.expOfNonPositive(DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, x, 0),
                    DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, x, L), out, 0, L);
            for (int h = 0; h < 2; h++) {
                double[] want = VectorMath.exp(DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, x, h * L))
                        .toArray();
                for (int i = 0; i < L; i++) {
                    assertTrue(Double.doubleToRawLongBits(want[i]) == Double.doubleToRawLongBits(out[h * L + i]),
                            "exp(" + x[h * L + i] + "): " + out[h * L + i] + " vs " + want[i]);
                }
            }
            for (int i = 0; i < 16; i++) {
                xf[i] = rng.nextInt(8) == 0 ? (float) special[rng.nextInt(special.length)]
                        : (float) (-100 * Math.pow(rng.nextDouble(), 3));
            }
            VectorMath.expOfNonPositive(FloatVector.fromArray(FloatVector.SPECIES_256, xf, 0),
                    FloatVector.fromArray(FloatVector.SPECIES_256, xf, 8), outf, 0, 8);
            for (int h = 0; h < 2; h++) {
                float[] want = VectorMath.exp(FloatVector.fromArray(FloatVector.SPECIES_256, xf, 8 * h)).toArray();
                for (int i = 0; i < 8; i++) {
                    assertTrue(Float.floatToRawIntBits(want[i]) == Float.floatToRawIntBits(outf[8 * h + i]),
                            "expf(" + xf[8 * h + i] + "): " + outf[8 * h + i] + " vs " + want[i]);
                }
            }
        }
    }

    /**
     * The in-place softmax exp over rows with their own shifts is {@code exp(x - shift_r)} bit for bit in every lane, for
     * every count of vectors (groups of four and every remainder), and leaves the entries around the range alone.
     */
    @Test
    void expOfNonPositiveInPlaceIsExpOfTheShiftedRowsBitForBit() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] special = {0.0, -0.0, -708.0, -745.2, -1e300, Double.NEGATIVE_INFINITY, Double.NaN};
        int cases = 0;
        for (int rows = 1; rows <= 3; rows++) {
            for (int rowLength = L; rowLength <= 7 * L; rowLength += L) {
                int off = 3;
                double[] shift = new double[rows];
                double[] v = new double[off + rows * rowLength + 2];
                for (int r = 0; r < rows; r++) {
                    shift[r] = 5 * rng.nextDouble();
                    for (int i = 0; i < rowLength; i++) {
                        v[off + r * rowLength + i] = rng.nextInt(8) == 0 ? special[rng.nextInt(special.length)]
                                : shift[r] - 800 * Math.pow(rng.nextDouble(), 3);
                    }
                }
                v[0] = 7.0;
                v[v.length - 1] = 9.0;
                double[] want = v.clone();
                for (int k = off; k < off + rows * rowLength; k += L) {
                    DoubleVector x = DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, v, k);
                    VectorMath.exp(x.sub(shift[(k - off) / rowLength])).intoArray(want, k);
                }
                VectorMath.expOfNonPositiveInPlace(v, off, rows * rowLength, shift, rowLength);
                for (int i = 0; i < v.length; i++) {
                    assertTrue(Double.doubleToRawLongBits(want[i]) == Double.doubleToRawLongBits(v[i]),
                            "rows " + rows + " row length " + rowLength + " entry " + i + ": " + v[i] + " vs " + want[i]);
                }
                cases++;
            }
        }
        assertTrue(cases == 21, "cases " + cases);
    }

    /**
     * The unshifted in-place exp equals {@link VectorMath#exp(DoubleVector)} lane for lane on inputs {@code <= 0},
     * signed zeros, NaN and past the clamp, for 1 to 11 vectors (every remainder of four), and writes nothing outside
     * its range.
     */
    @Test
    void unshiftedInPlaceExpIsExpBitForBitForEveryVectorCount() {
        SplittableRandom rng = new SplittableRandom(12);
        double[] special = {0.0, -0.0, -708.0, -745.2, -1e300, Double.NEGATIVE_INFINITY, Double.NaN};
        for (int vectors = 1; vectors <= 11; vectors++) {
            int off = 5;
            double[] v = new double[off + vectors * L + 3];
            for (int i = 0; i < v.length; i++) {
                boolean odd = rng.nextInt(6) == 0;
                v[i] = odd ? special[rng.nextInt(special.length)] : -750 * Math.pow(rng.nextDouble(), 4);
            }
            double[] want = v.clone();
            for (int k = off; k < off + vectors * L; k += L) {
                VectorMath.exp(DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, v, k)).intoArray(want, k);
            }
            VectorMath.expOfNonPositiveInPlace(v, off, vectors * L);
            for (int i = 0; i < v.length; i++) {
                assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(v[i]),
                        vectors + " vectors, entry " + i + ": " + v[i] + " vs " + want[i]);
            }
        }
    }

    /**
     * The lane-shifted in-place exp equals {@link VectorMath#exp(DoubleVector)} of each vector less the shift vector
     * (softmax's scores less each head's max), bit for bit, with the shift's own lanes among the inputs (so
     * {@code x - max} is +0 there), specials past the clamp, for 1 to 11 vectors and a shift at an offset; it writes
     * nothing outside its range.
     */
    @Test
    void laneShiftedInPlaceExpIsExpOfTheDifferenceBitForBit() {
        SplittableRandom rng = new SplittableRandom(21);
        double[] special = {-0.0, -708.0, -745.2, -1e300, Double.NEGATIVE_INFINITY, Double.NaN};
        for (int vectors = 1; vectors <= 11; vectors++) {
            int off = 2;
            double[] shift = new double[3 + L];
            for (int h = 0; h < L; h++) {
                shift[3 + h] = 20 * rng.nextGaussian();
            }
            double[] v = new double[off + vectors * L + 3];
            for (int i = 0; i < v.length; i++) {
                double max = shift[3 + Math.floorMod(i - off, L)];
                boolean odd = rng.nextInt(6) == 0;
                v[i] = odd ? special[rng.nextInt(special.length)] : rng.nextInt(5) == 0 ? max
                        : max - 750 * Math.pow(rng.nextDouble(), 4);
            }
            double[] want = v.clone();
            DoubleVector sh = DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, shift, 3);
            for (int k = off; k < off + vectors * L; k += L) {
                VectorMath.exp(DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, v, k).sub(sh)).intoArray(want, k);
            }
            VectorMath.expOfNonPositiveInPlaceLaneShifted(v, off, vectors * L, shift, 3);
            for (int i = 0; i < v.length; i++) {
                assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(v[i]),
                        vectors + " vectors, entry " + i + ": " + v[i] + " vs " + want[i]);
            }
        }
    }

    private static void assertClose(double ref, double got, double rtol, String what) {
        assertTrue(Math.abs(got - ref) <= rtol * Math.abs(ref), what + ": " + got + " vs " + ref);
    }
}
