package org.icldynamics.experiment.inspect;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.analysis.CandidateFamily;
import org.icldynamics.analysis.ParameterGrid;
import org.icldynamics.data.Covariance;
import org.icldynamics.estimator.DebiasedGdEstimator;
import org.icldynamics.estimator.GradientDescentEstimator;
import org.icldynamics.estimator.LinearAttentionFixedPointEstimator;
import org.icldynamics.estimator.PcrEstimator;
import org.icldynamics.estimator.RidgeEstimator;

/**
 * The estimator families a trained run is identified against, named as {@link EstimatorChoice.Kind} names the same
 * estimators: one-step GD with step eta ({@code gd}), debiased GD with step eta ({@code debiased-gd}), ridge with
 * penalty lambda ({@code ridge}) and, when Lambda is not isotropic, in-context PCR with m components in two forms:
 * linear attention's fixed point of eq. 22 ({@code fixed-point}, m = 0..d, m = 0 being the zero predictor of the
 * first plateau) and least squares on the top m directions of the known Lambda ({@code pcr}, m = 1..d). The
 * preconditioned-GD family is fitted in closed form by {@code PreconditionerFit}.
 * Steps are searched on a log grid over [1e-3, 1e3] (a linear model without 1/n implements GD with step n times its
 * circuit, far from 1), penalties over [1e-3, 1e4].
 */
public final class CandidateFamilies {
    private CandidateFamilies() {
    }

    /**
     * @param n the training context length (the fixed-point PCR's {@code c_k} use it)
     * @param covariance the run's Lambda; null or isotropic: no PCR families
     */
    public static List<CandidateFamily> forRun(int d, int n, Covariance covariance) {
        List<CandidateFamily> out = new ArrayList<>();
        ParameterGrid steps = new ParameterGrid.Continuous(1e-3, 1e3, 61, ParameterGrid.Scale.LOG);
        out.add(new CandidateFamily(EstimatorChoice.Kind.GD.word(), eta -> new GradientDescentEstimator(1, eta),
                steps));
        out.add(new CandidateFamily(EstimatorChoice.Kind.DEBIASED_GD.word(), DebiasedGdEstimator::new, steps));
        out.add(new CandidateFamily(EstimatorChoice.Kind.RIDGE.word(), RidgeEstimator::new,
                new ParameterGrid.Continuous(1e-3, 1e4, 36, ParameterGrid.Scale.LOG)));
        if (covariance != null && !isotropic(covariance)) {
            double[] m = new double[d];
            double[] m0 = new double[d + 1];
            for (int k = 0; k <= d; k++) {
                m0[k] = k;
                if (k < d) {
                    m[k] = k + 1;
                }
            }
            // m = 0 is the zero predictor: the fixed point M_0 of the first plateau (relative error 1)
            out.add(new CandidateFamily(EstimatorChoice.Kind.FIXED_POINT.word(),
                    c -> new LinearAttentionFixedPointEstimator(covariance, n, (int) c), new ParameterGrid.Discrete(m0)));
            out.add(new CandidateFamily(EstimatorChoice.Kind.PCR.word(), c -> PcrEstimator.known((int) c, covariance),
                    new ParameterGrid.Discrete(m)));
        }
        return List.copyOf(out);
    }

    private static boolean isotropic(Covariance c) {
        double[] e = c.eigenvalues();
        return e[0] - e[e.length - 1] <= 1e-12 * Math.abs(e[0]);
    }
}
