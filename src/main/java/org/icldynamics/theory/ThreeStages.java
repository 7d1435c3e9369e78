package org.icldynamics.theory;

/**
 * Stage boundaries of a loss curve that stays near its start (warm-up), drops fast (emergence) and then creeps to its
 * limit (convergence), softmax-multihead A.4.5. Warm-up ends when the loss has made {@code startFraction} of its
 * total drop, emergence ends at {@code endFraction} (linear interpolation between samples). The authors hard-code
 * 5.5 and 7.5 for their run; the defaults 0.1 and 0.9 give about 5.0 and 7.3 there.
 *
 * @param warmUpEnd time warm-up ends
 * @param emergenceEnd time emergence ends
 */
public record ThreeStages(double warmUpEnd, double emergenceEnd) {
    /** Default fractions of the total drop. */
    public static final double START = 0.1;
    public static final double END = 0.9;

    /**
     * @param times ascending, not modified
     * @param losses loss at each time, not modified; the last is taken as the limit
     */
    public static ThreeStages detect(double[] times, double[] losses, double startFraction, double endFraction) {
        if (times.length != losses.length || times.length < 2 || !(0 < startFraction && startFraction < endFraction && endFraction < 1)) {
            throw new IllegalArgumentException("need matching times and losses (>= 2) and 0 < start < end < 1");
        }
        double l0 = losses[0];
        double drop = l0 - losses[losses.length - 1];
        if (!(drop > 0)) {
            throw new IllegalArgumentException("the loss does not drop");
        }
        return new ThreeStages(crossing(times, losses, l0 - startFraction * drop), crossing(times, losses, l0 - endFraction * drop));
    }

    public static ThreeStages detect(double[] times, double[] losses) {
        return detect(times, losses, START, END);
    }

    private static double crossing(double[] t, double[] loss, double level) {
        for (int i = 1; i < t.length; i++) {
            if (loss[i] <= level) {
                double f = (loss[i - 1] - level) / (loss[i - 1] - loss[i]);
                return t[i - 1] + f * (t[i] - t[i - 1]);
            }
        }
        return Double.NaN;
    }
}
