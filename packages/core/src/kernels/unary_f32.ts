// Float32 unary kernels in TensorIterator's order, for element functions whose result depends on
// where an element sits (ATen 1.13 CPU, one thread):
//   - vml ops (vec::map over each inner row, strided rows copied to a buffer first): lanes are
//     grouped by 8 from the start of every row, and SLEEF's trig functions choose their argument
//     reduction per group (sleef_f32_more.ts);
//   - cpu_kernel_vec ops: a unit-stride inner row runs its first n - n % 16 elements through the
//     vectorized function and the rest through the scalar one; other rows are all scalar.
// The output takes the input's dim order (TensorIterator allocates it so), dims are visited
// innermost = smallest input stride (ties keep the later dim inner), size-1 dims dropped, and
// neighbouring dims merged while the input's strides chain (stride[k] = stride[k-1] * size[k-1]).

import { Tensor } from "../tensor.ts";
import { float32 } from "../dtype.ts";
import { TRIG_BIG } from "./sleef_f32_more.ts";

/** Calls rowFn(row, n, unitStride, out) for each inner row; returns the row-major result. */
export function mapRowsF32(x: Tensor, rowFn: (row: Float32Array, n: number, unit: boolean, out: Float32Array) => void): Tensor {
  const s = x._storage as ArrayLike<number>;
  const shape = x._shape, strides = x._strides;
  const nd = shape.length;
  let n = 1;
  for (const v of shape) n *= v;
  const out = new Float32Array(n);
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
    const row = new Float32Array(L);
    const res = new Float32Array(L);
    let ip = x._offset, op = 0;
    for (;;) {
      for (let i = 0, q = ip; i < L; i++, q += st) row[i] = s[q];
      rowFn(row, L, st === 1, res);
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
  return Tensor.fromData(out, shape.slice(), float32, x._dialect);
}

/** cpu_kernel_vec over a float32 tensor: vec on 16-blocks of unit-stride rows, scalar elsewhere. */
export function cpuKernelVecF32(x: Tensor, vec: (v: number) => number, scalar: (v: number) => number): Tensor {
  return mapRowsF32(x, (row, n, unit, out) => {
    const nv = unit ? n - (n % 16) : 0;
    for (let i = 0; i < nv; i++) out[i] = vec(row[i]);
    for (let i = nv; i < n; i++) out[i] = scalar(row[i]);
  });
}

/** vec::map of a SLEEF trig function: per group of 8 lanes, the reduction is chosen once. */
export function vmlTrigF32(x: Tensor, fn: (v: number, big: boolean) => number): Tensor {
  return mapRowsF32(x, (row, n, _unit, out) => {
    for (let g = 0; g < n; g += 8) {
      const e = Math.min(g + 8, n);
      let big = false;
      for (let i = g; i < e; i++) if (!(Math.abs(row[i]) < TRIG_BIG)) big = true;
      for (let i = g; i < e; i++) out[i] = fn(row[i], big);
    }
  });
}
