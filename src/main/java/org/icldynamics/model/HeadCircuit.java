package org.icldynamics.model;

/**
 * Effective circuit of one head. {@code kq} is {@code [D, D]}, the score of key token {@code z_l} for query
 * {@code z_q} is {@code z_l^T kq z_q} (rows = key coordinates, columns = query coordinates, any softmax temperature
 * included). {@code ov} is {@code [outputs, D]}.
 */
public record HeadCircuit(int head, int tokenWidth, int outputs, double[] kq, double[] ov) {
    public HeadCircuit {
        if (kq.length != tokenWidth * tokenWidth || ov.length != outputs * tokenWidth) {
            throw new IllegalArgumentException("circuit shapes do not match D=" + tokenWidth);
        }
    }

    public double kq(int row, int col) {
        return kq[row * tokenWidth + col];
    }

    public double ov(int out, int col) {
        return ov[out * tokenWidth + col];
    }
}
