package org.icldynamics.train;

/**
 * The learning rate of update number {@code s} ({@code s = 0} for the first update). Pure function of {@code s}, so
 * a resumed run (whose optimizer state carries {@code s}) continues the schedule bit for bit.
 */
public sealed interface LearningRateSchedule {
    /** The learning rate of update {@code s >= 0}. */
    double at(long s);

    /** The peak learning rate. */
    double peak();

    /** {@code lr} at every step. */
    record Constant(double lr) implements LearningRateSchedule {
        public Constant {
            check(lr);
        }

        @Override
        public double at(long s) {
            return lr;
        }

        @Override
        public double peak() {
            return lr;
        }
    }

    /** {@code lr * min(1, (s + 1) / warmupSteps)}. */
    record LinearWarmup(double lr, long warmupSteps) implements LearningRateSchedule {
        public LinearWarmup {
            check(lr);
            if (warmupSteps < 1) {
                throw new IllegalArgumentException("warmupSteps must be >= 1, got " + warmupSteps);
            }
        }

        @Override
        public double at(long s) {
            return s + 1 >= warmupSteps ? lr : lr * (s + 1) / warmupSteps;
        }

        @Override
        public double peak() {
            return lr;
        }
    }

    /**
     * Linear warm-up over {@code warmupSteps} (0: none), then cosine decay from {@code lr} to {@code minLr} at
     * update {@code totalSteps}: {@code minLr + (lr - minLr) (1 + cos(pi (s - warmup) / (total - warmup))) / 2};
     * {@code minLr} after.
     */
    record Cosine(double lr, double minLr, long warmupSteps, long totalSteps) implements LearningRateSchedule {
        public Cosine {
            check(lr);
            check(minLr);
            if (warmupSteps < 0 || totalSteps <= warmupSteps || minLr > lr) {
                throw new IllegalArgumentException("cosine schedule needs 0 <= warmupSteps < totalSteps and "
                        + "minLr <= lr, got warmup=" + warmupSteps + " total=" + totalSteps + " lr=" + lr
                        + " minLr=" + minLr);
            }
        }

        @Override
        public double at(long s) {
            if (s < warmupSteps) {
                return lr * (s + 1) / warmupSteps;
            }
            if (s >= totalSteps) {
                return minLr;
            }
            double f = (s - warmupSteps) / (double) (totalSteps - warmupSteps);
            return minLr + (lr - minLr) * 0.5 * (1 + Math.cos(Math.PI * f));
        }

        @Override
        public double peak() {
            return lr;
        }
    }

    private static void check(double lr) {
        if (!(lr >= 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
        }
    }
}
