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
import { mapRows } from "./map_rows.ts";

/** Calls rowFn(row, n, unitStride, out) for each inner row; returns the row-major result. */
export function mapRowsF64(x: Tensor, rowFn: (row: Float64Array, n: number, unit: boolean, out: Float64Array) => void): Tensor {
  return mapRows(x, float64, rowFn);
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
