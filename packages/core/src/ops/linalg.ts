// Matrix products. mm, bmm, mv and dot are primitive ops with their own kernels and derivatives;
// matmul is composed of them exactly as PyTorch 1.13's _matmul_impl composes them (folding batch
// dims into mm, expanding batches for bmm, _unsafe_view of the result), so grad_fn chains and
// error messages are the ones PyTorch shows. outer, addmm, addmv and baddbmm follow.

import { defineOp, ops, type Ctx } from "../op.ts";
import { Tensor } from "../tensor.ts";
import { RuntimeError } from "@tsgrad/py";
import { bool, float32, type DType, type TypedArray } from "../dtype.ts";
import { broadcastShapes, contiguousStrides, numelOf } from "../kernels/strided.ts";
import { fastKernels, fastThresholds } from "../kernels/fast.ts";
import { deviceState, deviceOfOperands, backendFor } from "../kernels/backends.ts";

type T = Tensor;

/** PyTorch's ScalarType name (`Float`, `Double`, `Long`...), as its dtype-check messages use it. */
export function scalarTypeName(d: DType): string {
  return d.legacyName.replace(/Tensor$/, "");
}

// ---- kernel ----------------------------------------------------------------------------------

/**
 * Copy one matrix (rows x cols, read through arbitrary strides) into panels of 4 rows: panel p
 * holds rows 4p..4p+3 interleaved along the columns, zero-padded. Both GEMM operands are packed
 * this way (B as its transpose), so the micro-kernel reads two sequential streams and a
 * transposed operand costs nothing extra.
 */
function pack(s: TypedArray, off: number, rowStride: number, colStride: number, rows: number, cols: number): Float64Array {
  const panels = Math.ceil(rows / 4);
  const out = new Float64Array(panels * 4 * cols);
  for (let p = 0; p < panels; p++) {
    const base = p * 4 * cols;
    for (let r = 0; r < 4; r++) {
      const i = p * 4 + r;
      if (i >= rows) break;
      let src = off + i * rowStride;
      for (let k = 0; k < cols; k++, src += colStride) out[base + k * 4 + r] = s[src];
    }
  }
  return out;
}

/**
 * C[M,N] = A[M,K] @ B[K,N] with A and B packed by `pack` (B as B^T), each 4x4 block of C in 16
 * locals over the whole K loop. Every output is summed in order of k, each product and each
 * addition rounded to C's precision (`f32`: float32), as the reference BLAS that Debian's
 * PyTorch calls (netlib sgemm/sgemv/sdot, compiled without FMA contraction) accumulates; a
 * double accumulator would differ from PyTorch in the last bit for about half the outputs.
 * `init` (row-major M x N, or null for zeros) is where the sums start: an in-place BLAS form
 * accumulates onto beta * C (addmm's bias) instead of adding it at the end.
 */
function gemmPacked(Ap: Float64Array, Bp: Float64Array, C: TypedArray, cOff: number, M: number, K: number, N: number, f32: boolean, init: ArrayLike<number> | null): void {
  const PA = Math.ceil(M / 4);
  const PB = Math.ceil(N / 4);
  const K4 = K * 4;
  const blk = new Float64Array(16);
  for (let q = 0; q < PB; q++) {
    const bBase = q * K4;
    const j0 = q * 4;
    const nc = Math.min(4, N - j0);
    for (let p = 0; p < PA; p++) {
      const i0 = p * 4;
      const nr = Math.min(4, M - i0);
      blk.fill(0);
      if (init !== null) for (let r = 0; r < nr; r++) for (let c = 0; c < nc; c++) blk[r * 4 + c] = init[(i0 + r) * N + j0 + c];
      if (f32) block4x4F32(Ap, p * K4, Bp, bBase, K, blk);
      else block4x4(Ap, p * K4, Bp, bBase, K, blk);
      const o = cOff + i0 * N + j0;
      for (let r = 0; r < nr; r++) for (let c = 0; c < nc; c++) C[o + r * N + c] = blk[r * 4 + c];
    }
  }
}

/** blk[r*4+c] += sum over k of A[r][k]*B[c][k], in k order, in double (float64 BLAS). */
function block4x4(Ap: Float64Array, ai: number, Bp: Float64Array, bi: number, K: number, blk: Float64Array): void {
  let c00 = blk[0], c01 = blk[1], c02 = blk[2], c03 = blk[3], c10 = blk[4], c11 = blk[5], c12 = blk[6], c13 = blk[7];
  let c20 = blk[8], c21 = blk[9], c22 = blk[10], c23 = blk[11], c30 = blk[12], c31 = blk[13], c32 = blk[14], c33 = blk[15];
  for (let k = 0; k < K; k++, ai += 4, bi += 4) {
    const a0 = Ap[ai], a1 = Ap[ai + 1], a2 = Ap[ai + 2], a3 = Ap[ai + 3];
    const b0 = Bp[bi], b1 = Bp[bi + 1], b2 = Bp[bi + 2], b3 = Bp[bi + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  blk[0] = c00; blk[1] = c01; blk[2] = c02; blk[3] = c03; blk[4] = c10; blk[5] = c11; blk[6] = c12; blk[7] = c13;
  blk[8] = c20; blk[9] = c21; blk[10] = c22; blk[11] = c23; blk[12] = c30; blk[13] = c31; blk[14] = c32; blk[15] = c33;
}

/** block4x4 in float32: every product and every addition rounded (sgemm's arithmetic). */
function block4x4F32(Ap: Float64Array, ai: number, Bp: Float64Array, bi: number, K: number, blk: Float64Array): void {
  const f = Math.fround;
  let c00 = blk[0], c01 = blk[1], c02 = blk[2], c03 = blk[3], c10 = blk[4], c11 = blk[5], c12 = blk[6], c13 = blk[7];
  let c20 = blk[8], c21 = blk[9], c22 = blk[10], c23 = blk[11], c30 = blk[12], c31 = blk[13], c32 = blk[14], c33 = blk[15];
  for (let k = 0; k < K; k++, ai += 4, bi += 4) {
    const a0 = Ap[ai], a1 = Ap[ai + 1], a2 = Ap[ai + 2], a3 = Ap[ai + 3];
    const b0 = Bp[bi], b1 = Bp[bi + 1], b2 = Bp[bi + 2], b3 = Bp[bi + 3];
    c00 = f(c00 + f(a0 * b0)); c01 = f(c01 + f(a0 * b1)); c02 = f(c02 + f(a0 * b2)); c03 = f(c03 + f(a0 * b3));
    c10 = f(c10 + f(a1 * b0)); c11 = f(c11 + f(a1 * b1)); c12 = f(c12 + f(a1 * b2)); c13 = f(c13 + f(a1 * b3));
    c20 = f(c20 + f(a2 * b0)); c21 = f(c21 + f(a2 * b1)); c22 = f(c22 + f(a2 * b2)); c23 = f(c23 + f(a2 * b3));
    c30 = f(c30 + f(a3 * b0)); c31 = f(c31 + f(a3 * b1)); c32 = f(c32 + f(a3 * b2)); c33 = f(c33 + f(a3 * b3));
  }
  blk[0] = c00; blk[1] = c01; blk[2] = c02; blk[3] = c03; blk[4] = c10; blk[5] = c11; blk[6] = c12; blk[7] = c13;
  blk[8] = c20; blk[9] = c21; blk[10] = c22; blk[11] = c23; blk[12] = c30; blk[13] = c31; blk[14] = c32; blk[15] = c33;
}

/**
 * Batched product of strided operands: a is [batch?, M, K] and b is [batch?, K, N] given as
 * (shape, strides) of their last two dims plus a batch stride (0 = shared by every batch).
 */
function product(a: T, b: T, outShape: number[], batch: number, M: number, K: number, N: number, init: Float64Array | null = null): T {
  if (deviceState.active) {
    const dev = deviceOfOperands(a, b);
    if (dev !== null) return backendFor(dev).matmul(a, b, outShape, batch, M, K, N);
  }
  const fast = fastProduct(a, b, batch, M, K, N);
  if (fast !== null) {
    // onnxruntime's order is its own anyway: the in-place form's start values are added after
    if (init !== null) for (let i = 0; i < fast.length; i++) fast[i] = init[i] + fast[i];
    return Tensor.fromData(fast, outShape, a.dtype, a._dialect);
  }
  const f32 = a.dtype === float32 && a._dialect.productSums === "sequential";
  const out = new a.dtype.ctor(numelOf(outShape));
  if (init !== null && !(K > 0 && M > 0 && N > 0)) out.set(init);
  if (K > 0 && M > 0 && N > 0) {
    const na = a._shape.length, nb = b._shape.length;
    const aRs = a._strides[na - 2], aCs = a._strides[na - 1], aBs = na === 3 ? a._strides[0] : 0;
    const bRs = b._strides[nb - 2], bCs = b._strides[nb - 1], bBs = nb === 3 ? b._strides[0] : 0;
    for (let i = 0; i < batch; i++) {
      if (N === 1) {
        // matrix-vector (mv, dot): one strided dot product per row; packing would only pad
        const sa = a._storage, sb = b._storage;
        const f = Math.fround;
        for (let r = 0; r < M; r++) {
          let acc = init === null ? 0 : init[i * M + r];
          let pa = a._offset + i * aBs + r * aRs, pb = b._offset + i * bBs;
          if (f32) for (let k = 0; k < K; k++, pa += aCs, pb += bRs) acc = f(acc + f(sa[pa] * sb[pb]));
          else for (let k = 0; k < K; k++, pa += aCs, pb += bRs) acc += sa[pa] * sb[pb];
          out[i * M + r] = acc;
        }
        continue;
      }
      const Ap = pack(a._storage, a._offset + i * aBs, aRs, aCs, M, K);
      const Bp = pack(b._storage, b._offset + i * bBs, bCs, bRs, N, K);
      gemmPacked(Ap, Bp, out, i * M * N, M, K, N, f32, init === null ? null : init.subarray(i * M * N, (i + 1) * M * N));
    }
  }
  return Tensor.fromData(out, outShape, a.dtype, a._dialect);
}

/** Large float32 products go to the registered backend (onnxruntime) when one is plugged in. */
function fastProduct(a: T, b: T, batch: number, M: number, K: number, N: number): Float32Array | null {
  const mm = fastKernels.matmul;
  if (mm === undefined || a.dtype !== float32 || b.dtype !== float32 || batch * M * K * N < fastThresholds.matmulMacs) return null;
  // 2-D products (mm, a Linear, a matmul's backward): each operand row-major or a transposed
  // contiguous matrix (w.t(), g.t()) goes to Gemm as stored, with transA/transB, no copy
  const gemm = fastKernels.gemm;
  if (gemm !== undefined && batch === 1 && a._shape.length === 2 && b._shape.length === 2) {
    const A = matrixAsStored(a, M, K), B = matrixAsStored(b, K, N);
    if (A !== null && B !== null) {
      const r = gemm(A, B, M, K, N, a._strides[0] === 1 && M > 1, b._strides[0] === 1 && K > 1);
      if (r !== null) return r;
    }
  }
  // b = w.t() of a contiguous [N, K] w (a Linear weight, a matmul's backward; shared by every
  // batch or batch 1): one Gemm reads w transposed, so w is not copied column by column
  const nb = b._shape.length;
  if (fastKernels.matmulNT !== undefined && (batch === 1 || nb === 2) && b._strides[nb - 2] === 1 && b._strides[nb - 1] === K) {
    const w = b._storage;
    if (w instanceof Float32Array && w.length >= b._offset + N * K) {
      const r = fastKernels.matmulNT(batchedContiguous(a, batch, M, K), w.subarray(b._offset, b._offset + N * K), batch * M, K, N);
      if (r !== null) return r;
    }
  }
  const A = batchedContiguous(a, batch, M, K);
  const B = batchedContiguous(b, batch, K, N);
  return mm(A, B, batch, M, K, N);
}

/**
 * The storage of a rows x cols matrix that is row-major contiguous or the transpose of one
 * (column-major), as one Float32Array run of rows*cols values; null for any other layout.
 * Which of the two it is: strides[0] === 1 (with more than one row) means column-major.
 */
function matrixAsStored(t: T, rows: number, cols: number): Float32Array | null {
  const s = t._storage;
  if (!(s instanceof Float32Array)) return null;
  const rs = t._strides[0], cs = t._strides[1];
  const rowMajor = (cs === 1 || cols === 1) && (rs === cols || rows === 1);
  const colMajor = rows > 1 && rs === 1 && (cs === rows || cols === 1);
  if (!rowMajor && !colMajor) return null;
  const n = rows * cols;
  if (t._offset + n > s.length) return null;
  return t._offset === 0 && s.length === n ? s : s.subarray(t._offset, t._offset + n);
}

/** [batch, rows, cols] values in row-major order (a shared operand, batch stride 0, is repeated). */
function batchedContiguous(t: T, batch: number, rows: number, cols: number): Float32Array {
  const nd = t._shape.length;
  const one = rows * cols;
  if (t.is_contiguous() && t._offset === 0 && t._storage.length === one * (nd === 3 ? batch : 1)) {
    const s = t._storage as Float32Array;
    if (nd === 3 || batch === 1) return s;
  }
  const out = new Float32Array(batch * one);
  const rs = t._strides[nd - 2], cs = t._strides[nd - 1], bs = nd === 3 ? t._strides[0] : 0;
  const s = t._storage;
  let k = 0;
  for (let z = 0; z < batch; z++)
    for (let r = 0; r < rows; r++) {
      let p = t._offset + z * bs + r * rs;
      for (let c = 0; c < cols; c++, p += cs) out[k++] = s[p];
    }
  return out;
}

function notImplementedFor(kernel: string, d: DType): RuntimeError {
  return new RuntimeError(`"${kernel}" not implemented for '${scalarTypeName(d)}'`);
}
function dtypeMismatch(a: DType, b: DType): RuntimeError {
  return new RuntimeError(`expected scalar type ${scalarTypeName(a)} but found ${scalarTypeName(b)}`);
}

// ---- primitives -------------------------------------------------------------------------------

function checkMm(a: T, b: T, aName = "self"): void {
  if (a._shape.length !== 2) throw new RuntimeError(aName === "self" ? "self must be a matrix" : `mat1 must be a matrix, got ${a._shape.length}-D tensor`);
  if (b._shape.length !== 2) throw new RuntimeError(aName === "self" ? "mat2 must be a matrix" : `mat2 must be a matrix, got ${b._shape.length}-D tensor`);
  if (a._shape[1] !== b._shape[0])
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${a._shape[0]}x${a._shape[1]} and ${b._shape[0]}x${b._shape[1]})`);
}

defineOp("mm", {
  sig: "mm(Tensor input, Tensor mat2)",
  names: { oneflow: "matmul_backward" },
  forward(ctx, a: T, b: T) {
    checkMm(a, b);
    if (a.dtype !== b.dtype) throw dtypeMismatch(a.dtype, b.dtype);
    if (a.dtype === bool) throw notImplementedFor("addmm_impl_cpu_", bool);
    if (ctx.op) ctx.save_for_backward(a, b);
    const [M, K] = a._shape;
    const N = b._shape[1];
    return product(a, b, [M, N], 1, M, K, N);
  },
  backward(ctx, g) {
    const [a, b] = ctx.saved_tensors;
    return [ctx.needs_input_grad[0] ? mat1Grad(g, a, b) : null, ctx.needs_input_grad[1] ? mat2Grad(g, a, b) : null];
  },
});

/** A column-major matrix: a transposed contiguous one, such as a Linear's weight.t(). */
const columnMajor = (t: T) => t._strides[0] === 1 && t._strides[1] === t._shape[0];
/** PyTorch's mm_mat1_backward / mm_mat2_backward: a column-major operand gets its gradient as
 *  the transpose of a row-major product, so it comes out in the operand's own layout (a
 *  Linear's weight gradient is then contiguous, with no transposing copy of it). */
function mat1Grad(g: T, m1: T, m2: T): T {
  return columnMajor(m1) ? m2.mm(g.t()).t() : g.mm(m2.t());
}
function mat2Grad(g: T, m1: T, m2: T): T {
  return columnMajor(m2) ? g.t().mm(m1).t() : m1.t().mm(g);
}

defineOp("bmm", {
  sig: "bmm(Tensor input, Tensor mat2)",
  names: { oneflow: "batch_matmul_backward" },
  forward(ctx, a: T, b: T) {
    if (a._shape.length !== 3) throw new RuntimeError("batch1 must be a 3D tensor");
    if (b._shape.length !== 3) throw new RuntimeError("batch2 must be a 3D tensor");
    const [B, M, K] = a._shape;
    if (b._shape[0] !== B || b._shape[1] !== K)
      throw new RuntimeError(`Expected size for first two dimensions of batch2 tensor to be: [${B}, ${K}] but got: [${b._shape[0]}, ${b._shape[1]}].`);
    if (a.dtype !== b.dtype) throw dtypeMismatch(a.dtype, b.dtype);
    if (a.dtype === bool) throw notImplementedFor("bmm", bool);
    if (ctx.op) ctx.save_for_backward(a, b);
    const N = b._shape[2];
    return product(a, b, [B, M, N], B, M, K, N);
  },
  backward(ctx, g) {
    const [a, b] = ctx.saved_tensors;
    return [ctx.needs_input_grad[0] ? g.bmm(b.transpose(1, 2)) : null, ctx.needs_input_grad[1] ? a.transpose(1, 2).bmm(g) : null];
  },
});

defineOp("mv", {
  sig: "mv(Tensor input, Tensor vec)",
  forward(ctx, a: T, v: T) {
    if (a._shape.length !== 2 || v._shape.length !== 1)
      throw new RuntimeError(`vector + matrix @ vector expected, got 1, ${a._shape.length}, ${v._shape.length}`);
    const [M, K] = a._shape;
    if (v._shape[0] !== K) throw new RuntimeError(`size mismatch, got ${M}, ${M}x${K},${v._shape[0]}`);
    if (a.dtype !== v.dtype) throw dtypeMismatch(a.dtype, v.dtype);
    if (a.dtype === bool) throw notImplementedFor("addmv_impl_cpu", bool);
    if (ctx.op) ctx.save_for_backward(a, v);
    return product(a, v.unsqueeze(1), [M], 1, M, K, 1);
  },
  backward(ctx, g) {
    const [a, v] = ctx.saved_tensors;
    return [ctx.needs_input_grad[0] ? g.unsqueeze(1).mul(v) : null, ctx.needs_input_grad[1] ? a.t().mv(g) : null];
  },
});

function dotLike(name: "dot" | "vdot") {
  defineOp(name, {
    sig: `${name}(Tensor input, Tensor other)`,
    forward(ctx, a: T, b: T) {
      if (a._shape.length !== 1 || b._shape.length !== 1)
        throw new RuntimeError(`1D tensors expected, but got ${a._shape.length}D and ${b._shape.length}D tensors`);
      if (a.dtype !== b.dtype)
        throw new RuntimeError(`${name} : expected both vectors to have same dtype, but found ${scalarTypeName(a.dtype)} and ${scalarTypeName(b.dtype)}`);
      const n = a._shape[0];
      if (b._shape[0] !== n)
        throw new RuntimeError(
          `inconsistent tensor size, expected tensor [${n}] and src [${b._shape[0]}] to have the same number of elements, but got ${n} and ${b._shape[0]} elements respectively`,
        );
      if (a.dtype === bool) throw notImplementedFor(name, bool);
      if (ctx.op) ctx.save_for_backward(a, b);
      return product(a.unsqueeze(0), b.unsqueeze(1), [], 1, 1, n, 1);
    },
    backward(ctx, g) {
      const [a, b] = ctx.saved_tensors;
      return [ctx.needs_input_grad[0] ? b.mul(g) : null, ctx.needs_input_grad[1] ? a.mul(g) : null];
    },
  });
}
dotLike("dot");
dotLike("vdot");

/** at::_unsafe_view: a reshape of a fresh contiguous result that autograd records as UnsafeViewBackward0. */
defineOp("_unsafe_view", {
  sig: "_unsafe_view(Tensor input, int[] size)",
  method: false,
  names: { torch: "UnsafeViewBackward0", oneflow: "reshape_backward" },
  forward(_ctx, x: T, size: number[]) {
    const shape = size.map(Number);
    const c = x.is_contiguous() ? x : x.clone();
    return new Tensor(c._storage, shape, contiguousStrides(shape), c._offset, c.dtype, c._dialect);
  },
  backward: (ctx, g) => [g.reshape((ctx.args[0] as T)._shape)],
});

const unsafeView = (x: T, shape: number[]): T => ops._unsafe_view.call(x, shape);

/** Tensor.reshape as ATen spells it: a view when strides allow, else clone + _unsafe_view. */
function reshapeAten(x: T, shape: number[]): T {
  const r = x.reshape(shape);
  if (r._storage === x._storage) return r;
  return unsafeView(x.clone(), shape);
}

/** Rename the node of a result to the name PyTorch gives it (an in-place variant's, say). */
function renameNode(t: T, torchName: string): T {
  const fn = t._grad_fn as Ctx | null;
  if (fn && t._dialect.gradNames === "torch") fn._name = torchName;
  return t;
}

/** 1.13's should_fold: fold the batch dims of the bigger operand into mm/mv rows. */
function shouldFold(t1: T, dimOther: number): boolean {
  const d1 = t1._shape.length;
  if (d1 < 3 || (dimOther !== 1 && dimOther !== 2)) return false;
  const st = t1._strides;
  const sz = t1._shape;
  // a permute(0, 2, 1)-style operand is handled by bmm with transposed GEMMs instead
  if (d1 === 3 && dimOther === 2 && st[2] !== 1 && st[0] === sz[1] * sz[2]) return false;
  return true;
}

defineOp("matmul", {
  sig: "matmul(Tensor input, Tensor other)",
  forward(ctx, a: T, b: T) {
    if (a._dialect.gradNames === "oneflow") return flowMatmulNames(a, b, matmulForward(ctx, a, b));
    return matmulForward(ctx, a, b);
  },
});

/**
 * OneFlow's MatMulFunctor (nn_functor.cpp) dispatches one op: `matmul` for 2-D x 2-D,
 * `batch_matmul` for equal ranks above 2, `broadcast_matmul` when b is 2-D and a has more dims;
 * the output's node is named after it, whatever inner ops tsgrad composes it from.
 */
function flowMatmulNames(a: T, b: T, out: T): T {
  const fn = out._grad_fn as Ctx | null;
  if (fn === null) return out;
  const d1 = a._shape.length;
  const d2 = b._shape.length;
  if (d1 >= 2 && d2 >= 2) fn._name = d1 !== d2 ? "broadcast_matmul_backward" : d1 > 2 ? "batch_matmul_backward" : "matmul_backward";
  return out;
}

const matmulForward = function (_ctx: unknown, a: T, b: T): T {
    const d1 = a._shape.length;
    const d2 = b._shape.length;
    if (d1 === 0 || d2 === 0) throw new RuntimeError(`both arguments to matmul need to be at least 1D, but they are ${d1}D and ${d2}D`);
    if (d1 === 1 && d2 === 1) return a.dot(b);
    if (d1 === 2 && d2 === 1) return a.mv(b);
    if (d1 === 1 && d2 === 2) return renameNode(a.unsqueeze(0).mm(b).squeeze(0), "SqueezeBackward3");
    if (d1 === 2 && d2 === 2) return a.mm(b);
    if (shouldFold(a, d2) || shouldFold(b, d1)) {
      const transpose = d2 > d1;
      const t1: T = transpose ? b.mT : a;
      const t2: T = !transpose ? b : d1 === 2 ? a.t() : a;
      const s1: number[] = t1._shape;
      const outShape = s1.slice(0, -1);
      const folded = outShape.reduce((x, y) => x * y, 1);
      const t1f = reshapeAten(t1, [folded, s1[s1.length - 1]]);
      if (t2._shape.length === 2) {
        outShape.push(t2._shape[1]);
        const out = unsafeView(t1f.mm(t2), outShape);
        return transpose ? out.mT.contiguous() : out;
      }
      return unsafeView(t1f.mv(t2), outShape);
    }
    // batched: broadcast the batch dims, flatten them, bmm, and view back
    const n = d1 > 1 ? a._shape[d1 - 2] : 1;
    const m1 = a._shape[d1 - 1];
    const batch1 = a._shape.slice(0, Math.max(d1 - 2, 0));
    const m2 = d2 > 1 ? b._shape[d2 - 2] : b._shape[0];
    const p = d2 > 1 ? b._shape[d2 - 1] : 1;
    const batch2 = b._shape.slice(0, Math.max(d2 - 2, 0));
    const outShape = broadcastShapes(batch1, batch2);
    const nb = outShape.reduce((x, y) => x * y, 1);
    const a3 = reshapeAten(a.expand([...outShape, n, m1]), [nb, n, m1]);
    const vectorRhs = d2 === 1;
    let b3 = b.expand(vectorRhs ? [...outShape, m2] : [...outShape, m2, p]);
    b3 = vectorRhs ? reshapeAten(b3, [nb, m2]).unsqueeze(2) : reshapeAten(b3, [nb, m2, p]);
    if (d1 > 1) outShape.push(n);
    if (d2 > 1) outShape.push(p);
    const r = a3.bmm(b3);
    return unsafeView(vectorRhs ? r.squeeze(-1) : r, outShape);
};

defineOp("outer", {
  sig: "outer(Tensor input, Tensor vec2)",
  forward(_ctx, a: T, b: T) {
    if (a._shape.length !== 1) throw new RuntimeError(`outer: Expected 1-D argument self, but got ${a._shape.length}-D`);
    if (b._shape.length !== 1) throw new RuntimeError(`outer: Expected 1-D argument vec2, but got ${b._shape.length}-D`);
    return a.reshape([a._shape[0], 1]).mul(b);
  },
});
defineOp("ger", {
  sig: "ger(Tensor input, Tensor vec2)",
  forward: (_ctx, a: T, b: T) => a.outer(b),
});

// ---- fused multiply-adds ------------------------------------------------------------------------

const num = (v: unknown): number => Number(v);

/** beta * input + alpha * prod, where beta == 0 ignores input entirely (nan and inf included). */
function combine(input: T, prod: T, beta: number, alpha: number): T {
  // BLAS (and ATen's small bmm kernel) take alpha and beta as values of the tensor's type
  alpha = blasScalar(alpha, prod.dtype);
  beta = blasScalar(beta, prod.dtype);
  const scaled = alpha === 1 ? prod : prod.mul(alpha);
  const d = prod.dtype;
  const base = input.expand(prod._shape);
  if (beta === 0) return scaled;
  const inp = beta === 1 ? base : base.mul(beta);
  const out = inp.add(scaled);
  return out.dtype === d ? out : out.to(d);
}

/**
 * Which loop of reference BLAS's sgemm PyTorch 1.13's addmm_impl_cpu_ ends up in, for a
 * fresh row-major [M, N] result: the result is handed to column-major BLAS transposed (the
 * operands swap) unless N == 1, and each operand goes as stored ('n'), transposed ('t'), or
 * as a contiguous clone, by its strides. sgemm's loops for transa = 'n' accumulate onto
 * beta * C, scaling the other operand's element by alpha first; for transa = 't' they form
 * each dot product from zero and write alpha * sum + beta * C. Returns which operand alpha
 * scales in the first case, or null for the second.
 */
function sgemmAccumulatesInPlace(m1: T, m2: T): "mat1" | "mat2" | null {
  const [M, K] = m1._shape;
  const N = m2._shape[1];
  if (N !== 1) {
    // BLAS's A is mat2: as stored when row-major-like, 't' when column-major, else a row-major clone
    const [s0, s1] = m2._strides;
    if (s1 === 1 && s0 >= Math.max(1, N)) return "mat1";
    if (s0 === 1 && s1 >= Math.max(1, K)) return null;
    return "mat1";
  }
  // N == 1: no transpose of the result; BLAS's A is mat1 (a clone is row-major: 't')
  const [s0, s1] = m1._strides;
  if (s0 === 1 && s1 >= Math.max(1, M)) return "mat2";
  return null;
}

/** A Scalar as BLAS receives it: a float for sgemm/sgemv, a double for the float64 routines. */
function blasScalar(v: number, d: DType): number {
  return d === float32 ? Math.fround(v) : v;
}

/** beta * input broadcast to `shape`, rounded as the dtype does (BLAS's C := beta * C). */
function scaledStart(input: T, shape: number[], beta: number): Float64Array {
  const v = Float64Array.from(input.expand(shape).contiguous()._contiguousValues() as ArrayLike<number>);
  beta = blasScalar(beta, input.dtype);
  if (beta !== 1) {
    const f32 = input.dtype === float32;
    for (let i = 0; i < v.length; i++) v[i] = f32 ? Math.fround(beta * v[i]) : beta * v[i];
  }
  return v;
}

/** `t * alpha` with alpha as BLAS receives it (the in-place loops scale one operand first). */
function scaledOperand(t: T, alpha: number): T {
  return alpha === 1 ? t : t.mul(blasScalar(alpha, t.dtype));
}

/** Whether the in-place BLAS forms apply: float CPU operands of a reference-BLAS dialect, a bias that counts. */
function inPlaceCandidate(beta: number, alpha: number, input: T, x: T, y: T): boolean {
  if (x.dtype.kind !== "float" || x._dialect.productSums !== "sequential" || beta === 0 || alpha === 0) return false;
  return !(deviceState.active && deviceOfOperands(input, x, y) !== null);
}

defineOp("addmm", {
  sig: "addmm(Tensor input, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1)",
  forward(ctx, input: T, m1: T, m2: T, beta: unknown, alpha: unknown) {
    checkMm(m1, m2, "mat1");
    if (m1.dtype !== m2.dtype || input.dtype !== m1.dtype) throw new RuntimeError("self and mat2 must have the same dtype");
    if (ctx.op) ctx.save_for_backward(m1, m2);
    const b = num(beta), al = num(alpha);
    const form = inPlaceCandidate(b, al, input, m1, m2) ? sgemmAccumulatesInPlace(m1, m2) : null;
    if (form !== null) {
      const [M, K] = m1._shape;
      const N = m2._shape[1];
      const x = form === "mat1" ? scaledOperand(m1, al) : m1;
      const y = form === "mat2" ? scaledOperand(m2, al) : m2;
      return product(x, y, [M, N], 1, M, K, N, scaledStart(input, [M, N], b));
    }
    const prod = m1.mm(m2);
    return combine(input, prod, b, al);
  },
  backward(ctx, g) {
    const [m1, m2] = ctx.saved_tensors;
    const beta = num(ctx.args[3]);
    const alpha = num(ctx.args[4]);
    const ga = alpha === 1 ? g : g.mul(alpha);
    return [
      ctx.needs_input_grad[0] ? (beta === 1 ? g : g.mul(beta)) : null,
      ctx.needs_input_grad[1] ? mat1Grad(ga, m1, m2) : null,
      ctx.needs_input_grad[2] ? mat2Grad(ga, m1, m2) : null,
    ];
  },
});

defineOp("addmv", {
  sig: "addmv(Tensor input, Tensor mat, Tensor vec, *, Scalar beta=1, Scalar alpha=1)",
  forward(ctx, input: T, m: T, v: T, beta: unknown, alpha: unknown) {
    if (m._shape.length !== 2 || v._shape.length !== 1 || input._shape.length > 1)
      throw new RuntimeError(`vector + matrix @ vector expected, got ${input._shape.length}, ${m._shape.length}, ${v._shape.length}`);
    const [M, K] = m._shape;
    if (v._shape[0] !== K || (input._shape.length === 1 && input._shape[0] !== M && input._shape[0] !== 1))
      throw new RuntimeError(`size mismatch, got ${input._shape.length === 1 ? input._shape[0] : M}, ${M}x${K},${v._shape[0]}`);
    if (ctx.op) ctx.save_for_backward(m, v);
    const b = num(beta), al = num(alpha);
    // sgemv: a column-major matrix goes as stored ('n'), whose loop accumulates onto beta * y
    // with alpha * v[k] scaled first; otherwise 't' (dot products, alpha * sum added to beta * y)
    if (inPlaceCandidate(b, al, input, m, v) && m._strides[0] === 1 && (K === 1 || m._strides[1] >= Math.max(1, M)))
      return product(m, scaledOperand(v, al).unsqueeze(1), [M], 1, M, K, 1, scaledStart(input, [M], b));
    return combine(input, m.mv(v), b, al);
  },
  backward(ctx, g) {
    const [m, v] = ctx.saved_tensors;
    const beta = num(ctx.args[3]);
    const alpha = num(ctx.args[4]);
    const ga = alpha === 1 ? g : g.mul(alpha);
    return [
      ctx.needs_input_grad[0] ? (beta === 1 ? g : g.mul(beta)) : null,
      ctx.needs_input_grad[1] ? ga.unsqueeze(1).mul(v) : null,
      ctx.needs_input_grad[2] ? m.t().mv(ga) : null,
    ];
  },
});

defineOp("baddbmm", {
  sig: "baddbmm(Tensor input, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1)",
  forward(ctx, input: T, b1: T, b2: T, beta: unknown, alpha: unknown) {
    if (ctx.op) ctx.save_for_backward(b1, b2);
    const b = num(beta), al = num(alpha);
    if (b1._shape.length === 3 && b2._shape.length === 3 && input.dtype === b1.dtype && inPlaceCandidate(b, al, input, b1, b2)) {
      const [B, M, K] = b1._shape;
      const N = b2._shape[2];
      if (b2._shape[0] === B && b2._shape[1] === K && B > 0) {
        // ATen's small-batch kernel (K*M*N < 400) accumulates onto beta * input with alpha on
        // batch1's element; larger ones run addmm per batch, whose sgemm form the strides pick
        const form = K * M * N < 400 ? "mat1" : sgemmAccumulatesInPlace(b1.select(0, 0), b2.select(0, 0));
        if (form !== null) {
          const x = form === "mat1" ? scaledOperand(b1, al) : b1;
          const y = form === "mat2" ? scaledOperand(b2, al) : b2;
          return product(x, y, [B, M, N], B, M, K, N, scaledStart(input, [B, M, N], b));
        }
      }
    }
    const prod = b1.bmm(b2);
    if (input.dtype !== prod.dtype) throw dtypeMismatch(prod.dtype, input.dtype);
    return combine(input, prod, b, al);
  },
  backward(ctx, g) {
    const [b1, b2] = ctx.saved_tensors;
    const beta = num(ctx.args[3]);
    const alpha = num(ctx.args[4]);
    const ga = alpha === 1 ? g : g.mul(alpha);
    return [
      ctx.needs_input_grad[0] ? (beta === 1 ? g : g.mul(beta)) : null,
      ctx.needs_input_grad[1] ? ga.bmm(b2.transpose(1, 2)) : null,
      ctx.needs_input_grad[2] ? b1.transpose(1, 2).bmm(ga) : null,
    ];
  },
});
