// Paddle's Tensor methods and paddle.* functions on paddle tensors. Expected values come from the
// Paddle 2.0 docstrings (python/paddle/tensor/math.py, manipulation.py, search.py, stat.py,
// linalg.py, release/2.0), as noted per case.
import { describe, expect, it, afterEach } from "vitest";
import paddle from "@tsgrad/paddle";
import { ops } from "@tsgrad/core";
import { str } from "@tsgrad/py";

afterEach(() => paddle.__version_profile__("2.0"));
const vals = (t: any) => Array.from(t._contiguousValues() as ArrayLike<number>);

describe("paddle methods", () => {
  it("sum: axis, keepdim, shape [1] for full reductions (math.py sum docstring)", () => {
    const x = paddle.to_tensor([[0.25, 0.5, 1.5, 2.0], [0.125, 0.75, 1.0, 3.0]]);
    expect(x.sum().shape).toEqual([1]);
    expect(vals(x.sum({ axis: 0 }))).toEqual([0.375, 1.25, 2.5, 5]);
    expect(x.sum({ axis: 1, keepdim: true }).shape).toEqual([2, 1]);
    expect(x.sum(null, null, true).shape).toEqual([1, 1]);
    const y = paddle.to_tensor([[[1n, 2n], [3n, 4n]], [[5n, 6n], [7n, 8n]]]);
    expect(vals(paddle.sum(y, { axis: [1, 2] }))).toEqual([10, 26]);
    expect(vals(y.sum({ axis: [0, 1] }))).toEqual([16, 20]);
    // bool and int32 sum to int64 (sum docstring: "if x.dtype is bool or int32, the output is int64")
    expect(paddle.to_tensor([1n, 2n], { dtype: "int32" }).sum().dtype.name).toBe("int64");
    expect(x.sum({ dtype: "float64" }).dtype.name).toBe("float64");
  });

  it("max/min return values; argmax/argmin int64, flattened without axis (search.py docstring)", () => {
    const x = paddle.to_tensor([[5n, 8n, 9n, 5n], [0n, 0n, 1n, 7n], [6n, 9n, 2n, 4n]]);
    expect(vals(x.argmax())).toEqual([2]);
    expect(x.argmax().shape).toEqual([1]);
    expect(vals(x.argmax({ axis: 1 }))).toEqual([2, 3, 1]);
    expect(x.argmax({ axis: 1 }).dtype.name).toBe("int64");
    expect(x.argmax({ axis: 1, dtype: "int32" }).dtype.name).toBe("int32");
    expect(vals(x.max({ axis: 0 }))).toEqual([6, 9, 9, 7]);
    expect(vals(x.min())).toEqual([0]);
  });

  it("std/var unbiased by default, mean keepdim (stat.py)", () => {
    const y = paddle.to_tensor([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]]);
    expect(vals(y.var())).toEqual([Math.fround(3.2)]);
    expect(vals(y.var({ axis: 1 }))).toEqual([1, 4]);
    expect(vals(y.std({ axis: 1, unbiased: false }))[0]).toBeCloseTo(Math.sqrt(2 / 3), 6);
    expect(y.mean({ axis: 0, keepdim: true }).shape).toEqual([1, 3]);
  });

  it("reshape/transpose/flatten/unsqueeze/squeeze/split/chunk take Paddle's arguments (manipulation.py)", () => {
    const x = paddle.ones([2, 4, 6]);
    expect(x.reshape([-1, 0, 3, 2]).shape).toEqual([2, 4, 3, 2]);
    expect(paddle.ones([2, 3, 4]).transpose([1, 0, 2]).shape).toEqual([3, 2, 4]);
    expect(paddle.ones([2, 3, 4, 4]).flatten({ start_axis: 1, stop_axis: 2 }).shape).toEqual([2, 12, 4]);
    expect(paddle.ones([5, 10]).unsqueeze([0, 2]).shape).toEqual([1, 5, 1, 10]);
    expect(paddle.ones([1, 3, 1]).squeeze({ axis: [0, 2] }).shape).toEqual([3]);
    const s = paddle.ones([3, 9, 5]);
    expect(s.split(3, { axis: 1 }).map((t: any) => t.shape)).toEqual([[3, 3, 5], [3, 3, 5], [3, 3, 5]]);
    expect(s.split([2, 3, -1], 1).map((t: any) => t.shape)).toEqual([[3, 2, 5], [3, 3, 5], [3, 4, 5]]);
    expect(s.chunk(3, { axis: 1 }).length).toBe(3);
    expect(() => s.split(2, { axis: 1 })).toThrow(/evenly divisible/);
  });

  it("matmul transpose flags, elementwise functions, comparisons, clip, gather, cast", () => {
    const x = paddle.to_tensor([[1.0, 2.0], [3.0, 4.0]]);
    const y = paddle.to_tensor([[1.0, 0.0], [1.0, 1.0]]);
    expect(vals(x.matmul(y, { transpose_y: true }))).toEqual([1, 3, 3, 7]);
    expect(vals(paddle.matmul(x, y, { transpose_x: true }))).toEqual([4, 3, 6, 4]);
    expect(vals(x.subtract(y))).toEqual([0, 2, 2, 3]);
    expect(x.greater_than(y).dtype.name).toBe("bool");
    expect(vals(x.clip(1.5, 3.5))).toEqual([1.5, 2, 3, 3.5]);
    expect(vals(x.gather(paddle.to_tensor([1n])))).toEqual([3, 4]);
    expect(vals(x.index_select(paddle.to_tensor([1n]), { axis: 1 }))).toEqual([2, 4]);
    expect(x.astype("int64").dtype.name).toBe("int64");
    expect(x.cast(paddle.float64).dtype.name).toBe("float64");
    expect(x.topk(1)[1].dtype.name).toBe("int64");
  });

  it("methods keep torch's meaning on torch tensors in the same program", () => {
    const t = ops.ones.call(2, 3); // the core's factories make torch-dialect tensors
    expect(t.sum().shape.length).toBe(0);
    expect(t.transpose(0, 1).shape[0]).toBe(3);
    expect(t.max(1)[0].shape[0]).toBe(2);
  });

  it("backward through paddle methods; grads print per profile", () => {
    const x = paddle.to_tensor([[1.0, 2.0], [3.0, 4.0]], { stop_gradient: false });
    const y = x.multiply(x).sum({ axis: 1 }).mean();
    y.backward();
    expect(str(x.grad)).toBe("[[1. 2.]\n [3. 4.]]");
    paddle.__version_profile__("2.4");
    const z = paddle.to_tensor([1.0, 2.0], { stop_gradient: false });
    z.std().backward();
    expect(str(z.grad).startsWith("Tensor(shape=[2], dtype=float32, place=Place(cpu), stop_gradient=False,")).toBe(true);
  });

  it("library layers still compute with the core's meaning (BatchNorm2D, Linear, cross_entropy)", () => {
    const bn = paddle.nn.BatchNorm2D(2);
    const out = bn(paddle.rand([2, 2, 3, 3]));
    expect(out.shape).toEqual([2, 2, 3, 3]);
    const lin = paddle.nn.Linear(3, 2);
    expect(lin.weight.shape).toEqual([3, 2]);
    const loss: any = paddle.nn.functional.cross_entropy(lin(paddle.rand([4, 3])), paddle.to_tensor([[0n], [1n], [1n], [0n]]));
    expect(loss.shape).toEqual([1]);
    loss.backward();
    expect(lin.weight.grad).not.toBeNull();
  });
});
