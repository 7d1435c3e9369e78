package org.icldynamics.data;

/**
 * The label noise of a batch, {@code y - w^T x} for every context and query label, read off so that inputs and task
 * vectors can be changed and the labels recomputed with the same noise added after.
 *
 * @param context {@code [b, n, outputs]}
 * @param query {@code [b, outputs]}
 */
record LabelNoise(double[] context, double[] query) {

    /** Reads the noise of every label of {@code b} (not modified). */
    static LabelNoise of(PromptBatch b) {
        int d = b.d;
        int k = b.outputs;
        double[] ctx = new double[b.b * b.n * k];
        double[] qry = new double[b.b * k];
        for (int p = 0; p < b.b; p++) { // [b, n, K]
            for (int i = 0; i < b.n; i++) {
                for (int o = 0; o < k; o++) {
                    int yi = b.yIndex(p, i) + o;
                    ctx[yi] = b.y[yi] - LinearSignal.dot(b.w, (p * k + o) * d, b.x, b.xIndex(p, i), d);
                }
            }
            for (int o = 0; o < k; o++) { // [b, K]
                qry[p * k + o] = b.yq[p * k + o] - b.signal[p * k + o];
            }
        }
        return new LabelNoise(ctx, qry);
    }

    /**
     * Recomputes every label of {@code b} from its current inputs and task vectors and adds this noise.
     *
     * @param b labels, query targets and signals overwritten
     */
    void relabel(PromptBatch b) {
        relabel(b, 0, b.b);
    }

    /** As {@link #relabel(PromptBatch)}, for prompts {@code [from, to)} only. */
    void relabel(PromptBatch b, int from, int to) {
        int d = b.d;
        int k = b.outputs;
        for (int p = from; p < to; p++) { // [b, n, K]
            for (int i = 0; i < b.n; i++) {
                for (int o = 0; o < k; o++) {
                    int yi = b.yIndex(p, i) + o;
                    b.y[yi] = LinearSignal.dot(b.w, (p * k + o) * d, b.x, b.xIndex(p, i), d) + context[yi];
                }
            }
            for (int o = 0; o < k; o++) { // [b, K]
                double s = LinearSignal.dot(b.w, (p * k + o) * d, b.xq, p * d, d);
                b.signal[p * k + o] = s;
                b.yq[p * k + o] = s + query[p * k + o];
            }
        }
    }
}
