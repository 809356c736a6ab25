#!/usr/bin/python3
"""Golden fixtures for the unary float ops, from real PyTorch 1.13 (Debian's AVX2 build, 1 thread).

  /usr/bin/python3 packages/core/test/gen_unary_fixtures.py

Writes fixtures/unary.json. Values are exact bit patterns: float32 as 8 hex digits, float64 as 16,
concatenated into one string per array. For each op and dtype:
  "values": inputs (random in the op's range, random bit patterns over many exponents, special
            values) and torch's outputs, computed as one contiguous tensor;
  "layouts": for n in 1..20 and 100, torch's output for x[:n] (contiguous) and for x[::2] of the
            same length (strided), x = the first inputs: ops whose vector body is SLEEF and whose
            tail / strided elements go through the scalar libm (cpu_kernel_vec) differ there.
Tests (unary_fixtures.test.ts) rebuild the same tensors and compare bit patterns (NaNs folded).
"""
import json, os, struct
import numpy as np
import torch

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures", "unary.json")
rng = np.random.default_rng(20261122)

def hx(t):
    a = t.detach().contiguous().numpy()
    if a.dtype == np.float32:
        b = a.view(np.uint32).copy(); b[np.isnan(a)] = 0x7fc00000
        return "".join("%08x" % v for v in b.tolist())
    b = a.view(np.uint64).copy(); b[np.isnan(a)] = 0x7ff8000000000000
    return "".join("%016x" % v for v in b.tolist())

def wide(n, lo_exp, hi_exp, signed=True, dtype=np.float32):
    e = rng.uniform(lo_exp, hi_exp, n)
    m = rng.uniform(1, 2, n)
    v = m * 2.0 ** e
    if signed:
        v *= rng.choice([-1, 1], n)
    return v

SPECIAL = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 1e-45, -1e-45,
           1e-40, -1e-40, 1.1754943508222875e-38, 3.4028234663852886e+38, -3.4028234663852886e+38, 1e-7, -1e-7,
           88.72283935546875, 88.7228317260742, -87.33654022216797, -103.97208, 104.0, -104.0, 89.5, 10.0, 100.0,
           3.1415927410125732, -3.1415927410125732, 1.5707963705062866, 6.2831854820251465, 1e4, 1e5, 1e6, 1e7,
           -1e7, 1.25e8, 3e9, 1e15, 1e20, 1e30, 3.0, 4.0, 0.9999999403953552, -0.9999999403953552, 1.0000001192092896]

# name -> (callable, [(lo, hi) uniform ranges], wide-exponent range or None)
OPS = {
    "sin": (torch.sin, [(-10, 10), (-1e4, 1e4)], (-30, 100)),
    "cos": (torch.cos, [(-10, 10), (-1e4, 1e4)], (-30, 100)),
    "tan": (torch.tan, [(-10, 10), (-1e4, 1e4)], (-30, 100)),
    "asin": (torch.asin, [(-1, 1), (-1.1, 1.1)], (-30, 0)),
    "acos": (torch.acos, [(-1, 1), (-1.1, 1.1)], (-30, 0)),
    "atan": (torch.atan, [(-4, 4), (-100, 100)], (-30, 60)),
    "sinh": (torch.sinh, [(-5, 5), (-92, 92)], (-30, 7)),
    "cosh": (torch.cosh, [(-5, 5), (-92, 92)], (-30, 7)),
    "tanh": (torch.tanh, [(-5, 5), (-10, 10)], (-30, 7)),
    "exp": (torch.exp, [(-5, 5), (-110, 90)], (-30, 7)),
    "expm1": (torch.expm1, [(-1, 1), (-20, 90)], (-30, 7)),
    "log": (torch.log, [(0, 2), (0, 1000)], (-140, 128)),
    "log1p": (torch.log1p, [(-1, 1), (-1, 1000)], (-140, 128)),
    "log2": (torch.log2, [(0, 2), (0, 1000)], (-140, 128)),
    "log10": (torch.log10, [(0, 2), (0, 1000)], (-140, 128)),
    "sqrt": (torch.sqrt, [(0, 10)], (-140, 128)),
    "rsqrt": (torch.rsqrt, [(0, 10)], (-140, 128)),
    "sigmoid": (torch.sigmoid, [(-10, 10)], (-30, 7)),
    "erf": (torch.erf, [(-3, 3), (-6, 6)], (-30, 4)),
    "erfc": (torch.erfc, [(-3, 3), (-4, 11)], (-30, 4)),
    "erfinv": (torch.erfinv, [(-1, 1), (-0.999, 0.999)], (-30, 0)),
    "exp2": (torch.exp2, [(-5, 5), (-155, 130)], (-30, 8)),
    "lgamma": (torch.lgamma, [(0, 5), (-10, 40)], (-30, 60)),
    "digamma": (torch.digamma, [(0, 5), (-10, 40)], (-30, 60)),
    "asinh": (torch.asinh, [(-5, 5), (-1e4, 1e4)], (-30, 60)),
    "acosh": (torch.acosh, [(1, 5), (1, 1e4)], (0, 60)),
    "atanh": (torch.atanh, [(-1, 1), (-0.5, 0.5)], (-30, 0)),
}

def inputs(name, dtype, n_uniform, n_wide):
    _, ranges, wr = OPS[name]
    parts = [rng.uniform(lo, hi, n_uniform) for lo, hi in ranges]
    if wr is not None:
        parts.append(wide(n_wide, wr[0], wr[1]))
    parts.append(np.array(SPECIAL))
    v = np.concatenate(parts)
    return torch.tensor(v, dtype=dtype)

def layouts(fn, x):
    out = []
    for n in list(range(1, 21)) + [100]:
        c = x[:n].clone()
        s = x[: 2 * n].clone()[::2]
        out.append({"n": n, "contig": hx(fn(c)), "strided": hx(fn(s))})
    return out

res = {}
for name, (fn, _, _) in OPS.items():
    entry = {}
    for dtype, nu, nw in [(torch.float32, 1000, 500), (torch.float64, 300, 150)]:
        x = inputs(name, dtype, nu, nw)
        # layouts from the first uniform range (a permutation so values vary along the row)
        entry[str(dtype).replace("torch.", "")] = {"x": hx(x), "y": hx(fn(x)), "layouts": layouts(fn, x[:200])}
    res[name] = entry

with open(OUT, "w") as fh:
    json.dump({"torch": torch.__version__, "ops": res}, fh, separators=(",", ":"))
print("wrote", OUT, os.path.getsize(OUT))
