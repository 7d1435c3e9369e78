package org.icldynamics.model;

import java.util.Arrays;

/**
 * An edit of the effective circuits for one evaluation (ablation, scaling), as data: the model itself is never
 * changed. See {@link OneLayerAttention#intervened}.
 */
public sealed interface HeadIntervention {
    /**
     * Applies the edit.
     *
     * @param kq {@code [h, D, D]}, overwritten with the edited key-query circuits
     * @param ov {@code [h, outputs, D]}, overwritten with the edited value-output circuits
     */
    void apply(int heads, int width, int outputs, double[] kq, double[] ov);

    /** Removes head {@code head}'s contribution (its OV circuit becomes zero). */
    record ZeroHead(int head) implements HeadIntervention {
        @Override
        public void apply(int heads, int width, int outputs, double[] kq, double[] ov) {
            check(head, heads);
            Arrays.fill(ov, head * outputs * width, (head + 1) * outputs * width, 0.0);
        }
    }

    /** Keeps only the listed heads; every other head's OV circuit becomes zero. */
    record KeepOnly(int[] heads) implements HeadIntervention {
        public KeepOnly {
            heads = heads.clone();
        }

        @Override
        public int[] heads() {
            return heads.clone();
        }

        @Override
        public void apply(int count, int width, int outputs, double[] kq, double[] ov) {
            boolean[] keep = new boolean[count];
            for (int h : heads) {
                check(h, count);
                keep[h] = true;
            }
            for (int h = 0; h < count; h++) {
                if (!keep[h]) {
                    Arrays.fill(ov, h * outputs * width, (h + 1) * outputs * width, 0.0);
                }
            }
        }

        @Override
        public String toString() {
            return "KeepOnly" + Arrays.toString(heads);
        }
    }

    /** Multiplies head {@code head}'s OV circuit (so its contribution) by {@code factor}. */
    record ScaleHead(int head, double factor) implements HeadIntervention {
        @Override
        public void apply(int heads, int width, int outputs, double[] kq, double[] ov) {
            check(head, heads);
            for (int i = head * outputs * width; i < (head + 1) * outputs * width; i++) {
                ov[i] *= factor;
            }
        }
    }

    private static void check(int head, int heads) {
        if (head < 0 || head >= heads) {
            throw new IllegalArgumentException("intervention names head " + head + " but the model has heads 0.."
                    + (heads - 1));
        }
    }
}
