package org.icldynamics.analysis;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.analysis.HeadPattern.SignGroup;
import org.icldynamics.model.HeadCircuit;

/**
 * The softmax paper's circuit pattern metrics (spec softmax-multihead A.4.1, as the authors computed them): diagonal
 * ratio and normalised homogeneity variance of each KQ x-block, last-entry ratio of each OV, the zero-sum residual
 * across heads, sign groups and dummy heads, and their averages over active heads. The query-label column of KQ
 * (which multiplies the query's zero label slot and keeps its initial values) is ignored.
 */
public final class PatternMetrics {
    private final PatternSettings settings;

    public PatternMetrics(PatternSettings settings) {
        this.settings = settings;
    }

    /** Metrics of one snapshot of circuits (all heads of the same shape). */
    public PatternResult measure(List<HeadCircuit> circuits) {
        return measure(-1, circuits);
    }

    /** Metrics of one snapshot taken at {@code step}. */
    public PatternResult measure(long step, List<HeadCircuit> circuits) {
        if (circuits.isEmpty()) {
            throw new IllegalArgumentException("no heads to measure");
        }
        int wD = circuits.get(0).tokenWidth();
        int outputs = circuits.get(0).outputs();
        int d = wD - outputs;
        for (HeadCircuit c : circuits) {
            if (c.tokenWidth() != wD || c.outputs() != outputs) {
                throw new IllegalArgumentException("head " + c.head() + " has a different shape from head "
                        + circuits.get(0).head());
            }
        }
        int h = circuits.size();
        double[][] raw = new double[h][];
        double maxContribution = 0;
        for (int k = 0; k < h; k++) {
            raw[k] = headNumbers(circuits.get(k), d, outputs);
            maxContribution = Math.max(maxContribution, Math.abs(raw[k][4] * raw[k][5]));
        }
        List<HeadPattern> heads = new ArrayList<>();
        for (int k = 0; k < h; k++) {
            double[] r = raw[k];
            boolean dummy = r[0] <= settings.dummyDiagRatio()
                    || Math.abs(r[4] * r[5]) <= settings.tinyContribution() * maxContribution;
            SignGroup g = dummy ? SignGroup.DUMMY
                    : r[4] > 0 && r[5] > 0 ? SignGroup.POSITIVE
                    : r[4] < 0 && r[5] < 0 ? SignGroup.NEGATIVE : SignGroup.MIXED;
            heads.add(new HeadPattern(circuits.get(k).head(), r[0], r[1], r[2], r[3], r[4], r[5], g));
        }
        double[] zeroSum = new double[outputs];
        double[] eta = new double[outputs];
        for (int n = 0; n < outputs; n++) {
            double sum = 0;
            double abs = 0;
            for (int k = 0; k < h; k++) {
                double mu = circuits.get(k).ov(n, d + n);
                sum += mu;
                abs += Math.abs(mu);
                eta[n] += mu * heads.get(k).omega();
            }
            zeroSum[n] = abs > 0 ? Math.abs(sum) / abs : Double.NaN;
        }
        int active = 0;
        double sr = 0;
        double sv = 0;
        double so = 0;
        for (HeadPattern p : heads) {
            if (p.active()) {
                active++;
                sr += p.diagRatio();
                sv += p.diagVar();
                so += p.ovRatio();
            }
        }
        return new PatternResult(step, heads, zeroSum, eta, active, sr / active, sv / active, so / active,
                group(heads, SignGroup.POSITIVE), group(heads, SignGroup.NEGATIVE));
    }

    /**
     * Metrics of every snapshot of a run.
     *
     * @param steps {@code [s]} snapshot steps, not modified
     * @param snapshots {@code s} lists of circuits
     */
    public List<PatternResult> trajectory(long[] steps, List<List<HeadCircuit>> snapshots) {
        if (steps.length != snapshots.size()) {
            throw new IllegalArgumentException(steps.length + " steps for " + snapshots.size() + " snapshots");
        }
        List<PatternResult> out = new ArrayList<>();
        for (int s = 0; s < steps.length; s++) {
            out.add(measure(steps[s], snapshots.get(s)));
        }
        return out;
    }

    /** {diagRatio, diagVar, ovRatio, keyLabelRatio, omega, mu} of one head. */
    private static double[] headNumbers(HeadCircuit c, int d, int outputs) {
        double diag2 = 0;
        double all2 = 0;
        double mean = 0;
        for (int i = 0; i < d; i++) { // [d, d] x-block
            for (int j = 0; j < d; j++) {
                double a = c.kq(i, j);
                all2 += a * a;
                if (i == j) {
                    diag2 += a * a;
                    mean += a;
                }
            }
        }
        mean /= d;
        double var = 0;
        for (int i = 0; i < d; i++) {
            var += (c.kq(i, i) - mean) * (c.kq(i, i) - mean);
        }
        var /= d;
        double label2 = 0;
        for (int i = d; i < d + outputs; i++) { // [outputs, d] key-label rows
            for (int j = 0; j < d; j++) {
                label2 += c.kq(i, j) * c.kq(i, j);
            }
        }
        double ov2 = 0;
        double slot2 = 0;
        double mu = 0;
        for (int n = 0; n < outputs; n++) { // [outputs, D]
            for (int j = 0; j < d + outputs; j++) {
                ov2 += c.ov(n, j) * c.ov(n, j);
            }
            double s = c.ov(n, d + n);
            slot2 += s * s;
            if (Math.abs(s) > Math.abs(mu)) {
                mu = s;
            }
        }
        double diagRatio = all2 > 0 ? Math.sqrt(diag2 / all2) : 0;
        double diagVar = var / (mean * mean);
        double ovRatio = ov2 > 0 ? Math.sqrt(slot2 / ov2) : 0;
        double keyLabel = all2 + label2 > 0 ? Math.sqrt(label2 / (all2 + label2)) : 0;
        return new double[] {diagRatio, diagVar, ovRatio, keyLabel, mean, mu};
    }

    private static PatternResult.Group group(List<HeadPattern> heads, SignGroup g) {
        int count = 0;
        double omega = 0;
        double mu = 0;
        for (HeadPattern p : heads) {
            if (p.group() == g) {
                count++;
                omega += p.omega();
                mu += p.mu();
            }
        }
        return new PatternResult.Group(count, count > 0 ? omega / count : Double.NaN, mu);
    }
}
