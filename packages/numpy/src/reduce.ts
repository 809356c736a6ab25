// numpy's reduction order. Sums are not associative in floating point, and numpy's printed
// losses show every digit, so np.sum must add in numpy's order: a reduction over a contiguous
// run goes through numpy's pairwise_sum (8 accumulators in blocks of up to 128, halves above;
// loops_utils.h.src), accumulating in the array's dtype (float32 sums round every step); a
// reduction over an outer axis adds row after row, as numpy's iterator does. max/min/argmax
// are order-independent apart from NaN, which propagates as numpy's does.

import { Tensor, type DType, float32 } from "@tsgrad/core";

type Acc = (x: number) => number;
const f32: Acc = Math.fround;
const f64: Acc = (x) => x;

/** numpy's pairwise_sum over vals[start], vals[start+1], ... (n of them). */
export function pairwiseSum(vals: ArrayLike<number>, start: number, n: number, r: Acc): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = r(res + vals[start + i]!);
    return res;
  }
  if (n <= 128) {
    const acc = new Array<number>(8);
    for (let j = 0; j < 8; j++) acc[j] = vals[start + j]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) acc[j] = r(acc[j]! + vals[start + i + j]!);
    let res = r(r(r(acc[0]! + acc[1]!) + r(acc[2]! + acc[3]!)) + r(r(acc[4]! + acc[5]!) + r(acc[6]! + acc[7]!)));
    for (; i < n; i++) res = r(res + vals[start + i]!);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return r(pairwiseSum(vals, start, n2, r) + pairwiseSum(vals, start + n2, n - n2, r));
}

export interface Reduced {
  values: Float64Array;
  shape: number[];
}

/**
 * Values of `t` rearranged so each output element's inputs are one consecutive group, in the
 * order numpy visits them; `inner` says whether that group is numpy's inner loop (pairwise)
 * or the outer iteration (sequential).
 */
function groups(t: Tensor, axes: number[], keepdims: boolean) {
  const vals = t._contiguousValues();
  const shape = t._shape;
  const nd = shape.length;
  const red = new Set(axes);
  const kept = [...Array(nd).keys()].filter((i) => !red.has(i));
  const outShape = keepdims ? shape.map((s, i) => (red.has(i) ? 1 : s)) : kept.map((i) => shape[i]!);
  const groupSize = axes.reduce((a, i) => a * shape[i]!, 1);
  const nOut = kept.reduce((a, i) => a * shape[i]!, 1);
  // reduced axes trailing (after every kept axis): numpy's inner loop runs over them
  const inner = axes.every((a) => kept.every((k) => k < a));
  const order = [...kept, ...axes];
  const cstr = new Array<number>(nd);
  for (let i = nd - 1, s = 1; i >= 0; i--) (cstr[i] = s), (s *= shape[i]!);
  const out = new Float64Array(vals.length);
  const idx = new Array<number>(nd).fill(0);
  for (let k = 0; k < vals.length; k++) {
    let src = 0;
    for (let j = 0; j < nd; j++) src += idx[j]! * cstr[order[j]!]!;
    out[k] = vals[src]!;
    for (let j = nd - 1; j >= 0; j--) {
      if (++idx[j]! < shape[order[j]!]!) break;
      idx[j] = 0;
    }
  }
  return { vals: out, outShape, groupSize, nOut, inner };
}

export function sumReduce(t: Tensor, axes: number[], keepdims: boolean, acc: DType): Reduced {
  const r = acc === float32 ? f32 : f64;
  const g = groups(t, axes, keepdims);
  const res = new Float64Array(g.nOut);
  for (let o = 0; o < g.nOut; o++) {
    const s = o * g.groupSize;
    if (g.inner) res[o] = r(0 + pairwiseSum(g.vals, s, g.groupSize, r));
    else {
      let a = 0;
      for (let i = 0; i < g.groupSize; i++) a = r(a + g.vals[s + i]!);
      res[o] = a;
    }
  }
  return { values: res, shape: g.outShape };
}

/** max/min (pick > or <) or their arg positions; NaN wins, as numpy's maximum.reduce. */
export function extremeReduce(t: Tensor, axes: number[], keepdims: boolean, greater: boolean, arg: boolean): Reduced {
  const g = groups(t, axes, keepdims);
  const res = new Float64Array(g.nOut);
  for (let o = 0; o < g.nOut; o++) {
    const s = o * g.groupSize;
    let best = g.vals[s]!;
    let at = 0;
    for (let i = 1; i < g.groupSize && best === best; i++) {
      const v = g.vals[s + i]!;
      if (v !== v || (greater ? v > best : v < best)) (best = v), (at = i);
    }
    res[o] = arg ? at : best;
  }
  return { values: res, shape: g.outShape };
}
