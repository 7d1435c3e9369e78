package org.icldynamics.experiment.inspect;

import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.TaskSection;
import org.icldynamics.experiment.TrainSection;
import org.icldynamics.experiment.run.RunReader;
import java.io.IOException;
import java.util.List;
import org.icldynamics.analysis.AllocationResult;
import org.icldynamics.analysis.AllocationSettings;
import org.icldynamics.analysis.DropTiming;
import org.icldynamics.analysis.HeadTaskAllocation;
import org.icldynamics.analysis.PhaseBoundaries;
import org.icldynamics.analysis.PhaseResult;
import org.icldynamics.analysis.PhaseSettings;
import org.icldynamics.analysis.TaskCoordinates;
import org.icldynamics.analysis.TimingResult;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.theory.ApproximateSoftmaxLoss;
import org.icldynamics.theory.FactoredApproximateFlow;
import org.icldynamics.theory.OdeSolution;
import org.icldynamics.train.LogRecord;

/**
 * Predicted softmax stage boundaries of a multi-task softmax run from its own step-0 snapshot: the head-by-task
 * {@code omega_n^h = lambda_W}, {@code mu_n^h = lambda_U} read off the step-0 circuits ({@link HeadTaskAllocation})
 * start the approximate flow of multitask-dynamics B.4 on balanced factors ({@link FactoredApproximateFlow}, as the
 * separate key-query / value-output model trains), and {@link PhaseBoundaries} (defaults: 20% and 90% of the drop)
 * reads the warm-up end and the emergence end off both the flow's mean task loss and the run's training loss, on
 * {@code t = lr * step}. Applies to softmax attention with separate key-query and value-output on tasks over
 * contiguous disjoint blocks, trained by GD or SGD without momentum (Adam's steps have no gradient-flow time); other
 * runs get null.
 */
public final class StageTimePredictions {
    /** The method named in {@link TimingResult#method()} (and how the summary tells stages from drops). */
    public static final String METHOD = "factored approximate softmax flow (multitask B.4) from the step-0 lambda_W, "
            + "lambda_U (t = lr * step)";
    /** Output points of the flow over the run. */
    static final int POINTS = 400;

    private StageTimePredictions() {
    }

    /** The stage timings of {@code run}; null when the theory does not reach it. */
    public static TimingResult of(RunReader run) throws IOException {
        ExperimentSpec spec = run.spec();
        TaskSection task = spec.task();
        TrainSection tr = spec.train();
        long[] snaps = run.snapshotSteps();
        boolean stepped = tr.optimizer() == TrainSection.OptimizerKind.GD
                || (tr.optimizer() == TrainSection.OptimizerKind.SGD && tr.momentum() == 0);
        if (!(spec.model() instanceof OneLayerAttention.Spec m) || m.scores() != OneLayerAttention.Scores.SOFTMAX
                || m.keyQuery() != OneLayerAttention.KeyQuery.SEPARATE
                || m.valueOutput() != OneLayerAttention.ValueOutput.SEPARATE || task.tasks() < 2
                || task.kind() != TaskSection.Kind.DENSE || !task.supports().isEmpty()
                || task.layout() != TaskSection.Layout.CONTIGUOUS_BLOCKS || !stepped || tr.warmupSteps() != 0
                || snaps.length == 0 || snaps[0] != 0) {
            return null;
        }
        int nt = task.tasks();
        int heads = m.heads();
        TaskCoordinates blocks = TaskCoordinates.contiguous(task.d(), nt);
        AllocationResult a = new HeadTaskAllocation(blocks, AllocationSettings.defaults()).allocate(0,
                run.circuits(0));
        double[] sizes = new double[nt];
        double[] theta = new double[2 * nt * heads];
        for (int n = 0; n < nt; n++) { // [N, H]: omega, then mu
            sizes[n] = blocks.blocks()[n].length;
            for (int h = 0; h < heads; h++) {
                theta[n * heads + h] = a.lambdaW()[n][h];
                theta[nt * heads + n * heads + h] = a.lambdaU()[n][h];
            }
        }
        ApproximateSoftmaxLoss loss = new ApproximateSoftmaxLoss(sizes, sizes, heads, task.n(), task.noise());
        double temperature = m.temperature(task.d() + nt);
        List<LogRecord> rows = run.metrics();
        double lr = tr.lr();
        double[] t = rows.stream().mapToDouble(LogRecord::t).toArray();
        double[] train = rows.stream().mapToDouble(LogRecord::trainLoss).toArray();
        double end = t[t.length - 1];
        double[] ft = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            ft[i] = end * i / (POINTS - 1);
        }
        OdeSolution sol = new FactoredApproximateFlow(loss, temperature).euler(theta, ft);
        double[] fl = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            fl[i] = loss.value(sol.states()[i]) / nt;
        }
        PhaseBoundaries detector = new PhaseBoundaries(PhaseSettings.defaults());
        PhaseResult measured = detector.detect(t, train);
        PhaseResult predicted = detector.detect(ft, fl);
        double[] steps = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            steps[i] = ft[i] / lr;
        }
        List<DropTiming> stages = List.of(
                stage(1, measured, predicted, measured.emergenceStart(), predicted.emergenceStart(), lr),
                stage(2, measured, predicted, measured.emergenceEnd(), predicted.emergenceEnd(), lr));
        return new TimingResult(METHOD, stages, steps, fl);
    }

    /** Stage boundary {@code k} (1 warm-up end, 2 emergence end) in steps; levels are the flow's start and end. */
    private static DropTiming stage(int k, PhaseResult measured, PhaseResult predicted, double tMeasured,
                                    double tPredicted, double lr) {
        return new DropTiming(k, predicted.initialLevel(), predicted.finalLevel(), tMeasured / lr, tPredicted / lr,
                Double.NaN, tMeasured / tPredicted);
    }
}
