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
    P = init_params(a.d + 1, a.width, a.layers, dt)
    opt = torch.optim.Adam(parameter_list(P), lr=1e-4)
    sigma = 0.1 ** 0.5
    B, n, d = a.b, a.n, a.d

    def step():
        x = torch.randn(B, n, d, dtype=dt)                           # [B, n, d]
        support = torch.rand(B, d).argsort(dim=-1)[:, :a.s]          # s coordinates uniformly
        w = torch.zeros(B, d, dtype=dt).scatter_(1, support, torch.randn(B, a.s, dtype=dt))
        y = torch.einsum("bnd,bd->bn", x, w) + sigma * torch.randn(B, n, dtype=dt)
        xq = torch.randn(B, d, dtype=dt)
        yq = (xq * w).sum(-1) + sigma * torch.randn(B, dtype=dt)
        z = torch.cat([torch.cat([x, y.unsqueeze(-1)], dim=-1),
                       torch.cat([xq, torch.zeros(B, 1, dtype=dt)], dim=-1).unsqueeze(1)], dim=1)   # [B, T, D]
        loss = mse(P, z, yq, a.heads)
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


def init_params(D, W, L, dt):
    """Weights N(0, 1/fan_in) stored [in, out], LayerNorm gains 1, biases 0; q/k/v of all heads fused [W, 3W]."""
    def weight(fan_in, fan_out):
        return (torch.randn(fan_in, fan_out, dtype=dt) / math.sqrt(fan_in)).requires_grad_()

    def zeros(k):
        return torch.zeros(k, dtype=dt, requires_grad=True)

    def ones(k):
        return torch.ones(k, dtype=dt, requires_grad=True)

    M = 4 * W
    return dict(embed=weight(D, W), embed_bias=zeros(W),
                layers=[dict(ln1g=ones(W), ln1b=zeros(W), qkv=weight(W, 3 * W), o=weight(W, W), ln2g=ones(W),
                             ln2b=zeros(W), mlp_in=weight(W, M), mlp_in_bias=zeros(M), mlp_out=weight(M, W),
                             mlp_out_bias=zeros(W)) for _ in range(L)],
                lnf_g=ones(W), lnf_b=zeros(W), readout=weight(W, 1), readout_bias=zeros(1))


def parameter_list(P):
    return [v for k, v in P.items() if k != "layers"] + [t for layer in P["layers"] for t in layer.values()]


def mse(P, z, yq, H):
    """Mean squared error at the query of tokens z [B, T, D] (the last token is the query; the first T - 1 are keys)."""
    B, T, _ = z.shape
    n = T - 1
    W = P["embed"].shape[1]
    dk = W // H
    L = len(P["layers"])

    def heads(t):                                                    # [B, R, W] -> [B, H, R, dk]
        return t.view(B, t.shape[1], H, dk).transpose(1, 2)

    h = z @ P["embed"] + P["embed_bias"]                             # [B, T, W]
    for i, p in enumerate(P["layers"]):
        a = F.layer_norm(h, (W,), p["ln1g"], p["ln1b"], 1e-5)       # [B, T, W]
        q, k, v = (a @ p["qkv"]).split(W, dim=-1)                    # [B, T, W] each
        if i == L - 1:                                               # only the query is read: [B, 1, W]
            q, h = q[:, -1:], h[:, -1:]
        s = heads(q) @ heads(k[:, :n]).transpose(-1, -2) / math.sqrt(dk)   # [B, H, R, n]: keys = the context
        u = (torch.softmax(s, dim=-1) @ heads(v[:, :n])).transpose(1, 2).reshape(B, -1, W)
        h = h + u @ p["o"]                                           # [B, R, W]
        g = F.gelu(F.layer_norm(h, (W,), p["ln2g"], p["ln2b"], 1e-5) @ p["mlp_in"] + p["mlp_in_bias"],
                   approximate="tanh")                               # [B, R, M]
        h = h + g @ p["mlp_out"] + p["mlp_out_bias"]
    hq = F.layer_norm(h[:, -1], (W,), P["lnf_g"], P["lnf_b"], 1e-5)  # [B, W]
    yhat = (hq @ P["readout"] + P["readout_bias"])[:, 0]             # [B]
    return torch.mean((yhat - yq) ** 2)


if __name__ == "__main__":
    main()
