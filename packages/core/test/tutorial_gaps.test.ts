// Behaviours beginner tutorials rely on that the differential suite (compat-tests/examples/torch)
// found missing or different. Every expected value and message was printed by PyTorch 1.13
// (/usr/bin/python3).
import { describe, expect, it } from "vitest";
import { captureOutput, float, print, range, warnings } from "@tsgrad/py";
import { dialectFunctions, torchDialect, Tensor, float64, int64 } from "../src/index.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const torch: any = dialectFunctions(torchDialect);
const show = (...xs: unknown[]) => captureOutput(() => print(...xs)).trimEnd();
const msg = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return "no error";
};

describe("out=", () => {
  it("writes into the given tensor and returns it", () => {
    const x = torch.tensor([1.0, 2, 4, 8]);
    const y = torch.tensor([2n, 2n, 2n, 2n]);
    const result = torch.empty(4);
    expect(torch.add(x, y, { out: result })).toBe(result);
    expect(show(result)).toBe("tensor([ 3.,  4.,  6., 10.])");
    const r = torch.empty(2);
    expect(torch.matmul(torch.ones(2, 3), torch.ones(3), { out: r })).toBe(r);
    expect(show(r)).toBe("tensor([3., 3.])");
    const o = torch.empty(2, { dtype: float64 });
    torch.add(torch.ones(2), 1n, { out: o });
    expect(show(o)).toBe("tensor([2., 2.], dtype=torch.float64)");
  });

  it("resizes a wrongly shaped out (with PyTorch's warning) and keeps its dtype rules", () => {
    const o = torch.empty(3);
    const caught = warnings.catch_warnings({ record: true }, (w: unknown[]) => {
      warnings.simplefilter("always");
      torch.add(torch.ones(2), 1n, { out: o });
      return w;
    });
    expect(show(o)).toBe("tensor([2., 2.])");
    expect(String((caught as any[])[0].message)).toMatch(/An output with one or more elements was resized since it had shape \[3\], which does not match the required output shape \[2\]/);
    expect(msg(() => torch.add(torch.ones(2), torch.ones(2), { out: torch.empty(2, { dtype: int64 }) }))).toBe(
      "RuntimeError: result type Float can't be cast to the desired output type Long",
    );
    const a = torch.ones(2, { requires_grad: true });
    expect(msg(() => torch.add(a, a, { out: torch.empty(2) }))).toBe(
      "RuntimeError: add(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.",
    );
  });
});

describe("numpy-style keyword names", () => {
  it("takes axis= and keepdims= as PyTorch's parser does", () => {
    const x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
    expect(x.sum({ axis: 0 }).tolist()).toEqual([5.0, 7.0, 9.0]);
    expect(x.mean({ axis: 1, keepdims: true }).tolist()).toEqual([[2.0], [5.0]]);
    expect(torch.max(x, { axis: 1 }).values.tolist()).toEqual([3.0, 6.0]);
  });
});

describe("error messages name ATen's dimension", () => {
  it("reports the last mismatching dim, as infer_size and expand do", () => {
    expect(msg(() => torch.ones(2, 3).add(torch.ones(3, 2)))).toBe(
      "RuntimeError: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1",
    );
    expect(msg(() => torch.ones(2, 3, 4).add(torch.ones(3, 2, 5)))).toBe(
      "RuntimeError: The size of tensor a (4) must match the size of tensor b (5) at non-singleton dimension 2",
    );
    expect(msg(() => torch.zeros(2, 2).expand(3, 3))).toBe(
      "RuntimeError: The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 1.  Target sizes: [3, 3].  Tensor sizes: [2, 2]",
    );
  });
});

describe("ops tutorials call", () => {
  it("median, both overloads", () => {
    expect(torch.median(torch.tensor([3.0, 1.0, 4.0, 1.0, 5.0, 9.0])).item()).toBe(3.0);
    expect(show(torch.tensor([[3.0, 1.0, 2.0], [9.0, 7.0, 8.0]]).median({ dim: 1 }))).toBe(
      "torch.return_types.median(\nvalues=tensor([2., 8.]),\nindices=tensor([2, 2]))",
    );
    const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
    const y = torch.median(x);
    y.backward();
    expect(y.grad_fn.name()).toBe("MedianBackward0");
    expect(x.grad.tolist()).toEqual([0.0, 1.0, 0.0]);
  });

  it("equal, isclose, allclose, isnan/isinf/isfinite", () => {
    expect(torch.equal(torch.ones(2), torch.ones(2, { dtype: int64 }))).toBe(true);
    expect(torch.equal(torch.ones(2), torch.ones(3))).toBe(false);
    expect(torch.ones(2, 1).equal(torch.ones(2))).toBe(false);
    expect(show(torch.isclose(torch.tensor([1.0, Infinity]), torch.tensor([1.0001, Infinity])))).toBe("tensor([False,  True])");
    expect(show(torch.isclose(torch.tensor([1n, 2n]), torch.tensor([1n, 3n])))).toBe("tensor([ True, False])");
    expect(torch.allclose(torch.tensor([1.0, NaN]), torch.tensor([1.0, NaN]), { equal_nan: true })).toBe(true);
    expect(msg(() => torch.isclose(torch.ones(2), torch.ones(2, { dtype: int64 })))).toBe("RuntimeError: Float did not match Long");
    expect(show(torch.isinf(torch.tensor([1n, 2n])), torch.isfinite(torch.tensor([1.0, Infinity])), torch.isnan(torch.tensor([1n])))).toBe(
      "tensor([False, False]) tensor([ True, False]) tensor([False])",
    );
  });

  it("new_zeros / new_ones / new_full / new_tensor keep the tensor's dtype", () => {
    const x = torch.tensor([[1n, 2n], [3n, 4n]]);
    expect(show(x.new_zeros(2), x.new_full([2, 2], 3.5), x.new_tensor([1.5, 2n]), x.new_empty(0).shape, torch.ones(1).new_ones([2, 1]))).toBe(
      "tensor([0, 0]) tensor([[3, 3],\n        [3, 3]]) tensor([1, 2]) torch.Size([0]) tensor([[1.],\n        [1.]])",
    );
  });

  it("broadcast_tensors", async () => {
    const core = await import("../src/index.ts");
    const [a, b] = core.broadcast_tensors(torch.ones(2, 1), torch.zeros(3));
    expect(show(a.shape, b.shape)).toBe("torch.Size([2, 3]) torch.Size([2, 3])");
  });

  it("indexes with a Python range and builds tensors from float-marked numbers", () => {
    const x = torch.arange(12n).reshape(3, 4);
    expect(show(x.at(range(2)), x.at(range(3), range(3)), x.__getitem__(range(0)))).toBe(
      "tensor([[0, 1, 2, 3],\n        [4, 5, 6, 7]]) tensor([ 0,  5, 10]) tensor([], size=(0, 4), dtype=torch.int64)",
    );
    expect(show(torch.tensor(float(2)), torch.tensor([float("nan"), 1n]), torch.tensor([1.0, float("inf"), float("-inf")]))).toBe(
      "tensor(2.) tensor([nan, 1.]) tensor([1., inf, -inf])",
    );
    expect(torch.tensor([float(2)]) instanceof Tensor).toBe(true);
  });
});

describe("unique / unique_consecutive (PyTorch 1.13 CPU)", () => {
  it("sorted values with inverse and counts; sorted=False in the kernel's hash-set order", () => {
    const x = torch.tensor([3n, 1n, 2n, 3n, 1n, 5n, 2n]);
    expect(show(torch.unique(x), torch.unique(x, { sorted: false }), x.unique({ return_counts: true }))).toBe(
      "tensor([1, 2, 3, 5]) tensor([5, 2, 1, 3]) (tensor([1, 2, 3, 5]), tensor([2, 2, 2, 1]))",
    );
    expect(show(torch.unique(x, { return_inverse: true, return_counts: true }))).toBe(
      "(tensor([1, 2, 3, 5]), tensor([2, 0, 1, 2, 0, 3, 1]), tensor([2, 2, 2, 1]))",
    );
    expect(show(torch.unique(torch.tensor([4n, 4n, 2n, 9n, 9n, 9n, 1n, 7n]), { sorted: false }))).toBe("tensor([7, 1, 9, 2, 4])");
    expect(show(torch.unique(torch.tensor([[1.5, 2], [1, 2.0]])), torch.unique(torch.tensor([true, false, true])))).toBe(
      "tensor([1.0000, 1.5000, 2.0000]) tensor([False,  True])",
    );
    // the inverse has the input's shape
    expect(show(torch.unique(torch.tensor([[3n, 1n], [2n, 3n]]), { return_inverse: true }))).toBe(
      "(tensor([1, 2, 3]), tensor([[2, 0],\n        [1, 2]]))",
    );
    expect(show(torch.tensor([1.0, 2.0], { requires_grad: true }).unique())).toBe("tensor([1., 2.], grad_fn=<Unique2Backward0>)");
  });
  it("dim=0 keeps distinct rows, sorted lexicographically", () => {
    expect(show(torch.unique(torch.tensor([[1n, 2n], [1n, 2n], [0n, 5n]]), { dim: 0, return_inverse: true, return_counts: true }))).toBe(
      "(tensor([[0, 5],\n        [1, 2]]), tensor([1, 1, 0]), tensor([1, 2]))",
    );
  });
  it("unique_consecutive collapses runs only", () => {
    expect(show(torch.unique_consecutive(torch.tensor([1n, 1n, 2n, 2n, 3n, 1n, 1n, 2n]), { return_counts: true }))).toBe(
      "(tensor([1, 2, 3, 1, 2]), tensor([2, 2, 1, 2, 1]))",
    );
  });
});
