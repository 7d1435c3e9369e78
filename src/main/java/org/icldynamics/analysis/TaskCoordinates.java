package org.icldynamics.analysis;

import java.util.Arrays;
import org.icldynamics.data.MultiTaskRegressionTask;

/**
 * Which x-coordinates each task reads: task {@code n} reads the coordinates {@code blocks[n]} (0-based; blocks may
 * overlap). Output {@code n} of a model is task {@code n}, its label slot is token column {@code d + n}.
 */
public record TaskCoordinates(int[][] blocks) {
    public TaskCoordinates {
        if (blocks.length == 0) {
            throw new IllegalArgumentException("at least one task is required");
        }
        int[][] copy = new int[blocks.length][];
        for (int n = 0; n < blocks.length; n++) {
            if (blocks[n].length == 0) {
                throw new IllegalArgumentException("task " + n + " reads no coordinates");
            }
            for (int i : blocks[n]) {
                if (i < 0) {
                    throw new IllegalArgumentException("task " + n + " has negative coordinate " + i);
                }
            }
            copy[n] = blocks[n].clone();
        }
        blocks = copy;
    }

    /** Tasks given by their coordinate lists, e.g. {@code of(new int[] {0, 1, 2, 3}, new int[] {2, 3, 4, 5})}. */
    public static TaskCoordinates of(int[]... blocks) {
        return new TaskCoordinates(blocks);
    }

    /**
     * {@code tasks} contiguous disjoint blocks of {@code dx} coordinates with boundaries {@code floor(n dx / tasks)}
     * (multitask spec B.1; e.g. dx = 50, 3 tasks -> sizes 16, 17, 17).
     */
    public static TaskCoordinates contiguous(int dx, int tasks) {
        if (tasks < 1 || dx < tasks) {
            throw new IllegalArgumentException("cannot split " + dx + " coordinates into " + tasks + " tasks");
        }
        return new TaskCoordinates(MultiTaskRegressionTask.Spec.blocks(dx, tasks));
    }

    public int tasks() {
        return blocks.length;
    }

    /** Coordinates of task {@code n} (a copy). */
    public int[] block(int n) {
        return blocks[n].clone();
    }

    @Override
    public int[][] blocks() {
        int[][] out = new int[blocks.length][];
        for (int n = 0; n < blocks.length; n++) {
            out[n] = blocks[n].clone();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskCoordinates t && Arrays.deepEquals(blocks, t.blocks);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(blocks);
    }

    @Override
    public String toString() {
        return "TaskCoordinates" + Arrays.deepToString(blocks);
    }
}
