package org.icldynamics.model;

import java.util.Arrays;

/**
 * A named, shaped slice of a model's flat parameter vector, e.g. {@code head3.kq} with shape {@code [D, D]}.
 */
public record ParameterBlock(String name, int offset, int[] shape) {
    public ParameterBlock {
        if (offset < 0 || shape.length == 0) {
            throw new IllegalArgumentException("bad block " + name);
        }
        shape = shape.clone();
    }

    public int size() {
        int s = 1;
        for (int k : shape) {
            s *= k;
        }
        return s;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
