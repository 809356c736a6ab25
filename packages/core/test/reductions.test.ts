// max/min/argmax/prod/cumsum/cumprod/sort, norm/std/var/logsumexp/softmax: cases beyond the
// golden fixtures (named-tuple printing, ties, zeros in products, second derivatives). Every
// expected value was printed by PyTorch 1.13 (/usr/bin/python3).
import { describe, expect, it } from "vitest";
import { dialectFunctions, float64, torchDialect, type Tensor } from "../src/index.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const torch: any = dialectFunctions(torchDialect);
const f64 = (data: unknown, requires_grad = false): Tensor => torch.tensor(data, { dtype: float64, requires_grad });
const f32 = (data: unknown, requires_grad = false): Tensor => torch.tensor(data, { requires_grad });

function close(actual: unknown, expected: unknown, tol = 1e-6): void {
  const a = (actual as number[]).flat(3) as number[];
  const e = (expected as number[]).flat(3) as number[];
  expect(a.length).toBe(e.length);
  a.forEach((v, i) => {
    if (!Number.isFinite(e[i]!)) expect(v).toBe(e[i]);
    else expect(Math.abs(v - e[i]!)).toBeLessThanOrEqual(tol * (1 + Math.abs(e[i]!)));
  });
}

/** PyTorch's autograd.grad(y, x, create_graph=True), then d(sum(g^2))/dx: a second derivative. */
function secondOrder(x: Tensor, y: Tensor): [number[], number[]] {
  y.backward({ create_graph: true });
  const g = x.grad!;
  x.grad = null;
  g.pow(2).sum().backward();
  return [g.tolist(), x.grad!.tolist()];
}

describe("named tuples", () => {
  const a = () => f32([[1, 3, 3], [2, 0, 3]], true);
  it("max(dim) prints as torch.return_types.max", () => {
    const r = a().max(1);
    expect(r.__repr__()).toBe("torch.return_types.max(\nvalues=tensor([3., 3.], grad_fn=<MaxBackward0>),\nindices=tensor([1, 2]))");
    expect(r.values).toBe(r[0]);
    expect(r.indices).toBe(r[1]);
    const [v, i] = r;
    expect(v.tolist()).toEqual([3, 3]);
    expect(i.dtype.name).toBe("int64");
    expect(r.length).toBe(2);
  });
  it("min(0, keepdim=True)", () => {
    expect(a().min(0, true).__repr__()).toBe(
      "torch.return_types.min(\nvalues=tensor([[1., 0., 3.]], grad_fn=<MinBackward0>),\nindices=tensor([[0, 1, 0]]))",
    );
  });
  it("sort(descending) keeps ties in input order", () => {
    expect(a().sort(1, true).__repr__()).toBe(
      "torch.return_types.sort(\nvalues=tensor([[3., 3., 1.],\n        [3., 2., 0.]], grad_fn=<SortBackward0>),\nindices=tensor([[1, 2, 0],\n        [2, 0, 1]]))",
    );
  });
  it("kthvalue", () => {
    expect(a().kthvalue(2, 1).__repr__()).toBe(
      "torch.return_types.kthvalue(\nvalues=tensor([3., 2.], grad_fn=<KthvalueBackward0>),\nindices=tensor([1, 0]))",
    );
  });
  it("topk", () => {
    const r = f32([1, 5, 2, 4]).topk(2);
    expect(r.values.tolist()).toEqual([5, 4]);
    expect(r.indices.tolist()).toEqual([1, 3]);
  });
});

describe("ties and NaN", () => {
  it("full max shares the gradient evenly among ties (MaxBackward1)", () => {
    const a = f32([[1, 3, 3], [2, 0, 3]], true);
    const m = a.max();
    expect(m.grad_fn.name()).toBe("MaxBackward1");
    m.backward();
    close(a.grad!.tolist(), [[0, 0.3333333432674408, 0.3333333432674408], [0, 0, 0.3333333432674408]]);
  });
  it("full min gradient", () => {
    const a = f32([[1, 3, 3], [2, 0, 3]], true);
    a.min().backward();
    expect(a.grad!.tolist()).toEqual([[0, 0, 0], [0, 1, 0]]);
  });
  it("amax(dim) shares per slice; max(dim) goes to the first index", () => {
    const a = f32([[1, 3, 3], [2, 0, 3]], true);
    const r = a.amax(1);
    expect(r.grad_fn.name()).toBe("AmaxBackward0");
    r.sum().backward();
    expect(a.grad!.tolist()).toEqual([[0, 0.5, 0.5], [0, 0, 1]]);
    const b = f32([[1, 3, 3], [2, 0, 3]], true);
    b.max(1).values.mul(f32([1, 2])).sum().backward();
    expect(b.grad!.tolist()).toEqual([[0, 1, 0], [0, 0, 2]]);
  });
  it("argmax takes the first maximum, and the first NaN", () => {
    expect(f32([1, 3, 3, 2]).argmax().item()).toBe(1);
    expect(f32([1, NaN, 5, NaN]).argmax().item()).toBe(1);
  });
  it("binary max is maximum", () => {
    const a = f32([1, 5], true);
    expect(torch.max(a, f32([2, 2])).grad_fn.name()).toBe("MaximumBackward0");
  });
  it("norm(inf) splits between ties of |x|", () => {
    const n = f32([1, -3, 3, 2], true);
    n.norm(Infinity).backward();
    expect(n.grad!.tolist()).toEqual([0, -0.5, 0.5, 0]);
  });
});

describe("products and cumulative ops", () => {
  it("prod(dim) gradient with zeros", () => {
    const p = f64([[2, 0, 3], [0, 0, 1], [1, 2, 4]], true);
    const r = p.prod(1);
    expect(r.grad_fn.name()).toBe("ProdBackward1");
    r.sum().backward();
    expect(p.grad!.tolist()).toEqual([[0, 6, 0], [0, 0, 0], [8, 4, 2]]);
  });
  it("full prod gradient with one zero", () => {
    const q = f64([2, 0, 3], true);
    const r = q.prod();
    expect(r.grad_fn.name()).toBe("ProdBackward0");
    r.backward();
    expect(q.grad!.tolist()).toEqual([0, 6, 0]);
  });
  it("prod second derivative", () => {
    const q = f64([2, 0.5, 3], true);
    q.prod().backward({ create_graph: true });
    const g = q.grad!;
    q.grad = null;
    g.sum().backward();
    close(q.grad!.tolist(), [3.5, 5.0, 2.5], 1e-12);
  });
  it("cumsum / cumprod gradients", () => {
    const w = f64([1, 2, 3]);
    const c = f64([[1, 2, 3], [4, 5, 6]], true);
    c.cumsum(1).mul(w).sum().backward();
    expect(c.grad!.tolist()).toEqual([[6, 5, 3], [6, 5, 3]]);
    const d = f64([[1, 2, 3], [4, 5, 6]], true);
    const cp = d.cumprod(1);
    expect(cp.grad_fn.name()).toBe("CumprodBackward0");
    cp.mul(w).sum().backward();
    close(d.grad!.tolist(), [[23, 11, 6], [101, 80, 60]], 1e-12);
    const z = f64([2, 0, 3, 4], true);
    z.cumprod(0).sum().backward();
    expect(z.grad!.tolist()).toEqual([1, 32, 0, 0]);
  });
  it("count_nonzero", () => {
    expect(f32([[1, 0, 2], [0, 0, 3]]).count_nonzero(0).tolist()).toEqual([1, 0, 2]);
  });
});

describe("statistics", () => {
  const s = () => f32([[1, 2, 4], [3, 5, 9]], true);
  it("std with correction, var_mean", () => {
    close(torch.std(s(), 1, { correction: 0 }).tolist(), [1.2472190856933594, 2.4944381713867188]);
    const [v, m] = torch.var_mean(s(), 1);
    close(v.tolist(), [2.3333332538604736, 9.333333015441895]);
    close(m.tolist(), [2.3333332538604736, 5.666666507720947]);
    expect(v.grad_fn.name()).toBe("VarMeanBackward0");
  });
  it("std_mean gradient flows from both outputs", () => {
    const x = s();
    const [sd, m] = torch.std_mean(x);
    sd.add(m.mul(2)).backward();
    close(x.grad!.tolist(), [[0.12120130658149719, 0.191911980509758, 0.3333333432674408], [0.2626226544380188, 0.4040440320968628, 0.6868867874145508]]);
  });
  it("Frobenius norm over two dims is sqrt(sum(x*x))", () => {
    const r = f32([[3, 4], [0, 0]], true).norm({ dim: [0, 1] });
    expect(r.item()).toBe(5);
    expect(r.grad_fn.name()).toBe("SqrtBackward0");
  });
  it("logsumexp of all -inf is -inf", () => {
    expect(f32([-Infinity, -Infinity]).logsumexp(0).item()).toBe(-Infinity);
  });
});

describe("softmax second derivatives", () => {
  const w = f64([1, 2, 3]);
  it("softmax", () => {
    const x = f64([0.5, -1, 2], true);
    const y = torch.softmax(x, 0);
    expect(y.grad_fn.name()).toBe("SoftmaxBackward0");
    const [g1, g2] = secondOrder(x, y.mul(w).sum());
    close(g1, [-0.28227128282063296, -0.02387066327038312, 0.30614194609101614], 1e-12);
    close(g2, [0.20567822092212631, -0.0033939920148198686, -0.20228422890730643], 1e-12);
  });
  it("log_softmax", () => {
    const x = f64([0.5, -1, 2], true);
    const y = torch.log_softmax(x, 0);
    expect(y.grad_fn.name()).toBe("LogSoftmaxBackward0");
    const [g1, g2] = secondOrder(x, y.mul(w).sum());
    close(g1, [-0.05174235284022016, 1.7653245603758754, -1.7135822075356553], 1e-12);
    close(g2, [-2.596680979687753, -1.432239796222987, 4.0289207759107395], 1e-12);
  });
});
