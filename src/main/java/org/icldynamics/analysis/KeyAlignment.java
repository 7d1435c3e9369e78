package org.icldynamics.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.icldynamics.analysis.AlignmentResult.PairAlignment;
import org.icldynamics.model.ParameterBlock;

/**
 * For separate-key-query linear attention: how each head's key and query x-parts align with the eigenvectors of
 * Lambda, and its value weight. Reads parameter blocks {@code head{h}.key} {@code [R, D]}, {@code head{h}.query}
 * {@code [R, D]} (x-part = first d columns) and {@code head{h}.ov} {@code [outputs, D]} (value = entry
 * {@code [0, d]}), for {@code h = 0, 1, ...} while the key block exists.
 */
public final class KeyAlignment {
    private final double[] eigenvectors;
    private final int d;
    private final AlignmentSettings settings;

    /**
     * @param eigenvectors {@code [d, d]}, column k is the eigenvector of the k-th largest eigenvalue (as
     *     {@code Covariance.eigenvectors()}); not modified (copied)
     */
    public KeyAlignment(double[] eigenvectors, int d, AlignmentSettings settings) {
        if (d < 1 || eigenvectors.length != d * d) {
            throw new IllegalArgumentException("eigenvectors must be [d, d] with d = " + d + ", got length "
                    + eigenvectors.length);
        }
        this.eigenvectors = eigenvectors.clone();
        this.d = d;
        this.settings = settings;
    }

    /**
     * Alignment of one snapshot.
     *
     * @param parameters flat parameter vector, not modified
     * @param blocks the model's named blocks
     */
    public AlignmentResult measure(long step, double[] parameters, List<ParameterBlock> blocks) {
        List<double[]> raw = new ArrayList<>(); // {head, rank, |k|, |q|, v, eig, cosK, cosQ}
        for (int h = 0; ; h++) {
            ParameterBlock key = find(blocks, "head" + h + ".key");
            if (key == null) {
                if (h == 0) {
                    throw new IllegalArgumentException("no block head0.key: not a separate-key-query model "
                            + "(blocks: " + blocks + ")");
                }
                break;
            }
            ParameterBlock query = require(blocks, "head" + h + ".query");
            ParameterBlock ov = require(blocks, "head" + h + ".ov");
            int rank = key.shape()[0];
            int wD = key.shape()[1];
            if (wD <= d || query.shape()[0] != rank || query.shape()[1] != wD || ov.shape()[1] != wD) {
                throw new IllegalArgumentException("head " + h + ": key " + key + ", query " + query + ", ov " + ov
                        + " do not match d = " + d);
            }
            double v = parameters[ov.offset() + d];
            for (int r = 0; r < rank; r++) {
                raw.add(pair(h, r, v, parameters, key.offset() + r * wD, query.offset() + r * wD));
            }
        }
        double maxStrength = 0;
        for (double[] p : raw) {
            maxStrength = Math.max(maxStrength, Math.abs(p[4]) * p[2] * p[3]);
        }
        List<PairAlignment> pairs = new ArrayList<>();
        TreeSet<Integer> aligned = new TreeSet<>();
        for (double[] p : raw) {
            double strength = Math.abs(p[4]) * p[2] * p[3];
            boolean grown = strength > 0 && strength >= settings.grownFraction() * maxStrength;
            boolean ok = grown && p[6] > settings.minCos() && p[7] > settings.minCos();
            if (ok) {
                aligned.add((int) p[5]);
            }
            pairs.add(new PairAlignment((int) p[0], (int) p[1], p[2], p[3], p[4], (int) p[5], p[6], p[7], grown, ok));
        }
        return new AlignmentResult(step, pairs, new ArrayList<>(aligned));
    }

    /**
     * Alignment of every snapshot of a run.
     *
     * @param steps {@code [s]}, not modified
     * @param snapshots {@code s} flat parameter vectors, not modified
     */
    public List<AlignmentResult> trajectory(long[] steps, List<double[]> snapshots, List<ParameterBlock> blocks) {
        if (steps.length != snapshots.size()) {
            throw new IllegalArgumentException(steps.length + " steps for " + snapshots.size() + " snapshots");
        }
        List<AlignmentResult> out = new ArrayList<>();
        for (int s = 0; s < steps.length; s++) {
            out.add(measure(steps[s], snapshots.get(s), blocks));
        }
        return out;
    }

    /**
     * Compares a head's value weight with a scalar ODE solution (in magnitude), the ODE linearly interpolated to the
     * run's times inside its range.
     *
     * @param t run times {@code [m]}, increasing, not modified
     * @param v the head's value weight at those times {@code [m]}, not modified
     * @param tOde ODE times {@code [k]}, strictly increasing, not modified
     * @param vOde ODE solution {@code [k]}, not modified
     */
    public static ValueComparison compareWithOde(double[] t, double[] v, double[] tOde, double[] vOde) {
        if (t.length != v.length || tOde.length != vOde.length || tOde.length < 2) {
            throw new IllegalArgumentException("times and values must pair up, and the ODE needs >= 2 points");
        }
        int count = 0;
        double sq = 0;
        double max = 0;
        double lastRel = Double.NaN;
        int j = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] < tOde[0] || t[i] > tOde[tOde.length - 1]) {
                continue;
            }
            while (j + 2 < tOde.length && tOde[j + 1] < t[i]) {
                j++;
            }
            double f = (t[i] - tOde[j]) / (tOde[j + 1] - tOde[j]);
            double ode = Math.abs(vOde[j] + f * (vOde[j + 1] - vOde[j]));
            double e = Math.abs(Math.abs(v[i]) - ode);
            count++;
            sq += e * e;
            max = Math.max(max, e);
            lastRel = e / ode;
        }
        if (count == 0) {
            throw new IllegalArgumentException("no run time falls inside the ODE range [" + tOde[0] + ", "
                    + tOde[tOde.length - 1] + "]");
        }
        return new ValueComparison(count, Math.sqrt(sq / count), max, lastRel);
    }

    /** {head, rank, |k|, |q|, v, eigenvector, cosK, cosQ} of one key/query pair. */
    private double[] pair(int h, int r, double v, double[] p, int keyOffset, int queryOffset) {
        double kn = norm(p, keyOffset);
        double qn = norm(p, queryOffset);
        int best = 0;
        double bestScore = -1;
        double bestK = 0;
        double bestQ = 0;
        for (int m = 0; m < d; m++) { // eigenvector m = column m of [d, d]
            double ck = 0;
            double cq = 0;
            for (int i = 0; i < d; i++) {
                ck += p[keyOffset + i] * eigenvectors[i * d + m];
                cq += p[queryOffset + i] * eigenvectors[i * d + m];
            }
            ck = kn > 0 ? Math.abs(ck) / kn : 0;
            cq = qn > 0 ? Math.abs(cq) / qn : 0;
            if (ck * cq > bestScore) {
                bestScore = ck * cq;
                best = m;
                bestK = ck;
                bestQ = cq;
            }
        }
        return new double[] {h, r, kn, qn, v, best, bestK, bestQ};
    }

    private double norm(double[] p, int offset) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += p[offset + i] * p[offset + i];
        }
        return Math.sqrt(s);
    }

    private static ParameterBlock find(List<ParameterBlock> blocks, String name) {
        for (ParameterBlock b : blocks) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        return null;
    }

    private static ParameterBlock require(List<ParameterBlock> blocks, String name) {
        ParameterBlock b = find(blocks, name);
        if (b == null) {
            throw new IllegalArgumentException("missing parameter block " + name);
        }
        return b;
    }
}
