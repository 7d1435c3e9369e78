package org.icldynamics.model;

/**
 * A permutation of a {@link Transformer}'s flat parameters into the layout the blocked kernels want: per layer the
 * query, key and value weights of all heads side by side in one {@code [W, 3 HK]} matrix (queries of heads 0..h-1,
 * then keys, then values; {@code HK = heads * dk}) and the output weights stacked into one {@code [HK, W]} matrix;
 * every other block keeps its shape. Also holds the transposed weight matrices that the input-gradient products
 * {@code dY W^T} read. Packing and unpacking are exact (a permutation), so gradients are unchanged bit for bit.
 */
final class TransformerPacking {
    final int size;
    final int embed;
    final int embedBias;
    final int[] ln1;
    final int[] qkv;
    final int[] o;
    final int[] ln2;
    final int[] mlpIn;
    final int[] mlpInBias;
    final int[] mlpOut;
    final int[] mlpOutBias;
    final int readout;
    final int readoutBias;
    /** Offsets in the transposed array: {@code qkvT [3HK, W]}, {@code oT [W, HK]}, {@code mlpInT [M, W]}, {@code mlpOutT [W, M]}. */
    final int[] qkvT;
    final int[] oT;
    final int[] mlpInT;
    final int[] mlpOutT;
    final int transposedSize;
    /** {@code packed[i] = params[perm[i]]}. */
    private final int[] perm;
    private final TransformerParameters pl;

    TransformerPacking(TransformerParameters pl) {
        this.pl = pl;
        int w = pl.width;
        int hk = pl.heads * pl.dk;
        int m = pl.hasMlp ? pl.mlpWidth : 0;
        int layers = pl.layers;
        perm = new int[pl.size];
        int at = 0;
        embed = at;
        at = copy(at, pl.embed, pl.din * w);
        embedBias = at;
        at = copy(at, pl.embedBias, w);
        ln1 = new int[layers];
        qkv = new int[layers];
        o = new int[layers];
        ln2 = new int[layers];
        mlpIn = new int[layers];
        mlpInBias = new int[layers];
        mlpOut = new int[layers];
        mlpOutBias = new int[layers];
        qkvT = new int[layers];
        oT = new int[layers];
        mlpInT = new int[layers];
        mlpOutT = new int[layers];
        int tat = 0;
        for (int l = 0; l < layers; l++) {
            ln1[l] = -1;
            if (pl.hasNorm) {
                ln1[l] = at;
                at = copy(at, pl.ln1[l], 2 * w);
            }
            qkv[l] = at;
            for (int r = 0; r < w; r++) { // [W, 3, H, dk]
                for (int s = 0; s < 3; s++) {
                    int[] src = s == 0 ? pl.q[l] : s == 1 ? pl.k[l] : pl.v[l];
                    for (int h = 0; h < pl.heads; h++) {
                        for (int c = 0; c < pl.dk; c++) {
                            perm[at++] = src[h] + r * pl.dk + c;
                        }
                    }
                }
            }
            o[l] = at;
            for (int h = 0; h < pl.heads; h++) { // [H, dk, W]
                at = copy(at, pl.o[l][h], pl.dk * w);
            }
            ln2[l] = -1;
            if (pl.hasNorm && pl.hasMlp) {
                ln2[l] = at;
                at = copy(at, pl.ln2[l], 2 * w);
            }
            if (pl.hasMlp) {
                mlpIn[l] = at;
                at = copy(at, pl.mlpIn[l], w * m);
                mlpInBias[l] = at;
                at = copy(at, pl.mlpInBias[l], m);
                mlpOut[l] = at;
                at = copy(at, pl.mlpOut[l], m * w);
                mlpOutBias[l] = at;
                at = copy(at, pl.mlpOutBias[l], w);
            }
            qkvT[l] = tat;
            tat += 3 * hk * w;
            oT[l] = tat;
            tat += w * hk;
            mlpInT[l] = tat;
            tat += m * w;
            mlpOutT[l] = tat;
            tat += w * m;
        }
        int lf = at;
        if (pl.hasFinalNorm) {
            at = copy(at, pl.lnf, 2 * w);
        }
        readout = at;
        at = copy(at, pl.readout, w * pl.outputs);
        readoutBias = at;
        at = copy(at, pl.readoutBias, pl.outputs);
        if (at != pl.size) {
            throw new IllegalStateException("packing covers " + at + " of " + pl.size + " parameters");
        }
        size = at;
        transposedSize = tat;
        finalNorm = pl.hasFinalNorm ? lf : -1;
    }

    /** Offset of the final LayerNorm's gain (bias follows), or -1. */
    final int finalNorm;

    private int copy(int at, int from, int len) {
        for (int i = 0; i < len; i++) {
            perm[at + i] = from + i;
        }
        return at + len;
    }

    /**
     * @param params the model's parameters, not modified
     * @param packed {@code [size]}, overwritten
     * @param transposed {@code [transposedSize]}, overwritten with the transposed weight matrices
     */
    void pack(double[] params, double[] packed, double[] transposed) {
        for (int i = 0; i < size; i++) {
            packed[i] = params[perm[i]];
        }
        int w = pl.width;
        int hk = pl.heads * pl.dk;
        int m = pl.hasMlp ? pl.mlpWidth : 0;
        for (int l = 0; l < pl.layers; l++) {
            org.icldynamics.linalg.Dense.transpose(packed, qkv[l], 3 * hk, w, 3 * hk, transposed, qkvT[l], w);
            org.icldynamics.linalg.Dense.transpose(packed, o[l], w, hk, w, transposed, oT[l], hk);
            if (m > 0) {
                org.icldynamics.linalg.Dense.transpose(packed, mlpIn[l], m, w, m, transposed, mlpInT[l], w);
                org.icldynamics.linalg.Dense.transpose(packed, mlpOut[l], w, m, w, transposed, mlpOutT[l], m);
            }
        }
    }

    /**
     * @param packedGrad {@code [size]} in the packed layout, not modified
     * @param grad the model's layout, overwritten
     */
    void unpack(double[] packedGrad, double[] grad) {
        for (int i = 0; i < size; i++) {
            grad[perm[i]] = packedGrad[i];
        }
    }
}
