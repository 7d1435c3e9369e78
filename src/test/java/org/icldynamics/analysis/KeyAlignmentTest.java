package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.analysis.AlignmentResult.PairAlignment;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.model.ParameterBlock;
import org.junit.jupiter.api.Test;

class KeyAlignmentTest {
    private static final int D_IN = 4;
    private static final int WIDTH = D_IN + 1;
    private static final int HEADS = 5;
    private final double[] basis = Covariance.randomOrthogonal(D_IN, new RandomStreams(3).stream("basis"));

    /** Blocks head{h}.key [1, 5], head{h}.query [1, 5], head{h}.ov [1, 5], laid out head after head. */
    private static List<ParameterBlock> blocks() {
        List<ParameterBlock> b = new ArrayList<>();
        int off = 0;
        for (int h = 0; h < HEADS; h++) {
            b.add(new ParameterBlock("head" + h + ".key", off, new int[] {1, WIDTH}));
            b.add(new ParameterBlock("head" + h + ".query", off + WIDTH, new int[] {1, WIDTH}));
            b.add(new ParameterBlock("head" + h + ".ov", off + 2 * WIDTH, new int[] {1, WIDTH}));
            off += 3 * WIDTH;
        }
        return b;
    }

    private double e(int m, int i) {
        return basis[i * D_IN + m];
    }

    /** Sets head h's key and query x-parts to {@code scale (c e_a + s e_b)} and its value to v. */
    private void setHead(double[] p, int h, int a, int b, double cos, double scale, double v) {
        double sin = Math.sqrt(1 - cos * cos);
        int off = 3 * WIDTH * h;
        for (int i = 0; i < D_IN; i++) {
            double x = scale * (cos * e(a, i) + sin * e(b, i));
            p[off + i] = x;
            p[off + WIDTH + i] = -x; // sign does not matter
        }
        p[off + D_IN] = 0.3; // key label entry kappa: not part of the x-part
        p[off + 2 * WIDTH + D_IN] = v;
    }

    private double[] params() {
        double[] p = new double[3 * WIDTH * HEADS];
        setHead(p, 0, 0, 1, 0.999, 0.42, 0.417);
        setHead(p, 1, 1, 3, 0.99, 0.45, -0.455);
        setHead(p, 2, 3, 0, 0.99, 0.01, 0.01);  // spare head: aligned but not grown
        setHead(p, 3, 2, 3, 0.9, 0.5, 0.513);   // grown but cos 0.9 < 0.95
        return p;                               // head 4 stays zero
    }

    @Test
    void builtKeysAndQueriesGiveTheirCosinesAndEigenvectors() {
        KeyAlignment ka = new KeyAlignment(basis, D_IN, AlignmentSettings.defaults());
        AlignmentResult r = ka.measure(100, params(), blocks());
        assertEquals(HEADS, r.pairs().size());
        PairAlignment p0 = r.pairs().get(0);
        assertEquals(0, p0.eigenvector());
        assertEquals(0.999, p0.keyCos(), 1e-12);
        assertEquals(0.999, p0.queryCos(), 1e-12);
        assertEquals(0.42, p0.keyNorm(), 1e-12);
        assertEquals(0.417, p0.value(), 0);
        assertTrue(p0.aligned());
        assertEquals(1, r.pairs().get(1).eigenvector());
        assertTrue(r.pairs().get(1).aligned());
        PairAlignment spare = r.pairs().get(2);
        assertEquals(3, spare.eigenvector());
        assertFalse(spare.grown());
        PairAlignment off = r.pairs().get(3);
        assertEquals(2, off.eigenvector());
        assertEquals(0.9, off.keyCos(), 1e-12);
        assertTrue(off.grown());
        assertFalse(off.aligned());
        assertEquals(0, r.pairs().get(4).keyNorm(), 0);
        assertFalse(r.pairs().get(4).grown());
        assertEquals(List.of(0, 1), r.alignedEigenvectors());
    }

    @Test
    void valueMagnitudeAgainstOdeInterpolatesInsideItsRange() {
        double[] tOde = CurveFixtures.linspace(0, 10, 1001);
        double[] vOde = new double[tOde.length];
        for (int i = 0; i < tOde.length; i++) {
            vOde[i] = Math.tanh(tOde[i]);
        }
        double[] t = {-1, 0.5, 2.5, 7.25, 12};
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            v[i] = -(Math.tanh(t[i]) + 0.01); // negative heads compare by magnitude
        }
        ValueComparison c = KeyAlignment.compareWithOde(t, v, tOde, vOde);
        assertEquals(3, c.points());
        // linear interpolation error of tanh on a 0.01 grid is below 1e-5
        assertEquals(0.01, c.rmsError(), 1e-5);
        assertEquals(0.01, c.maxError(), 1e-5);
        assertEquals(0.01 / Math.tanh(7.25), c.finalRelativeError(), 1e-5);
    }

    @Test
    void modelWithoutSeparateKeysIsRejected() {
        KeyAlignment ka = new KeyAlignment(basis, D_IN, AlignmentSettings.defaults());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ka.measure(0,
                new double[25], List.of(new ParameterBlock("head0.kq", 0, new int[] {5, 5}))));
        assertTrue(ex.getMessage().contains("head0.key"), ex.getMessage());
    }
}
