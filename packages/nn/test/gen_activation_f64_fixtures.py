#!/usr/bin/python3
"""Golden fixtures for float64 silu/elu/selu/celu/softplus/mish/logsigmoid from real PyTorch 1.13 (Debian's AVX2 build, 1
thread): cpu_kernel_vec runs SLEEF's exp on 8-element blocks and glibc's exp on tails and strided
rows (softplus, mish: also glibc log1p/tanh; logsigmoid: SLEEF everywhere).
  /usr/bin/python3 packages/nn/test/gen_activation_f64_fixtures.py -> fixtures/activations_f64.json
Each case: "x" and "y" (the whole input as one contiguous tensor), "layouts" (x[:n] and x[:2n][::2]
for n = 1..20 and 100). Values are float64 bit patterns, 16 hex digits each.
"""
import json, os
import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures", "activations_f64.json")
rng = np.random.default_rng(20261124)

def hx(t):
    a = t.detach().contiguous().numpy().reshape(-1)
    b = a.view(np.uint64).copy(); b[np.isnan(a)] = 0x7ff8000000000000
    return "".join("%016x" % v for v in b.tolist())

SPECIAL = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1.0, -1.0, 5e-324, -5e-324, 1e-310, -1e-310,
           709.78, -709.78, 710.0, -710.0, 745.2, -745.2, -1000.0, 1e300, -1e300, 37.0, -37.0, 1e-17, -1e-17]
CASES = [("silu", {}), ("elu", {}), ("elu", {"alpha": 0.5}), ("selu", {}), ("celu", {"alpha": 2.0}), ("softplus", {}),
         ("softplus", {"beta": 2.0, "threshold": 5.0}), ("mish", {}), ("logsigmoid", {})]
cases = []
for fn, kw in CASES:
    x = np.concatenate([rng.uniform(-6, 6, 400), rng.uniform(-800, 800, 200),
                        rng.uniform(1, 2, 200) * 2.0 ** rng.uniform(-1074, 10, 200) * rng.choice([-1, 1], 200), SPECIAL])
    xt = torch.tensor(x, dtype=torch.float64)
    f = lambda t: getattr(F, fn)(t, **kw)
    layouts = [{"n": n, "contig": hx(f(xt[:n].clone())), "strided": hx(f(xt[: 2 * n].clone()[::2]))} for n in list(range(1, 21)) + [100]]
    cases.append({"fn": fn, "kwargs": kw, "x": hx(xt), "y": hx(f(xt)), "layouts": layouts})
with open(OUT, "w") as fh:
    json.dump({"torch": torch.__version__, "cases": cases}, fh, separators=(",", ":"))
print("wrote", OUT, os.path.getsize(OUT))
