package org.icldynamics.model;

import java.util.List;
import org.icldynamics.data.PromptBatch;

/** A model whose layers add into a residual stream of width {@link #width()}, which probes can read. */
public interface ResidualStreamModel extends Model {
    /** Residual width W. */
    int width();

    /**
     * The query token's residual state after the embedding (row 0) and after each layer (row {@code l + 1}) under
     * {@code edits} (empty: the unmodified model): {@code [layers + 1][b, width]}.
     *
     * @param batch not modified
     */
    double[][] queryStates(PromptBatch batch, List<HeadIntervention> edits);
}
