"""PyTorch eager equivalent of one step of `icl bench`'s transformer row (TransformerBenchmark), for the `bench` command.

The model is model/Transformer with Transformer.Spec.gpt(3, 4, 64), written out in plain tensor ops because
nn.TransformerEncoderLayer has neither the pair-token mask nor the query-only last layer:
- tokens (pair layout): (x_i, y_i) for the n context pairs, then the query (x_q, 0): T = n + 1 tokens of width d + 1;
- read-in: a linear map with bias to width W;
- L blocks, pre-LN: x += O(MultiHead(LN1(x))), x += MLP(LN2(x)); H heads of width W / H, no q/k/v/o biases, scores
  scaled by 1/sqrt(dk), softmax over the n context tokens only (every token, the query too, attends to the context;
  the query is never a key); MLP W -> 4W -> W with biases and GPT-2's tanh GELU;
- the last block computes only the query row past its q/k/v product (only the query is read, as in the Java code);
- final LayerNorm of the query row, linear read-out with bias, MSE against y_q (mean over prompts), Adam lr 1e-4.
Data: sparse linear regression, x ~ N(0, I_d), w with s non-zero N(0, 1) coordinates on a uniform support, label noise
variance 0.1, a fresh batch every step. Weights N(0, 1/fan_in), LayerNorm gains 1, biases 0.
Prints one line: `TORCH_MEDIAN_MS <ms>`.
"""
import argparse
import math
import statistics
import time

import torch
import torch.nn.functional as F


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--layers", type=int, default=3)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--width", type=int, default=64)
    p.add_argument("--d", type=int, default=20)
    p.add_argument("--s", type=int, default=3)
    p.add_argument("--n", type=int, default=40)
    p.add_argument("--b", type=int, default=64)
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--steps", type=int, default=20)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    dt = torch.float64 if a.dtype == "float64" else torch.float32
    W, H, M, L, D = a.width, a.heads, 4 * a.width, a.layers, a.d + 1
    dk = W // H

    def weight(fan_in, fan_out):
        return (torch.randn(fan_in, fan_out, dtype=dt) / math.sqrt(fan_in)).requires_grad_()

    def zeros(k):
        return torch.zeros(k, dtype=dt, requires_grad=True)

    def ones(k):
        return torch.ones(k, dtype=dt, requires_grad=True)

    embed, embed_bias = weight(D, W), zeros(W)
    layers = [dict(ln1g=ones(W), ln1b=zeros(W), qkv=weight(W, 3 * W), o=weight(W, W), ln2g=ones(W), ln2b=zeros(W),
                   mlp_in=weight(W, M), mlp_in_bias=zeros(M), mlp_out=weight(M, W), mlp_out_bias=zeros(W))
              for _ in range(L)]
    lnf_g, lnf_b, readout, readout_bias = ones(W), zeros(W), weight(W, 1), zeros(1)
    params = [embed, embed_bias, lnf_g, lnf_b, readout, readout_bias] + [t for l in layers for t in l.values()]
    opt = torch.optim.Adam(params, lr=1e-4)
    sigma = 0.1 ** 0.5
    B, n, d = a.b, a.n, a.d

    def heads(t):                                                    # [B, R, W] -> [B, H, R, dk]
        return t.view(B, t.shape[1], H, dk).transpose(1, 2)

    def block(x, p, query_only):
        h = F.layer_norm(x, (W,), p["ln1g"], p["ln1b"], 1e-5)      # [B, T, W]
        q, k, v = (h @ p["qkv"]).split(W, dim=-1)                    # [B, T, W] each
        if query_only:
            q, x = q[:, -1:], x[:, -1:]                              # the query row only: [B, 1, W]
        s = heads(q) @ heads(k[:, :n]).transpose(-1, -2) / math.sqrt(dk)   # [B, H, R, n]: keys = the context
        u = (torch.softmax(s, dim=-1) @ heads(v[:, :n])).transpose(1, 2).reshape(B, -1, W)
        x = x + u @ p["o"]                                           # [B, R, W]
        g = F.gelu(F.layer_norm(x, (W,), p["ln2g"], p["ln2b"], 1e-5) @ p["mlp_in"] + p["mlp_in_bias"],
                   approximate="tanh")                               # [B, R, M]
        return x + g @ p["mlp_out"] + p["mlp_out_bias"]

    def step():
        x = torch.randn(B, n, d, dtype=dt)                           # [B, n, d]
        support = torch.rand(B, d).argsort(dim=-1)[:, :a.s]          # s coordinates uniformly
        w = torch.zeros(B, d, dtype=dt).scatter_(1, support, torch.randn(B, a.s, dtype=dt))
        y = torch.einsum("bnd,bd->bn", x, w) + sigma * torch.randn(B, n, dtype=dt)
        xq = torch.randn(B, d, dtype=dt)
        yq = (xq * w).sum(-1) + sigma * torch.randn(B, dtype=dt)
        z = torch.cat([torch.cat([x, y.unsqueeze(-1)], dim=-1),
                       torch.cat([xq, torch.zeros(B, 1, dtype=dt)], dim=-1).unsqueeze(1)], dim=1)   # [B, T, D]
        h = z @ embed + embed_bias                                   # [B, T, W]
        for i, p in enumerate(layers):
            h = block(h, p, i == L - 1)
        hq = F.layer_norm(h[:, -1], (W,), lnf_g, lnf_b, 1e-5)        # [B, W]
        yhat = (hq @ readout + readout_bias)[:, 0]                   # [B]
        loss = torch.mean((yhat - yq) ** 2)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(a.warmup):
        step()
    times = []
    for _ in range(a.steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    print(f"TORCH_MEDIAN_MS {statistics.median(times):.4f}", flush=True)


if __name__ == "__main__":
    main()
