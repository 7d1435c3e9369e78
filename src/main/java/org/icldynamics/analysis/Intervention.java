package org.icldynamics.analysis;

import java.util.List;

/**
 * An intervention on one evaluation of a model: data handed to the model side, never an edit of the model. A list of
 * interventions applies them all (an empty list is the unmodified model).
 */
public sealed interface Intervention {
    /** A short label for tables, e.g. {@code "zero head 3"}. */
    String label();

    /** Head {@code head}'s output is set to zero. */
    record ZeroHead(int head) implements Intervention {
        public ZeroHead {
            if (head < 0) {
                throw new IllegalArgumentException("head index must be >= 0, got " + head);
            }
        }

        @Override
        public String label() {
            return "zero head " + head;
        }
    }

    /** Every head not listed has its output set to zero. */
    record KeepHeads(List<Integer> heads) implements Intervention {
        public KeepHeads {
            heads = List.copyOf(heads);
            for (int h : heads) {
                if (h < 0) {
                    throw new IllegalArgumentException("head index must be >= 0, got " + h);
                }
            }
        }

        @Override
        public String label() {
            return "keep heads " + heads;
        }
    }
}
