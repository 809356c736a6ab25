#!/usr/bin/python3
"""Golden fixtures for the float64 transcendental ops, from real PyTorch 1.13 (Debian's AVX2 build,
1 thread): Sleef_*d4_u10 lanes, glibc scalar tails, SLEEF's per-vector trig reduction; glibc's
asinh/acosh/atanh/exp2 (scalar loops); lgamma (Sleef_lgammad4_u10).

  /usr/bin/python3 packages/core/test/gen_unary_f64_fixtures.py

Writes fixtures/unary_f64.json; values are float64 bit patterns (16 hex digits each, concatenated).
For each op:
  "x", "y":   inputs (random in the op's ranges, random bit patterns over the whole exponent range
              including subnormals, special values and the ops' overflow/underflow/reduction edges)
              and torch's output for them as one contiguous tensor;
  "layouts":  for n in 1..20 and 100, torch's output for p[:n] (contiguous) and p[:2n][::2]
              (strided), p = the 200-element "p" input (for trig ops every 7th lane is a large
              argument, so groups of 4 lanes take different reductions);
  "grids":    p[:100].view(10, 10).t() and p[:108].view(12, 9)[:, 1:8] (2-D, rows with tails).
Tests (unary_f64.test.ts) rebuild the same tensors and compare bit patterns (NaNs folded).
"""
import json, os
import numpy as np
import torch

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures", "unary_f64.json")
rng = np.random.default_rng(20261123)

def hx(t):
    a = t.detach().contiguous().numpy().reshape(-1)
    b = a.view(np.uint64).copy(); b[np.isnan(a)] = 0x7ff8000000000000
    return "".join("%016x" % v for v in b.tolist())

def wide(n, lo, hi):
    return rng.uniform(1, 2, n) * 2.0 ** rng.uniform(lo, hi, n) * rng.choice([-1, 1], n)

DMAX = 1.7976931348623157e308
SPECIAL = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 5e-324, -5e-324,
           1e-310, -1e-310, 2.2250738585072014e-308, -2.2250738585072014e-308, DMAX, -DMAX, 1e-17, -1e-17, 1e-300,
           3.0, 4.0, 10.0, 100.0, 0.9999999999999999, -0.9999999999999999, 1.0000000000000002]
EDGE = {
    "exp": [709.782712893384, 709.7827128933841, 709.79, 710.0, -708.3964185322641, -708.4, -745.1332191019411,
            -745.1332191019412, -745.2, -999.9, -1000.0, -1000.1, 1e-16, -1e-16, 7e-17],
    "expm1": [709.782712893384, 709.79, -36.7368005696771, -36.74, -40.0, 1e-16, -1e-16],
    "sinh": [709.78, 710.0, 710.5, 711.0, 22.0, 21.99, 1e-9, -1e-9, 3.725290298461914e-09, 0.9999],
    "cosh": [709.78, 710.0, 710.5, 711.0, 22.0, 1e-9],
    "tanh": [18.714973875, 18.714973876, 18.7, 19.0, 22.0, 1e-9, -1e-9],
    "sigmoid": [709.78, -709.78, 710.0, -710.0, 745.2, -745.2, 37.0, -37.0, 1000.0, -1000.0],
    "log1p": [-1.0, -0.9999999999999999, 1e307, 1.1e307, -1.0000000000000002],
    "atan": [1e16, -1e16, 1e300],
    "asin": [0.49999999999999994, 0.5, -0.5000000000000001, 1.0000000000000002],
    "acos": [0.49999999999999994, 0.5, -0.5000000000000001, 1.0000000000000002],
    "erf": [0.9999999999999999, 1.0, 3.6999999999999997, 3.7, 5.999999999999999, 6.0, -3.7, -6.0],
    "lgamma": [1e-306, 1e-307, -1e-307, 2.3, 2.2999999999999998, 1.1, 7.0, 7.000000000000001, -2.5, -3.0, 2.5e305, -1e15 - 0.5],
    "exp2": [1024.0, 1023.9999999999999, -1022.0, -1022.5, -1074.0, -1074.5, -1075.0, -1075.5, 928.0, 928.5, -928.5],
    "acosh": [268435456.0, 268435455.99999997, 2.0000000000000004, 1.0000000000000002],
    "asinh": [268435456.0, 268435457.0, -268435457.0, 2.0000000000000004, 3.725290298461914e-09],
    "atanh": [3.725290298461914e-09, 0.49999999999999994, -0.5, 0.9999999999999999],
    "erfc": [0.9999999999999999, 2.1999999999999997, 2.2, 4.199999999999999, 4.2, 27.299999999999997, 27.3, -27.3, -4.2],
}
TRIG_EDGE = [14.999999999999998, 15.0, -15.0, 15.000000000000002, 1e14, 99999999999999.98, 1.0000000000000002e14,
             -1e14, 1e15, 1e16, 1e22, 1e100, 1e300, 6381956970095103.0 * 2.0**797, 3.141592653589793, 1.5707963267948966,
             6.283185307179586, 1e6 * 3.141592653589793, 710.0]

LOGR = [(0, 2), (0, 1000)]
OPS = {
    "exp": (torch.exp, [(-5, 5), (-750, 712)], (-1074, 10)),
    "expm1": (torch.expm1, [(-1, 1), (-40, 712)], (-1074, 10)),
    "log": (torch.log, LOGR, (-1074, 1023)),
    "log2": (torch.log2, LOGR, (-1074, 1023)),
    "log10": (torch.log10, LOGR, (-1074, 1023)),
    "log1p": (torch.log1p, [(-1, 1), (-1, 1000)], (-1074, 1023)),
    "sin": (torch.sin, [(-10, 10), (-1e6, 1e6)], (-1074, 1023)),
    "cos": (torch.cos, [(-10, 10), (-1e6, 1e6)], (-1074, 1023)),
    "tan": (torch.tan, [(-10, 10), (-1e6, 1e6)], (-1074, 1023)),
    "asin": (torch.asin, [(-1, 1), (-1.1, 1.1)], (-1074, 0)),
    "acos": (torch.acos, [(-1, 1), (-1.1, 1.1)], (-1074, 0)),
    "atan": (torch.atan, [(-4, 4), (-100, 100)], (-1074, 1023)),
    "sinh": (torch.sinh, [(-5, 5), (-712, 712)], (-1074, 10)),
    "cosh": (torch.cosh, [(-5, 5), (-712, 712)], (-1074, 10)),
    "tanh": (torch.tanh, [(-5, 5), (-20, 20)], (-1074, 5)),
    "sigmoid": (torch.sigmoid, [(-10, 10), (-800, 800)], (-1074, 10)),
    "erf": (torch.erf, [(-3, 3), (-7, 7)], (-1074, 5)),
    "erfc": (torch.erfc, [(-3, 3), (-5, 28)], (-1074, 5)),
    "asinh": (torch.asinh, [(-3, 3), (-1e4, 1e4)], (-1074, 1023)),
    "acosh": (torch.acosh, [(1, 3), (1, 1e4)], (0, 1023)),
    "atanh": (torch.atanh, [(-1, 1), (-0.5, 0.5)], (-1074, 0)),
    "exp2": (torch.exp2, [(-5, 5), (-1080, 1030)], (-1074, 11)),
    "lgamma": (torch.lgamma, [(0, 5), (-200, 200)], (-1074, 1023)),
}
TRIG = {"sin", "cos", "tan"}

res = {}
for name, (fn, ranges, wr) in OPS.items():
    parts = [rng.uniform(lo, hi, 400) for lo, hi in ranges] + [wide(400, *wr), np.array(SPECIAL + EDGE.get(name, []) + (TRIG_EDGE if name in TRIG else []))]
    x = torch.tensor(np.concatenate(parts), dtype=torch.float64)
    p = rng.uniform(*ranges[0], 200)
    if name in TRIG:
        p[3::7] = np.array([20.0, -1e5, 3e14, 1e20, -25.5, 1e300, 17.0] * 5)[: len(p[3::7])]
    else:
        p[5::11] = rng.uniform(*ranges[-1], len(p[5::11]))
    pt = torch.tensor(p, dtype=torch.float64)
    layouts = []
    for n in list(range(1, 21)) + [100]:
        layouts.append({"n": n, "contig": hx(fn(pt[:n].clone())), "strided": hx(fn(pt[: 2 * n].clone()[::2]))})
    grids = {"t10": hx(fn(pt[:100].clone().view(10, 10).t())), "s12x9": hx(fn(pt[:108].clone().view(12, 9)[:, 1:8]))}
    res[name] = {"x": hx(x), "y": hx(fn(x)), "p": hx(pt), "layouts": layouts, "grids": grids}

with open(OUT, "w") as fh:
    json.dump({"torch": torch.__version__, "ops": res}, fh, separators=(",", ":"))
print("wrote", OUT, os.path.getsize(OUT))
