#!/usr/bin/python3
"""F.gelu float32 forward and gradient from real PyTorch 1.13 (Debian python3-torch: MKLDNN on,
system oneDNN 2.6.3, x86-64 with AVX-512; 1 thread), bit patterns as hex.

  /usr/bin/python3 packages/nn/test/gen_gelu_fixtures.py  -> fixtures/gelu.json

Paths these cases reach (ATen Activation.cpp gelu_out_cpu / gelu_backward_out_cpu):
  approximate='none', contiguous self, numel > 1  -> oneDNN eltwise_gelu_erf (JIT, every lane alike)
  approximate='tanh', or strided self, or numel 1 -> ATen GeluKernel / GeluBackwardKernel
                                                     (cpu_kernel_vec: SLEEF on 16-blocks, glibc on tails)
For each mode: x (uniform in [-8, 8], normals, small values, and special values: +-0, +-inf, nan,
very negative and large x), y = gelu(x) and x.grad for y.backward(dy) on the whole tensor, and for
n in 1..40 and 1000 on x[:n] (contiguous) and x[::2] of length n (strided); a transposed 2-D
input (inner dim unit-stride after TensorIterator's reordering) forward only."""
import json, os
import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
assert torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled
HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(11)

def hx(t):
    a = t.detach().contiguous().numpy().astype(np.float32)
    a = a.reshape(-1); b = a.view(np.uint32).copy(); b[np.isnan(a)] = 0x7fc00000
    return "".join("%08x" % v for v in b.tolist())

SPECIAL = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), -10.0, -20.0, -30.0, -100.0, -1e30, 10.0, 20.0, 100.0,
           3e38, -3e38, 1e-40, -1e-40, 1e-7, -1e-7, -5.5, -9.3, -13.2, -87.5, -88.8, 5.0, -5.0, 0.5, -0.5, 1.0, -1.0]
base = np.concatenate([rng.uniform(-8, 8, 1600), rng.standard_normal(400) * 2, rng.uniform(-0.01, 0.01, 200)])
x = torch.tensor(np.concatenate([np.array(SPECIAL), base]), dtype=torch.float32)
# spread the special values through the first 2000 so every length and layout meets some
perm = torch.tensor(rng.permutation(x.numel()))
x = x[perm].contiguous()
dy = torch.tensor(rng.uniform(-2, 2, 2 * x.numel()), dtype=torch.float32)

def fwd_bwd(xin_fn, approx, g):
    leaf = x.clone().requires_grad_(True)
    xin = xin_fn(leaf)
    y = F.gelu(xin, approximate=approx)
    y.backward(g[: y.numel()].view(y.shape))
    return hx(y), hx(xin_fn(leaf.grad))

out = []
for approx in ("none", "tanh"):
    lay = []
    for n in list(range(1, 41)) + [1000]:
        cy, cg = fwd_bwd(lambda t: t[:n], approx, dy)
        sy, sg = fwd_bwd(lambda t: t[: 2 * n][::2], approx, dy)
        lay.append({"n": n, "contig": cy, "contig_grad": cg, "strided": sy, "strided_grad": sg})
    y, g = fwd_bwd(lambda t: t, approx, dy)
    xt = x[:1000].view(40, 25).t()
    out.append({"approximate": approx, "y": y, "grad": g, "layouts": lay, "transposed_y": hx(F.gelu(xt, approximate=approx))})
with open(os.path.join(HERE, "fixtures", "gelu.json"), "w") as fh:
    json.dump({"torch": torch.__version__, "x": hx(x), "dy": hx(dy), "cases": out}, fh, separators=(",", ":"))
