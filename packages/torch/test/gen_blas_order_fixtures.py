#!/usr/bin/python3
"""Golden values for the summation order of float32/float64 products (packages/torch/test/blas_order.test.ts).

Debian's python3-torch 1.13 calls the reference BLAS (netlib sgemm/sgemv/sdot, libblas3):
each output is summed in order of k with every product and addition rounded, and addmm's bias
is either the starting value (sgemm's transa='n' loops) or added at the end (transa='t'),
depending on the operands' strides. Run with /usr/bin/python3 (apt-get install python3-torch):

    /usr/bin/python3 packages/torch/test/gen_blas_order_fixtures.py
"""
import json
import os
import torch
import torch.nn.functional as F

torch.manual_seed(1234)
cases = []


def enc(t):
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "values": t.reshape(-1).tolist()}


def add(name, expr, inputs, out):
    cases.append({"name": name, "expr": expr, "inputs": {k: enc(v) for k, v in inputs.items()}, "out": enc(out)})


for dt in (torch.float32, torch.float64):
    tag = str(dt).replace("torch.", "")
    for (m, k, n) in [(3, 4, 5), (1, 7, 9), (9, 7, 1), (5, 1, 6), (17, 33, 13), (2, 200, 3), (8, 100, 8)]:
        a = torch.randn(m, k, dtype=dt)
        b = torch.randn(k, n, dtype=dt)
        at = torch.randn(k, m, dtype=dt)
        bt = torch.randn(n, k, dtype=dt)
        add(f"{tag} mm {m}x{k}x{n}", "a.mm(b)", {"a": a, "b": b}, a.mm(b))
        add(f"{tag} mm a.t() {m}x{k}x{n}", "at.t().mm(b)", {"at": at, "b": b}, at.t().mm(b))
        add(f"{tag} mm b.t() {m}x{k}x{n}", "a.mm(bt.t())", {"a": a, "bt": bt}, a.mm(bt.t()))
        add(f"{tag} mm a.t() b.t() {m}x{k}x{n}", "at.t().mm(bt.t())", {"at": at, "bt": bt}, at.t().mm(bt.t()))
        bias = torch.randn(n, dtype=dt)
        c2 = torch.randn(m, n, dtype=dt)
        add(f"{tag} addmm bias {m}x{k}x{n}", "torch.addmm(bias, a, b)", {"bias": bias, "a": a, "b": b}, torch.addmm(bias, a, b))
        add(f"{tag} addmm bias b.t() {m}x{k}x{n}", "torch.addmm(bias, a, bt.t())", {"bias": bias, "a": a, "bt": bt}, torch.addmm(bias, a, bt.t()))
        add(f"{tag} addmm a.t() {m}x{k}x{n}", "torch.addmm(c2, at.t(), b)", {"c2": c2, "at": at, "b": b}, torch.addmm(c2, at.t(), b))
        add(f"{tag} addmm beta alpha {m}x{k}x{n}", "torch.addmm(c2, a, b, beta=0.5, alpha=1.7)", {"c2": c2, "a": a, "b": b}, torch.addmm(c2, a, b, beta=0.5, alpha=1.7))
        add(f"{tag} addmm beta alpha b.t() {m}x{k}x{n}", "torch.addmm(c2, a, bt.t(), beta=0.5, alpha=1.7)", {"c2": c2, "a": a, "bt": bt}, torch.addmm(c2, a, bt.t(), beta=0.5, alpha=1.7))
        add(f"{tag} linear {m}x{k}x{n}", "F.linear(a, bt, bias)", {"a": a, "bt": bt, "bias": bias}, F.linear(a, bt, bias))
        v = torch.randn(k, dtype=dt)
        add(f"{tag} mv {m}x{k}", "a.mv(v)", {"a": a, "v": v}, a.mv(v))
        add(f"{tag} mv a.t() {m}x{k}", "at.t().mv(v)", {"at": at, "v": v}, at.t().mv(v))
        y0 = torch.randn(m, dtype=dt)
        add(f"{tag} addmv {m}x{k}", "torch.addmv(y0, a, v)", {"y0": y0, "a": a, "v": v}, torch.addmv(y0, a, v))
        add(f"{tag} addmv a.t() {m}x{k}", "torch.addmv(y0, at.t(), v)", {"y0": y0, "at": at, "v": v}, torch.addmv(y0, at.t(), v))
        w = torch.randn(k, dtype=dt)
        add(f"{tag} dot {k}", "v.dot(w)", {"v": v, "w": w}, v.dot(w))
    for (bs, m, k, n) in [(2, 3, 4, 5), (3, 8, 20, 9), (2, 1, 50, 1)]:
        x = torch.randn(bs, m, k, dtype=dt)
        y = torch.randn(bs, k, n, dtype=dt)
        add(f"{tag} bmm {bs}x{m}x{k}x{n}", "x.bmm(y)", {"x": x, "y": y}, x.bmm(y))
        inp = torch.randn(bs, m, n, dtype=dt)
        add(f"{tag} baddbmm {bs}x{m}x{k}x{n}", "torch.baddbmm(inp, x, y)", {"inp": inp, "x": x, "y": y}, torch.baddbmm(inp, x, y))
        w2 = torch.randn(n, k, dtype=dt)
        bias = torch.randn(n, dtype=dt)
        add(f"{tag} linear 3-D {bs}x{m}x{k}x{n}", "F.linear(x, w2, bias)", {"x": x, "w2": w2, "bias": bias}, F.linear(x, w2, bias))
        add(f"{tag} matmul 3-D x 2-D {bs}x{m}x{k}x{n}", "x.matmul(w2.t())", {"x": x, "w2": w2}, x.matmul(w2.t()))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "blas_order.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
print(f"wrote {len(cases)} cases to {out}")
