package org.icldynamics.analysis;

/** Where a candidate family's parameter is searched. */
public sealed interface ParameterGrid {
    /** Spacing of a continuous grid. */
    enum Scale {
        LINEAR,
        LOG
    }

    /**
     * A continuous range searched on {@code points} grid values, then refined by Brent's method between the best grid
     * value's neighbours.
     */
    record Continuous(double lo, double hi, int points, Scale scale) implements ParameterGrid {
        public Continuous {
            if (!(lo < hi) || points < 3 || (scale == Scale.LOG && !(lo > 0))) {
                throw new IllegalArgumentException("need lo < hi, points >= 3 and lo > 0 on a LOG scale; got [" + lo
                        + ", " + hi + "], " + points + " points, " + scale);
            }
        }

        /** Grid value {@code k} of {@code points}. */
        double at(int k) {
            double f = (double) k / (points - 1);
            return scale == Scale.LINEAR ? lo + f * (hi - lo) : Math.exp(Math.log(lo) + f * Math.log(hi / lo));
        }
    }

    /** A finite set of values (for example PCR's number of components), searched exhaustively. */
    record Discrete(double[] values) implements ParameterGrid {
        public Discrete {
            if (values.length == 0) {
                throw new IllegalArgumentException("a discrete grid needs at least one value");
            }
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }
}
