package org.icldynamics.experiment.inspect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.icldynamics.analysis.DropTiming;
import org.icldynamics.analysis.TimingResult;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.report.NpzReader;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.theory.DropTimes;
import org.icldynamics.theory.EscapeTimes;
import org.icldynamics.theory.LinearAttentionFlow;
import org.icldynamics.theory.LinearAttentionPopulation;
import org.icldynamics.train.LogRecord;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.TheoryReferences;
import org.icldynamics.experiment.TrainSection;
import org.icldynamics.experiment.run.RunReader;

/**
 * Predicted drop times of a linear-attention run from its own step-0 snapshot: the exact population gradient flow
 * ({@link LinearAttentionFlow}, time {@code t = lr * step}) started from the snapshot's {@code v_h} and key-query
 * x-blocks, and the closed-form escape steps (linear-attention A.4 items 5 and 9), each against the run's measured
 * half-way steps. Applies to one-layer linear attention on one linear-regression task with merged value-output,
 * trained by GD or SGD; other runs get null. The blocks the reduced model never trains (key-query rows and columns of
 * the label slot, the value's x-part) are taken as 0, exactly so for {@code trainable: reduced} runs from the
 * linear-paper init.
 */
public final class DropTimePredictions {
    /** Most points of the predicted curve kept in {@code analysis.json}. */
    static final int CURVE_POINTS = 400;

    private DropTimePredictions() {
    }

    /** The timings of {@code run}; null when the run is outside the theory's reach or has no step-0 snapshot. */
    public static TimingResult of(RunReader run) throws IOException {
        ExperimentSpec spec = run.spec();
        TrainSection.OptimizerKind opt = spec.train().optimizer();
        long[] snaps = run.snapshotSteps();
        if (!(spec.model() instanceof OneLayerAttention.Spec m) || m.scores() != OneLayerAttention.Scores.LINEAR
                || m.valueOutput() != OneLayerAttention.ValueOutput.MERGED || spec.task().tasks() != 1
                || !(run.task() instanceof LinearRegressionTask task)
                || (opt != TrainSection.OptimizerKind.GD && opt != TrainSection.OptimizerKind.SGD)
                || snaps.length == 0 || snaps[0] != 0) {
            return null;
        }
        Covariance cov = task.covariance();
        int d = task.d();
        int n = task.n();
        double kappa = m.normalisation() == OneLayerAttention.Normalisation.NONE ? n : 1;
        LinearAttentionPopulation pop = new LinearAttentionPopulation(cov.matrix(), d, n, spec.task().tau2(),
                spec.task().noise(), spec.task().queryNoise(), kappa);
        boolean merged = m.keyQuery() == OneLayerAttention.KeyQuery.MERGED;
        LinearAttentionFlow.Layout layout = merged ? LinearAttentionFlow.Layout.mergedKq()
                : LinearAttentionFlow.Layout.separate(m.rank(d + spec.task().tasks()));
        double factor = m.loss().factor();
        LinearAttentionFlow flow = new LinearAttentionFlow(pop, layout, m.heads(), factor);
        double[] theta = initialState(run.snapshot(0), layout, m.heads(), d);
        double lr = spec.train().lr();

        List<LogRecord> rows = run.metrics();
        double[] steps = rows.stream().mapToDouble(LogRecord::step).toArray();
        double[] measured = rows.stream().mapToDouble(LogRecord::trainLoss).toArray();
        double[] t = Arrays.stream(steps).map(s -> lr * s).toArray();
        double[] predicted = flow.losses(flow.solve(theta, t));

        double[] levels = merged ? new double[] {factor * pop.loss(new double[d * d]), factor * pop.minimumLoss()}
                : TheoryReferences.plateauLevels(spec);
        if (levels.length < 2) {
            return null;
        }
        double[] measuredDrops = DropTimes.halfWay(steps, measured, levels);
        double[] predictedDrops = DropTimes.halfWay(steps, predicted, levels);
        double[] formula = formula(pop, factor, flow, theta, cov, merged, m.rank(d + spec.task().tasks()), levels.length - 1, lr);
        List<DropTiming> drops = new ArrayList<>();
        for (int k = 0; k < measuredDrops.length; k++) {
            drops.add(new DropTiming(k + 1, levels[k], levels[k + 1], measuredDrops[k], predictedDrops[k], formula[k],
                    measuredDrops[k] / predictedDrops[k]));
        }
        int stride = Math.max(1, (steps.length + CURVE_POINTS - 1) / CURVE_POINTS);
        double[] cs = new double[(steps.length + stride - 1) / stride];
        double[] cl = new double[cs.length];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = steps[i * stride];
            cl[i] = predicted[i * stride];
        }
        return new TimingResult("exact population gradient flow from the step-0 snapshot (t = lr * step)", drops, cs,
                cl);
    }

    /** Escape steps: merged one (item 5); rank one: each direction's (item 9), in increasing order; else NaN. */
    private static double[] formula(LinearAttentionPopulation pop, double factor, LinearAttentionFlow flow,
                                    double[] theta, Covariance cov, boolean merged, int rank, int count, double lr) {
        double[] out = new double[count];
        Arrays.fill(out, Double.NaN);
        if (merged) {
            int w = flow.layout().width(pop.d());
            double[] v = new double[flow.heads()];
            double[][] kq = new double[flow.heads()][];
            for (int h = 0; h < v.length; h++) {
                v[h] = theta[h * w];
                kq[h] = Arrays.copyOfRange(theta, h * w + 1, (h + 1) * w);
            }
            out[0] = EscapeTimes.merged(pop, factor, v, kq) / lr;
        } else if (rank == 1) {
            double[] e = EscapeTimes.separate(pop, factor, flow, theta, cov.eigenvalues(), cov.eigenvectors());
            Arrays.sort(e);
            for (int k = 0; k < Math.min(count, e.length); k++) {
                out[k] = e[k] / lr;
            }
        }
        return out;
    }

    /** The flow's state from a snapshot: per head {@code v = ov[0, d]} and the x-blocks of kq or key and query. */
    static double[] initialState(Map<String, NpzReader.Array> snap, LinearAttentionFlow.Layout layout, int heads,
                                 int d) {
        int w = layout.width(d);
        double[] theta = new double[heads * w];
        for (int h = 0; h < heads; h++) {
            double[] ov = array(snap, "head" + h + ".ov");
            int width = ov.length; // one output: [1, D]
            theta[h * w] = ov[d];
            if (layout.merged()) {
                double[] kq = array(snap, "head" + h + ".kq"); // [D, D], rows key
                for (int i = 0; i < d; i++) {
                    System.arraycopy(kq, i * width, theta, h * w + 1 + i * d, d);
                }
                continue;
            }
            double[] key = array(snap, "head" + h + ".key"); // [R, D]
            double[] query = array(snap, "head" + h + ".query"); // [R, D]
            for (int r = 0; r < layout.rank(); r++) {
                System.arraycopy(key, r * width, theta, h * w + 1 + r * d, d);
                System.arraycopy(query, r * width, theta, h * w + 1 + (layout.rank() + r) * d, d);
            }
        }
        return theta;
    }

    private static double[] array(Map<String, NpzReader.Array> snap, String block) {
        NpzReader.Array a = snap.getOrDefault(RunReader.PARAM + block, snap.get(block));
        if (a == null) {
            throw new ConfigException("the step-0 snapshot lacks parameter block " + block);
        }
        return a.data();
    }
}
