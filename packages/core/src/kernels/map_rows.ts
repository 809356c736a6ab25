// The row walk the float32 and float64 unary kernels share (unary_f32.ts, unary_f64.ts): the
// input's inner rows in TensorIterator's order, each handed to a row function, the result laid
// out in the input's dim order (size-1 dims dropped, dims merged while the input's strides chain,
// innermost = smallest input stride, ties keep the later dim inner).

import { Tensor } from "../tensor.ts";
import type { DType } from "../dtype.ts";

/** Calls rowFn(row, n, unitStride, out) for each inner row; returns the row-major result. */
export function mapRows<A extends Float32Array | Float64Array>(x: Tensor, dtype: DType, rowFn: (row: A, n: number, unit: boolean, out: A) => void): Tensor {
  const s = x._storage as ArrayLike<number>;
  const shape = x._shape, strides = x._strides;
  const nd = shape.length;
  let n = 1;
  for (const v of shape) n *= v;
  const out = new dtype.ctor(n) as A;
  if (n > 0) {
    const ostr: number[] = new Array(nd);
    for (let i = nd - 1, p = 1; i >= 0; i--) {
      ostr[i] = p;
      p *= shape[i];
    }
    const dims = [...Array(nd).keys()].filter((i) => shape[i] !== 1).sort((a, b) => strides[a] - strides[b] || b - a);
    const sz = dims.map((i) => shape[i]);
    const is = dims.map((i) => strides[i]);
    const os = dims.map((i) => ostr[i]);
    let k = 0, L = 1, st = 1;
    if (sz.length > 0) {
      L = sz[0];
      st = is[0];
      k = 1;
      while (k < sz.length && is[k] === st * L) L *= sz[k++];
    }
    const inSz = sz.slice(0, k), inOs = os.slice(0, k);
    const inIdx = new Array(k).fill(0);
    const outer = sz.slice(k), ois = is.slice(k), oos = os.slice(k);
    const m = outer.length;
    const idx = new Array(m).fill(0);
    const row = new dtype.ctor(L) as A;
    const res = new dtype.ctor(L) as A;
    // a dense row-major input maps straight onto the output
    const direct = m === 0 && k <= 1 && (k === 0 || inOs[0] === 1);
    let ip = x._offset, op = 0;
    for (;;) {
      for (let i = 0, q = ip; i < L; i++, q += st) row[i] = s[q];
      rowFn(row, L, st === 1, direct ? out : res);
      if (direct) break;
      inIdx.fill(0);
      let q = op;
      for (let i = 0; i < L; i++) {
        out[q] = res[i];
        for (let d = 0; d < k; d++) {
          inIdx[d]++;
          q += inOs[d];
          if (inIdx[d] < inSz[d]) break;
          q -= inOs[d] * inSz[d];
          inIdx[d] = 0;
        }
      }
      let d = 0;
      for (; d < m; d++) {
        idx[d]++;
        ip += ois[d];
        op += oos[d];
        if (idx[d] < outer[d]) break;
        ip -= ois[d] * outer[d];
        op -= oos[d] * outer[d];
        idx[d] = 0;
      }
      if (d === m) break;
    }
  }
  return Tensor.fromData(out, shape.slice(), dtype, x._dialect);
}
