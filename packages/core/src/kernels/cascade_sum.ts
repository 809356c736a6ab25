// PyTorch 1.13's CPU sum of float32/float64 tensors, bit for bit (aten/src/ATen/native/cpu/
// SumKernel.cpp, `cascade_sum`, AVX2 build, one thread). The last digits a tutorial prints for a
// sum, a mean or a loss depend on the order of the additions and on the accumulator's precision
// (float32 for float32: `acc_type<float, /*is_cuda=*/true>`), so this follows the kernel's order:
//
// - TensorIterator's layout: the output has stride 0 on reduced dims; dims are sorted with the
//   reduced ones innermost (then by input stride), adjacent dims are coalesced, and the kernel
//   sees 2-D blocks (size0 x size1) for each index of the outer dims, adding each block's sums
//   into the output (`*out += sum`), so outer reduced dims accumulate in order.
// - Within a block: a contiguous reduced dim of >= 8 (4 for double) elements is summed as
//   32-byte vectors by `row_sum` (four interleaved vector accumulators, each a cascade of levels
//   of 16+ terms), then the scalar tail, then the 8 lanes one by one; a contiguous kept dim is
//   summed four vectors (of output columns) at a time; anything else with scalar `row_sum` /
//   `multi_row_sum`.
//
// Parallel reductions (more than 32768 elements with several threads) split the work by thread
// count, which a program's output cannot tell; this is the single-thread order.

import type { DType } from "../dtype.ts";
import { float32 } from "../dtype.ts";
import { numelOf } from "./strided.ts";
import { multiRowSumFlat } from "./sum_run.ts";

type Add = (a: number, b: number) => number;

/** A vector or a scalar accumulator: `lanes` numbers, added lane by lane. */
type Acc = Float64Array;

/** ATen's utils::CeilLog2. */
function ceilLog2(x: number): number {
  if (x <= 2) return 1;
  return Math.floor(Math.log2(x - 1)) + 1;
}

/**
 * multi_row_sum: `nrows` sums at once over `size` steps; element (i, k) is read by `load(i, k)`
 * into an accumulator of `lanes` lanes (1 for scalars).
 */
export function multiRowSum(nrows: number, lanes: number, size: number, add: Add, load: (i: number, k: number, into: Acc) => void): Acc[] {
  const numLevels = 4;
  const levelPower = Math.max(4, Math.floor(ceilLog2(size) / numLevels));
  const levelStep = 2 ** levelPower;
  const acc: Acc[][] = [];
  for (let l = 0; l < numLevels; l++) {
    acc.push([]);
    for (let k = 0; k < nrows; k++) acc[l].push(new Float64Array(lanes));
  }
  const tmp = new Float64Array(lanes);
  const addInto = (dst: Acc, src: Acc) => {
    for (let q = 0; q < lanes; q++) dst[q] = add(dst[q], src[q]);
  };
  let i = 0;
  for (; i + levelStep <= size; ) {
    for (let j = 0; j < levelStep; ++j, ++i) {
      for (let k = 0; k < nrows; k++) {
        load(i, k, tmp);
        addInto(acc[0][k], tmp);
      }
    }
    for (let j = 1; j < numLevels; ++j) {
      for (let k = 0; k < nrows; k++) {
        addInto(acc[j][k], acc[j - 1][k]);
        acc[j - 1][k].fill(0);
      }
      // (i & (level_mask << (j * level_power))) != 0, without 32-bit shifts
      if (Math.floor(i / 2 ** (j * levelPower)) % levelStep !== 0) break;
    }
  }
  for (; i < size; ++i) {
    for (let k = 0; k < nrows; k++) {
      load(i, k, tmp);
      addInto(acc[0][k], tmp);
    }
  }
  for (let j = 1; j < numLevels; ++j) for (let k = 0; k < nrows; k++) addInto(acc[0][k], acc[j][k]);
  return acc[0];
}

/** row_sum: a row of `size` elements (element i read by `load(i, into)`), four-way interleaved. */
function rowSum(lanes: number, size: number, add: Add, load: (i: number, into: Acc) => void): Acc {
  const ilp = 4;
  const sizeIlp = Math.floor(size / ilp);
  const partial = multiRowSum(ilp, lanes, sizeIlp, add, (i, k, into) => load(i * ilp + k, into));
  const tmp = new Float64Array(lanes);
  for (let i = sizeIlp * ilp; i < size; i++) {
    load(i, tmp);
    for (let q = 0; q < lanes; q++) partial[0][q] = add(partial[0][q], tmp[q]);
  }
  for (let k = 1; k < ilp; k++) for (let q = 0; q < lanes; q++) partial[0][q] = add(partial[0][q], partial[k][q]);
  return partial[0];
}

/**
 * One 2-D block of cascade_sum's loop: `size0 x size1` elements of `s` from `inBase` with
 * strides `inS` (elements), added into `out` from `outBase` with strides `outS`.
 */
function sumBlock(
  s: ArrayLike<number>, inBase: number, inS: [number, number],
  out: { [i: number]: number }, outBase: number, outS: [number, number],
  size0: number, size1: number, lanes: number, add: Add,
): void {
  let in0 = inS[0], in1 = inS[1], o0 = outS[0], o1 = outS[1];
  // move the reduction to be the first dim
  if (o0 !== 0 && o1 === 0) {
    [in0, in1] = [in1, in0];
    [o0, o1] = [o1, o0];
    [size0, size1] = [size1, size0];
  }
  if (o0 !== 0 && o1 !== 0) {
    // not a reduction: out += in, elementwise
    for (let j = 0; j < size1; j++)
      for (let i = 0; i < size0; i++) {
        const oi = outBase + j * o1 + i * o0;
        out[oi] = add(out[oi], s[inBase + j * in1 + i * in0]);
      }
    return;
  }
  const outStride = o1;
  const store = (j: number, v: number) => {
    const oi = outBase + j * outStride;
    out[oi] = add(out[oi], v);
  };
  const scalarLoad = (base: number, stride: number) => (i: number, into: Acc) => {
    into[0] = s[base + i * stride];
  };
  if (in0 === 1 && size0 >= lanes) {
    // contiguous inner reduction: vectors along the row, then the tail, then the lanes
    const vecSize = Math.floor(size0 / lanes);
    for (let j = 0; j < size1; j++) {
      const row = inBase + j * in1;
      const vacc = rowSum(lanes, vecSize, add, (i, into) => {
        for (let q = 0; q < lanes; q++) into[q] = s[row + i * lanes + q];
      });
      let fin = 0;
      for (let k = vecSize * lanes; k < size0; k++) fin = add(fin, s[row + k]);
      for (let q = 0; q < lanes; q++) fin = add(fin, vacc[q]);
      store(j, fin);
    }
  } else if (in1 === 1 && size1 >= lanes) {
    // contiguous outer reduction: columns as vectors, four vectors at a time
    const nrows = 4;
    let j = 0;
    // multi_row_sum's row k lane q is column j + k*lanes + q: the flat form reads them as one
    // step of nrows*lanes contiguous values
    const width = nrows * lanes, f32 = lanes === 8;
    for (; j + width <= size1; j += width) {
      const sums = multiRowSumFlat(s, inBase + j, in0, size0, width, f32);
      for (let t = 0; t < width; t++) store(j + t, sums[t]);
    }
    for (; j + lanes <= size1; j += lanes) {
      const sums = rowSum(lanes, size0, add, (i, into) => {
        const b = inBase + j + i * in0;
        for (let q = 0; q < lanes; q++) into[q] = s[b + q];
      });
      for (let q = 0; q < lanes; q++) store(j + q, sums[q]);
    }
    for (; j < size1; j++) store(j, rowSum(1, size0, add, scalarLoad(inBase + j, in0))[0]);
  } else if (in0 < in1) {
    for (let j = 0; j < size1; j++) store(j, rowSum(1, size0, add, scalarLoad(inBase + j * in1, in0))[0]);
  } else {
    const nrows = 4;
    let j = 0;
    for (; j + (nrows - 1) < size1; j += nrows) {
      const sums = multiRowSum(nrows, 1, size0, add, (i, k, into) => {
        into[0] = s[inBase + (j + k) * in1 + i * in0];
      });
      for (let k = 0; k < nrows; k++) store(j + k, sums[k][0]);
    }
    for (; j < size1; j++) store(j, rowSum(1, size0, add, scalarLoad(inBase + j * in1, in0))[0]);
  }
}

/**
 * The sum over `dims` of a float tensor given by storage/shape/strides/offset, as PyTorch's
 * CPU kernel computes it; returns the output values (contiguous, keepdim layout order).
 */
export function cascadeSum(
  s: ArrayLike<number>, shape: readonly number[], strides: readonly number[], offset: number, dims: readonly number[], dtype: DType,
): Float64Array | Float32Array {
  const f32 = dtype === float32;
  const add: Add = f32 ? (a, b) => Math.fround(a + b) : (a, b) => a + b;
  const lanes = f32 ? 8 : 4;
  const nd = shape.length;
  const reduced = new Set(dims);
  // output: keepdim shape, contiguous, stride 0 on reduced dims
  const outShape = shape.map((n, i) => (reduced.has(i) ? 1 : n));
  const outStr = new Array<number>(nd);
  let acc = 1;
  for (let i = nd - 1; i >= 0; i--) {
    outStr[i] = reduced.has(i) ? 0 : acc;
    acc *= outShape[i];
  }
  const out = f32 ? new Float32Array(numelOf(outShape)) : new Float64Array(numelOf(outShape));
  if (nd === 0) {
    out[0] = add(0, s[offset]);
    return out;
  }
  if (numelOf(shape) === 0) return out;

  // reorder_dimensions: perm[0] is the innermost dim
  const perm = [...Array(nd).keys()].reverse();
  const ops = [outStr, strides];
  const shouldSwap = (d0: number, d1: number): number => {
    for (let a = 0; a < ops.length; a++) {
      const s0 = ops[a][d0], s1 = ops[a][d1];
      if (a === 0 && (s0 === 0) !== (s1 === 0)) return s1 === 0 ? 1 : -1;
      if (s0 === 0 || s1 === 0) continue;
      if (s0 < s1) return -1;
      if (s0 > s1) return 1;
      if (shape[d0] > shape[d1]) return 1;
    }
    return 0;
  };
  for (let i = 1; i < nd; i++) {
    let d1 = i;
    for (let d0 = i - 1; d0 >= 0; d0--) {
      const c = shouldSwap(perm[d0], perm[d1]);
      if (c > 0) {
        [perm[d0], perm[d1]] = [perm[d1], perm[d0]];
        d1 = d0;
      } else if (c < 0) break;
    }
  }
  const sh = perm.map((d) => shape[d]);
  const st = [perm.map((d) => outStr[d]), perm.map((d) => strides[d])];
  // coalesce_dimensions
  let prev = 0;
  for (let d = 1; d < sh.length; d++) {
    const can = sh[prev] === 1 || sh[d] === 1 || st.every((x) => sh[prev] * x[prev] === x[d]);
    if (can) {
      if (sh[prev] === 1) for (const x of st) x[prev] = x[d];
      sh[prev] *= sh[d];
    } else {
      prev++;
      if (prev !== d) {
        for (const x of st) x[prev] = x[d];
        sh[prev] = sh[d];
      }
    }
  }
  const k = prev + 1;
  const size0 = sh[0], size1 = k > 1 ? sh[1] : 1;
  const os: [number, number] = [st[0][0], k > 1 ? st[0][1] : 0];
  const is: [number, number] = [st[1][0], k > 1 ? st[1][1] : 0];
  // outer dims 2..k-1, dim 2 fastest
  const outer = sh.slice(2, k);
  const idx = new Array<number>(outer.length).fill(0);
  const total = outer.reduce((a, b) => a * b, 1);
  for (let n = 0; n < total; n++) {
    let ib = offset, ob = 0;
    for (let q = 0; q < outer.length; q++) {
      ib += idx[q] * st[1][q + 2];
      ob += idx[q] * st[0][q + 2];
    }
    sumBlock(s, ib, is, out, ob, os, size0, size1, lanes, add);
    for (let q = 0; q < outer.length; q++) {
      if (++idx[q] < outer[q]) break;
      idx[q] = 0;
    }
  }
  return out;
}
