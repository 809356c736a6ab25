// The whole-tensor sum of a contiguous float run, in exactly the order and precision of
// kernels/cascade_sum.ts (PyTorch 1.13's cascade_sum on one dim: `row_sum` over 32-byte vectors
// with four interleaved rows and four cascade levels, then the scalar tail, then the lanes).
// cascade_sum.ts handles every layout through per-element closures; this is its one-dim case
// written as flat loops over a reused scratch, because the tutorial loop's `y.sum()` and large
// `a.sum()` calls both land here and the general form costs microseconds per call. Tests
// compare the two bit for bit (test/sum_run.test.ts).

import { simdCascade, simdState, simdSumSteps } from "./wasm/simd.ts";

/** 4 levels x 4 rows x up to 8 lanes of accumulators, reused by every call. */
const scratch = new Float64Array(4 * 4 * 8);

/** ATen's utils::CeilLog2. */
function ceilLog2(x: number): number {
  if (x <= 2) return 1;
  return Math.floor(Math.log2(x - 1)) + 1;
}

/**
 * Sum of `s[off .. off+n)` as cascade_sum computes a full reduction of a contiguous tensor:
 * float32 (`f32`, 8 lanes, every addition rounded to float32) or float64 (4 lanes).
 */
export function cascadeSumRun(s: ArrayLike<number>, off: number, n: number, f32: boolean): number {
  const lanes = f32 ? 8 : 4;
  // a row shorter than one vector is summed as scalars (cascade_sum's scalar row_sum)
  const L = n >= lanes ? lanes : 1;
  const nv = Math.floor(n / L);
  rowSum(s, off, nv, L, f32);
  const acc = scratch;
  if (L === 1) return f32 ? Math.fround(0 + acc[0]) : 0 + acc[0];
  let fin = 0;
  if (f32) {
    for (let k = nv * L; k < n; k++) fin = Math.fround(fin + s[off + k]);
    for (let q = 0; q < L; q++) fin = Math.fround(fin + acc[q]);
    return Math.fround(0 + fin);
  }
  for (let k = nv * L; k < n; k++) fin += s[off + k];
  for (let q = 0; q < L; q++) fin += acc[q];
  return 0 + fin;
}

/**
 * row_sum over `size` vectors of `L` lanes (vector v = s[off + v*L ..]): multi_row_sum of four
 * interleaved rows, the leftover vectors into row 0, then rows 1-3 into row 0. Leaves the
 * result in scratch[0 .. L).
 */
function rowSum(s: ArrayLike<number>, off: number, size: number, L: number, f32: boolean): void {
  const acc = scratch;
  const rowLen = 4 * L; // one step reads four consecutive vectors, one per row
  const steps = Math.floor(size / 4);
  multiRowSumFlat(s, off, rowLen, steps, rowLen, f32);
  // row_sum's leftover vectors (size % 4) go into row 0
  for (let v = steps * 4; v < size; v++) {
    const b = off + v * L;
    if (f32) for (let q = 0; q < L; q++) acc[q] = Math.fround(acc[q] + s[b + q]);
    else for (let q = 0; q < L; q++) acc[q] += s[b + q];
  }
  for (let k = 1; k < 4; k++) {
    const r = k * L;
    if (f32) for (let q = 0; q < L; q++) acc[q] = Math.fround(acc[q] + acc[r + q]);
    else for (let q = 0; q < L; q++) acc[q] += acc[r + q];
  }
}

/**
 * multi_row_sum over `size` steps of `width` lanes (4 rows of vectors side by side), step i
 * reading s[base + i*stride + t] for t < width: the cascade of cascade_sum.ts's multiRowSum,
 * as flat loops. row_sum's four interleaved rows (stride = width) and a reduction over an outer
 * dim with contiguous columns (`x.sum(0)`, a bias gradient, whose general form costs a closure
 * call per element) both run here. Leaves lane t's sum in the returned scratch[t] (valid until
 * the next call; scratch holds level l at l * width).
 */
export function multiRowSumFlat(s: ArrayLike<number>, base: number, stride: number, size: number, width: number, f32: boolean): Float64Array {
  const acc = scratch;
  acc.fill(0, 0, 4 * width);
  const levelPower = Math.max(4, Math.floor(ceilLog2(size) / 4));
  const levelStep = 2 ** levelPower;
  let i = 0;
  // Large contiguous runs of 128-byte steps (a whole-tensor sum): the same level loop in
  // WebAssembly (levels 1-3 in scratch, level 0 in registers)
  const nblocks = Math.floor(size / levelStep);
  if (nblocks > 0 && simdSteps(s, stride, size, width, f32)) {
    if (simdCascade(s as Float32Array | Float64Array, base, nblocks, levelStep, levelPower, acc)) i = nblocks * levelStep;
  }
  while (i + levelStep <= size) {
    addStrided(s, base + i * stride, levelStep, stride, width, f32);
    i += levelStep;
    for (let j = 1; j < 4; j++) {
      const dst = j * width, src = (j - 1) * width;
      if (f32) for (let t = 0; t < width; t++) acc[dst + t] = Math.fround(acc[dst + t] + acc[src + t]);
      else for (let t = 0; t < width; t++) acc[dst + t] += acc[src + t];
      acc.fill(0, src, src + width);
      if (Math.floor(i / 2 ** (j * levelPower)) % levelStep !== 0) break;
    }
  }
  addStrided(s, base + i * stride, size - i, stride, width, f32);
  for (let j = 1; j < 4; j++) {
    const src = j * width;
    if (f32) for (let t = 0; t < width; t++) acc[t] = Math.fround(acc[t] + acc[src + t]);
    else for (let t = 0; t < width; t++) acc[t] += acc[src + t];
  }
  return acc;
}

/** Level 0 (scratch[0 .. width)) += `count` steps of `width` values, `stride` apart, from `base`. */
function addStrided(s: ArrayLike<number>, base: number, count: number, stride: number, width: number, f32: boolean): void {
  const acc = scratch;
  if (simdSteps(s, stride, count, width, f32) && simdSumSteps(s as Float32Array | Float64Array, base, count, acc)) return;
  // counted, not bounded by an end address: a size-1 dim may carry stride 0
  if (f32) {
    for (let r = 0, b = base; r < count; r++, b += stride) for (let t = 0; t < width; t++) acc[t] = Math.fround(acc[t] + s[b + t]);
  } else {
    for (let r = 0, b = base; r < count; r++, b += stride) for (let t = 0; t < width; t++) acc[t] += s[b + t];
  }
}

/**
 * Whether `count` steps can go to the WebAssembly kernels: contiguous steps of 128 bytes (32
 * float32 or 16 float64 lanes) in a typed array of the accumulation's type, enough of them to pay.
 */
function simdSteps(s: ArrayLike<number>, stride: number, count: number, width: number, f32: boolean): boolean {
  if (stride !== width || width * (f32 ? 4 : 8) !== 128 || count * width < simdState.minElements) return false;
  return f32 ? s instanceof Float32Array : s instanceof Float64Array;
}
