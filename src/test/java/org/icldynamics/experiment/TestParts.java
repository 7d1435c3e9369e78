package org.icldynamics.experiment;

import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.train.Optimizer;

/**
 * Test fixture: builds a run's parts like {@link ExperimentFactory}, with the {@link QueryGdModel} and heavy-ball
 * momentum of coefficient {@link #BETA} (so resume must restore optimizer state) in place of the real models and
 * optimizers.
 */
public final class TestParts {
    /** The fixture's momentum coefficient (any train.optimizer). */
    static final double BETA = 0.5;

    private TestParts() {
    }

    public static ExperimentParts build(ExperimentSpec spec) {
        RandomStreams streams = new RandomStreams(spec.seed());
        Task task = ExperimentFactory.taskSpec(spec.task()).build(streams);
        BlockParallel parallel = new BlockParallel(spec.train().threads());
        QueryGdModel model = new QueryGdModel(task.d(), spec.model().initScale());
        return new ExperimentParts(model, new Momentum(spec.train().lr(), BETA, task.d() * task.d()),
                ExperimentFactory.batches(spec.train(), task, streams, parallel),
                ExperimentFactory.evalSet(spec.eval(), task, streams, parallel), ExperimentFactory.plan(spec.train()),
                parallel);
    }

    /** {@code v = beta v + g; p -= lr v}. */
    static final class Momentum implements Optimizer {
        private final double lr;
        private final double beta;
        private final double[] v;

        Momentum(double lr, double beta, int size) {
            this.lr = lr;
            this.beta = beta;
            this.v = new double[size];
        }

        @Override
        public void step(double[] params, double[] grad) {
            for (int i = 0; i < params.length; i++) {
                v[i] = beta * v[i] + grad[i];
                params[i] -= lr * v[i];
            }
        }

        @Override
        public double[] state() {
            return v.clone();
        }

        @Override
        public void restore(double[] state) {
            System.arraycopy(state, 0, v, 0, v.length);
        }
    }
}
