// Join/split/rearrange ops against PyTorch 1.13. TRUTH was printed by /usr/bin/python3 (torch
// 1.13) for the same calls on a = [[1, 2, 3], [4, 5, 6]] (requires_grad): each output, its grad_fn
// name, and a.grad after backward of sum(out * arange(numel)) (for tuples: sum(out_i * (i + 1))).
import { describe, expect, it } from "vitest";
import { ops, int64, type Tensor } from "../src/index.ts";
import { pyRepr } from "@tsgrad/py";

type T = Tensor;
const t = (data: unknown, opts: Record<string, unknown> = {}): T => ops.tensor.call(data, opts);
interface Enc { shape: number[]; dtype: string; values: number[] }
interface Case { out: Enc | Enc[]; grad_fn: string | null | Array<string | null>; grad?: Enc }

const TRUTH: Record<string, Case> = {"cat1": {"out": {"shape": [2, 6], "dtype": "float32", "values": [1.0, 2.0, 3.0, 2.0, 4.0, 6.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0]}, "grad_fn": "CatBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [6.0, 9.0, 12.0, 24.0, 27.0, 30.0]}}, "cat_int": {"out": {"shape": [3, 3], "dtype": "float32", "values": [1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]}, "grad_fn": "CatBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [3.0, 4.0, 5.0, 6.0, 7.0, 8.0]}}, "stack2": {"out": {"shape": [2, 3, 2], "dtype": "float32", "values": [1.0, 2.0, 2.0, 3.0, 3.0, 4.0, 4.0, 5.0, 5.0, 6.0, 6.0, 7.0]}, "grad_fn": "StackBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [1.0, 5.0, 9.0, 13.0, 17.0, 21.0]}}, "hstack": {"out": {"shape": [2, 6], "dtype": "float32", "values": [1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 4.0, 5.0, 6.0]}, "grad_fn": "CatBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [3.0, 5.0, 7.0, 15.0, 17.0, 19.0]}}, "vstack": {"out": {"shape": [3, 3], "dtype": "float32", "values": [1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]}, "grad_fn": "CatBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [3.0, 5.0, 7.0, 6.0, 7.0, 8.0]}}, "split": {"out": [{"shape": [2, 2], "dtype": "float32", "values": [1.0, 2.0, 4.0, 5.0]}, {"shape": [2, 1], "dtype": "float32", "values": [3.0, 6.0]}], "grad_fn": ["SplitBackward0", "SplitBackward0"], "grad": {"shape": [2, 3], "dtype": "float32", "values": [1.0, 1.0, 2.0, 1.0, 1.0, 2.0]}}, "split_sizes": {"out": [{"shape": [2, 1], "dtype": "float32", "values": [1.0, 4.0]}, {"shape": [2, 2], "dtype": "float32", "values": [2.0, 3.0, 5.0, 6.0]}], "grad_fn": ["SplitWithSizesBackward0", "SplitWithSizesBackward0"], "grad": {"shape": [2, 3], "dtype": "float32", "values": [1.0, 2.0, 2.0, 1.0, 2.0, 2.0]}}, "chunk": {"out": [{"shape": [2, 2], "dtype": "float32", "values": [1.0, 2.0, 4.0, 5.0]}, {"shape": [2, 1], "dtype": "float32", "values": [3.0, 6.0]}], "grad_fn": ["SplitBackward0", "SplitBackward0"], "grad": {"shape": [2, 3], "dtype": "float32", "values": [1.0, 1.0, 2.0, 1.0, 1.0, 2.0]}}, "unbind": {"out": [{"shape": [2], "dtype": "float32", "values": [1.0, 4.0]}, {"shape": [2], "dtype": "float32", "values": [2.0, 5.0]}, {"shape": [2], "dtype": "float32", "values": [3.0, 6.0]}], "grad_fn": ["UnbindBackward0", "UnbindBackward0", "UnbindBackward0"], "grad": {"shape": [2, 3], "dtype": "float32", "values": [1.0, 2.0, 3.0, 1.0, 2.0, 3.0]}}, "repeat": {"out": {"shape": [2, 2, 6], "dtype": "float32", "values": [1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 4.0, 5.0, 6.0, 1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 4.0, 5.0, 6.0]}, "grad_fn": "RepeatBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [30.0, 34.0, 38.0, 54.0, 58.0, 62.0]}}, "tile": {"out": {"shape": [2, 6], "dtype": "float32", "values": [1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 4.0, 5.0, 6.0]}, "grad_fn": "RepeatBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [3.0, 5.0, 7.0, 15.0, 17.0, 19.0]}}, "flip": {"out": {"shape": [2, 3], "dtype": "float32", "values": [6.0, 5.0, 4.0, 3.0, 2.0, 1.0]}, "grad_fn": "FlipBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [5.0, 4.0, 3.0, 2.0, 1.0, 0.0]}}, "roll": {"out": {"shape": [2, 3], "dtype": "float32", "values": [3.0, 1.0, 2.0, 6.0, 4.0, 5.0]}, "grad_fn": "RollBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [1.0, 2.0, 0.0, 4.0, 5.0, 3.0]}}, "roll_flat": {"out": {"shape": [2, 3], "dtype": "float32", "values": [3.0, 4.0, 5.0, 6.0, 1.0, 2.0]}, "grad_fn": "RollBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [4.0, 5.0, 0.0, 1.0, 2.0, 3.0]}}, "roll2": {"out": {"shape": [2, 3], "dtype": "float32", "values": [5.0, 6.0, 4.0, 2.0, 3.0, 1.0]}, "grad_fn": "RollBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [5.0, 3.0, 4.0, 2.0, 0.0, 1.0]}}, "unflatten": {"out": {"shape": [2, 3, 1], "dtype": "float32", "values": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]}, "grad_fn": "ViewBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]}}, "movedim": {"out": {"shape": [2, 3, 1], "dtype": "float32", "values": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]}, "grad_fn": "PermuteBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]}}, "diag": {"out": {"shape": [2], "dtype": "float32", "values": [2.0, 6.0]}, "grad_fn": "DiagBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [0.0, 0.0, 0.0, 0.0, 0.0, 1.0]}}, "diag1d": {"out": {"shape": [4, 4], "dtype": "float32", "values": [0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 3.0, 0.0]}, "grad_fn": "DiagBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [4.0, 9.0, 14.0, 0.0, 0.0, 0.0]}}, "diagonal": {"out": {"shape": [1], "dtype": "float32", "values": [4.0]}, "grad_fn": "DiagonalBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]}}, "tril": {"out": {"shape": [2, 3], "dtype": "float32", "values": [1.0, 0.0, 0.0, 4.0, 5.0, 0.0]}, "grad_fn": "TrilBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [0.0, 0.0, 0.0, 3.0, 4.0, 0.0]}}, "triu": {"out": {"shape": [2, 3], "dtype": "float32", "values": [0.0, 2.0, 3.0, 0.0, 0.0, 6.0]}, "grad_fn": "TriuBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [0.0, 1.0, 2.0, 0.0, 0.0, 5.0]}}, "ri": {"out": {"shape": [4, 3], "dtype": "float32", "values": [1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 4.0, 5.0, 6.0]}, "grad_fn": "IndexSelectBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [3.0, 5.0, 7.0, 15.0, 17.0, 19.0]}}, "ri_flat": {"out": {"shape": [12], "dtype": "float32", "values": [1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 4.0, 4.0, 5.0, 5.0, 6.0, 6.0]}, "grad_fn": "IndexSelectBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [1.0, 5.0, 9.0, 13.0, 17.0, 21.0]}}, "ri_t": {"out": {"shape": [2, 3], "dtype": "float32", "values": [1.0, 3.0, 3.0, 4.0, 6.0, 6.0]}, "grad_fn": "IndexSelectBackward0", "grad": {"shape": [2, 3], "dtype": "float32", "values": [0.0, 0.0, 3.0, 3.0, 0.0, 9.0]}}}
;

const CASES: Record<string, (a: T) => T | T[]> = {
  cat1: (a) => ops.cat.call([a, a.mul(2)], 1),
  cat_int: (a) => ops.cat.call([t([[1n, 2n, 3n]]), a]),
  stack2: (a) => ops.stack.call([a, a.add(1)], 2),
  hstack: (a) => ops.hstack.call([a, a]),
  vstack: (a) => ops.vstack.call([a.select(0, 0), a]),
  split: (a) => a.split(2, 1),
  split_sizes: (a) => ops.split.call(a, [1, 2], 1),
  chunk: (a) => a.chunk(2, 1),
  unbind: (a) => a.unbind(1),
  repeat: (a) => a.repeat(2, 1, 2),
  tile: (a) => a.tile([2]),
  flip: (a) => a.flip(0, 1),
  roll: (a) => a.roll(1, 1),
  roll_flat: (a) => a.roll(-2),
  roll2: (a) => a.roll([1, 2], [0, 1]),
  unflatten: (a) => a.unflatten(1, [3, 1]),
  movedim: (a) => a.unsqueeze(0).movedim(0, 2),
  diag: (a) => a.diag(1),
  diag1d: (a) => a.select(0, 0).diag(-1),
  diagonal: (a) => a.diagonal(-1),
  tril: (a) => a.tril(),
  triu: (a) => a.triu(1),
  ri: (a) => a.repeat_interleave(2, 0),
  ri_flat: (a) => a.repeat_interleave(2),
  ri_t: (a) => a.repeat_interleave(t([1n, 0n, 2n]), { dim: 1 }),
};

function enc(x: T): Enc {
  return { shape: [...x.shape], dtype: String(x.dtype).replace("torch.", ""), values: (x.flatten().tolist() as number[]).map(Number) };
}

describe("join ops match PyTorch 1.13", () => {
  for (const [name, f] of Object.entries(CASES)) {
    it(name, () => {
      const a = t([[1, 2, 3], [4, 5, 6]], { requires_grad: true });
      const want = TRUTH[name];
      const r = f(a);
      let s: T;
      if (Array.isArray(r)) {
        expect(r.map(enc)).toEqual(want.out);
        expect(r.map((x) => x.grad_fn?.name() ?? null)).toEqual(want.grad_fn);
        s = r.map((x, i) => x.mul(i + 1).sum()).reduce((p, q) => p.add(q));
      } else {
        expect(enc(r)).toEqual(want.out);
        expect(r.grad_fn?.name() ?? null).toEqual(want.grad_fn);
        s = r.mul(ops.arange.call(BigInt(r.numel())).reshape([...r.shape]).to(r.dtype)).sum();
      }
      s.backward();
      expect(enc(a.grad!)).toEqual(want.grad);
    });
  }
});

describe("join ops: views, tuples, errors", () => {
  it("split outputs are views sharing one node and print as a tuple", () => {
    const a = ops.arange.call(6n).reshape(2, 3).to(ops.tensor.call(1.0).dtype).requires_grad_();
    const parts = a.split(2, 1);
    expect(parts[0]._base).toBe(a);
    expect(parts[0].grad_fn).toBe(parts[1].grad_fn);
    expect(parts[1]._output_nr).toBe(1);
    expect(pyRepr(ops.tensor.call([1, 2, 3]).split(2))).toBe("(tensor([1., 2.]), tensor([3.]))");
    // only one output used: the other gets zeros
    parts[1].sum().backward();
    expect(a.grad.tolist()).toEqual([[0, 0, 1], [0, 0, 1]]);
  });

  it("cat promotes across inputs and skips legacy empty 1-D tensors", () => {
    expect(String(ops.cat.call([t([true]), t([2n])]).dtype)).toBe("torch.int64");
    expect([...ops.cat.call([ops.zeros.call(0), ops.zeros.call(2, 3)]).shape]).toEqual([2, 3]);
  });

  const errors: Array<[string, () => unknown, string, string]> = [
    ["cat sizes", () => ops.cat.call([ops.zeros.call(2, 2), ops.zeros.call(2, 3)], 0), "RuntimeError", "Sizes of tensors must match except in dimension 0. Expected size 2 but got size 3 for tensor number 1 in the list."],
    ["cat empty", () => ops.cat.call([]), "RuntimeError", "torch.cat(): expected a non-empty list of Tensors"],
    ["cat 0-dim", () => ops.cat.call([t(1), t(1)]), "RuntimeError", "zero-dimensional tensor (at position 0) cannot be concatenated"],
    ["cat rank", () => ops.cat.call([ops.zeros.call(2, 3), ops.zeros.call(3)]), "RuntimeError", "Tensors must have same number of dimensions: got 2 and 1"],
    ["cat dim", () => ops.cat.call([ops.zeros.call(2, 3)], 2), "IndexError", "Dimension out of range (expected to be in range of [-2, 1], but got 2)"],
    ["cat non-tensor", () => ops.cat.call([ops.zeros.call(2), 1]), "TypeError", "expected Tensor as element 1 in argument 0, but got int"],
    ["stack empty", () => ops.stack.call([]), "RuntimeError", "stack expects a non-empty TensorList"],
    ["split 0", () => ops.zeros.call(2, 3).split(0), "RuntimeError", "split_size can only be 0 if dimension size is 0, but got dimension size of 2"],
    ["split negative", () => ops.zeros.call(2, 3).split(-1), "RuntimeError", "split expects split_size be non-negative, but got split_size=-1"],
    ["split sizes negative", () => ops.zeros.call(2, 3).split([1, -1]), "RuntimeError", "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[1, -1]"],
    ["chunk 0-dim", () => t(1).chunk(1), "RuntimeError", "chunk expects at least a 1-dimensional tensor"],
    ["unbind 0-dim", () => t(1).unbind(), "IndexError", "Dimension specified as 0 but tensor has no dimensions"],
    ["flip repeated", () => ops.zeros.call(2, 3).flip(0, 0), "RuntimeError", "dim 0 appears multiple times in the list of dims"],
    ["roll align", () => ops.zeros.call(2, 3).roll(1, [0, 1]), "RuntimeError", "shifts and dimensions must align. shifts: 1, dims:2"],
    ["unflatten", () => ops.zeros.call(2, 3).unflatten(1, [2, 2]), "RuntimeError", "unflatten: Provided sizes [2, 2] don't multiply up to the size of dim 1 (3) in the input tensor"],
    ["movedim", () => ops.zeros.call(2, 3).movedim([0, 1], [0]), "RuntimeError", "movedim: Invalid source or destination dims: source ([0, 1] dims) should contain the same number of dims as destination ([0] dims)"],
    ["diag 3-D", () => ops.zeros.call(2, 2, 2).diag(), "RuntimeError", "matrix or a vector expected"],
    ["diagonal same dims", () => ops.zeros.call(2, 3).diagonal(0, 0, 0), "RuntimeError", "diagonal dimensions cannot be identical 0, 0"],
    ["repeat_interleave negative", () => ops.zeros.call(2, 3).repeat_interleave(-1), "RuntimeError", "repeats can not be negative"],
    ["repeat negative", () => ops.zeros.call(2, 3).repeat(-1, 1), "RuntimeError", "Trying to create tensor with negative dimension -2: [-2, 3]"],
  ];
  for (const [name, f, type, message] of errors) {
    it(`error: ${name}`, () => {
      let err: any = null;
      try {
        f();
      } catch (e) {
        err = e;
      }
      expect({ name: err?.name, message: err?.message }).toEqual({ name: type, message });
    });
  }

  it("int64 repeat and roll keep the dtype", () => {
    const x = ops.arange.call(3n);
    expect(String(x.repeat(2).dtype)).toBe("torch.int64");
    expect(x.roll(1).tolist()).toEqual([2, 0, 1]);
    expect(x.dtype).toBe(int64);
  });
});
