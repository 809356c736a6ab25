"""Golden float32 results of PyTorch 1.13 (CPU, AVX2 capability) for exp, log, tanh, sigmoid,
softmax and log_softmax -> f32_math.json (packages/core/test/f32_math.test.ts).

Run with the system python that has torch 1.13: /usr/bin/python3 compat-tests/golden/gen_f32_math.py

Inputs are not stored: each case names a seed, and both sides regenerate the values with the same
32-bit LCG (exact double arithmetic, then rounding to float32). Outputs (of all `repeat` tensors
of a case, concatenated) are stored as a FNV-1a 64 digest of their float32 bits (every NaN folded to 0x7fc00000) in row-major order, plus the first
8 output bit patterns to help debugging.
"""
import json, os, struct
import numpy as np
import torch

torch.set_num_threads(1)  # the chunking of cpu_kernel_vec / softmax rows assumes one thread

MASK = 0xFFFFFFFF


def lcg(seed):
    x = seed & MASK
    while True:
        x = (x * 1664525 + 1013904223) & MASK
        yield x


def values(kind, seed, n):
    g = lcg(seed)
    if kind[0] == "uniform":
        lo, hi = kind[1], kind[2]
        return np.array([lo + (hi - lo) * (next(g) / 4294967296.0) for _ in range(n)], dtype=np.float64).astype(np.float32)
    if kind[0] == "bits":
        m = kind[1]
        return np.array([next(g) & m for _ in range(n)], dtype=np.uint32).view(np.float32)
    if kind[0] == "list":
        b = np.array([int(h, 16) for h in kind[1]], dtype=np.uint32).view(np.float32)
        return np.resize(b, n)
    raise ValueError(kind)


def make(layout, shape, data):
    t = torch.from_numpy(data.copy())
    if layout == "contig":
        return t.view(shape)
    if layout == "stride2":  # every other element of a 1-D base twice as long
        return t[::2].view(shape) if len(shape) == 1 else t.view(shape[0], 2 * shape[1])[:, ::2]
    if layout == "slice":  # the first cols of rows that are 3 longer
        return t.view(shape[0], shape[1] + 3)[:, : shape[1]]
    if layout == "t":  # a transposed dense tensor
        return t.view(shape[1], shape[0]).t()
    raise ValueError(layout)


def base_numel(layout, shape):
    n = int(np.prod(shape))
    if layout == "stride2":
        return 2 * n
    if layout == "slice":
        return shape[0] * (shape[1] + 3)
    return n


def digest(out):
    bits = out.contiguous().numpy().astype(np.float32).ravel().view(np.uint32).copy()
    bits[np.isnan(out.contiguous().numpy().ravel())] = 0x7FC00000
    h = 0xCBF29CE484222325
    for b in bits.tolist():
        for k in range(4):
            h ^= (b >> (8 * k)) & 0xFF
            h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h, ["%08x" % v for v in bits[:8].tolist()]


def run(op, x, dim):
    if op == "softmax":
        return torch.softmax(x, dim)
    if op == "log_softmax":
        return torch.log_softmax(x, dim)
    return getattr(torch, op)(x)


EDGE = ["00000000", "80000000", "7f800000", "ff800000", "7fc00000", "00000001", "80000001", "007fffff", "00800000",
        "3f800000", "bf800000", "42b17218", "42b17219", "42b17217", "c2cff1b5", "c2d00000", "c2d00001", "c2c80000",
        "42c80000", "42c80001", "0da24260", "8da24260", "410aa3a1", "c10aa3a1", "3f000000", "7f7fffff", "ff7fffff"]

SIZES = [1, 3, 7, 8, 9, 16, 100, 1000]
cases = []
seed = 1


def add(op, kind, shape, layout="contig", dim=None, repeat=1):
    global seed
    cases.append({"op": op, "kind": kind, "shape": list(shape), "layout": layout, "dim": dim, "repeat": repeat, "seed": seed})
    seed += 1


RANGES = {
    "exp": [["uniform", -20, 20], ["uniform", -110, 100], ["uniform", -1, 1]],
    "log": [["bits", 0x7FFFFFFF], ["uniform", 0, 4], ["uniform", 0.5, 2]],
    "tanh": [["uniform", -10, 10], ["uniform", -1, 1], ["bits", 0xFFFFFFFF]],
    "sigmoid": [["uniform", -20, 20], ["uniform", -100, 100], ["uniform", -3, 3]],
}
for op, ranges in RANGES.items():
    add(op, ["list", EDGE], [len(EDGE)])
    for kind in ranges:
        for n in SIZES:
            add(op, kind, [n], repeat=max(1, 2000 // n))
        add(op, kind, [10000])
        add(op, kind, [1000], layout="stride2")
        add(op, kind, [3], layout="stride2", repeat=20)
        add(op, kind, [40, 21], layout="slice")
        add(op, kind, [40, 35], layout="slice")
        add(op, kind, [30, 20], layout="t")

for op in ["softmax", "log_softmax"]:
    for kind in [["uniform", -10, 10], ["uniform", -100, 100], ["uniform", -1, 1]]:
        for n in SIZES:
            add(op, kind, [max(1, 2000 // n), n], dim=-1)
        add(op, kind, [7], dim=0)
        add(op, kind, [37, 13], dim=0)
        add(op, kind, [5, 100], dim=0)
        add(op, kind, [4, 9, 11], dim=1)
        add(op, kind, [30, 20], layout="t", dim=-1)
        add(op, kind, [40, 21], layout="slice", dim=-1)
    add(op, ["list", EDGE[:5] + ["3f800000"] * 3], [8], dim=0)

for op in ["softmax", "log_softmax"]:  # trailing size-1 dims: not the lastdim kernel
    add(op, ["uniform", -10, 10], [6, 13, 1], dim=1)
    add(op, ["uniform", -10, 10], [3, 20, 1, 1], dim=1)

total = {}
for c in cases:
    n = base_numel(c["layout"], c["shape"])
    data = values(c["kind"], c["seed"], n * c["repeat"])
    # `repeat` separate tensors (each its own kernel call) from consecutive stretches of one stream
    ys = [run(c["op"], make(c["layout"], c["shape"], data[i * n : (i + 1) * n]), c["dim"]).reshape(-1) for i in range(c["repeat"])]
    y = torch.cat(ys)
    c["digest"], c["head"] = digest(y)
    total[c["op"]] = total.get(c["op"], 0) + y.numel()

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "f32_math.json")
with open(out, "w") as fh:
    json.dump({"torch": torch.__version__, "capability": torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, "cpu") else "AVX2", "cases": cases}, fh, separators=(",", ":"))
print(out, len(cases), "cases", total, os.path.getsize(out), "bytes")
