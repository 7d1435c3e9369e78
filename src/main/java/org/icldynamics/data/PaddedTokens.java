package org.icldynamics.data;

/**
 * One prompt's attended tokens {@code z_l = (x_l ; y_l)} held twice, zero-padded to whole vectors, as a token-lane
 * kernel reads them: rows {@code [m, Dp]} (lane = token coordinate) and columns {@code [D, mp]} (lane = token
 * position), with {@code D = d + outputs}, {@code Dp} and {@code mp} rounded up to whole vectors (of
 * {@code lanes} and {@code positionLanes} doubles). The first {@code n} tokens are the context; when the query is attended ({@code m = n + 1}) the last one is
 * {@code (x_q ; 0)}. The padding is zero from construction and never written, so one instance serves every prompt of
 * a batch with context length {@code n}: {@link #copy} (or a task drawing straight into it,
 * {@link PromptDraw#next}) overwrites every entry that is not padding.
 */
public final class PaddedTokens {
    /** Context tokens per prompt. */
    public final int n;
    /** Attended tokens {@code m}: {@code n}, or {@code n + 1} with the query. */
    public final int attended;
    /** Input dimension. */
    public final int d;
    /** Label slots per token. */
    public final int outputs;
    /** Row stride {@code Dp}: the token width rounded up to whole vectors. */
    public final int rowStride;
    /** Column stride {@code mp}: {@code m} rounded up to whole vectors. */
    public final int columnStride;
    /** Rows {@code [max(1, m), Dp]}: token l at {@code l * Dp}, padding 0. */
    public final double[] rows;
    /** Columns {@code [D, max(positionLanes, mp)]}: coordinate i of token l at {@code i * mp + l}, padding 0. */
    public final double[] columns;

    /**
     * @param attended {@code n} (query not attended) or {@code n + 1}
     * @param lanes doubles per vector, at least 1
     */
    public PaddedTokens(int n, int attended, int d, int outputs, int lanes) {
        this(n, attended, d, outputs, lanes, lanes);
    }

    /**
     * @param attended {@code n} (query not attended) or {@code n + 1}
     * @param lanes doubles per vector of the rows ({@code Dp}), at least 1
     * @param positionLanes doubles per vector of the columns ({@code mp}), at least 1
     */
    public PaddedTokens(int n, int attended, int d, int outputs, int lanes, int positionLanes) {
        if (n < 0 || (attended != n && attended != n + 1) || d < 1 || outputs < 1 || lanes < 1
                || positionLanes < 1) {
            throw new IllegalArgumentException("bad token shape n=" + n + " attended=" + attended + " d=" + d
                    + " outputs=" + outputs + " lanes=" + lanes + " positionLanes=" + positionLanes);
        }
        this.n = n;
        this.attended = attended;
        this.d = d;
        this.outputs = outputs;
        int width = d + outputs;
        this.rowStride = roundUp(width, lanes);
        this.columnStride = roundUp(attended, positionLanes);
        this.rows = new double[Math.max(1, attended) * rowStride];
        this.columns = new double[width * Math.max(positionLanes, columnStride)];
    }

    /**
     * Overwrites the tokens with prompt {@code p} of {@code batch} (drawn; its n, d and outputs this instance's).
     */
    public void copy(PromptBatch batch, int p) {
        requireShapeOf(batch);
        int dp = rowStride;
        int mp = columnStride;
        int xo = batch.xIndex(p, 0);
        int yo = batch.yIndex(p, 0);
        double[] x = batch.x;
        double[] y = batch.y;
        for (int j = 0; j < d; j++) { // [d, n] rows and columns at once, one coordinate at a time: long inner loops
            for (int l = 0; l < n; l++) {
                double v = x[xo + l * d + j];
                rows[l * dp + j] = v;
                columns[j * mp + l] = v;
            }
        }
        for (int c = 0; c < outputs; c++) { // [outputs, n]
            for (int l = 0; l < n; l++) {
                double v = y[yo + l * outputs + c];
                rows[l * dp + d + c] = v;
                columns[(d + c) * mp + l] = v;
            }
        }
        query(batch, p);
    }

    void requireShapeOf(PromptBatch batch) {
        if (batch.n != n || batch.d != d || batch.outputs != outputs) {
            throw new IllegalArgumentException("batch of n=" + batch.n + " d=" + batch.d + " outputs="
                    + batch.outputs + " for tokens of n=" + n + " d=" + d + " outputs=" + outputs);
        }
    }

    /** Writes the query token {@code (x_q ; 0)} of prompt p when it is attended; else does nothing. */
    void query(PromptBatch batch, int p) {
        if (attended > n) {
            int l = n;
            for (int i = 0; i < d + outputs; i++) {
                double v = i < d ? batch.xq[p * d + i] : 0.0;
                rows[l * rowStride + i] = v;
                columns[i * columnStride + l] = v;
            }
        }
    }

    private static int roundUp(int k, int lanes) {
        return (k + lanes - 1) / lanes * lanes;
    }
}
