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
import { mapRows } from "./map_rows.ts";

/** Calls rowFn(row, n, unitStride, out) for each inner row; returns the row-major result. */
export function mapRowsF32(x: Tensor, rowFn: (row: Float32Array, n: number, unit: boolean, out: Float32Array) => void): Tensor {
  return mapRows(x, float32, rowFn);
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
