// Reductions over a set of dims: the reduced dims are walked innermost, so each output element
// reads one consecutive run of positions.

import { Tensor } from "../tensor.ts";
import type { DType } from "../dtype.ts";
import { deviceState, deviceOfOperands, backendFor, HostReadError } from "./backends.ts";
import { contiguousStrides, numelOf, positions } from "./strided.ts";

export interface ReducePlan {
  outShape: number[]; // with keepdim applied
  groupSize: number;
  pos: Int32Array | Float64Array; // positions, grouped by output element
}

export function normalizeDims(t: Tensor, dim: number | number[] | null | undefined): number[] {
  const nd = t._shape.length;
  if (dim === null || dim === undefined) {
    const all = new Array<number>(nd);
    for (let i = 0; i < nd; i++) all[i] = i;
    return all;
  }
  const list = Array.isArray(dim) ? dim : [dim];
  const out = list.map((d) => t._wrapDim(Number(d)));
  return [...new Set(out)].sort((a, b) => a - b);
}

export function planReduce(t: Tensor, dims: number[], keepdim: boolean): ReducePlan {
  const nd = t._shape.length;
  const reduced = new Set(dims);
  const keptAxes: number[] = [];
  const redAxes: number[] = [];
  for (let i = 0; i < nd; i++) (reduced.has(i) ? redAxes : keptAxes).push(i);
  const order = [...keptAxes, ...redAxes];
  const pShape = order.map((i) => t._shape[i]);
  const pStrides = order.map((i) => t._strides[i]);
  const pos = positions(pShape, pStrides, t._offset);
  const groupSize = redAxes.reduce((a, i) => a * t._shape[i], 1);
  const outShape = keepdim ? t._shape.map((s, i) => (reduced.has(i) ? 1 : s)) : keptAxes.map((i) => t._shape[i]);
  return { outShape, groupSize, pos };
}

/** Apply `f(storage, positions, start, len)` to each output group. */
export function reduceKernel(
  t: Tensor,
  dims: number[],
  keepdim: boolean,
  dtype: DType,
  f: (s: ArrayLike<number>, pos: ArrayLike<number>, start: number, len: number) => number,
  /** The same reduction for a device kernel: sum, max, min, softmax_max, sumexp; times scale. */
  gpu?: { kind: string; scale?: number },
): Tensor {
  if (deviceState.active) {
    const dev = deviceOfOperands(t);
    if (dev !== null) {
      // a reduction without a device form: run() reports the op as having no kernel there
      if (!gpu) throw new HostReadError("no device form of this reduction");
      const outShape = keepdim ? t._shape.map((s, i) => (dims.includes(i) ? 1 : s)) : t._shape.filter((_, i) => !dims.includes(i));
      return backendFor(dev).reduce(t, dims, outShape, dtype, gpu.kind, gpu.scale ?? 1);
    }
  }
  const plan = planReduce(t, dims, keepdim);
  const nOut = numelOf(plan.outShape);
  const out = new dtype.ctor(nOut);
  const s = t._storage;
  for (let o = 0; o < nOut; o++) out[o] = f(s, plan.pos, o * plan.groupSize, plan.groupSize);
  return new Tensor(out, plan.outShape, contiguousStrides(plan.outShape), 0, dtype, t._dialect);
}

/** Pairwise summation: float32 sums with PyTorch's error behaviour (~1e-7), not naive drift. */
export function pairwiseSum(s: ArrayLike<number>, pos: ArrayLike<number>, start: number, len: number): number {
  if (len <= 16) {
    let acc = 0;
    for (let i = 0; i < len; i++) acc += s[pos[start + i]];
    return acc;
  }
  const h = len >> 1;
  return pairwiseSum(s, pos, start, h) + pairwiseSum(s, pos, start + h, len - h);
}
