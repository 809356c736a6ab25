// Pieces of the torch API added for unseen tutorials (nn.utils, legacy constructors, math ops,
// linalg, nn layers). Each case ports a Python snippet of gen_extras.py line by line; the
// expected text is what PyTorch 1.13 printed (fixtures/extras.json).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import torch from "../src/index.ts";
import { captureOutput, print, type, float, warnings } from "@tsgrad/py";

const golden: Record<string, string> = JSON.parse(readFileSync(new URL("./fixtures/extras.json", import.meta.url), "utf8"));
const nn = torch.nn;
const F = torch.nn.functional;

function run(fn: () => void): string {
  return captureOutput(() => {
    warnings.catch_warnings({ record: true, action: "always" }, (caught) => {
      try {
        fn();
      } catch (e: any) {
        if (!e || typeof e !== "object" || !("message" in e)) throw e;
        print(`${type(e).__name__}: ${e.message}`);
      }
      for (const w of caught) print(`[warning] ${type(w.message).__name__}: ${(w.message as any).message ?? w.message}`);
    });
  });
}
const inf = float("inf");
const nan = float("nan");

const CASES: Record<string, () => void> = {
  clip_norm() {
    torch.manual_seed(0);
    const m = nn.Linear(4, 3);
    m(torch.randn(5, 4)).pow(2).sum().backward();
    const n = nn.utils.clip_grad_norm_(m.parameters(), 0.5);
    print(n, n.item());
    print(m.weight.grad, m.weight.grad.sum().item());
    print(m.bias.grad);
  },
  clip_norm_big() {
    torch.manual_seed(1);
    const w = torch.randn(3, 3, { requires_grad: true });
    w.mul(2).sum().backward();
    print(nn.utils.clip_grad_norm_(w, 100.0), w.grad);
  },
  clip_norm_inf() {
    torch.manual_seed(2);
    const a = torch.randn(2, 3, { requires_grad: true });
    const b = torch.randn(4, { requires_grad: true });
    a.pow(3).sum().add(b.exp().sum()).backward();
    print(nn.utils.clip_grad_norm_([a, b], 1, { norm_type: float("inf") }));
    print(a.grad, b.grad);
  },
  clip_norm_p1() {
    torch.manual_seed(3);
    const a = torch.randn(2, 3, { requires_grad: true });
    const b = torch.randn(4, { requires_grad: true });
    a.pow(3).sum().add(b.exp().sum()).backward();
    const n = nn.utils.clip_grad_norm_([a, b], 2.0, { norm_type: 1 });
    print(n, n.item(), a.grad.tolist());
    print(a.grad, b.grad);
  },
  clip_norm_empty() {
    print(nn.utils.clip_grad_norm_([torch.zeros(2, { requires_grad: true })], 1.0));
  },
  clip_norm_nonfinite() {
    const a = torch.ones(2, { requires_grad: true });
    a.grad = torch.tensor([float("inf"), 1]);
    nn.utils.clip_grad_norm_([a], 1.0, { error_if_nonfinite: true });
  },
  clip_value() {
    torch.manual_seed(0);
    const m = nn.Linear(3, 2);
    m(torch.randn(4, 3)).pow(2).sum().backward();
    print(nn.utils.clip_grad_value_(m.parameters(), 0.5));
    print(m.weight.grad, m.bias.grad);
  },
  params_vector() {
    torch.manual_seed(0);
    const m = nn.Linear(3, 2);
    const v = nn.utils.parameters_to_vector(m.parameters());
    print(v);
    nn.utils.vector_to_parameters(torch.arange(8.0), m.parameters());
    print(m.weight, m.bias);
  },
  legacy() {
    print(torch.FloatTensor, torch.FloatTensor.__name__);
    print(torch.FloatTensor([1, 2]), torch.LongTensor([1.7, -2.5]), torch.IntTensor(2).shape, torch.BoolTensor([0, 1, 2]));
    print(torch.DoubleTensor(2, 3).shape, torch.FloatTensor(torch.Size([2])).shape, torch.FloatTensor().shape, torch.FloatTensor());
    print(torch.ByteTensor([3, 4]), torch.DoubleTensor([[1, 2]]), torch.LongTensor(2, 2).dtype);
    const x = torch.tensor([1.5, 2.5]);
    print(x.type(torch.LongTensor), x.type("torch.IntTensor"), x.type(), x instanceof torch.FloatTensor, x instanceof torch.LongTensor, x.type(torch.float64).type());
  },
  legacy_bad_type() {
    torch.tensor([1.0]).type("foo");
  },
  legacy_ragged() {
    torch.FloatTensor([[1, 2], [3]]);
  },
  legacy_str() {
    torch.FloatTensor("a");
  },
  view_as() {
    const a = torch.arange(6.0);
    const b = torch.zeros(2, 3);
    print(a.view_as(b));
    print(a.requires_grad_().view_as(b).grad_fn.name());
  },
  meshgrid() {
    const x = torch.tensor([1n, 2n, 3n]);
    const y = torch.tensor([4n, 5n]);
    const [a, b] = torch.meshgrid(x, y);
    print(a, b);
    const [c, d] = torch.meshgrid([x, y], { indexing: "xy" });
    print(c, d);
    const p = torch.tensor([1.0, 2.0], { requires_grad: true });
    print(torch.meshgrid(p, torch.ones(3), { indexing: "ij" })[0]);
    print(torch.meshgrid(p)[0], torch.meshgrid(p, torch.ones(2), torch.zeros(1), { indexing: "xy" })[2].shape);
  },
  meshgrid_dtype() {
    torch.meshgrid(torch.ones(2), torch.ones(2, { dtype: torch.long }), { indexing: "ij" });
  },
  meshgrid_bad() {
    torch.meshgrid(torch.ones(2), torch.ones(2), { indexing: "foo" });
  },
  logspace() {
    print(torch.logspace(0, 2, 5), torch.logspace(-1, 1, 3, { base: 2 }), torch.logspace(0, 3, 4, { dtype: torch.float64 }));
    print(torch.logspace(0, 1, { steps: 1 }), torch.logspace(0.0, 10.0, 7).tolist());
  },
  lerp() {
    const s = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
    const e = torch.tensor([10.0, 20.0, 30.0], { requires_grad: true });
    const y = torch.lerp(s, e, 0.3);
    print(y, y.tolist());
    const w = torch.tensor([0.1, 0.6, 0.9], { requires_grad: true });
    const z = s.lerp(e, w);
    print(z);
    y.sum().add(z.sum()).backward();
    print(s.grad, e.grad, w.grad);
    const a = torch.zeros(3);
    a.lerp_(torch.ones(3), 0.25);
    print(a);
  },
  atan2() {
    torch.manual_seed(0);
    const y = torch.randn(32);
    const x = torch.randn(32);
    const r = torch.atan2(y, x);
    print(r);
    print(r.tolist());
    const s = torch.tensor([0.0, -0.0, 1.0, -1.0, inf, nan, 0.0, 2.0]);
    const t = torch.tensor([0.0, -1.0, inf, -inf, inf, 1.0, -0.0, 0.0]);
    print(torch.atan2(s, t).tolist(), torch.arctan2(s, t).tolist());
    const a = torch.tensor([1.0, 2.0], { requires_grad: true });
    const b = torch.tensor([3.0, -1.0], { requires_grad: true });
    const c = a.atan2(b);
    print(c);
    c.sum().backward();
    print(a.grad, b.grad);
    print(torch.atan2(torch.tensor([1n, 2n]), torch.tensor([3n, 4n])), torch.atan2(torch.tensor([1.0], { dtype: torch.float64 }), torch.tensor([3.0], { dtype: torch.float64 })));
  },
  atan2_tails() {
    torch.manual_seed(7);
    const y = torch.randn(45).mul(4);
    const x = torch.randn(45).mul(4);
    print(torch.atan2(y, x).tolist());
    print(torch.atan2(y.at("::2"), x.at("::2")).tolist(), torch.atan2(y.view(5, 9), x.at(":9")).tolist());
  },
  addcmul() {
    const t = torch.tensor([1.0, 2.0], { requires_grad: true });
    const a = torch.tensor([3.0, 4.0], { requires_grad: true });
    const b = torch.tensor([5.0, 6.0], { requires_grad: true });
    const y = torch.addcmul(t, a, b, { value: 0.5 });
    print(y);
    const z = t.addcdiv(a, b, { value: 2 });
    print(z, z.tolist());
    y.sum().add(z.sum()).backward();
    print(t.grad, a.grad, b.grad);
    const u = torch.ones(2);
    u.addcmul_(torch.tensor([2.0, 3.0]), torch.tensor([4.0, 5.0]));
    u.addcdiv_(torch.tensor([1.0, 1.0]), torch.tensor([3.0, 7.0]));
    print(u, u.tolist());
    print(torch.addcmul(torch.ones(2, 1), torch.ones(3), torch.ones(2, 1)));
  },
  addcdiv_int() {
    torch.addcdiv(torch.ones(2, { dtype: torch.long }), torch.ones(2, { dtype: torch.long }), torch.ones(2, { dtype: torch.long }));
  },
  tensor_split() {
    const x = torch.arange(7n);
    print(torch.tensor_split(x, 3));
    print(x.tensor_split([1, 5]));
    print(torch.tensor_split(torch.arange(12.0).reshape(3, 4), 3, { dim: 1 }));
    const a = torch.arange(6.0, { requires_grad: true });
    print(torch.tensor_split(a, 4));
  },
  diff() {
    const x = torch.tensor([1n, 3n, 6n, 10n]);
    print(torch.diff(x), x.diff({ n: 2 }));
    const m = torch.tensor([[1.0, 2.0, 4.0], [3.0, 7.0, 8.0]], { requires_grad: true });
    print(torch.diff(m), torch.diff(m, { dim: 0 }), torch.diff(m, { prepend: torch.zeros(2, 1), append: torch.ones(2, 2) }));
    print(torch.diff(torch.tensor([true, false, false])));
  },
  cummax() {
    const x = torch.tensor([1.0, 3.0, 2.0, 5.0, 5.0, 0.0, nan, 4.0], { requires_grad: true });
    print(torch.cummax(x, 0));
    print(x.cummin({ dim: 0 }));
    const r = torch.cummax(x, { dim: 0 });
    print(r.values, r.indices);
    r.values.sum().backward();
    print(x.grad);
    print(torch.cummin(torch.tensor([[3n, 1n], [2n, 4n]]), 1));
  },
  nan_to_num() {
    const x = torch.tensor([nan, inf, -inf, 3.14], { requires_grad: true });
    const y = torch.nan_to_num(x);
    print(y, y.tolist());
    print(x.nan_to_num({ nan: 0.5, posinf: 9.0, neginf: -9.0 }));
    y.sum().backward();
    print(x.grad);
    print(torch.nan_to_num(torch.tensor([inf], { dtype: torch.float64 })), torch.nan_to_num(torch.tensor([1n, 2n])));
  },
  bincount() {
    print(torch.bincount(torch.tensor([0n, 1n, 1n, 3n])), torch.bincount(torch.tensor([2n, 2n]), { minlength: 5 }));
    print(torch.bincount(torch.tensor([0n, 1n, 1n]), { weights: torch.tensor([0.5, 1.0, 2.0]) }), torch.tensor([1n, 1n]).bincount({ weights: torch.tensor([1.0, 2.0], { dtype: torch.float64 }) }));
    print(torch.bincount(torch.tensor([], { dtype: torch.long })));
  },
  bincount_neg() {
    torch.bincount(torch.tensor([-1n, 2n]));
  },
  bincount_float() {
    torch.bincount(torch.tensor([1.0, 2.0]));
  },
  histc() {
    print(torch.histc(torch.tensor([1.0, 2, 1]), { bins: 4, min: 0, max: 3 }));
    print(torch.histc(torch.tensor([1.0, 2, 1, 7, 3.5]), { bins: 5 }));
    torch.manual_seed(0);
    print(torch.randn(100).histc({ bins: 6, min: -2, max: 2 }));
  },
  searchsorted() {
    const s = torch.tensor([[1n, 3n, 5n, 7n, 9n], [2n, 4n, 6n, 8n, 10n]]);
    const v = torch.tensor([[3n, 6n, 9n], [3n, 6n, 9n]]);
    print(torch.searchsorted(s, v), torch.searchsorted(s, v, { right: true }), torch.searchsorted(s, v, { side: "right" }));
    print(torch.searchsorted(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([[0.5, 2.0], [3.0, 4.0]])), torch.searchsorted(torch.tensor([1n, 2n, 3n]), 2n), torch.searchsorted(torch.tensor([1n, 2n]), torch.tensor([1n]), { out_int32: true }));
    const b = torch.tensor([1n, 3n, 5n, 7n, 9n]);
    print(torch.bucketize(torch.tensor([[3n, 6n, 9n], [3n, 6n, 9n]]), b), torch.bucketize(torch.tensor([3n, 6n, 9n]), b, { right: true }), torch.bucketize(2.5, torch.tensor([1.0, 2.0, 3.0])));
  },
  kron() {
    const a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], { requires_grad: true });
    const b = torch.tensor([[0.0, 1.0], [1.0, 0.0]]);
    const k = torch.kron(a, b);
    print(k);
    k.sum().backward();
    print(a.grad);
    print(torch.kron(torch.tensor([1n, 2n]), torch.tensor([1n, 10n, 100n])), torch.kron(torch.ones(2), torch.ones(2, 2)).shape);
  },
  cdist() {
    torch.manual_seed(0);
    const a = torch.randn(3, 2, { requires_grad: true });
    const b = torch.randn(4, 2);
    const d = torch.cdist(a, b);
    print(d);
    d.sum().backward();
    print(a.grad);
    print(torch.cdist(a, b, { p: 1 }), torch.cdist(a.detach().unsqueeze(0), b.unsqueeze(0), { p: inf }));
  },
  cdist_mm() {
    torch.manual_seed(0);
    const a = torch.randn(30, 3, { requires_grad: true });
    const b = torch.randn(2, 3);
    const d = torch.cdist(a, b);
    print(d.at(":3"), d.grad_fn.name());
  },
  cdist_bad() {
    torch.cdist(torch.ones(2, 3), torch.ones(2, 4));
  },
  trace() {
    const x = torch.arange(1.0, 10.0).view(3, 3).requires_grad_();
    const t = torch.trace(x);
    print(t);
    t.backward();
    print(x.grad);
    print(torch.arange(6n).view(2, 3).trace(), torch.tensor([[true, true]]).trace());
  },
  trace_1d() {
    torch.trace(torch.ones(3));
  },
  t_() {
    const x = torch.arange(6.0).view(2, 3);
    const y = x.t_();
    print(x, y === x ? "True" : "False", x.shape);
    const v = torch.ones(3);
    v.t_();
    print(v.shape);
  },
  is_nonzero() {
    print(torch.tensor([1.0]).is_nonzero(), torch.tensor(0n).is_nonzero(), torch.tensor([false]).is_nonzero(), torch.is_nonzero(torch.tensor([[2.5]])));
  },
  is_nonzero_many() {
    torch.tensor([1n, 2n]).is_nonzero();
  },
  is_nonzero_empty() {
    torch.tensor([]).is_nonzero();
  },
  linalg_norms() {
    const A = torch.tensor([[4.0, -7.0], [2.0, 6.0]], { requires_grad: true });
    const b = torch.tensor([1.0, -2.0, 2.0], { requires_grad: true });
    print(torch.linalg.vector_norm(A), torch.linalg.norm(A), torch.linalg.norm(b, 1), torch.linalg.vector_norm(b, inf), torch.linalg.vector_norm(A, { dim: 1 }));
    print(torch.linalg.matrix_norm(A), torch.linalg.matrix_norm(A, 1), torch.linalg.norm(A, inf), torch.linalg.norm(A, "fro"), torch.linalg.norm(A, -1));
    const v = torch.linalg.vector_norm(A, 3, { dim: 0 });
    print(v);
    v.sum().backward();
    print(A.grad);
    const n = torch.linalg.norm(b);
    n.backward();
    print(b.grad);
  },
  linalg_inv() {
    const A = torch.tensor([[4.0, 7.0], [2.0, 6.0]], { requires_grad: true });
    const i = torch.linalg.inv(A);
    print(i);
    i.sum().backward();
    print(A.grad);
    print(torch.inverse(torch.tensor([[2.0, 0.0, 0.0], [0.0, 4.0, 0.0], [1.0, 0.0, 1.0]], { dtype: torch.float64 })));
    print(torch.tensor([[1.0, 2.0], [3.0, 4.0]]).inverse());
  },
  linalg_inv_singular() {
    torch.linalg.inv(torch.zeros(2, 2));
  },
  linalg_inv_rect() {
    torch.linalg.inv(torch.ones(2, 3));
  },
  linalg_inv_long() {
    torch.linalg.inv(torch.ones(2, 2, { dtype: torch.long }));
  },
  linalg_det() {
    const A = torch.tensor([[4.0, 7.0], [2.0, 6.0]], { requires_grad: true });
    const d = torch.linalg.det(A);
    print(d);
    d.backward();
    print(A.grad);
    print(torch.det(torch.tensor([[1.0, 2.0], [3.0, 4.0]], { dtype: torch.float64 })), torch.tensor([[[2.0, 0.0], [0.0, 3.0]], [[1.0, 1.0], [1.0, 1.0]]]).det());
    print(torch.logdet(torch.tensor([[2.0, 0.0], [0.0, 3.0]])), torch.logdet(torch.tensor([[-2.0, 0.0], [0.0, 3.0]])));
    print(torch.linalg.slogdet(torch.tensor([[-2.0, 0.0], [0.0, 3.0]])));
  },
  linalg_random() {
    torch.manual_seed(11);
    for (const n of [3, 4]) {
      const A = torch.randn(n, n);
      print(n, torch.linalg.det(A).item(), torch.linalg.inv(A).tolist(), torch.linalg.solve(A, torch.ones(n)).tolist());
    }
  },
  linalg_det_1d() {
    torch.linalg.det(torch.ones(3));
  },
  linalg_solve() {
    const A = torch.tensor([[3.0, 1.0], [1.0, 2.0]], { requires_grad: true });
    const B = torch.tensor([9.0, 8.0], { requires_grad: true });
    const x = torch.linalg.solve(A, B);
    print(x);
    x.sum().backward();
    print(A.grad, B.grad);
    print(torch.linalg.solve(torch.tensor([[2.0, 0.0], [0.0, 4.0]]), torch.tensor([[2.0, 4.0], [8.0, 4.0]])));
  },
  linalg_solve_singular() {
    torch.linalg.solve(torch.zeros(2, 2), torch.ones(2));
  },
  prelu() {
    const m = nn.PReLU();
    print(m, m.weight);
    const x = torch.tensor([[-2.0, 1.0], [3.0, -0.5]], { requires_grad: true });
    const y = m(x);
    print(y);
    y.sum().backward();
    print(x.grad, m.weight.grad);
    const m3 = nn.PReLU(3, { init: 0.1 });
    print(m3, m3.weight);
    const z = torch.tensor([[[-1.0, 2.0], [-3.0, 4.0], [5.0, -6.0]]], { requires_grad: true });
    const o = m3(z);
    print(o);
    o.pow(2).sum().backward();
    print(m3.weight.grad, z.grad);
    print(F.prelu(torch.tensor([-1.0, 1.0]), torch.tensor([0.5])));
  },
  prelu_bad() {
    nn.PReLU(3)(torch.ones(2, 2));
  },
  dropout2d() {
    torch.manual_seed(0);
    const d = nn.Dropout2d();
    print(d, nn.Dropout1d(0.2), nn.Dropout2d({ p: 0.3, inplace: true }));
    const x = torch.ones(2, 3, 2, 2, { requires_grad: true });
    const y = d(x);
    print(y);
    y.sum().backward();
    print(x.grad.at(":", ":", 0, 0));
    d.eval();
    print(d(torch.ones(1, 2, 1, 1)));
    print(F.dropout1d(torch.ones(2, 4, 3), 0.5), F.dropout1d(torch.ones(4, 3), 0.5, { training: false }));
    print(F.dropout2d(torch.ones(2, 3, 2), 0.5));
  },
  dropout1d_bad() {
    F.dropout1d(torch.ones(2), 0.5);
  },
  dropout_bad_p() {
    nn.Dropout2d(1.5);
  },
  cosine() {
    const a = torch.tensor([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-1.0, 0.5, 2.0]], { requires_grad: true });
    const b = torch.tensor([[4.0, 5.0, 6.0], [1.0, 1.0, 1.0], [3.0, 3.0, -1.0]]);
    const c = F.cosine_similarity(a, b);
    print(c, c.tolist());
    c.sum().backward();
    print(a.grad);
    const cs = nn.CosineSimilarity({ dim: 0, eps: 1e-6 });
    print(cs, cs(a, b));
    print(F.cosine_similarity(torch.tensor([1.0, 0.0]), torch.tensor([[1.0, 1.0], [0.0, 2.0]]), { dim: -1 }));
    print(nn.CosineSimilarity()(torch.randn(0, 3), torch.randn(0, 3)));
  },
  pairwise() {
    const a = torch.tensor([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]], { requires_grad: true });
    const b = torch.tensor([[4.0, 5.0, 6.0], [1.0, 1.0, 1.0]]);
    const p = F.pairwise_distance(a, b);
    print(p, p.tolist());
    p.sum().backward();
    print(a.grad);
    const pd = nn.PairwiseDistance({ p: 1.0, eps: 1e-5, keepdim: true });
    print(pd, pd(a, b));
    print(F.pairwise_distance(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 5.0])), F.pairwise_distance(a, b, { p: inf }));
  },
  rnn_cells() {
    torch.manual_seed(0);
    const c = nn.RNNCell(3, 4);
    print(c, [...c.named_parameters()].map((kv: any) => kv[0]));
    const x = torch.randn(2, 3);
    const h = c(x);
    print(h);
    print(c(torch.randn(3), torch.zeros(4)));
    const l = nn.LSTMCell(3, 2);
    print(l);
    let [hy, cy] = l(x);
    print(hy, cy);
    [hy, cy] = l(x, [hy, cy]);
    print(hy);
    const g = nn.GRUCell(3, 2, { bias: false });
    print(g, g.bias_ih);
    print(g(x), g(x, torch.ones(2, 2)));
    const r = nn.RNNCell(3, 2, { nonlinearity: "relu" });
    print(r, r(x));
    print(r.weight_ih.shape, l.weight_hh.shape, l.bias_ih.shape);
  },
  rnn_cell_bad() {
    nn.RNNCell(3, 4)(torch.ones(2, 5));
  },
  norm_f32() {
    torch.manual_seed(5);
    for (const n of [5, 13, 37, 100, 257]) {
      const x = torch.randn(n).mul(3);
      print(torch.norm(x).item(), x.norm(1).item());
    }
    const m = torch.randn(4, 11);
    print(torch.norm(m, { dim: 1 }).tolist(), torch.linalg.vector_norm(m, { dim: 1 }).tolist());
  },
};

describe("extras: PyTorch 1.13's printed output", () => {
  for (const [name, fn] of Object.entries(CASES))
    it(name, () => {
      expect(name in golden, `gen_extras.py has no case ${name}`).toBe(true);
      expect(run(fn)).toBe(golden[name]);
    });
});
