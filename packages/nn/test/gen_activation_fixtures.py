#!/usr/bin/python3
"""Float32 activation outputs from real PyTorch 1.13 (AVX2 build, 1 thread), bit patterns as hex.

  /usr/bin/python3 packages/nn/test/gen_activation_fixtures.py  -> fixtures/activations.json

For each case: inputs x (uniform in [-8, 8] and special values), F.<fn>(x, **kwargs) on the whole
contiguous tensor, and for n in 1..20 and 100 on x[:n] and on x[::2] of length n (cpu_kernel_vec
ops run SLEEF on 16-blocks of unit-stride rows and glibc on the rest). gelu with approximate='none'
on a contiguous input with numel > 1 goes to oneDNN's eltwise_gelu_erf on this MKLDNN build (see
gen_gelu_fixtures.py, which covers gelu's layouts and gradients)."""
import json, os
import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(7)

def hx(t):
    a = t.detach().contiguous().numpy().astype(np.float32)
    a = a.reshape(-1); b = a.view(np.uint32).copy(); b[np.isnan(a)] = 0x7fc00000
    return "".join("%08x" % v for v in b.tolist())

CASES = [
    ("gelu", {}), ("gelu", {"approximate": "tanh"}), ("silu", {}), ("elu", {}), ("elu", {"alpha": 0.5}), ("selu", {}),
    ("celu", {"alpha": 2.0}), ("leaky_relu", {}), ("leaky_relu", {"negative_slope": 0.2}), ("softplus", {}),
    ("softplus", {"beta": 2.0, "threshold": 5.0}), ("logsigmoid", {}), ("mish", {}), ("hardswish", {}), ("hardsigmoid", {}),
    ("relu6", {}), ("hardtanh", {}), ("hardtanh", {"min_val": -2.0, "max_val": 3.0}), ("softsign", {}), ("tanhshrink", {}),
]
SPECIAL = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e-40, -1e-40, 20.0, 20.5, -3.0, 3.0, -88.0, 88.0, 100.0, -100.0]
out = []
for name, kw in CASES:
    x = torch.tensor(np.concatenate([rng.uniform(-8, 8, 600), SPECIAL]), dtype=torch.float32)
    fn = lambda t: getattr(F, name)(t, **kw)
    lay = []
    for n in list(range(1, 21)) + [100]:
        lay.append({"n": n, "contig": hx(fn(x[:n].clone())), "strided": hx(fn(x[: 2 * n].clone()[::2]))})
    out.append({"fn": name, "kwargs": kw, "x": hx(x), "y": hx(fn(x)), "layouts": lay})
x = torch.tensor(rng.uniform(-4, 4, (6, 40)), dtype=torch.float32)
out.append({"fn": "glu", "kwargs": {"dim": -1}, "shape": [6, 40], "x": hx(x), "y": hx(F.glu(x, -1)), "layouts": []})
with open(os.path.join(HERE, "fixtures", "activations.json"), "w") as fh:
    json.dump({"torch": torch.__version__, "cases": out}, fh, separators=(",", ":"))
