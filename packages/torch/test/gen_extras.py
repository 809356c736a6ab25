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

case("meshgrid", """
x = torch.tensor([1, 2, 3]); y = torch.tensor([4, 5])
a, b = torch.meshgrid(x, y)
print(a, b)
c, d = torch.meshgrid([x, y], indexing='xy')
print(c, d)
p = torch.tensor([1., 2.], requires_grad=True)
print(torch.meshgrid(p, torch.ones(3), indexing='ij')[0])
print(torch.meshgrid(p)[0], torch.meshgrid(p, torch.ones(2), torch.zeros(1), indexing='xy')[2].shape)
""")
case("meshgrid_dtype", "torch.meshgrid(torch.ones(2), torch.ones(2, dtype=torch.long), indexing='ij')")
case("meshgrid_bad", "torch.meshgrid(torch.ones(2), torch.ones(2), indexing='foo')")
case("logspace", """
print(torch.logspace(0, 2, 5), torch.logspace(-1, 1, 3, base=2), torch.logspace(0, 3, 4, dtype=torch.float64))
print(torch.logspace(0, 1, steps=1), torch.logspace(0., 10., 7).tolist())
""")
case("lerp", """
s = torch.tensor([1., 2., 3.], requires_grad=True); e = torch.tensor([10., 20., 30.], requires_grad=True)
y = torch.lerp(s, e, 0.3); print(y, y.tolist())
w = torch.tensor([0.1, 0.6, 0.9], requires_grad=True)
z = s.lerp(e, w); print(z)
(y.sum() + z.sum()).backward(); print(s.grad, e.grad, w.grad)
a = torch.zeros(3); a.lerp_(torch.ones(3), 0.25); print(a)
""")
case("atan2", """
torch.manual_seed(0)
y = torch.randn(32); x = torch.randn(32)
r = torch.atan2(y, x)
print(r)
print(r.tolist())
s = torch.tensor([0., -0., 1., -1., float('inf'), float('nan'), 0., 2.])
t = torch.tensor([0., -1., float('inf'), -float('inf'), float('inf'), 1., -0., 0.])
print(torch.atan2(s, t).tolist(), torch.arctan2(s, t).tolist())
a = torch.tensor([1., 2.], requires_grad=True); b = torch.tensor([3., -1.], requires_grad=True)
c = a.atan2(b); print(c); c.sum().backward(); print(a.grad, b.grad)
print(torch.atan2(torch.tensor([1, 2]), torch.tensor([3, 4])), torch.atan2(torch.tensor([1.], dtype=torch.float64), torch.tensor([3.], dtype=torch.float64)))
""")
case("atan2_tails", """
torch.manual_seed(7)
y = torch.randn(45) * 4; x = torch.randn(45) * 4
print(torch.atan2(y, x).tolist())
print(torch.atan2(y[::2], x[::2]).tolist(), torch.atan2(y.view(5, 9), x[:9]).tolist())
""")
case("addcmul", """
t = torch.tensor([1., 2.], requires_grad=True); a = torch.tensor([3., 4.], requires_grad=True); b = torch.tensor([5., 6.], requires_grad=True)
y = torch.addcmul(t, a, b, value=0.5); print(y)
z = t.addcdiv(a, b, value=2); print(z, z.tolist())
(y.sum() + z.sum()).backward(); print(t.grad, a.grad, b.grad)
u = torch.ones(2); u.addcmul_(torch.tensor([2., 3.]), torch.tensor([4., 5.])); u.addcdiv_(torch.tensor([1., 1.]), torch.tensor([3., 7.])); print(u, u.tolist())
print(torch.addcmul(torch.ones(2, 1), torch.ones(3), torch.ones(2, 1)))
""")
case("addcdiv_int", "torch.addcdiv(torch.ones(2, dtype=torch.long), torch.ones(2, dtype=torch.long), torch.ones(2, dtype=torch.long))")
case("tensor_split", """
x = torch.arange(7)
print(torch.tensor_split(x, 3)); print(x.tensor_split([1, 5])); print(torch.tensor_split(torch.arange(12.).reshape(3, 4), 3, dim=1))
a = torch.arange(6., requires_grad=True); print(torch.tensor_split(a, 4))
""")
case("diff", """
x = torch.tensor([1, 3, 6, 10]); print(torch.diff(x), x.diff(n=2))
m = torch.tensor([[1., 2., 4.], [3., 7., 8.]], requires_grad=True)
print(torch.diff(m), torch.diff(m, dim=0), torch.diff(m, prepend=torch.zeros(2, 1), append=torch.ones(2, 2)))
print(torch.diff(torch.tensor([True, False, False])))
""")
case("cummax", """
x = torch.tensor([1., 3., 2., 5., 5., 0., float('nan'), 4.], requires_grad=True)
print(torch.cummax(x, 0)); print(x.cummin(dim=0))
r = torch.cummax(x, dim=0); print(r.values, r.indices); r.values.sum().backward(); print(x.grad)
print(torch.cummin(torch.tensor([[3, 1], [2, 4]]), 1))
""")
case("nan_to_num", """
x = torch.tensor([float('nan'), float('inf'), -float('inf'), 3.14], requires_grad=True)
y = torch.nan_to_num(x); print(y, y.tolist()); print(x.nan_to_num(nan=0.5, posinf=9., neginf=-9.))
y.sum().backward(); print(x.grad)
print(torch.nan_to_num(torch.tensor([float('inf')], dtype=torch.float64)), torch.nan_to_num(torch.tensor([1, 2])))
""")
case("bincount", """
print(torch.bincount(torch.tensor([0, 1, 1, 3])), torch.bincount(torch.tensor([2, 2]), minlength=5))
print(torch.bincount(torch.tensor([0, 1, 1]), weights=torch.tensor([0.5, 1., 2.])), torch.tensor([1, 1]).bincount(weights=torch.tensor([1., 2.], dtype=torch.float64)))
print(torch.bincount(torch.tensor([], dtype=torch.long)))
""")
case("bincount_neg", "torch.bincount(torch.tensor([-1, 2]))")
case("bincount_float", "torch.bincount(torch.tensor([1., 2.]))")
case("histc", """
print(torch.histc(torch.tensor([1., 2, 1]), bins=4, min=0, max=3))
print(torch.histc(torch.tensor([1., 2, 1, 7, 3.5]), bins=5))
torch.manual_seed(0); print(torch.randn(100).histc(bins=6, min=-2, max=2))
""")
case("searchsorted", """
s = torch.tensor([[1, 3, 5, 7, 9], [2, 4, 6, 8, 10]]); v = torch.tensor([[3, 6, 9], [3, 6, 9]])
print(torch.searchsorted(s, v), torch.searchsorted(s, v, right=True), torch.searchsorted(s, v, side='right'))
print(torch.searchsorted(torch.tensor([1., 2., 3.]), torch.tensor([[0.5, 2.], [3., 4.]])), torch.searchsorted(torch.tensor([1, 2, 3]), 2), torch.searchsorted(torch.tensor([1, 2]), torch.tensor([1]), out_int32=True))
b = torch.tensor([1, 3, 5, 7, 9]); print(torch.bucketize(torch.tensor([[3, 6, 9], [3, 6, 9]]), b), torch.bucketize(torch.tensor([3, 6, 9]), b, right=True), torch.bucketize(2.5, torch.tensor([1., 2., 3.])))
""")
case("kron", """
a = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True); b = torch.tensor([[0., 1.], [1., 0.]])
k = torch.kron(a, b); print(k); k.sum().backward(); print(a.grad)
print(torch.kron(torch.tensor([1, 2]), torch.tensor([1, 10, 100])), torch.kron(torch.ones(2), torch.ones(2, 2)).shape)
""")
case("cdist", """
torch.manual_seed(0)
a = torch.randn(3, 2, requires_grad=True); b = torch.randn(4, 2)
d = torch.cdist(a, b); print(d); d.sum().backward(); print(a.grad)
print(torch.cdist(a, b, p=1), torch.cdist(a.detach().unsqueeze(0), b.unsqueeze(0), p=float('inf')))
""")
case("cdist_mm", """
torch.manual_seed(0)
a = torch.randn(30, 3, requires_grad=True); b = torch.randn(2, 3)
d = torch.cdist(a, b); print(d[:3], d.grad_fn.name())
""")
case("cdist_bad", "torch.cdist(torch.ones(2, 3), torch.ones(2, 4))")
case("trace", """
x = torch.arange(1., 10.).view(3, 3).requires_grad_()
t = torch.trace(x); print(t); t.backward(); print(x.grad)
print(torch.arange(6).view(2, 3).trace(), torch.tensor([[True, True]]).trace())
""")
case("trace_1d", "torch.trace(torch.ones(3))")
case("t_", """
x = torch.arange(6.).view(2, 3); y = x.t_(); print(x, y is x, x.shape)
v = torch.ones(3); v.t_(); print(v.shape)
""")
case("is_nonzero", """
print(torch.tensor([1.]).is_nonzero(), torch.tensor(0).is_nonzero(), torch.tensor([False]).is_nonzero(), torch.is_nonzero(torch.tensor([[2.5]])))
""")
case("is_nonzero_many", "torch.tensor([1, 2]).is_nonzero()")
case("is_nonzero_empty", "torch.tensor([]).is_nonzero()")

case("linalg_norms", """
A = torch.tensor([[4., -7.], [2., 6.]], requires_grad=True); b = torch.tensor([1., -2., 2.], requires_grad=True)
print(torch.linalg.vector_norm(A), torch.linalg.norm(A), torch.linalg.norm(b, 1), torch.linalg.vector_norm(b, float('inf')), torch.linalg.vector_norm(A, dim=1))
print(torch.linalg.matrix_norm(A), torch.linalg.matrix_norm(A, 1), torch.linalg.norm(A, float('inf')), torch.linalg.norm(A, 'fro'), torch.linalg.norm(A, -1))
v = torch.linalg.vector_norm(A, 3, dim=0); print(v); v.sum().backward(); print(A.grad)
n = torch.linalg.norm(b); n.backward(); print(b.grad)
""")
case("linalg_inv", """
A = torch.tensor([[4., 7.], [2., 6.]], requires_grad=True)
i = torch.linalg.inv(A); print(i); i.sum().backward(); print(A.grad)
print(torch.inverse(torch.tensor([[2., 0., 0.], [0., 4., 0.], [1., 0., 1.]], dtype=torch.float64)))
print(torch.tensor([[1., 2.], [3., 4.]]).inverse())
""")
case("linalg_inv_singular", "torch.linalg.inv(torch.zeros(2, 2))")
case("linalg_inv_rect", "torch.linalg.inv(torch.ones(2, 3))")
case("linalg_inv_long", "torch.linalg.inv(torch.ones(2, 2, dtype=torch.long))")
case("linalg_det", """
A = torch.tensor([[4., 7.], [2., 6.]], requires_grad=True)
d = torch.linalg.det(A); print(d); d.backward(); print(A.grad)
print(torch.det(torch.tensor([[1., 2.], [3., 4.]], dtype=torch.float64)), torch.tensor([[[2., 0.], [0., 3.]], [[1., 1.], [1., 1.]]]).det())
print(torch.logdet(torch.tensor([[2., 0.], [0., 3.]])), torch.logdet(torch.tensor([[-2., 0.], [0., 3.]])))
print(torch.linalg.slogdet(torch.tensor([[-2., 0.], [0., 3.]])))
""")
case("linalg_random", """
torch.manual_seed(11)
for n in [3, 4]:
    A = torch.randn(n, n)
    print(n, torch.linalg.det(A).item(), torch.linalg.inv(A).tolist(), torch.linalg.solve(A, torch.ones(n)).tolist())
""")
case("linalg_det_1d", "torch.linalg.det(torch.ones(3))")
case("linalg_solve", """
A = torch.tensor([[3., 1.], [1., 2.]], requires_grad=True); B = torch.tensor([9., 8.], requires_grad=True)
x = torch.linalg.solve(A, B); print(x); x.sum().backward(); print(A.grad, B.grad)
print(torch.linalg.solve(torch.tensor([[2., 0.], [0., 4.]]), torch.tensor([[2., 4.], [8., 4.]])))
""")
case("linalg_solve_singular", "torch.linalg.solve(torch.zeros(2, 2), torch.ones(2))")

case("prelu", """
m = nn.PReLU(); print(m, m.weight)
x = torch.tensor([[-2., 1.], [3., -0.5]], requires_grad=True)
y = m(x); print(y); y.sum().backward(); print(x.grad, m.weight.grad)
m3 = nn.PReLU(3, init=0.1); print(m3, m3.weight)
z = torch.tensor([[[-1., 2.], [-3., 4.], [5., -6.]]], requires_grad=True)
o = m3(z); print(o); o.pow(2).sum().backward(); print(m3.weight.grad, z.grad)
print(F.prelu(torch.tensor([-1., 1.]), torch.tensor([0.5])))
""")
case("prelu_bad", "nn.PReLU(3)(torch.ones(2, 2))")
case("dropout2d", """
torch.manual_seed(0)
d = nn.Dropout2d(); print(d, nn.Dropout1d(0.2), nn.Dropout2d(p=0.3, inplace=True))
x = torch.ones(2, 3, 2, 2, requires_grad=True)
y = d(x); print(y); y.sum().backward(); print(x.grad[:, :, 0, 0])
d.eval(); print(d(torch.ones(1, 2, 1, 1)))
print(F.dropout1d(torch.ones(2, 4, 3), 0.5), F.dropout1d(torch.ones(4, 3), 0.5, training=False))
print(F.dropout2d(torch.ones(2, 3, 2), 0.5))
""")
case("dropout1d_bad", "F.dropout1d(torch.ones(2), 0.5)")
case("dropout_bad_p", "nn.Dropout2d(1.5)")
case("cosine", """
a = torch.tensor([[1., 2., 3.], [0., 0., 0.], [-1., 0.5, 2.]], requires_grad=True); b = torch.tensor([[4., 5., 6.], [1., 1., 1.], [3., 3., -1.]])
c = F.cosine_similarity(a, b); print(c, c.tolist()); c.sum().backward(); print(a.grad)
cs = nn.CosineSimilarity(dim=0, eps=1e-6); print(cs, cs(a, b))
print(F.cosine_similarity(torch.tensor([1., 0.]), torch.tensor([[1., 1.], [0., 2.]]), dim=-1))
print(nn.CosineSimilarity()(torch.randn(0, 3), torch.randn(0, 3)))
""")
case("pairwise", """
a = torch.tensor([[1., 2., 3.], [0., 0., 0.]], requires_grad=True); b = torch.tensor([[4., 5., 6.], [1., 1., 1.]])
p = F.pairwise_distance(a, b); print(p, p.tolist()); p.sum().backward(); print(a.grad)
pd = nn.PairwiseDistance(p=1., eps=1e-5, keepdim=True); print(pd, pd(a, b))
print(F.pairwise_distance(torch.tensor([1., 2.]), torch.tensor([3., 5.])), F.pairwise_distance(a, b, p=float('inf')))
""")
case("rnn_cells", """
torch.manual_seed(0)
c = nn.RNNCell(3, 4); print(c, [n for n, _ in c.named_parameters()])
x = torch.randn(2, 3); h = c(x); print(h)
print(c(torch.randn(3), torch.zeros(4)))
l = nn.LSTMCell(3, 2); print(l)
hy, cy = l(x); print(hy, cy)
hy, cy = l(x, (hy, cy)); print(hy)
g = nn.GRUCell(3, 2, bias=False); print(g, g.bias_ih)
print(g(x), g(x, torch.ones(2, 2)))
r = nn.RNNCell(3, 2, nonlinearity='relu'); print(r, r(x))
print(r.weight_ih.shape, l.weight_hh.shape, l.bias_ih.shape)
""")
case("rnn_cell_bad", "nn.RNNCell(3, 4)(torch.ones(2, 5))")

case("norm_f32", """
torch.manual_seed(5)
for n in [5, 13, 37, 100, 257]:
    x = torch.randn(n) * 3
    print(torch.norm(x).item(), x.norm(1).item())
m = torch.randn(4, 11)
print(torch.norm(m, dim=1).tolist(), torch.linalg.vector_norm(m, dim=1).tolist())
""")

def run(src):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            exec(src, {"torch": torch, "nn": nn, "F": F})
        except Exception as e:
            print(f"{type(e).__name__}: {e}")
    for w in caught:
        out.write(f"[warning] {w.category.__name__}: {w.message}\n")
    return out.getvalue()

res = {k: run(v) for k, v in CASES.items()}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "extras.json")
with open(path, "w") as fh:
    json.dump(res, fh, indent=1, ensure_ascii=False)
    fh.write("\n")
print(f"{len(res)} cases -> {path}")
