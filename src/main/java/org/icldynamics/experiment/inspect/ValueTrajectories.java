package org.icldynamics.experiment.inspect;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.analysis.AlignmentResult;
import org.icldynamics.analysis.AnalysisResult;
import org.icldynamics.analysis.KeyAlignment;
import org.icldynamics.data.Covariance;
import org.icldynamics.model.LossConvention;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.theory.RankOneScalarOde;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.TrainSection;

/**
 * Each aligned head's weight over training against the scalar ODE of its eigen-direction (linear-attention A.4
 * item 9, {@link RankOneScalarOde} in code units: GD step {@code train.lr}, no 1/N, MSE without 1/2). The ODE is the
 * dynamics of a balanced head ({@code |v| = ||k|| = ||q||}); a trained head need not be balanced, so the head's weight
 * is read as its balanced equivalent {@code u = (|v| ||k|| ||q||)^(1/3)} (the same product, so the same prediction).
 * The ODE starts at the first snapshot where the head's key and query both align with the eigenvector it ends on, from
 * the head's {@code u} there. Heads that never align, and configs outside the ODE's units (another optimizer,
 * normalisation or loss convention), give no comparison.
 */
final class ValueTrajectories {
    private ValueTrajectories() {
    }

    /**
     * @param alignments one per snapshot, in step order
     * @param steps the snapshots' steps {@code [s]}, not modified
     */
    static List<AnalysisResult.HeadValueComparison> compare(List<AlignmentResult> alignments, long[] steps,
                                                            Covariance cov, ExperimentSpec spec) {
        if (alignments.isEmpty() || spec.train().optimizer() != TrainSection.OptimizerKind.GD
                || spec.model().normalisation() != OneLayerAttention.Normalisation.NONE
                || spec.model().loss() != LossConvention.MSE) {
            return List.of();
        }
        double[] lambda = cov.eigenvalues();
        List<AnalysisResult.HeadValueComparison> out = new ArrayList<>();
        AlignmentResult last = alignments.get(alignments.size() - 1);
        for (AlignmentResult.PairAlignment end : last.pairs()) {
            if (!end.aligned() || end.rank() != 0) {
                continue;
            }
            int k = end.eigenvector();
            double[] u = new double[steps.length];
            int start = -1;
            for (int s = 0; s < steps.length; s++) {
                AlignmentResult.PairAlignment p = pair(alignments.get(s), end.head());
                u[s] = Math.cbrt(Math.abs(p.value()) * p.keyNorm() * p.queryNorm());
                if (start < 0 && p.eigenvector() == k && p.keyCos() >= 0.95 && p.queryCos() >= 0.95 && u[s] > 0) {
                    start = s;
                }
            }
            if (start < 0 || start >= steps.length - 1) {
                continue;
            }
            int m = steps.length - start;
            double[] t = new double[m];
            double[] v = new double[m];
            for (int i = 0; i < m; i++) {
                t[i] = steps[start + i] - steps[start];
                v[i] = u[start + i];
            }
            RankOneScalarOde ode = new RankOneScalarOde(lambda[k], cov.trace(), spec.task().n(),
                    RankOneScalarOde.Units.CODE, spec.train().lr());
            double[] vOde = ode.solve(v[0], t);
            out.add(new AnalysisResult.HeadValueComparison(end.head(), KeyAlignment.compareWithOde(t, v, t, vOde)));
        }
        return List.copyOf(out);
    }

    private static AlignmentResult.PairAlignment pair(AlignmentResult a, int head) {
        for (AlignmentResult.PairAlignment p : a.pairs()) {
            if (p.head() == head && p.rank() == 0) {
                return p;
            }
        }
        throw new IllegalStateException("no pair of head " + head + " at step " + a.step());
    }
}
