"""PyTorch eager equivalent of one icl-dynamics training step (KernelBenchmark), for the `bench` command.

One step: sample a fresh batch of linear-regression prompts (x ~ N(0, I), w ~ N(0, I/d), label noise), forward
through one attention layer in effective-circuit form (merged KQ_h [D, D], OV_h [1, D], query excluded from the
keys), mean squared error at the query, backward, Adam update. Prints one line: `TORCH_MEDIAN_MS <ms>`.

`--workload fig4-rank` and `--workload multitask` time the matching preset steps of `icl bench` instead:
fig4-rank: linear attention in the reduced rank-R form of spec A.7 (a = b^T k, c = q^T x_q, yhat = sum_i v_i sum_r a c,
b = sum_l y_l x_l), 9 heads, rank 1, d = 8, n = 31, a fixed set of --b prompts reused every step, plain GD;
multitask: softmax attention in circuit form, 3 heads, d = 50, 3 tasks in contiguous blocks (D = 53), n = 100,
query excluded, --b fresh prompts per step, plain SGD.
"""
import argparse
import statistics
import time

import torch


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--workload", choices=["reference", "fig4-rank", "multitask"], default="reference")
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
    if a.workload != "reference":
        step = fig4_rank_step(a.b, dt) if a.workload == "fig4-rank" else multitask_step(a.b, dt)
        report(step, a.warmup, a.steps)
        return
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

    report(step, a.warmup, a.steps)


def report(step, warmup, steps):
    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    print(f"TORCH_MEDIAN_MS {statistics.median(times):.4f}", flush=True)


def fig4_rank_step(P, dt, d=8, n=31, heads=9, rank=1, lr=0.02):
    x = torch.randn(P, n, d, dtype=dt) / d ** 0.5                   # [P, n, d], trace-1 isotropic inputs
    w = torch.randn(P, d, dtype=dt)                                 # [P, d]
    y = torch.einsum("pnd,pd->pn", x, w)                            # [P, n]
    xq = torch.randn(P, d, dtype=dt) / d ** 0.5                     # [P, d]
    yq = (xq * w).sum(-1)                                           # [P]
    b = torch.einsum("pn,pnd->pd", y, x)                            # [P, d] sufficient statistic
    k = (0.005 / (rank * (d + 1)) ** 0.5 * torch.randn(heads, rank, d, dtype=dt)).requires_grad_()
    q = (0.005 / (rank * (d + 1)) ** 0.5 * torch.randn(heads, rank, d, dtype=dt)).requires_grad_()
    v = (0.005 * torch.randn(heads, dtype=dt)).requires_grad_()

    def step():
        a = torch.einsum("pd,hrd->phr", b, k)                       # [P, h, R]
        c = torch.einsum("pd,hrd->phr", xq, q)                      # [P, h, R]
        yhat = torch.einsum("h,phr->p", v, a * c)                   # [P]
        loss = torch.mean((yhat - yq) ** 2)
        for t in (k, q, v):
            t.grad = None
        loss.backward()
        with torch.no_grad():
            for t in (k, q, v):
                t -= lr * t.grad
    return step


def multitask_step(B, dt, d=50, tasks=3, n=100, heads=3, lr=1e-3):
    D = d + tasks
    bounds = [k * d // tasks for k in range(tasks + 1)]
    mask = torch.zeros(tasks, d, dtype=dt)                          # [K, d] task supports
    for t in range(tasks):
        mask[t, bounds[t]:bounds[t + 1]] = 1
    kq = (torch.rand(heads, D, D, dtype=dt) * 2 - 1).div(D ** 0.5).requires_grad_()
    ov = (torch.rand(heads, tasks, D, dtype=dt) * 2 - 1).div(D ** 0.5).requires_grad_()
    temperature = 1 / D ** 0.5

    def step():
        x = torch.randn(B, n, d, dtype=dt)                          # [B, n, d]
        w = torch.randn(B, tasks, d, dtype=dt) * mask               # [B, K, d]
        y = torch.einsum("bnd,bkd->bnk", x, w)                      # [B, n, K]
        xq = torch.randn(B, d, dtype=dt)
        yq = torch.einsum("bd,bkd->bk", xq, w)                      # [B, K]
        z = torch.cat([x, y], dim=-1)                               # [B, n, D]
        zq = torch.cat([xq, torch.zeros(B, tasks, dtype=dt)], dim=-1)
        qv = torch.einsum("hij,bj->bhi", kq, zq) * temperature      # [B, h, D]
        s = torch.einsum("bni,bhi->bhn", z, qv)                     # [B, h, n]
        u = torch.einsum("bhn,bni->bhi", torch.softmax(s, dim=-1), z)
        yhat = torch.einsum("hoi,bhi->bo", ov, u)                   # [B, K]
        loss = torch.mean((yhat - yq) ** 2)
        kq.grad = None
        ov.grad = None
        loss.backward()
        with torch.no_grad():
            kq.sub_(lr * kq.grad)
            ov.sub_(lr * ov.grad)
    return step


if __name__ == "__main__":
    main()
