#!/usr/bin/python3
"""Golden fixtures for F.pad's reflect/replicate/circular modes and the padding modules, from real
PyTorch 1.13 (run: /usr/bin/python3 gen_pad_fixtures.py). Writes fixtures/pad.json: per case the
input (float32 arange-based, deterministic), output, grad_fn name and the input's gradient for a
weighted sum (weights 1..n so accumulation order shows); error cases with class and message;
module reprs."""
import json, os
import torch, torch.nn as nn, torch.nn.functional as F

def enc(t):
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "data": t.detach().reshape(-1).tolist()}

cases = []
def case(shape, pad, mode):
    n = 1
    for s in shape: n *= s
    x = (torch.arange(n, dtype=torch.float32) * 0.37 - 1.1).reshape(shape).requires_grad_()
    y = F.pad(x, pad, mode=mode)
    w = torch.arange(1, y.numel() + 1, dtype=torch.float32).reshape(y.shape) * 0.1
    (y * w).sum().backward()
    cases.append({"shape": list(shape), "pad": list(pad), "mode": mode, "x": enc(x), "y": enc(y),
                  "grad_fn": type(y.grad_fn).__name__ if y.grad_fn is not None else None, "w": enc(w), "grad": enc(x.grad)})

for mode in ["reflect", "replicate", "circular"]:
    case((2, 3, 4), (2, 1), mode)
    case((2, 3, 4), (1, 3), mode)
    case((2, 3, 4), (-1, 2), mode)
    case((1, 2, 3, 4), (1, 2, 2, 1), mode)
    case((1, 2, 3, 4), (3, 0, 0, 2), mode)
    case((1, 1, 2, 3, 4), (1, 1, 1, 0, 1, 1), mode)
    if mode != "circular":
        case((3, 4), (2, 3), mode)
        case((2, 3, 4), (1, 2, 2, 1), mode)
        case((2, 3, 4, 5), (2, 1, 1, 2, 1, 1), mode)
        case((2, 5), (0, 0), mode)

errors = []
def err(shape, pad, mode, value=None):
    x = torch.zeros(shape, dtype=torch.int64) if mode.endswith("-int") else torch.zeros(shape)
    m = mode.replace("-int", "")
    try:
        F.pad(x, pad, mode=m, value=value) if value is not None else F.pad(x, pad, mode=m)
        raise SystemExit(f"no error for {shape} {pad} {mode}")
    except (RuntimeError, NotImplementedError) as e:
        errors.append({"shape": list(shape), "pad": list(pad), "mode": mode, "value": value,
                       "cls": type(e).__name__, "msg": str(e), "int": mode.endswith("-int")})

for m in ["reflect", "replicate", "circular"]:
    err((4,), (1, 1), m)
    err((2, 3), (1, 1, 1, 1), m)
    err((2, 3, 4, 5, 6, 7), (1, 1), m)
    err((1, 1, 3), (1,), m)
    err((1, 1, 3), (1,) * 8, m)
    err((1, 1, 3), (1, 1), m, 1.0)
err((1, 1, 3), (1, 1), "foo")
err((1, 1, 3), (3, 3), "reflect")
err((3, 4), (4, 0), "reflect")
err((2, 3, 4), (0, 0, 3, 0), "reflect")
err((2, 3, 4), (0, 4, 0, 0), "reflect")
err((1, 2, 3, 4), (0, 0, 3, 0), "reflect")
err((2, 3, 4, 5), (0, 0, 0, 0, 3, 3), "reflect")
err((2, 3, 4, 5), (0, 0, 4, 0, 0, 0), "reflect")
err((2, 3, 4, 5), (5, 0, 0, 0, 0, 0), "reflect")
err((1, 1, 3), (-3, 0), "reflect")
err((1, 1, 3), (-3, 0), "replicate")
err((1, 1, 3), (4, 0), "circular")
err((1, 1, 3), (0, -4), "circular")
err((2, 3), (1, 1), "circular")
err((2, 3, 4), (1, 1, 1, 1), "circular")
err((3, 4), (1, 1), "reflect-int")
err((3, 4), (1, 1), "replicate-int")

mods = []
for expr in ["nn.ReflectionPad1d(2)", "nn.ReflectionPad2d((1, 1, 2, 0))", "nn.ReflectionPad3d(1)",
             "nn.ReplicationPad1d((1, 2))", "nn.ReplicationPad2d(2)", "nn.ReplicationPad3d((1, 0, 1, 0, 0, 1))",
             "nn.ZeroPad2d(2)", "nn.ZeroPad2d((1, 2, 3, 0))", "nn.ConstantPad1d(2, 3.5)",
             "nn.ConstantPad2d((1, 1, 2, 0), -1.5)", "nn.ConstantPad3d(1, 2.0)"]:
    m = eval(expr)
    k = len(m.padding) // 2
    x = (torch.arange(2 * 2 * 3 ** k, dtype=torch.float32) * 0.5).reshape([2, 2] + [3] * k)
    mods.append({"expr": expr, "repr": repr(m), "x": enc(x), "y": enc(m(x))})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "pad.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases, "errors": errors, "modules": mods}, f)
print(out, len(cases), len(errors), len(mods))
