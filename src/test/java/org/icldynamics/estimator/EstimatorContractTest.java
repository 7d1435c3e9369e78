package org.icldynamics.estimator;

import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PredictorContractTest;
import org.junit.jupiter.api.Nested;

/** Every estimator keeps the {@link Predictor} contract. */
class EstimatorContractTest {
    @Nested class Ols extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) { return new LeastSquaresEstimator(); }
    }
    @Nested class Ridge extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) { return new RidgeEstimator(0.3, RidgeEstimator.Penalty.PER_TOKEN); }
    }
    @Nested class Bayes extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) { return BayesEstimator.of(t); }
    }
    @Nested class Gd extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) { return new GradientDescentEstimator(5, 0.5); }
    }
    @Nested class DebiasedGd extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) { return new DebiasedGdEstimator(0.9); }
    }
    @Nested class PreconditionedGd extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) {
            return new PreconditionedGdEstimator(t.covariance().matrix(), 3, 0.4, PreconditionedGdEstimator.Centring.CONTEXT_MEAN);
        }
    }
    @Nested class LinearAttentionPlateau extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) { return new LinearAttentionFixedPointEstimator(t.covariance(), 12, 2); }
    }
    @Nested class PcrKnown extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) { return PcrEstimator.known(2, t.covariance()); }
    }
    @Nested class PcrContext extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) { return PcrEstimator.empirical(3); }
    }
    @Nested class Lasso extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) { return new LassoEstimator(0.05); }
    }
    @Nested class OracleSupport extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) { return new OracleSupportEstimator(); }
    }
    @Nested class SoftmaxTwoHead extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) { return SoftmaxStructuredEstimator.symmetricPair(0.13, 3.45); }
    }
    @Nested class SoftmaxSingleHead extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) { return SoftmaxStructuredEstimator.singleHead(4, 0.1, 12); }
    }
    @Nested class MultiTaskSoftmaxOneTask extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) {
            return new MultiTaskSoftmaxEstimator(new int[][] {{0, 1, 2, 3}}, 2, new double[] {0.2, -0.2, 2, -2});
        }
    }
    @Nested class PreprocessThenOptimizeNormalised extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) {
            return new PreprocessThenOptimizeEstimator(PreprocessThenOptimizeEstimator.Preprocess.SQUARE, 4, 0.5,
                    PreprocessThenOptimizeEstimator.StepRule.NORMALISED);
        }
    }
    @Nested class PreprocessThenOptimize extends PredictorContractTest {
        protected Predictor predictor(LinearRegressionTask t) {
            return new PreprocessThenOptimizeEstimator(PreprocessThenOptimizeEstimator.Preprocess.ABS, 4, 0.5);
        }
    }
}
