# Golden text for extras.test.ts: each case is a Python snippet run under PyTorch 1.13
# (/usr/bin/python3); its printed output (stdout) and any exception "Type: message" are stored
# in fixtures/extras.json under the case name. The test runs the TypeScript port of each snippet.
import contextlib, io, json, os, sys, warnings
import torch
import torch.nn as nn
import torch.nn.functional as F

CASES = {}
def case(name, src):
    CASES[name] = src

case("clip_norm", """
torch.manual_seed(0)
m = nn.Linear(4, 3)
m(torch.randn(5, 4)).pow(2).sum().backward()
n = nn.utils.clip_grad_norm_(m.parameters(), 0.5)
print(n, n.item())
print(m.weight.grad, m.weight.grad.sum().item())
print(m.bias.grad)
""")
case("clip_norm_big", """
torch.manual_seed(1)
w = torch.randn(3, 3, requires_grad=True)
(w * 2).sum().backward()
print(nn.utils.clip_grad_norm_(w, 100.0), w.grad)
""")
case("clip_norm_inf", """
torch.manual_seed(2)
a = torch.randn(2, 3, requires_grad=True); b = torch.randn(4, requires_grad=True)
(a.pow(3).sum() + b.exp().sum()).backward()
print(nn.utils.clip_grad_norm_([a, b], 1, norm_type=float('inf')))
print(a.grad, b.grad)
""")
case("clip_norm_p1", """
torch.manual_seed(3)
a = torch.randn(2, 3, requires_grad=True); b = torch.randn(4, requires_grad=True)
(a.pow(3).sum() + b.exp().sum()).backward()
n = nn.utils.clip_grad_norm_([a, b], 2.0, norm_type=1)
print(n, n.item(), a.grad.tolist())
print(a.grad, b.grad)
""")
case("clip_norm_empty", """
print(nn.utils.clip_grad_norm_([torch.zeros(2, requires_grad=True)], 1.0))
""")
case("clip_norm_nonfinite", """
a = torch.ones(2, requires_grad=True)
a.grad = torch.tensor([float('inf'), 1.])
nn.utils.clip_grad_norm_([a], 1.0, error_if_nonfinite=True)
""")
case("clip_value", """
torch.manual_seed(0)
m = nn.Linear(3, 2)
m(torch.randn(4, 3)).pow(2).sum().backward()
print(nn.utils.clip_grad_value_(m.parameters(), 0.5))
print(m.weight.grad, m.bias.grad)
""")
case("params_vector", """
torch.manual_seed(0)
m = nn.Linear(3, 2)
v = nn.utils.parameters_to_vector(m.parameters())
print(v)
nn.utils.vector_to_parameters(torch.arange(8.), m.parameters())
print(m.weight, m.bias)
""")

case("legacy", """
print(torch.FloatTensor, torch.FloatTensor.__name__)
print(torch.FloatTensor([1, 2]), torch.LongTensor([1.7, -2.5]), torch.IntTensor(2).shape, torch.BoolTensor([0, 1, 2]))
print(torch.DoubleTensor(2, 3).shape, torch.FloatTensor(torch.Size([2])).shape, torch.FloatTensor().shape, torch.FloatTensor())
print(torch.ByteTensor([3, 4]), torch.DoubleTensor([[1, 2]]), torch.LongTensor(2, 2).dtype)
x = torch.tensor([1.5, 2.5])
print(x.type(torch.LongTensor), x.type('torch.IntTensor'), x.type(), isinstance(x, torch.FloatTensor), isinstance(x, torch.LongTensor), x.type(torch.float64).type())
""")
case("legacy_bad_type", "torch.tensor([1.]).type('foo')")
case("legacy_ragged", "torch.FloatTensor([[1, 2], [3]])")
case("legacy_str", "torch.FloatTensor('a')")
case("view_as", """
a = torch.arange(6.); b = torch.zeros(2, 3)
print(a.view_as(b))
print(a.requires_grad_().view_as(b).grad_fn.name())
""")

def run(src):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(src, {"torch": torch, "nn": nn, "F": F})
        except Exception as e:
            print(f"{type(e).__name__}: {e}")
    return out.getvalue()

res = {k: run(v) for k, v in CASES.items()}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "extras.json")
with open(path, "w") as fh:
    json.dump(res, fh, indent=1, ensure_ascii=False)
    fh.write("\n")
print(f"{len(res)} cases -> {path}")
