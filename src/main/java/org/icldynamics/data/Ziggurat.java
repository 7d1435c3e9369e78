package org.icldynamics.data;

import java.util.SplittableRandom;

/**
 * Marsaglia and Tsang's ziggurat for N(0, 1) on a SplitMix64 generator held in two longs, so that the fast loop keeps
 * the generator in registers (measured in one JVM under load: the same ziggurat on {@link SplittableRandom#nextLong()}
 * 6-7 ns per normal, on the two longs 4-5 ns). The generator is the child {@code rng.split(rng)} would make: seed the
 * parent's next long, gamma {@link #mixGamma} of the one after; its outputs are {@code mix64(seed + k gamma)},
 * {@code k = 1, 2, ...}, as {@link SplittableRandom#nextLong()} of that child.
 *
 * <p>Each normal takes one 64-bit output {@code b}: layer {@code i = b & 255}, signed uniform
 * {@code u = (2 + (b >>> 12) 2^-52) - 3} in {@code [-1, 1)} (bits 12..63, disjoint from the layer bits). If
 * {@code |u| < x[i+1] / x[i]} the draw is {@code u x[i]} (about 98.5% of draws). Otherwise the slow path, which takes
 * further outputs of the same sequence in order: the base layer's tail beyond {@code R} (Marsaglia's exponential
 * method), a wedge test against {@code exp(-x^2 / 2)}, or a fresh draw. The normals are therefore a function of the
 * output sequence alone: filling {@code a} then {@code b} draws gives the bits of one fill of {@code a + b}. The tables
 * and the slow path use only {@link StrictMath} and IEEE-exact arithmetic, so the bits are the same on every JVM and
 * CPU, interpreted or compiled.
 *
 * <p>Layers: {@code x[1] = R} and {@code x[i] (f(x[i+1]) - f(x[i])) = V} for {@code i = 1..255} with
 * {@code f(x) = exp(-x^2 / 2)} and {@code x[256] = 0}; the base layer is the strip {@code [0, R] x [0, f(R)]} plus
 * the tail, of area {@code V = R f(R) + int_R^inf f}, drawn as a strip of width {@code x[0] = V / f(R)}.
 */
final class Ziggurat {
    static final int LAYERS = 256;
    /** Right edge of the base strip: the 256-layer root of Marsaglia and Tsang (2000). */
    static final double R = 3.6541528853610088;
    /**
     * Area of every layer: {@code R f(R) + int_R^inf exp(-x^2 / 2) dx = R f(R) + sqrt(pi / 2) erfc(R / sqrt 2)} for
     * this double R, rounded from 40 digits (mpmath).
     */
    static final double V = 0.0049286732339746545;
    /** Layer edges {@code x[0..256]}, decreasing from {@code x[1] = R} to {@code x[256] = 0}. */
    static final double[] X = new double[LAYERS + 1];
    /** {@code f(x[i]) = exp(-x[i]^2 / 2)}, with {@code F[0] = 0} (the base layer's floor). */
    static final double[] F = new double[LAYERS + 1];
    /** Fast-path bound {@code x[i+1] / x[i]}: below it the point lies inside the density. */
    private static final double[] RATIO = new double[LAYERS];
    private static final long SIGN_2 = 0x4000_0000_0000_0000L;
    private static final double ULP53 = 0x1.0p-53;
    /** Relative widening of the wedge bounds: far above their rounding (1e-15) and StrictMath.exp's (1 ulp). */
    static final double MARGIN = 1e-12;

    static {
        X[1] = R;
        F[1] = StrictMath.exp(-0.5 * R * R);
        X[0] = V / F[1];
        for (int i = 2; i < LAYERS; i++) {
            X[i] = StrictMath.sqrt(-2 * StrictMath.log(V / X[i - 1] + F[i - 1]));
            F[i] = StrictMath.exp(-0.5 * X[i] * X[i]);
        }
        F[LAYERS] = 1.0;
        for (int i = 0; i < LAYERS; i++) {
            RATIO[i] = X[i + 1] / X[i];
        }
    }

    private long seed;
    private final long gamma;

    private Ziggurat(long seed, long gamma) {
        this.seed = seed;
        this.gamma = gamma;
    }

    /** The generator {@code rng.split(rng)} would make; takes exactly two longs from {@code rng}. */
    static Ziggurat split(SplittableRandom rng) {
        long s = rng.nextLong();
        return new Ziggurat(s, mixGamma(rng.nextLong()));
    }

    /** @param out overwritten at {@code [offset, offset + count)} with the next {@code count} normals */
    void fill(double[] out, int offset, int count) {
        long s = seed;
        long g = gamma;
        int k = offset;
        int end = offset + count;
        while (k < end) {
            int stop = fastRun(out, k, end, s, g);
            s += (stop - k) * g; // the fast path takes one output per slot
            k = stop;
            if (k < end) { // the next output left the fast path at slot k
                s += g;
                long b = mix64(s);
                seed = s;
                double v = slow((int) b & (LAYERS - 1), Double.longBitsToDouble((b >>> 12) | SIGN_2) - 3.0);
                s = seed;
                if (v == v) { // NaN: rejected in a wedge, the next output is a fresh draw of the same slot
                    out[k++] = v;
                }
            }
        }
        seed = s;
    }

    /**
     * The fast path from slot {@code k} on, the outputs following state {@code s}: fills {@code out[k, stop)} with
     * one output each and returns {@code stop}, which is {@code end} or the slot whose draw, the output after those,
     * left the inner rectangles.
     * A method of its own with no calls, so that the JIT can keep the loop in registers: the launcher keeps C2 from
     * inlining it into callers whose calls (the slow path's logarithms) make it spill the loop's values.
     *
     * <p>The loop mixes each output two slots before it tests it ({@code b0}, {@code b1}: outputs {@code k + 1} and
     * {@code k + 2} when slot {@code k} starts), so the test's branch waits on less of the multiply chain; when the
     * 1.5% of draws that leave arrive, the processor has less speculative work past the branch to throw away (old and
     * new alternating in one JVM, minima: 3.62-3.67 -> 3.44-3.46 ns per normal, fills of 512). The two outputs mixed
     * ahead of {@code stop} are discarded: the caller advances the state by {@code stop - k} outputs, as before.
     * Mixing one slot ahead gave nothing, three or four were slower.
     */
    static int fastRun(double[] out, int k, int end, long s, long g) {
        double[] x = X;
        double[] ratio = RATIO;
        long b0 = mix64(s + g);
        long b1 = mix64(s + 2 * g);
        long next = s + 3 * g;
        for (; k < end; k++) {
            long b = b0;
            b0 = b1;
            b1 = mix64(next);
            next += g;
            int i = (int) b & (LAYERS - 1);
            double u = Double.longBitsToDouble((b >>> 12) | SIGN_2) - 3.0;
            if (Math.abs(u) >= ratio[i]) {
                break;
            }
            out[k] = u * x[i];
        }
        return k;
    }

    /** The next output of the SplitMix64 sequence. */
    long nextLong() {
        return mix64(seed += gamma);
    }

    /**
     * A draw that left the fast path at layer {@code i} with signed uniform {@code u}; takes further outputs. Returns
     * NaN when the wedge test rejects the point: the caller then draws that slot afresh, as the fast path does.
     */
    private double slow(int i, double u) {
        if (i == 0) { // beyond R: x = -ln(U1) / R until -2 ln(U2) >= x^2
            double t;
            double e;
            do {
                t = -StrictMath.log(((nextLong() >>> 11) + 1) * ULP53) / R;
                e = -StrictMath.log(((nextLong() >>> 11) + 1) * ULP53);
            } while (e + e < t * t);
            return u < 0 ? -(R + t) : R + t;
        }
        double x = u * X[i];
        double y = F[i] + ((nextLong() >>> 11) * ULP53) * (F[i + 1] - F[i]); // uniform on the layer's height
        return under(i, Math.abs(x), y) ? x : Double.NaN;
    }

    /**
     * {@code y < exp(-x^2 / 2)} for {@code x} in layer i's wedge {@code [x[i+1], x[i]]}, with the same answer as
     * that comparison with {@link StrictMath#exp} (so the same bits) but mostly without the exponential: f is
     * concave below 1 (chord below, tangents at both ends above) and convex above 1 (the reverse), and the bounds,
     * widened by {@link #MARGIN} relative, decide every y outside the thin band between them.
     */
    static boolean under(int i, double x, double y) {
        double lo = X[i + 1];
        double hi = X[i];
        double chord = F[i] + (F[i + 1] - F[i]) * ((hi - x) / (hi - lo));
        double tangentHi = F[i] * (1 - hi * (x - hi));
        double tangentLo = F[i + 1] * (1 - lo * (x - lo));
        if (hi <= 1) { // concave: chord <= f <= both tangents
            if (y < chord * (1 - MARGIN)) {
                return true;
            }
            if (y > Math.min(tangentHi, tangentLo) * (1 + MARGIN)) {
                return false;
            }
        } else if (lo >= 1) { // convex: max of the tangents <= f <= chord
            if (y > chord * (1 + MARGIN)) {
                return false;
            }
            if (y < Math.max(tangentHi, tangentLo) * (1 - MARGIN)) {
                return true;
            }
        }
        return y < StrictMath.exp(-0.5 * x * x);
    }

    /** Stafford's variant 13, the output function of {@link SplittableRandom}. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** {@link SplittableRandom}'s gamma for a child: MurmurHash3's finaliser, made odd, with enough bit flips. */
    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int n = Long.bitCount(z ^ (z >>> 1));
        return n < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}
