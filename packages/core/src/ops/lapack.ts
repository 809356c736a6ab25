// torch.linalg (vector_norm, norm, matrix_norm, inv, det, slogdet, solve) and torch.inverse /
// det / logdet / slogdet, with PyTorch 1.13's grad_fn names and messages. The factorisations
// follow PyTorch's LAPACK calls operation by operation (see "LU as PyTorch runs it").

import { defineOp, ops } from "../op.ts";
import { Tensor } from "../tensor.ts";
import { RuntimeError, PyTuple } from "@tsgrad/py";
import { float32, type DType } from "../dtype.ts";
import { scalarTypeName } from "./linalg.ts";
import { normBackward } from "./norms.ts";
import { returnType } from "./minmax.ts";
import { logf as glibcLogf } from "../kernels/glibc_f32.ts";

type T = Tensor;
const isT = (v: unknown): v is Tensor => v instanceof Tensor;

/** torch.linalg.LinAlgError (torch._C._LinAlgError), a RuntimeError. */
export class _LinAlgError extends RuntimeError {}

function ordValue(p: unknown): number {
  if (typeof p === "string") {
    if (p === "inf") return Infinity;
    if (p === "-inf") return -Infinity;
  }
  return Number(p);
}

// ---- norms -------------------------------------------------------------------------------------

defineOp("linalg_vector_norm", {
  sig: "linalg_vector_norm(Tensor input, Scalar ord=2, int[]? dim=None, bool keepdim=False, *, dtype? dtype=None)",
  method: false,
  names: { torch: "LinalgVectorNormBackward0" },
  forward(ctx, x: T, ord: unknown, dim: unknown, keepdim: boolean, dtype: DType | null) {
    if (x.dtype.kind !== "float")
      throw new RuntimeError(`linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${scalarTypeName(x.dtype)}`);
    const out = ops._norm.call(x, ordValue(ord), dim ?? null, keepdim, { dtype }) as T;
    if (ctx.op) ctx.save_for_backward(x, out);
    return out;
  },
  backward(ctx, g) {
    const [x, out] = ctx.saved_tensors;
    const p = ordValue(ctx.args[1]);
    const dim = ctx.args[2];
    const keep = ctx.args[3] as boolean;
    let gg = g, nn = out;
    if (!keep && dim !== null && dim !== undefined) {
      const dims = (Array.isArray(dim) ? dim : [dim]).map((d) => (Number(d) < 0 ? Number(d) + x._shape.length : Number(d))).sort((a, b) => a - b);
      for (const d of dims) {
        gg = gg.unsqueeze(d);
        nn = nn.unsqueeze(d);
      }
    } else if (!keep) {
      const shape = x._shape.map(() => 1);
      gg = gg.reshape(shape);
      nn = nn.reshape(shape);
    }
    return [normBackward(gg, x, p, nn)];
  },
});

function matrixNorm(A: T, ord: unknown, dim: number[], keepdim: boolean, who: string): T {
  if (A._shape.length < 2) throw new RuntimeError(`${who}: The input tensor A must have at least 2 dimensions.`);
  const [d0, d1] = dim.map((d) => (d < 0 ? d + A._shape.length : d));
  if (ord === "fro" || ord === null || ord === undefined) return ops.linalg_vector_norm.call(A, 2, [d0, d1], keepdim) as T;
  if (ord === "nuc" || Math.abs(ordValue(ord)) === 2) throw new RuntimeError(`${who}: ord=${String(ord)} needs singular values, which tsgrad does not compute yet`);
  const p = ordValue(ord);
  if (![1, -1, Infinity, -Infinity].includes(p)) throw new RuntimeError(`${who}: Order ${ord} not supported.`);
  // 1.13: abs(A).sum(dim0).amax(dim1) for 1; rows for inf; amin for the negative orders
  const [sumDim, redDim] = Math.abs(p) === 1 ? [d0, d1] : [d1, d0];
  const r = A.abs().sum(sumDim, keepdim);
  const red = !keepdim && sumDim < redDim ? redDim - 1 : redDim;
  return (p > 0 ? (r as any).amax(red, keepdim) : (r as any).amin(red, keepdim)) as T;
}

defineOp("linalg_matrix_norm", {
  sig: "linalg_matrix_norm(Tensor input, any ord='fro', int[]? dim=None, bool keepdim=False, *, dtype? dtype=None)",
  method: false,
  forward: (_ctx, A: T, ord: unknown, dim: unknown, keepdim: boolean) => matrixNorm(A, ord, dim === null ? [-2, -1] : (dim as number[]).map(Number), keepdim, "linalg.matrix_norm"),
});

defineOp("linalg_norm", {
  sig: "linalg_norm(Tensor input, any ord=None, int[]? dim=None, bool keepdim=False, *, dtype? dtype=None)",
  method: false,
  forward(_ctx, A: T, ord: unknown, dim: unknown, keepdim: boolean, dtype: DType | null) {
    const dl = dim === null || dim === undefined ? null : (Array.isArray(dim) ? dim : [dim]).map(Number);
    if (ord === null || ord === undefined) {
      if (dl !== null && dl.length === 2) return matrixNorm(A, "fro", dl, keepdim, "linalg.norm");
      return ops.linalg_vector_norm.call(A, 2, dl, keepdim, { dtype }) as T;
    }
    const isMatrix = dl !== null ? dl.length === 2 : A._shape.length === 2;
    if (typeof ord === "string" && ord !== "inf" && ord !== "-inf") {
      if (!isMatrix) throw new RuntimeError(`linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ${A._shape.length}D.`);
      return matrixNorm(A, ord, dl ?? [-2, -1], keepdim, "linalg.norm");
    }
    if (dl === null && A._shape.length > 2) throw new RuntimeError(`linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ${A._shape.length}D.`);
    if (isMatrix) return matrixNorm(A, ord, dl ?? [-2, -1], keepdim, "linalg.norm");
    return ops.linalg_vector_norm.call(A, ordValue(ord), dl, keepdim, { dtype }) as T;
  },
});

// ---- LU as PyTorch runs it -------------------------------------------------------------------
//
// PyTorch hands LAPACK the row-major buffer of A, which column-major LAPACK reads as A^T: det,
// slogdet, inv and solve factor A^T = P L U (OpenBLAS's left-looking getf2: earlier pivots applied
// to each column, forward substitution by dots, the rest by gemv, the pivot column scaled by the
// pivot's reciprocal) and solve with the transposed factors (getrs 'T'). Every operation rounds to
// the dtype (float32 through Math.fround). Checked: float32 det/inv/solve of 2x2, 3x3 and 4x4
// matrices have PyTorch's bits; from about 6x6 some inverse entries differ in the last bit
// (OpenBLAS's trsm/gemv kernels order their sums differently; det still matched).

interface LU {
  /** Column-major n x n factors of A^T: lu[i + j * n] is row i, column j. */
  lu: Float64Array;
  piv: number[];
  sign: number;
  /** 1-based index of the first zero pivot, or 0. */
  zero: number;
}

const ident = (v: number) => v;

function luFactorT(a: ArrayLike<number>, off: number, n: number, c: (v: number) => number): LU {
  // A row-major is A^T column-major: lu[i + j*n] = (A^T)[i][j] = A[j][i] = a[j*n + i]
  const lu = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) lu[i] = a[off + i];
  const piv: number[] = new Array(n).fill(0);
  let sign = 1, zero = 0;
  for (let j = 0; j < n; j++) {
    const b = j * n;
    for (let i = 0; i < j; i++) {
      const ip = piv[i];
      if (ip !== i) {
        const t = lu[b + i];
        lu[b + i] = lu[b + ip];
        lu[b + ip] = t;
      }
    }
    // unit lower triangular solve on the top part: b[i] -= dot(L[i, 0:i], b[0:i])
    for (let i = 1; i < j; i++) {
      let dot = 0;
      for (let k = 0; k < i; k++) dot = c(dot + c(lu[i + k * n] * lu[b + k]));
      lu[b + i] = c(lu[b + i] - dot);
    }
    // gemv: b[j:] -= L[j:, 0:j] b[0:j], column by column
    for (let k = 0; k < j; k++) {
      const t = -lu[b + k];
      for (let i = j; i < n; i++) lu[b + i] = c(lu[b + i] + c(t * lu[i + k * n]));
    }
    let jp = j, best = Math.abs(lu[b + j]);
    for (let i = j + 1; i < n; i++) {
      const v = Math.abs(lu[b + i]);
      if (v > best) {
        best = v;
        jp = i;
      }
    }
    piv[j] = jp;
    const pv = lu[b + jp];
    if (pv !== 0) {
      if (jp !== j) {
        sign = -sign;
        for (let k = 0; k <= j; k++) {
          const t = lu[j + k * n];
          lu[j + k * n] = lu[jp + k * n];
          lu[jp + k * n] = t;
        }
      }
      const r = c(1 / pv);
      for (let i = j + 1; i < n; i++) lu[b + i] = c(lu[b + i] * r);
    } else if (zero === 0) zero = j + 1;
  }
  return { lu, piv, sign, zero };
}

/** getrs('T') with the factors of A^T: solves A x = b for each column of b (n x m, row-major). */
function luSolveT(f: LU, n: number, bIn: ArrayLike<number>, m: number, c: (v: number) => number): Float64Array {
  const lu = f.lu;
  const x = new Float64Array(n * m);
  for (let i = 0; i < n * m; i++) x[i] = bIn[i];
  for (let col = 0; col < m; col++) {
    // U^T y = b (forward): U[k][i] = lu[k + i*n]
    for (let i = 0; i < n; i++) {
      let v = x[i * m + col];
      for (let k = 0; k < i; k++) v = c(v - c(lu[k + i * n] * x[k * m + col]));
      x[i * m + col] = c(v / lu[i + i * n]);
    }
    // L^T z = y (backward, unit diagonal): L[k][i] = lu[k + i*n], k > i
    for (let i = n - 1; i >= 0; i--) {
      let v = x[i * m + col];
      for (let k = i + 1; k < n; k++) v = c(v - c(lu[k + i * n] * x[k * m + col]));
      x[i * m + col] = v;
    }
    // the interchanges in reverse
    for (let i = n - 1; i >= 0; i--) {
      const ip = f.piv[i];
      if (ip !== i) {
        const t = x[i * m + col];
        x[i * m + col] = x[ip * m + col];
        x[ip * m + col] = t;
      }
    }
  }
  return x;
}

const rounder = (d: DType) => (d === float32 ? Math.fround : ident);

function checkSquare(A: T, who: string): void {
  if (A._shape.length < 2) throw new RuntimeError(`${who}: The input tensor A must have at least 2 dimensions.`);
  if (A.dtype.kind !== "float") throw new RuntimeError(`${who}: Expected a floating point or complex tensor as input. Got ${scalarTypeName(A.dtype)}`);
  const n = A._shape[A._shape.length - 1], m = A._shape[A._shape.length - 2];
  if (n !== m) throw new RuntimeError(`${who}: A must be batches of square matrices, but they are ${m} by ${n} matrices`);
}

function batches(A: T): { vals: ArrayLike<number>; nb: number; n: number } {
  const n = A._shape[A._shape.length - 1];
  const nb = A._shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { vals: A._contiguousValues(), nb, n };
}

function singular(who: string, b: number, nb: number, batched: boolean, zero: number): never {
  const pre = batched && nb >= 1 ? `(Batch element ${b}): ` : "";
  throw new _LinAlgError(`${who}: ${pre}The diagonal element ${zero} is zero, the inversion could not be completed because the input matrix is singular.`);
}

const mT = (x: T) => x.transpose(-2, -1);

defineOp("linalg_inv", {
  sig: "linalg_inv(Tensor A)",
  method: false,
  names: { torch: "LinalgInvExBackward0" },
  forward(ctx, A: T) {
    checkSquare(A, "linalg.inv");
    const { vals, nb, n } = batches(A);
    const out = new A.dtype.ctor(nb * n * n);
    const eye = new Float64Array(n * n);
    for (let i = 0; i < n; i++) eye[i * n + i] = 1;
    const c = rounder(A.dtype);
    for (let b = 0; b < nb; b++) {
      const f = luFactorT(vals, b * n * n, n, c);
      if (f.zero) singular("linalg.inv", b, nb, A._shape.length > 2, f.zero);
      const x = luSolveT(f, n, eye, n, c);
      out.set(A.dtype === float32 ? Float32Array.from(x) : x, b * n * n);
    }
    const res = Tensor.fromData(out, A._shape.slice(), A.dtype, A._dialect);
    if (ctx.op) ctx.save_for_backward(res);
    return res;
  },
  backward(ctx, g) {
    const [inv] = ctx.saved_tensors;
    return [mT(inv).matmul(g).matmul(mT(inv)).neg()];
  },
});

function detOf(A: T): { det: Float64Array; logabs: Float64Array; sign: Float64Array } {
  const { vals, nb, n } = batches(A);
  const c = rounder(A.dtype);
  const log = A.dtype === float32 ? glibcLogf : Math.log;
  const det = new Float64Array(nb), logabs = new Float64Array(nb), sign = new Float64Array(nb);
  for (let b = 0; b < nb; b++) {
    const f = luFactorT(vals, b * n * n, n, c);
    // prod(diagonal(LU)) in order, times the permutation's sign
    let d = 1, la = 0, s = f.sign;
    for (let i = 0; i < n; i++) {
      const u = f.lu[i * n + i];
      d = c(d * u);
      la = c(la + log(Math.abs(u)));
      if (u < 0) s = -s;
      if (u === 0) s = 0;
    }
    det[b] = d * f.sign;
    logabs[b] = la;
    sign[b] = s;
  }
  return { det, logabs, sign };
}

defineOp("linalg_det", {
  sig: "linalg_det(Tensor A)",
  method: false,
  names: { torch: "LinalgDetBackward0" },
  forward(ctx, A: T) {
    checkSquare(A, "linalg.det");
    const { det } = detOf(A);
    const res = Tensor.fromData(A.dtype === float32 ? Float32Array.from(det) : det, A._shape.slice(0, -2), A.dtype, A._dialect);
    if (ctx.op) ctx.save_for_backward(A, res);
    return res;
  },
  backward(ctx, g) {
    const [A, det] = ctx.saved_tensors;
    // d det / dA = det * A^{-T} (nonsingular A)
    const inv = ops.linalg_inv.call(A) as T;
    return [mT(inv).mul(g.mul(det).unsqueeze(-1).unsqueeze(-1))];
  },
});

defineOp("linalg_slogdet", {
  sig: "linalg_slogdet(Tensor A)",
  method: false,
  names: { torch: "LinalgSlogdetBackward0" },
  differentiableOutputs: [1],
  forward(ctx, A: T) {
    checkSquare(A, "linalg.slogdet");
    const { logabs, sign } = detOf(A);
    const shape = A._shape.slice(0, -2);
    const conv = (v: Float64Array) => (A.dtype === float32 ? Float32Array.from(v) : v);
    const s = Tensor.fromData(conv(sign), shape, A.dtype, A._dialect);
    const l = Tensor.fromData(conv(logabs), shape.slice(), A.dtype, A._dialect);
    if (ctx.op) ctx.save_for_backward(A);
    return returnType("linalg_slogdet", ["sign", "logabsdet"], [s, l]);
  },
  backward(ctx, _gs, gl) {
    const [A] = ctx.saved_tensors;
    if (!gl) return [null];
    const inv = ops.linalg_inv.call(A) as T;
    return [mT(inv).mul(gl.unsqueeze(-1).unsqueeze(-1))];
  },
});

defineOp("logdet", {
  sig: "logdet(Tensor input)",
  forward(_ctx, A: T) {
    checkSquare(A, "linalg.slogdet");
    const r = ops.linalg_slogdet.call(A) as unknown as PyTuple<T>;
    // 1.13: where(sign == -1, nan, logabsdet)
    // (a NaN tensor operand: `where` with a NaN Scalar loses the NaN at the moment)
    const nan = Tensor.fromData(new r[1].dtype.ctor([NaN]), [], r[1].dtype, r[1]._dialect);
    return ops.where.call(r[0].eq(-1), nan, r[1]) as T;
  },
});

defineOp("linalg_solve", {
  sig: "linalg_solve(Tensor A, Tensor B, *, bool left=True)",
  method: false,
  names: { torch: "LinalgSolveExBackward0" },
  forward(ctx, A: T, B: T, left: boolean) {
    if (!left) return mT(ops.linalg_solve.call(mT(A), mT(B)) as T);
    checkSquare(A, "linalg.solve");
    const n = A._shape[A._shape.length - 1];
    const vec = B._shape.length === 1 || (B._shape.length === A._shape.length - 1 && B._shape[B._shape.length - 1] === n && A._shape.length > 2);
    if (B._shape.length === 1 ? B._shape[0] !== n : !vec && B._shape[B._shape.length - 2] !== n)
      throw new RuntimeError(`linalg.solve: Incompatible shapes of A and B for the equation AX = B (${A._shape.join("x")} and ${B._shape.join("x")})`);
    const Bm = vec ? B.unsqueeze(-1) : B;
    const m = Bm._shape[Bm._shape.length - 1];
    const batch = A._shape.slice(0, -2);
    const Ab = A.contiguous(), Bb = Bm.expand([...batch, n, m]).contiguous();
    const av = Ab._contiguousValues(), bv = Bb._contiguousValues();
    const nb = batch.reduce((a, b) => a * b, 1);
    const out = new A.dtype.ctor(nb * n * m);
    const c = rounder(A.dtype);
    for (let b = 0; b < nb; b++) {
      const f = luFactorT(av, b * n * n, n, c);
      if (f.zero) throw new _LinAlgError("torch.linalg.solve: The solver failed because the input matrix is singular.");
      const x = luSolveT(f, n, Float64Array.from({ length: n * m }, (_, i) => bv[b * n * m + i]), m, c);
      out.set(A.dtype === float32 ? Float32Array.from(x) : x, b * n * m);
    }
    let X = Tensor.fromData(out, [...batch, n, m], A.dtype, A._dialect);
    if (vec) X = X.squeeze(-1);
    if (ctx.op) ctx.save_for_backward(A, X);
    return X;
  },
  backward(ctx, g) {
    const [A, X] = ctx.saved_tensors;
    const gB = ops.linalg_solve.call(mT(A), g) as T;
    const vec = X._shape.length === A._shape.length - 1;
    const gA = vec ? gB.unsqueeze(-1).matmul(X.unsqueeze(-2)).neg() : gB.matmul(mT(X)).neg();
    return [ctx.needs_input_grad[0] ? gA : null, ctx.needs_input_grad[1] ? gB : null];
  },
});

// torch.inverse / torch.det / torch.slogdet and their methods are the linalg ops under other names
defineOp("inverse", { sig: "inverse(Tensor input)", forward: (_c, A: T) => ops.linalg_inv.call(A) });
defineOp("det", { sig: "det(Tensor input)", forward: (_c, A: T) => ops.linalg_det.call(A) });
defineOp("slogdet", {
  sig: "slogdet(Tensor input)",
  forward: (_c, A: T) => {
    const r = ops.linalg_slogdet.call(A) as unknown as PyTuple<T>;
    return returnType("slogdet", ["sign", "logabsdet"], [r[0], r[1]]);
  },
});

void isT;
