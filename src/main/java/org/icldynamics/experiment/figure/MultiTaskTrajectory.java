package org.icldynamics.experiment.figure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icldynamics.analysis.AllocationResult;
import org.icldynamics.analysis.AllocationSettings;
import org.icldynamics.analysis.HeadTaskAllocation;
import org.icldynamics.analysis.TaskCoordinates;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.report.NpzReader;
import org.icldynamics.theory.ApproximateGradientFlow;
import org.icldynamics.theory.ApproximateSoftmaxLoss;
import org.icldynamics.theory.FactoredApproximateFlow;
import org.icldynamics.theory.OdeSolution;
import org.icldynamics.train.LearningRateSchedule;

/**
 * The head-by-task semi-singular values lambda_W, lambda_U (multitask-dynamics B.2) of a multi-task run at every
 * snapshot, on the gradient-flow time axis {@code t} (the learning-rate schedule's integral), and the approximate gradient flow of B.4 started
 * from the same theory init.
 *
 * @param times {@code [s]} snapshot times
 * @param allocations one per snapshot, in time order
 */
record MultiTaskTrajectory(double[] times, List<AllocationResult> allocations) {
    /** Which semi-singular value: lambda_W (KQ block diagonal mean, omega) or lambda_U (OV label entry, mu). */
    enum Lambda { W, U }

    /** How the approximate flow moves: directly on (omega, mu), or on balanced factors as the model trains. */
    enum Parametrisation { DIRECT, FACTORED }

    /** Reads every snapshot of {@code run} (tasks on contiguous blocks of its d coordinates). */
    static MultiTaskTrajectory of(RunResult run) throws IOException {
        int heads = run.spec().model().heads();
        HeadTaskAllocation alloc = new HeadTaskAllocation(
                TaskCoordinates.contiguous(run.spec().task().d(), run.spec().task().tasks()),
                AllocationSettings.defaults());
        List<Path> files = run.snapshotFiles();
        double[] t = new double[files.size()];
        LearningRateSchedule time = ExperimentFactory.schedule(run.spec().train());
        List<AllocationResult> out = new ArrayList<>();
        for (int s = 0; s < files.size(); s++) {
            long step = RunResult.stepOf(files.get(s));
            t[s] = time.time(step);
            out.add(alloc.allocate(step, CircuitReadout.circuits(NpzReader.read(files.get(s)), heads)));
        }
        return new MultiTaskTrajectory(t, out);
    }

    /** lambda_W or lambda_U of task n, head h over time, {@code [s]}. */
    double[] lambda(Lambda which, int n, int h) {
        double[] y = new double[times.length];
        for (int s = 0; s < y.length; s++) { // [s]
            AllocationResult a = allocations.get(s);
            y[s] = (which == Lambda.U ? a.lambdaU() : a.lambdaW())[n][h];
        }
        return y;
    }

    AllocationResult last() {
        return allocations.get(allocations.size() - 1);
    }

    /** Index of the snapshot whose time is nearest {@code t}. */
    int nearest(double t) {
        return SoftmaxTheoryFigures.nearest(times, t);
    }

    /**
     * The approximate flow of B.4 for disjoint blocks of sizes {@code |S_n|}, task terms weighted by {@code |S_n|}
     * (beta entries N(0, 1)), noiseless, from the theory init of B.2 with scale {@code s}: omega_n^h = s * temperature,
     * mu_n^h = s, and 4 s on task h mod N (as {@code identity-inclined}); directly on (omega, mu) or, with
     * {@code FACTORED}, on balanced factors as the model trains ({@link FactoredApproximateFlow}, same time axis).
     *
     * @param sizes {@code [N]} block sizes, not modified
     */
    record Flow(ApproximateSoftmaxLoss loss, OdeSolution solution) {
        static Flow run(double[] sizes, int heads, int l, double initScale, double temperature, double[] times,
                        Parametrisation parametrisation) {
            ApproximateSoftmaxLoss loss = new ApproximateSoftmaxLoss(sizes, sizes, heads, l, 0);
            int nt = sizes.length;
            double[] theta = new double[loss.dimension()];
            for (int n = 0; n < nt; n++) { // [N, H]
                for (int h = 0; h < heads; h++) {
                    theta[n * heads + h] = initScale * temperature;
                    theta[nt * heads + n * heads + h] = (h % nt == n ? 4 : 1) * initScale;
                }
            }
            if (parametrisation == Parametrisation.FACTORED) {
                return new Flow(loss, new FactoredApproximateFlow(loss, temperature).euler(theta, times));
            }
            ApproximateGradientFlow flow = new ApproximateGradientFlow(loss);
            return new Flow(loss, flow.euler(theta, times, flow.stableEulerStep()));
        }

        /** The per-output MSE the real model logs (mean over tasks of the weighted loss), {@code [T]}. */
        double[] meanTaskLoss() {
            double[] out = new double[solution.times().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = loss.value(solution.states()[i]) / loss.tasks();
            }
            return out;
        }

        /** omega (W) or mu (U) of task n, head h over time, {@code [T]}. */
        double[] parameter(Lambda which, int n, int h) {
            int heads = loss.heads();
            int j = (which == Lambda.U ? loss.tasks() * heads : 0) + n * heads + h;
            return SoftmaxTheoryFigures.column(solution, j);
        }

        /** The largest |mu_{h mod N}^h| (on-task) at the end. */
        double maxOnTaskMu() {
            double[] end = solution.states()[solution.times().length - 1];
            int heads = loss.heads();
            int nt = loss.tasks();
            double m = 0;
            for (int h = 0; h < heads; h++) {
                m = Math.max(m, Math.abs(end[nt * heads + (h % nt) * heads + h]));
            }
            return m;
        }

        /** The smallest off-task mu at the end, signed by the head's on-task mu (negative: heads debias each other). */
        double minOffTaskMu() {
            double[] end = solution.states()[solution.times().length - 1];
            int heads = loss.heads();
            int nt = loss.tasks();
            double min = Double.POSITIVE_INFINITY;
            for (int h = 0; h < heads; h++) {
                int own = h % nt;
                double sign = Math.signum(end[nt * heads + own * heads + h]);
                for (int n = 0; n < nt; n++) {
                    if (n != own) {
                        min = Math.min(min, sign * end[nt * heads + n * heads + h]);
                    }
                }
            }
            return min;
        }
    }
}
