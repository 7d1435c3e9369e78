"""PyTorch eager equivalent of one icl-dynamics training step (KernelBenchmark), for the `bench` command.

One step: sample a fresh batch of linear-regression prompts (x ~ N(0, I), w ~ N(0, I/d), label noise), forward
through one attention layer in effective-circuit form (merged KQ_h [D, D], OV_h [1, D], query excluded from the
keys), mean squared error at the query, backward, Adam update. Prints one line: `TORCH_MEDIAN_MS <ms>`.
"""
import argparse
import statistics
import time

import torch


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--b", type=int, default=1024)
    p.add_argument("--n", type=int, default=32)
    p.add_argument("--d", type=int, default=8)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--scores", choices=["softmax", "linear"], default="softmax")
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--steps", type=int, default=30)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    dt = torch.float64 if a.dtype == "float64" else torch.float32
    D = a.d + 1
    kq = (0.1 * torch.randn(a.heads, D, D, dtype=dt)).requires_grad_()
    ov = (0.1 * torch.randn(a.heads, 1, D, dtype=dt)).requires_grad_()
    opt = torch.optim.Adam([kq, ov], lr=1e-3)
    sigma = 0.1 ** 0.5

    def step():
        x = torch.randn(a.b, a.n, a.d, dtype=dt)                      # [b, n, d]
        w = torch.randn(a.b, a.d, dtype=dt) / a.d ** 0.5               # [b, d]
        y = torch.einsum("bnd,bd->bn", x, w) + sigma * torch.randn(a.b, a.n, dtype=dt)
        xq = torch.randn(a.b, a.d, dtype=dt)
        yq = (xq * w).sum(-1) + sigma * torch.randn(a.b, dtype=dt)
        z = torch.cat([x, y.unsqueeze(-1)], dim=-1)                    # [b, n, D]
        zq = torch.cat([xq, torch.zeros(a.b, 1, dtype=dt)], dim=-1)    # [b, D]
        q = torch.einsum("hij,bj->bhi", kq, zq)                        # [b, h, D]
        s = torch.einsum("bni,bhi->bhn", z, q)                         # [b, h, n]
        att = torch.softmax(s, dim=-1) if a.scores == "softmax" else s / a.n
        u = torch.einsum("bhn,bni->bhi", att, z)                       # [b, h, D]
        yhat = torch.einsum("hoi,bhi->bo", ov, u)[:, 0]                # [b]
        loss = torch.mean((yhat - yq) ** 2)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

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
