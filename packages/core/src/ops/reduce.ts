// Sum-like reductions. Each keeps PyTorch's dtype rules (integer sums are int64, means need a
// floating dtype) and its derivative is the gradient broadcast back over the reduced dims.

import { defineOp } from "../op.ts";
import { Tensor } from "../tensor.ts";
import { RuntimeError } from "@tsgrad/py";
import { float32, int64, type DType } from "../dtype.ts";
import { cascadeSum } from "../kernels/cascade_sum.ts";
import { cascadeSumRun } from "../kernels/sum_run.ts";
import { normalizeDims, pairwiseSum, reduceKernel } from "../kernels/reduce.ts";
import { numelOf } from "../kernels/strided.ts";
import { isHost } from "../kernels/backends.ts";
import { gradState } from "../autograd/grad_mode.ts";
import { makeView } from "./views.ts";

type T = Tensor;

/** Expand a reduced gradient back to `shape` (re-inserting dims dropped without keepdim). */
export function unreduce(g: T, shape: number[], dims: number[] | null, keepdim: boolean): T {
  // a full reduction's 0-dim gradient expands straight to the input's shape
  if (g._shape.length === 0) {
    // outside grad mode (a plain backward) the view is made here: expand's op dispatch costs
    // more than the rest of the tutorial loop's sum backward (same view as expand's forward)
    if (!gradState.enabled && isHost(g)) return makeView(g, shape.slice(), new Array<number>(shape.length).fill(0), g._offset);
    return g.expand(shape);
  }
  dims ??= [];
  if (!keepdim && shape.length > 0) {
    for (const d of dims) g = g.unsqueeze(d);
  }
  return g.expand(shape);
}

function sumDtype(x: T, dtype: DType | null): DType {
  if (dtype) return dtype;
  return x.dtype.kind === "float" ? x.dtype : int64;
}

const dimList = (dim: unknown): number[] | null => (dim === null || dim === undefined ? null : Array.isArray(dim) ? dim.map(Number) : [Number(dim)]);

defineOp("sum", {
  sig: "sum(Tensor input, int[]? dim=None, bool keepdim=False, *, dtype? dtype=None)",
  overloads: { fn: ["sum(Tensor input, *, ScalarType? dtype=None)", "sum(Tensor input, IntArrayRef[1]? dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None)", "sum(Tensor input, DimnameList[1] dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None)"], method: ["sum(*, ScalarType? dtype=None)", "sum(IntArrayRef[1]? dim, bool keepdim=False, *, ScalarType? dtype=None)", "sum(DimnameList[1] dim, bool keepdim=False, *, ScalarType? dtype=None)"] },
  names: { torch: (a) => (a[1] === null ? "SumBackward0" : "SumBackward1"), oneflow: "reduce_sum_backward" },
  forward(_ctx, x: T, dim: unknown, keepdim: boolean, dtype: DType | null) {
    const d = sumDtype(x, dtype);
    const dl = dimList(dim);
    const src = dtype && dtype !== x.dtype ? x.to(dtype) : x;
    if (dl === null && !keepdim && d.kind === "float" && isHost(src) && src.is_contiguous()) {
      // whole-tensor sum of a contiguous run (the tutorial loop's `y.sum()`): cascade_sum's
      // one-dim order without its general layout walk
      const out = new d.ctor(1);
      out[0] = cascadeSumRun(src._storage, src._offset, numelOf(src._shape), d === float32);
      return Tensor.fromData(out, [], d, x._dialect);
    }
    if (d.kind === "float" && isHost(src)) return floatSum(src, normalizeDims(x, dl), keepdim, d);
    if (dl === null && !keepdim && src.is_contiguous() && isHost(src)) {
      // whole-tensor sum of a contiguous integer/bool run: exact in any order (int64 sums
      // are kept below 2^53), so one plain loop
      const out = new d.ctor(1);
      const s = src._storage;
      let acc = 0;
      for (let i = src._offset, end = src._offset + numelOf(src._shape); i < end; i++) acc += s[i];
      out[0] = acc;
      return Tensor.fromData(out, [], d, x._dialect);
    }
    return reduceKernel(src, normalizeDims(x, dl), keepdim, d, pairwiseSum, { kind: "sum" });
  },
  backward(ctx, g) {
    const x = ctx.args[0] as T;
    // a 0-dim gradient (full reduction) needs no dims
    const dims = g._shape.length === 0 ? null : normalizeDims(x, dimList(ctx.args[1]));
    return [unreduce(g, x._shape, dims, ctx.args[2] as boolean)];
  },
});

function meanCount(a: unknown[]): number {
  const x = a[0] as Tensor;
  const dims = a[1];
  if (dims === null || dims === undefined || (Array.isArray(dims) && dims.length === 0)) return x.numel();
  const list = Array.isArray(dims) ? dims : [dims];
  let n = 1;
  for (const d of list) n *= x._shape.length === 0 ? 1 : x._shape[x._wrapDim(Number(d))];
  return n;
}

/** A float sum in PyTorch's order and precision (kernels/cascade_sum.ts). */
function floatSum(src: T, dims: number[], keepdim: boolean, d: DType): T {
  const vals = cascadeSum(src._storage, src._shape, src._strides, src._offset, dims, d);
  const shape = keepdim ? src._shape.map((n, i) => (dims.includes(i) ? 1 : n)) : src._shape.filter((_, i) => !dims.includes(i));
  return Tensor.fromData(vals, shape, d, src._dialect);
}

defineOp("mean", {
  sig: "mean(Tensor input, int[]? dim=None, bool keepdim=False, *, dtype? dtype=None)",
  overloads: { fn: ["mean(Tensor input, *, ScalarType? dtype=None)", "mean(Tensor input, IntArrayRef[1]? dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None)", "mean(Tensor input, DimnameList[1] dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None)"], method: ["mean(*, ScalarType? dtype=None)", "mean(IntArrayRef[1]? dim, bool keepdim=False, *, ScalarType? dtype=None)", "mean(DimnameList[1] dim, bool keepdim=False, *, ScalarType? dtype=None)"] },
  // OneFlow's ReduceMean is ReduceSum then ScalarMul(1/n), the sum alone when n is 0 or 1 (math_functor.cpp)
  names: { torch: (a) => (a[1] === null ? "MeanBackward0" : "MeanBackward1"), oneflow: (a) => (meanCount(a) <= 1 ? "reduce_sum_backward" : "scalar_mul_backward") },
  forward(_ctx, x: T, dim: unknown, keepdim: boolean, dtype: DType | null) {
    const d = dtype ?? x.dtype;
    if (d.kind !== "float")
      throw new RuntimeError(
        `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${d.legacyName.replace("Tensor", "")}`,
      );
    const src = d !== x.dtype ? x.to(d) : x;
    const dims = normalizeDims(x, dimList(dim));
    const count = dims.reduce((a, i) => a * x._shape[i], 1);
    if (isHost(src)) {
      // ATen's CPU mean is sum(...).div_(count), both in the dtype
      const out = floatSum(src, dims, keepdim, d);
      const v = out._storage;
      const round = d === float32 ? Math.fround : (a: number) => a;
      for (let i = 0; i < v.length; i++) v[i] = round(v[i] / count);
      return out;
    }
    return reduceKernel(src, dims, keepdim, d, (s, pos, start, len) => pairwiseSum(s, pos, start, len) / count, { kind: "sum", scale: 1 / count });
  },
  backward(ctx, g) {
    const x = ctx.args[0] as T;
    const dims = normalizeDims(x, dimList(ctx.args[1]));
    const count = dims.reduce((a, i) => a * x._shape[i], 1);
    return [unreduce(g, x._shape, dims, ctx.args[2] as boolean).div(count)];
  },
});

// Composite (no derivative of its own): the gradient flows through sum and view.
defineOp("sum_to_size", {
  sig: "sum_to_size(Tensor input, int... size)",
  fn: false,
  forward(_ctx, x: T, size: unknown) {
    const shape = (size as unknown[]).map(Number);
    const lead = x._shape.length - shape.length;
    const bad = () => new RuntimeError(`size {[${shape.join(", ")}]} is not expandable to size {[${x._shape.join(", ")}]}.`);
    if (lead < 0) throw bad();
    const dims: number[] = [];
    for (let i = 0; i < x._shape.length; i++) {
      if (i < lead) dims.push(i);
      else if (shape[i - lead] === 1 && x._shape[i] !== 1) dims.push(i);
      else if (shape[i - lead] !== x._shape[i]) throw bad();
    }
    if (dims.length === 0) return x;
    const r = x.sum(dims, true);
    return lead > 0 ? r.view(shape) : r;
  },
});
