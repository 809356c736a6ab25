// Float64 unary kernels in TensorIterator's order, for element functions whose result depends on
// where an element sits (ATen 1.13 CPU, AVX2, one thread); the float64 twin of unary_f32.ts:
//   - vml ops (vec::map over each inner row, strided rows copied to a buffer first): lanes are
//     grouped by 4 (Vectorized<double>::size()) from the start of every row, the tail as a partial
//     vector padded with zeros; SLEEF's trig functions choose their argument reduction per group
//     (sleef_f64.ts trigTier);
//   - cpu_kernel_vec ops (sinh, cosh, sigmoid): a unit-stride inner row runs its first n - n % 8
//     elements (2 vectors per step) through the vectorized function and the rest through the
//     scalar one (glibc); other rows are all scalar.
// Row order and output layout as in unary_f32.ts (output in the input's dim order, size-1 dims
// dropped, dims merged while the input's strides chain).

import { Tensor } from "../tensor.ts";
import { float64 } from "../dtype.ts";
import { trigTier } from "./sleef_f64.ts";

/** Calls rowFn(row, n, unitStride, out) for each inner row; returns the row-major result. */
export function mapRowsF64(x: Tensor, rowFn: (row: Float64Array, n: number, unit: boolean, out: Float64Array) => void): Tensor {
  const s = x._storage as ArrayLike<number>;
  const shape = x._shape, strides = x._strides;
  const nd = shape.length;
  let n = 1;
  for (const v of shape) n *= v;
  const out = new Float64Array(n);
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
    const row = new Float64Array(L);
    const res = new Float64Array(L);
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
  return Tensor.fromData(out, shape.slice(), float64, x._dialect);
}

/** cpu_kernel_vec over a float64 tensor: vec on 8-blocks of unit-stride rows, scalar elsewhere. */
export function cpuKernelVecF64(x: Tensor, vec: (v: number) => number, scalar: (v: number) => number): Tensor {
  return mapRowsF64(x, (row, n, unit, out) => {
    const nv = unit ? n - (n % 8) : 0;
    for (let i = 0; i < nv; i++) out[i] = vec(row[i]);
    for (let i = nv; i < n; i++) out[i] = scalar(row[i]);
  });
}

/** vec::map of a SLEEF trig function: per group of 4 lanes, the reduction is chosen once. */
export function vmlTrigF64(x: Tensor, fn: (v: number, tier: number) => number): Tensor {
  return mapRowsF64(x, (row, n, _unit, out) => {
    for (let g = 0; g < n; g += 4) {
      const e = Math.min(g + 4, n);
      let tier = 0;
      for (let i = g; i < e; i++) {
        const t = trigTier(row[i]);
        if (t > tier) tier = t;
      }
      for (let i = g; i < e; i++) out[i] = fn(row[i], tier);
    }
  });
}
