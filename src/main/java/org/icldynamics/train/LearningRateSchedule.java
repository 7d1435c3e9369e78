package org.icldynamics.train;

/**
 * The learning rate of update number {@code s} ({@code s = 0} for the first update). Pure function of {@code s}, so
 * a resumed run (whose optimizer state carries {@code s}) continues the schedule bit for bit.
 */
public sealed interface LearningRateSchedule {
    /** The learning rate of update {@code s >= 0}. */
    double at(long s);

    /**
     * Gradient-flow time after {@code step} updates: the integral of the schedule, {@code sum_{s < step} at(s)}, in
     * closed form. Written to {@code metrics.csv} as {@code t} and read from there (or from here) downstream.
     */
    double time(long step);

    /** {@code lr} at every step. */
    record Constant(double lr) implements LearningRateSchedule {
        public Constant {
            check(lr);
        }

        @Override
        public double at(long s) {
            return lr;
        }

        /** {@code lr * step}. */
        @Override
        public double time(long step) {
            return lr * step;
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

        /** {@code lr k (k + 1) / (2 W)} during the warm-up ({@code k < W}), then {@code lr (k - (W - 1) / 2)}. */
        @Override
        public double time(long step) {
            if (step < warmupSteps) {
                return lr * ((double) step * (step + 1) / (2.0 * warmupSteps));
            }
            return lr * (step - (warmupSteps - 1) / 2.0);
        }
    }

    /** {@code main} for updates before {@code from}, then {@code tailLr} (a final low-learning-rate phase). */
    record WithTail(LearningRateSchedule main, long from, double tailLr) implements LearningRateSchedule {
        public WithTail {
            check(tailLr);
            if (main == null || from < 0) {
                throw new IllegalArgumentException("need a main schedule and from >= 0, got " + main + ", " + from);
            }
        }

        @Override
        public double at(long s) {
            return s >= from ? tailLr : main.at(s);
        }

        /** The main schedule's time up to {@code from}, then {@code tailLr} per update. */
        @Override
        public double time(long step) {
            return step <= from ? main.time(step) : main.time(from) + tailLr * (step - from);
        }
    }

    private static void check(double lr) {
        if (!(lr >= 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
        }
    }
}
