// Indexing beyond the golden fixtures: grad_fn chains, storage sharing, version counters,
// setitem autograd and double backward. Expected values were produced by hand with PyTorch 1.13
// (/usr/bin/python3) and written in.
import { describe, expect, it } from "vitest";
import { ops, float64, int64, no_grad, type Tensor } from "../src/index.ts";
import { slice } from "@tsgrad/py";

type T = Tensor;
const t = (data: unknown, opts: Record<string, unknown> = {}): T => ops.tensor.call(data, opts);
const long = (data: unknown): T => ops.tensor.call(data, { dtype: int64 });
const arange = (n: number): T => ops.arange.call(n); // a JS number is a Python float: float32
const grid = (...shape: number[]): T => arange(shape.reduce((a, b) => a * b, 1)).reshape(shape);

/** grad_fn names from the output back to the leaf, following first inputs (as PyTorch prints them). */
function chain(x: T): string[] {
  const out: string[] = [];
  let f: any = x.grad_fn;
  while (f && f.name() !== "torch::autograd::AccumulateGrad" && f.name() !== "AccumulateGrad") {
    out.push(f.name());
    f = f.next_functions[0]?.[0] ?? null;
  }
  return out;
}

function errorOf(fn: () => unknown): { name: string; message: string } | null {
  try {
    fn();
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
  return null;
}

describe("basic indexing builds PyTorch's view chain", () => {
  const x = grid(3, 4, 5).requires_grad_();
  const cases: Array<[string, () => T, number[], string[]]> = [
    ["x[0]", () => x.at(0), [4, 5], ["SelectBackward0"]],
    ["x[:, 1]", () => x.at(":", 1), [3, 5], ["SelectBackward0", "SliceBackward0"]],
    ["x[1:, ::2]", () => x.at("1:", "::2"), [2, 2, 5], ["SliceBackward0", "SliceBackward0"]],
    ["x[..., None]", () => x.at("...", null), [3, 4, 5, 1], ["UnsqueezeBackward0"]],
    ["x[...]", () => x.at("..."), [3, 4, 5], ["AliasBackward0"]],
    ["x[:]", () => x.at(":"), [3, 4, 5], ["SliceBackward0"]],
    ["x[0:3] (lone slice never skipped)", () => x.at("0:3"), [3, 4, 5], ["SliceBackward0"]],
    ["x[0:2, 0:4] (whole-dim slice skipped)", () => x.at("0:2", "0:4"), [2, 4, 5], ["SliceBackward0"]],
    ["x[0:3, 0:4] (all skipped: alias)", () => x.at("0:3", "0:4"), [3, 4, 5], ["AliasBackward0"]],
    ["x[:, None, 1]", () => x.at(":", null, 1), [3, 1, 5], ["SelectBackward0", "UnsqueezeBackward0", "SliceBackward0"]],
    ["x[slice(1, None), 0]", () => x.at(slice(1, null), 0), [2, 5], ["SelectBackward0", "SliceBackward0"]],
    ["x[tensor(1)]", () => x.at(long(1n)), [4, 5], ["SelectBackward0"]],
    ["x[[0, 2]]", () => x.at([0, 2]), [2, 4, 5], ["IndexBackward0"]],
    ["x[1, :, [0, 3]]", () => x.at(1, ":", [0, 3]), [4, 2], ["IndexBackward0", "SliceBackward0", "SelectBackward0"]],
    ["x[True]", () => x.at(true), [1, 3, 4, 5], ["IndexBackward0", "UnsqueezeBackward0"]],
    ["x[None, 0]", () => x.at(null, 0), [1, 4, 5], ["SelectBackward0", "UnsqueezeBackward0"]],
  ];
  for (const [name, f, shape, names] of cases) {
    it(name, () => {
      const y = f();
      expect(y._shape).toEqual(shape);
      expect(chain(y)).toEqual(names);
    });
  }

  it("__getitem__ takes a JS array as the whole tuple", () => {
    const y = x.__getitem__([0, "1:3"]);
    expect(y._shape).toEqual([2, 5]);
    expect(x.__getitem__([[0, 2]])._shape).toEqual([2, 4, 5]);
    expect(x.__getitem__(1)._shape).toEqual([4, 5]);
  });
});

describe("advanced indexing", () => {
  const x = grid(3, 4, 5);
  it("non-adjacent index tensors put their dims first", () => {
    expect(x.at([0, 2], ":", [1, 4]).tolist()).toEqual([[1, 6, 11, 16], [44, 49, 54, 59]]);
  });
  it("adjacent index tensors broadcast in place", () => {
    const y = x.at(":", [[0], [3]], [1, 2]);
    expect(y._shape).toEqual([3, 2, 2]);
    expect(y.tolist()).toEqual([[[1, 2], [16, 17]], [[21, 22], [36, 37]], [[41, 42], [56, 57]]]);
  });
  it("a bool mask combined with slices", () => {
    const m = t([true, false, true, false]);
    expect(x.at("1:", m, "::2").tolist()).toEqual([[[20, 22, 24], [30, 32, 34]], [[40, 42, 44], [50, 52, 54]]]);
  });
  it("errors are PyTorch's", () => {
    expect(errorOf(() => x.at(":", ":", [9]))).toEqual({ name: "IndexError", message: "index 9 is out of bounds for dimension 0 with size 5" });
    expect(errorOf(() => x.at([0, 1], [0, 1, 2]))).toEqual({
      name: "IndexError",
      message: "shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]",
    });
    expect(errorOf(() => x.at(t([true, false]), 0))).toEqual({
      name: "IndexError",
      message: "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3, 5] at index 0",
    });
    expect(errorOf(() => x.at("::-1"))).toEqual({ name: "ValueError", message: "step must be greater than zero" });
    expect(errorOf(() => x.at(1.5))).toEqual({
      name: "IndexError",
      message: "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)",
    });
    expect(errorOf(() => x.at(t([0, 1])))).toEqual({
      name: "IndexError",
      message: "tensors used as indices must be long, byte or bool tensors",
    });
    expect(x.at("...", "...")._shape).toEqual([3, 4, 5]); // PyTorch 1.13 accepts several ellipses
    expect(errorOf(() => x.at("...", 9))).toEqual({ name: "IndexError", message: "index 9 is out of bounds for dimension 1 with size 5" });
    expect(errorOf(() => x.at(0, "...", 9))).toEqual({ name: "IndexError", message: "index 9 is out of bounds for dimension 2 with size 5" });
    expect(x.at("5:", [7])._shape).toEqual([0, 1, 5]); // an empty result checks no index bounds
    expect(errorOf(() => t(5).at(0))).toEqual({
      name: "IndexError",
      message: "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number",
    });
  });
});

describe("views share storage and the version counter", () => {
  it("writes through x[0] are seen by x", () => {
    const x = grid(2, 3);
    const row = x.at(0);
    expect(row._storage).toBe(x._storage);
    row.add_(10);
    expect(x.tolist()).toEqual([[10, 11, 12], [3, 4, 5]]);
    expect(x._version).toBe(1);
    expect(row._version).toBe(1);
  });
  it("advanced indexing copies", () => {
    const x = grid(2, 3);
    const y = x.at([0]);
    expect(y._storage).not.toBe(x._storage);
  });
  it("__setitem__ bumps the version once; x[False] = v writes nothing", () => {
    const x = grid(2, 3);
    x.__setitem__(0, 1);
    expect(x._version).toBe(1);
    x.__setitem__([[0, 1], 2], t([7, 8]));
    expect(x._version).toBe(2);
    x.__setitem__(false, 5);
    expect(x._version).toBe(2);
    expect(x.tolist()).toEqual([[1, 1, 7], [3, 4, 8]]);
  });
});

describe("__setitem__", () => {
  it("basic keys write through the view and record CopySlices", () => {
    const a = t([1, 2, 3, 4], { requires_grad: true });
    const v = t([10, 20], { requires_grad: true });
    const x = a.mul(2);
    x.__setitem__("1:3", v);
    expect(x.grad_fn.name()).toBe("CopySlices");
    expect(x.grad_fn.next_functions.map((e: any) => e[0]?.name())).toEqual(["MulBackward0", "AccumulateGrad"]);
    expect(x.tolist()).toEqual([2, 10, 20, 8]);
    x.mul(t([1, 2, 3, 4])).sum().backward();
    expect(a.grad!.tolist()).toEqual([2, 0, 0, 8]);
    expect(v.grad!.tolist()).toEqual([2, 3]);
  });
  it("advanced keys record IndexPutBackward0 (duplicates, scalar value tensor)", () => {
    const a = t([1, 2, 3, 4], { requires_grad: true });
    const v = t(7, { requires_grad: true });
    const x = a.mul(2);
    x.__setitem__([[0, 0, 3]], v);
    expect(x.grad_fn.name()).toBe("IndexPutBackward0");
    expect(x.tolist()).toEqual([7, 4, 6, 7]);
    x.mul(t([1, 2, 3, 4])).sum().backward();
    expect(a.grad!.tolist()).toEqual([0, 4, 6, 0]);
    expect(v.grad!.item()).toBe(6);
  });
  it("a view plus a mask: CopySlices around index_put, value broadcast", () => {
    const a = t([[1, -2, 3], [-4, 5, -6]], { requires_grad: true });
    const x = a.mul(1);
    x.__setitem__([":", t([true, false, true])], t([[0.5], [0.25]]));
    expect(x.tolist()).toEqual([[0.5, -2, 0.5], [0.25, 5, 0.25]]);
    expect(x.grad_fn.name()).toBe("CopySlices");
  });
  it("a row value with a leading 1 dim", () => {
    const a = t([[1, -2, 3], [-4, 5, -6]], { requires_grad: true });
    const v = t([[9, 8, 7]], { requires_grad: true });
    const x = a.mul(1);
    x.__setitem__(0, v);
    expect(x.tolist()).toEqual([[9, 8, 7], [-4, 5, -6]]);
    x.sum().backward();
    expect(a.grad!.tolist()).toEqual([[0, 0, 0], [1, 1, 1]]);
    expect(v.grad!.tolist()).toEqual([[1, 1, 1]]);
  });
  it("leaf errors depend on whether the write goes through a view", () => {
    const x = t([1, 2, 3], { requires_grad: true });
    const leaf = "a leaf Variable that requires grad is being used in an in-place operation.";
    const view = "a view of a leaf Variable that requires grad is being used in an in-place operation.";
    expect(errorOf(() => x.__setitem__("...", 1))?.message).toBe(leaf);
    expect(errorOf(() => x.__setitem__("0:3", 1))?.message).toBe(leaf);
    expect(errorOf(() => x.__setitem__(":", 1))?.message).toBe(view);
    expect(errorOf(() => x.__setitem__([[0]], 1))?.message).toBe(leaf);
    expect(x.tolist()).toEqual([1, 2, 3]);
    no_grad(() => x.__setitem__(0, 5));
    expect(x.tolist()).toEqual([5, 2, 3]);
    expect(x.is_leaf).toBe(true);
  });
  it("value conversion and shape errors", () => {
    const x = ops.zeros.call(3, { dtype: int64 });
    x.__setitem__([[0, 1]], 1.7);
    expect(x.tolist()).toEqual([1, 1, 0]);
    const f = ops.zeros.call(3);
    expect(errorOf(() => f.__setitem__([[0, 1]], long([1n, 2n])))).toEqual({
      name: "RuntimeError",
      message: "Index put requires the source and destination dtypes match, got Float for the destination and Long for the source.",
    });
    expect(errorOf(() => f.__setitem__([[0, 1]], ops.ones.call(3)))).toEqual({
      name: "RuntimeError",
      message: "shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [2]",
    });
    expect(errorOf(() => f.__setitem__(0, "a"))).toEqual({ name: "TypeError", message: "can't assign a str to a torch.FloatTensor" });
    f.__setitem__([[0, 1]], ops.ones.call(1, 1, 2));
    expect(f.tolist()).toEqual([1, 1, 0]);
  });
});

describe("index ops", () => {
  it("double backward through gather", () => {
    const x = t([[1, 2, 3], [4, 5, 6]], { dtype: float64, requires_grad: true });
    const y = x.gather(1, long([[2n, 0n], [1n, 1n]]));
    expect(y.tolist()).toEqual([[3, 1], [5, 5]]);
    y.mul(y).mul(y).sum().backward({ create_graph: true });
    const g = x.grad!;
    expect(g.tolist()).toEqual([[3, 0, 27], [0, 150, 0]]);
    expect(g.grad_fn).not.toBeNull();
    x.grad = null;
    g.sum().backward();
    expect(x.grad!.tolist()).toEqual([[6, 0, 18], [0, 60, 0]]);
  });
  it("scatter, scatter_add, index_add, index_fill", () => {
    const z = ops.zeros.call(3, 4);
    expect(z.scatter(1, long([[0n, 3n], [1n, 1n], [2n, 0n]]), t([[1, 2], [3, 4], [5, 6]])).tolist()).toEqual([
      [1, 0, 0, 2], [0, 4, 0, 0], [6, 0, 5, 0],
    ]);
    expect(z.scatter_add(0, long([[0n, 1n, 2n, 0n], [0n, 0n, 0n, 0n]]), ops.ones.call(2, 4)).tolist()).toEqual([
      [2, 1, 1, 2], [0, 1, 0, 0], [0, 0, 1, 0],
    ]);
    expect(grid(3, 4).index_add(1, long([0n, 0n, 3n]), ops.ones.call(3, 3), { alpha: 2 }).tolist()).toEqual([
      [4, 1, 2, 5], [8, 5, 6, 9], [12, 9, 10, 13],
    ]);
    expect(grid(3, 4).index_fill(0, long([-1n]), -5).tolist()).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [-5, -5, -5, -5]]);
    const w = ops.zeros.call(2, 2);
    expect(w.scatter_(0, long([[1n, 0n]]), 3)).toBe(w);
    expect(w.tolist()).toEqual([[0, 3], [3, 0]]);
    expect(errorOf(() => ops.gather.call(grid(2, 3), 1, long([[5n]])))).toEqual({
      name: "RuntimeError",
      message: "index 5 is out of bounds for dimension 1 with size 3",
    });
  });
  it("gradients reach src / source / value (not the index)", () => {
    const w = grid(3, 4);
    let s = ops.ones.call(2, 4, { requires_grad: true });
    ops.zeros.call(3, 4).scatter_add(0, long([[0n, 1n, 2n, 0n], [0n, 0n, 0n, 0n]]), s).mul(w).sum().backward();
    expect(s.grad!.tolist()).toEqual([[0, 5, 10, 3], [0, 1, 2, 3]]);
    s = ops.ones.call(3, 3, { requires_grad: true });
    ops.zeros.call(3, 4).index_add(1, long([0n, 0n, 3n]), s, { alpha: 2 }).mul(w).sum().backward();
    expect(s.grad!.tolist()).toEqual([[0, 0, 6], [8, 8, 14], [16, 16, 22]]);
    s = ops.ones.call(3, 2, { requires_grad: true });
    ops.zeros.call(3, 4).scatter(1, long([[0n, 3n], [1n, 1n], [2n, 0n]]), s).mul(w).sum().backward();
    expect(s.grad!.tolist()).toEqual([[0, 3], [5, 5], [10, 8]]);
    const v = t(2, { requires_grad: true });
    ops.zeros.call(3, 4).index_fill(1, long([0n, 0n, 3n]), v).mul(w).sum().backward();
    expect(v.grad!.item()).toBe(33); // each index once, as PyTorch sums over unique indices
  });
  it("masked_select, masked_scatter, take, index_select gradients", () => {
    const xx = grid(3, 4).requires_grad_();
    const ms = ops.masked_select.call(xx, t([[true, false, true, false]]));
    expect(ms.tolist()).toEqual([0, 2, 4, 6, 8, 10]);
    ms.mul(arange(6)).sum().backward();
    expect(xx.grad!.tolist()).toEqual([[0, 0, 1, 0], [2, 0, 3, 0], [4, 0, 5, 0]]);

    const y = grid(2, 3).requires_grad_();
    const tk = ops.take.call(y, long([0n, 0n, 5n, -1n]));
    expect(tk.grad_fn.name()).toBe("TakeBackward0");
    tk.sum().backward();
    expect(y.grad!.tolist()).toEqual([[2, 0, 0], [0, 0, 2]]);

    const s = grid(2, 3).requires_grad_().masked_scatter(t([true, false, true]), t([[10, 20], [30, 40]]));
    expect(s.tolist()).toEqual([[10, 1, 20], [30, 4, 40]]);
    expect(s.grad_fn.name()).toBe("MaskedScatterBackward0");

    const z = grid(2, 3).requires_grad_();
    const ii = z.index_select(1, long([2n, 2n, 0n]));
    expect(ii.grad_fn.name()).toBe("IndexSelectBackward0");
    ii.sum().backward();
    expect(z.grad!.tolist()).toEqual([[1, 0, 2], [1, 0, 2]]);
  });
  it("nonzero and argwhere", () => {
    const m = long([[0n, 1n], [2n, 0n]]);
    expect(ops.nonzero.call(m).tolist()).toEqual([[0, 1], [1, 0]]);
    expect(ops.argwhere.call(m).tolist()).toEqual([[0, 1], [1, 0]]);
    const [r, c] = ops.nonzero.call(m, { as_tuple: true });
    expect([r.tolist(), c.tolist()]).toEqual([[0, 1], [1, 0]]);
    expect(ops.nonzero.call(t(3))._shape).toEqual([1, 0]);
  });
});
