package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CovarianceSpecTest {
    private static final RandomStreams STREAMS = new RandomStreams(7);

    @Test
    void linearSpectrumWithUnitTraceHasTheLinearPapersEigenvalues() {
        Covariance c = CovarianceSpec.Spectrum.linear(4, Eigenbasis.RANDOM_ORTHOGONAL, TraceNormalization.UNIT_TRACE)
                .build(STREAMS);
        assertArrayEquals(new double[] {0.4, 0.3, 0.2, 0.1}, c.eigenvalues(), 1e-15);
        assertEquals(1.0, c.trace(), 1e-14);
        double[] m = c.matrix();
        double tr = 0;
        for (int i = 0; i < 4; i++) {
            tr += m[i * 4 + i];
        }
        assertEquals(1.0, tr, 1e-14);
    }

    @Test
    void randomBasisIsSeededByTheCovarianceStreamAndNotDiagonal() {
        CovarianceSpec spec = CovarianceSpec.Spectrum.linear(5, Eigenbasis.RANDOM_ORTHOGONAL, TraceNormalization.NONE);
        assertArrayEquals(spec.build(new RandomStreams(3)).matrix(), spec.build(new RandomStreams(3)).matrix());
        double[] m = spec.build(new RandomStreams(3)).matrix();
        assertTrue(Math.abs(m[1]) > 1e-3, "off-diagonal entry expected, got " + m[1]);
        double[] diag = new CovarianceSpec.Spectrum(new double[] {3, 1, 2}, Eigenbasis.IDENTITY,
                TraceNormalization.NONE).build(STREAMS).matrix();
        assertArrayEquals(new double[] {3, 0, 0, 0, 1, 0, 0, 0, 2}, diag, 1e-15);
    }

    @Test
    void isotropicWithUnitTraceIsIdentityOverD() {
        double[] m = new CovarianceSpec.Isotropic(4, 1, TraceNormalization.UNIT_TRACE).build(STREAMS).matrix();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(i == j ? 0.25 : 0, m[i * 4 + j], 1e-16);
            }
        }
    }

    @Test
    void toeplitzMatrixIsRhoToTheDistance() {
        double[] m = new CovarianceSpec.Toeplitz(5, 0.5, TraceNormalization.NONE).build(STREAMS).matrix();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(Math.pow(0.5, Math.abs(i - j)), m[i * 5 + j], 1e-14);
            }
        }
    }

    /** Sample second moments of {@code x ~ N(0, Lambda)} within 4 standard errors, SE^2 = (L_ii L_jj + L_ij^2)/N. */
    @Test
    void sampleCovarianceMatchesWithinFourStandardErrors() {
        for (CovarianceSpec spec : new CovarianceSpec[] {
            new CovarianceSpec.Toeplitz(5, 0.5, TraceNormalization.NONE),
            CovarianceSpec.Spectrum.linear(5, Eigenbasis.RANDOM_ORTHOGONAL, TraceNormalization.UNIT_TRACE)}) {
            Covariance c = spec.build(STREAMS);
            int d = 5;
            int samples = 200_000;
            double[] lam = c.matrix();
            double[] sum = new double[d * d];
            double[] x = new double[d];
            double[] scratch = new double[d];
            SplittableRandom rng = STREAMS.stream("moments");
            for (int s = 0; s < samples; s++) {
                c.sample(rng, x, 0, scratch);
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        sum[i * d + j] += x[i] * x[j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double se = Math.sqrt((lam[i * d + i] * lam[j * d + j] + lam[i * d + j] * lam[i * d + j]) / samples);
                    assertEquals(lam[i * d + j], sum[i * d + j] / samples, 4 * se, spec + " entry " + i + "," + j);
                }
            }
        }
    }

    @Test
    void badSettingsAreRejectedWithTheirCause() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CovarianceSpec.Toeplitz(3, 1.0, TraceNormalization.NONE));
        assertTrue(e.getMessage().contains("rho"));
        assertThrows(IllegalArgumentException.class, () -> new CovarianceSpec.Spectrum(new double[] {1, -1},
                Eigenbasis.IDENTITY, TraceNormalization.NONE));
        assertThrows(IllegalArgumentException.class, () -> new CovarianceSpec.Isotropic(0, 1, TraceNormalization.NONE));
    }
}
