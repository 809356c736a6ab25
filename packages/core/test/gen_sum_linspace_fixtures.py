#!/usr/bin/python3
"""Fixtures for sum_linspace.test.ts, printed by PyTorch 1.13 (Debian python3-torch, AVX2, one
thread): float sums and means over dims (cascade_sum's order) and linspace (its FMA'd formula).

    /usr/bin/python3 packages/core/test/gen_sum_linspace_fixtures.py
"""
import json
import os
import torch

torch.manual_seed(1)
torch.set_num_threads(1)
sums = []
for shp in [(5,), (9,), (17,), (100,), (3, 8), (8, 3), (10, 10), (12, 33), (33, 12), (3, 17, 5), (2, 40, 3), (2, 1, 9)]:
    for dt in ([torch.float32, torch.float64] if shp in [(17,), (10, 10), (3, 17, 5)] else [torch.float32]):
        x = (torch.randn(*shp) * torch.rand(1) * 10).to(dt)
        nd = len(shp)
        dimsets = [None] + [[d] for d in range(nd)] + ([[0, 2]] if nd >= 3 else [])
        for dims in dimsets:
            for trans in ([False, True] if nd >= 2 else [False]):
                xx = (x.t() if nd == 2 else x.transpose(0, 2)) if trans else x
                s = xx.sum() if dims is None else xx.sum(dim=dims)
                m = xx.mean() if dims is None else xx.mean(dim=dims, keepdim=True)
                sums.append(dict(x=x.tolist(), dtype=str(dt).split(".")[1], trans=trans, dims=dims,
                                 sum=s.flatten().tolist(), mean=m.flatten().tolist()))
lins = []
for (a, b) in [(-10, 10), (0, 1), (-3.7, 2.2), (1, 1000)]:
    for n in [1, 2, 5, 7, 11, 16, 24, 33, 100]:
        for dt in [torch.float32, torch.float64, torch.int64]:
            lins.append(dict(start=a, end=b, steps=n, dtype=str(dt).split(".")[1], out=torch.linspace(a, b, n, dtype=dt).tolist()))
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "fixtures", "sum_linspace.json"), "w") as f:
    json.dump(dict(sums=sums, linspace=lins), f)
