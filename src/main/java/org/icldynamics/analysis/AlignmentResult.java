package org.icldynamics.analysis;

import java.util.List;

/**
 * Alignment of every key/query pair of a separate-key-query linear attention snapshot with the eigenvectors of
 * Lambda (linear spec A.4 items 8-9, A.5 Fig. 3c).
 *
 * @param step training step (-1 when not from a run)
 * @param pairs one per head and rank row
 * @param alignedEigenvectors indices (0 = largest eigenvalue) of eigenvectors with a grown, aligned pair, ascending
 */
public record AlignmentResult(long step, List<PairAlignment> pairs, List<Integer> alignedEigenvectors) {
    public AlignmentResult {
        pairs = List.copyOf(pairs);
        alignedEigenvectors = List.copyOf(alignedEigenvectors);
    }

    /**
     * One key/query pair (row {@code rank} of head {@code head}).
     *
     * @param keyNorm {@code ||k||} of the key's x-part
     * @param queryNorm {@code ||q||} of the query's x-part
     * @param value the head's value weight {@code v_h} (label entry of {@code OV_h})
     * @param eigenvector index of the eigenvector maximising {@code |cos k| |cos q|}
     * @param keyCos {@code |k . e| / ||k||} for that eigenvector (0 for a zero key)
     * @param queryCos {@code |q . e| / ||q||} for that eigenvector
     * @param grown the pair's {@code |v| ||k|| ||q||} passed the growth threshold
     * @param aligned grown and both cosines above the threshold
     */
    public record PairAlignment(int head, int rank, double keyNorm, double queryNorm, double value, int eigenvector,
                                double keyCos, double queryCos, boolean grown, boolean aligned) {
    }
}
