// Norms and statistics: norm, dist, std/var (+ _mean), logsumexp, softmax, log_softmax. Each
// derivative is written in ops (so second derivatives work) and follows PyTorch 1.13's formula,
// including its conventions at zero norms and ties.

import { defineOp, ops } from "../op.ts";
import { Tensor } from "../tensor.ts";
import { PyTuple, RuntimeError, ValueError } from "@tsgrad/py";
import { float32, get_default_dtype, type DType } from "../dtype.ts";
import { normalizeDims, reduceKernel } from "../kernels/reduce.ts";
import { unreduce } from "./reduce.ts";
import { scalarTypeName } from "./linalg.ts";
import { isHost } from "../kernels/backends.ts";
import { logSoftmaxInner, logSoftmaxLastdim, softmaxInner, softmaxLastdim } from "../kernels/sleef_f32.ts";

type T = Tensor;
type GroupFn = (s: ArrayLike<number>, pos: ArrayLike<number>, start: number, len: number) => number;

const dimList = (dim: unknown): number[] | null =>
  dim === null || dim === undefined ? null : Array.isArray(dim) ? dim.map(Number) : [Number(dim)];

function tuple(items: T[]): PyTuple<T> {
  const t = new PyTuple<T>();
  for (const x of items) t.push(x);
  return t;
}

// ---- norm -----------------------------------------------------------------------------------

function pValue(p: unknown): number {
  if (p === null || p === undefined || p === "fro") return 2;
  if (typeof p === "string") {
    if (p === "inf") return Infinity;
    if (p === "-inf") return -Infinity;
    throw new RuntimeError(`norm(): unsupported p ${p}`);
  }
  return Number(p);
}

function normGroup(p: number): GroupFn {
  if (p === 2)
    return (s, pos, st, n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a += s[pos[st + i]] * s[pos[st + i]];
      return Math.sqrt(a);
    };
  if (p === 1)
    return (s, pos, st, n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a += Math.abs(s[pos[st + i]]);
      return a;
    };
  if (p === Infinity)
    return (s, pos, st, n) => {
      let a = 0;
      for (let i = 0; i < n; i++) {
        const v = Math.abs(s[pos[st + i]]);
        if (v > a || v !== v) a = v;
        if (a !== a) break;
      }
      return a;
    };
  if (p === -Infinity)
    return (s, pos, st, n) => {
      let a = Infinity;
      for (let i = 0; i < n; i++) {
        const v = Math.abs(s[pos[st + i]]);
        if (v < a || v !== v) a = v;
        if (a !== a) break;
      }
      return a;
    };
  if (p === 0)
    return (s, pos, st, n) => {
      let a = 0;
      for (let i = 0; i < n; i++) if (s[pos[st + i]] !== 0) a++;
      return a;
    };
  return (s, pos, st, n) => {
    let a = 0;
    for (let i = 0; i < n; i++) a += Math.pow(Math.abs(s[pos[st + i]]), p);
    return Math.pow(a, 1 / p);
  };
}

/**
 * float32 norms in ATen 1.13's order (ReduceOpsKernel.cpp norm_kernel_tensor_iterator_impl): p=2
 * over a contiguous last dim is the vectorised path (8 float lanes accumulate x*x, the lanes are
 * summed left to right, then the tail), otherwise NormTwoOps/NormOneOps accumulate in float, in
 * order (one thread). The AVX2 build contracts `acc + x * x` into a fused multiply-add, in the
 * lanes and the tail alike (checked against PyTorch on 300 random lengths): x*x is exact in a
 * double, so fround(x * x + acc) is the fma. inf/-inf/0 are exact in any order; other p stay in
 * double.
 */
function normGroupF32(p: number, lastdim: boolean): GroupFn {
  const fr = Math.fround;
  if (p === 2 && lastdim)
    return (s, pos, st, n) => {
      const lanes = [0, 0, 0, 0, 0, 0, 0, 0];
      let d = 0;
      for (; d < n - (n % 8); d += 8)
        for (let j = 0; j < 8; j++) {
          const v = s[pos[st + d + j]];
          lanes[j] = fr(v * v + lanes[j]);
        }
      let acc = lanes[0];
      for (let j = 1; j < 8; j++) acc = fr(acc + lanes[j]);
      for (; d < n; d++) {
        const v = s[pos[st + d]];
        acc = fr(v * v + acc);
      }
      return fr(Math.sqrt(acc));
    };
  if (p === 2)
    return (s, pos, st, n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a = fr(s[pos[st + i]] * s[pos[st + i]] + a);
      return fr(Math.sqrt(a));
    };
  if (p === 1)
    return (s, pos, st, n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a = fr(a + Math.abs(s[pos[st + i]]));
      return a;
    };
  return normGroup(p);
}

/** ATen's is_reduce_lastdim after TensorIterator coalesces: the reduced elements of each output
 *  are one contiguous run (trailing dims of a row-major layout). */
function reducesLastdim(x: T, dims: number[]): boolean {
  const nd = x._shape.length;
  if (nd === 0) return true;
  const red = new Set(dims.length === 0 ? x._shape.map((_, i) => i) : dims);
  let expect = 1;
  let i = nd - 1;
  for (; i >= 0 && red.has(i); i--) {
    if (x._shape[i] !== 1 && x._strides[i] !== expect) return false;
    expect *= x._shape[i];
  }
  for (; i >= 0; i--) if (red.has(i) && x._shape[i] !== 1) return false;
  return true;
}

/** PyTorch 1.13's norm_backward, in ops (`norm` already has the reduced dims kept). */
export function normBackward(g: T, x: T, p: number, norm: T): T | null {
  if (p === 0) return null; // PyTorch gives no gradient for the 0-"norm"
  if (p === 1) return x.sign().mul(g);
  if (p === 2) return x.mul(g.div(norm)).masked_fill(norm.eq(0), 0);
  if (!Number.isFinite(p)) {
    const ax = x.abs();
    const mask = ax.eq(norm).logical_or(ax.ne(ax));
    const dims = x._shape.map((_, i) => i).filter((i) => norm._shape[i] === 1 && x._shape[i] !== 1);
    const count = dims.length > 0 ? mask.sum(dims, true) : mask.to(x.dtype);
    return x.sign().mul(g.div(count).mul(mask));
  }
  if (p < 1) return x.sign().mul(x.abs().pow(p - 1).masked_fill(x.eq(0), 0)).mul(g).mul(norm.pow(1 - p));
  if (p < 2) return x.sign().mul(x.abs().pow(p - 1)).mul(g).mul(norm.pow(1 - p)).masked_fill(norm.eq(0), 0);
  return x.mul(x.abs().pow(p - 2)).mul(g).div(norm.pow(p - 1)).masked_fill(norm.eq(0), 0);
}

function checkFloat(x: T, what: string): void {
  if (x.dtype.kind !== "float")
    throw new RuntimeError(`${what}(): input dtype should be either floating point or complex. Got ${scalarTypeName(x.dtype)} instead.`);
}

defineOp("_norm", {
  sig: "norm(Tensor input, any p=2, int[]? dim=None, bool keepdim=False, *, dtype? dtype=None)",
  method: false,
  names: { torch: "NormBackward1", oneflow: "norm_backward" },
  forward(ctx, x: T, p: unknown, dim: unknown, keepdim: boolean, dtype: DType | null) {
    checkFloat(x, "norm");
    const src = dtype && dtype !== x.dtype ? x.to(dtype) : x;
    const dims = normalizeDims(x, dimList(dim));
    const out = reduceKernel(src, dims, keepdim, src.dtype, src.dtype === float32 ? normGroupF32(pValue(p), reducesLastdim(src, dims)) : normGroup(pValue(p)));
    if (ctx.op) ctx.save_for_backward(src, out);
    return out;
  },
  backward(ctx, g) {
    const [x, out] = ctx.saved_tensors;
    const dims = normalizeDims(x, dimList(ctx.args[2]));
    const keepdim = ctx.args[3] as boolean;
    const gk = keepdim || x._shape.length === 0 ? g : keepDims(g, dims);
    const nk = keepdim || x._shape.length === 0 ? out : keepDims(out, dims);
    return [normBackward(gk, x, pValue(ctx.args[1]), nk)];
  },
});

/** Re-insert reduced dims as size 1 (the keepdim form) so they broadcast against the input. */
function keepDims(t: T, dims: number[]): T {
  for (const d of dims) t = t.unsqueeze(d);
  return t;
}

defineOp("norm", {
  sig: "norm(Tensor input, any p='fro', any dim=None, bool keepdim=False, *, dtype? dtype=None)",
  forward(_ctx, x: T, p: unknown, dim: unknown, keepdim: boolean, dtype: DType | null) {
    const dl = dimList(dim);
    if (p === "fro" || p === null || p === undefined) {
      if (dtype) throw new ValueError("dtype argument is not supported in frobenius norm");
      // 1.13 computes a two-dim Frobenius norm as sqrt(sum(x * x))
      if (dl !== null && dl.length === 2) return x.mul(x).sum(dl, keepdim).sqrt();
      return ops._norm.call(x, 2, dl, keepdim);
    }
    if (p === "nuc") throw new RuntimeError("norm(): nuclear norm is not supported");
    return ops._norm.call(x, p, dl, keepdim, { dtype });
  },
});

defineOp("dist", {
  sig: "dist(Tensor input, Tensor other, Scalar p=2)",
  forward(ctx, a: T, b: T, p: unknown) {
    const diff = a.sub(b);
    checkFloat(diff, "norm");
    const out = reduceKernel(diff, normalizeDims(diff, null), false, diff.dtype, normGroup(pValue(p)));
    if (ctx.op) ctx.save_for_backward(diff, out);
    return out;
  },
  backward(ctx, g) {
    const [diff, out] = ctx.saved_tensors;
    const ga = normBackward(g, diff, pValue(ctx.args[2]), out);
    return [ga, ga === null ? null : ga.neg()];
  },
});

// ---- var / std ------------------------------------------------------------------------------

interface VarArgs {
  dims: number[];
  correction: number;
  keepdim: boolean;
}

/** Python's overloads: std(unbiased), std(dim, unbiased, keepdim), std(dim, *, correction, keepdim). */
function varArgs(x: T, dim: unknown, unbiased: unknown, keepdim: boolean, correction: unknown): VarArgs {
  if (typeof dim === "boolean") {
    unbiased = dim;
    dim = null;
  }
  const corr = correction !== null && correction !== undefined ? Number(correction) : unbiased === false ? 0 : 1;
  return { dims: normalizeDims(x, dimList(dim)), correction: corr, keepdim };
}

function varGroup(correction: number, sqrt: boolean): GroupFn {
  return (s, pos, st, n) => {
    // two passes in double, as PyTorch's CPU kernel accumulates float in double
    let m = 0;
    for (let i = 0; i < n; i++) m += s[pos[st + i]];
    m /= n;
    let a = 0;
    for (let i = 0; i < n; i++) {
      const d = s[pos[st + i]] - m;
      a += d * d;
    }
    const v = a / Math.max(0, n - correction);
    return sqrt ? Math.sqrt(v) : v;
  };
}

function checkVarDtype(x: T): void {
  if (x.dtype.kind !== "float") throw new RuntimeError("std and var only support floating point and complex dtypes");
}

/** var_backward: 2/(N - correction) * g * (x - mean). */
function varBackward(g: T, x: T, a: VarArgs): T {
  const n = a.dims.reduce((acc, d) => acc * (x._shape[d] ?? 1), 1);
  const gk = unreduce(g, x._shape, a.dims, a.keepdim);
  return gk.mul(2 / Math.max(0, n - a.correction)).mul(x.sub(x.mean(a.dims, true)));
}

function stdVar(name: "std" | "var") {
  const sqrt = name === "std";
  defineOp(name, {
    sig: `${name}(Tensor input, any dim=None, any unbiased=True, bool keepdim=False, *, int? correction=None)`,
    names: { oneflow: `${name}_backward` },
    forward(ctx, x: T, dim: unknown, unbiased: unknown, keepdim: boolean, correction: unknown) {
      checkVarDtype(x);
      const a = varArgs(x, dim, unbiased, keepdim, correction);
      const out = reduceKernel(x, a.dims, a.keepdim, x.dtype, varGroup(a.correction, sqrt));
      if (ctx.op) ctx.save_for_backward(x, out);
      return out;
    },
    backward(ctx, g) {
      const [x, out] = ctx.saved_tensors;
      const [, dim, unbiased, keepdim, correction] = ctx.args as [T, unknown, unknown, boolean, unknown];
      const a = varArgs(x, dim, unbiased, keepdim, correction);
      if (!sqrt) return [varBackward(g, x, a)];
      // std_backward: var's with g / (2 std), zero where std is zero
      return [varBackward(g.div(out.mul(2)).masked_fill(out.eq(0), 0), x, a)];
    },
  });

  defineOp(`${name}_mean`, {
    sig: `${name}_mean(Tensor input, any dim=None, any unbiased=True, bool keepdim=False, *, int? correction=None)`,
    method: false,
    names: { torch: sqrt ? "StdMeanBackward0" : "VarMeanBackward0" },
    forward(ctx, x: T, dim: unknown, unbiased: unknown, keepdim: boolean, correction: unknown) {
      checkVarDtype(x);
      const a = varArgs(x, dim, unbiased, keepdim, correction);
      const out = reduceKernel(x, a.dims, a.keepdim, x.dtype, varGroup(a.correction, sqrt));
      const mean = x.mean(a.dims, a.keepdim);
      if (ctx.op) ctx.save_for_backward(x, out);
      return tuple([out, mean]);
    },
    backward(ctx, gv, gm) {
      const [x, out] = ctx.saved_tensors;
      const [, dim, unbiased, keepdim, correction] = ctx.args as [T, unknown, unknown, boolean, unknown];
      const a = varArgs(x, dim, unbiased, keepdim, correction);
      const gs = sqrt ? gv.div(out.mul(2)).masked_fill(out.eq(0), 0) : gv;
      const n = a.dims.reduce((acc, d) => acc * (x._shape[d] ?? 1), 1);
      return [varBackward(gs, x, a).add(unreduce(gm, x._shape, a.dims, a.keepdim).div(n))];
    },
  });
}
stdVar("std");
stdVar("var");

// ---- logsumexp ------------------------------------------------------------------------------

defineOp("logsumexp", {
  sig: "logsumexp(Tensor input, int[] dim, bool keepdim=False)",
  names: { oneflow: "logsumexp_backward" },
  forward(ctx, x: T, dim: unknown, keepdim: boolean) {
    const d = x.dtype.kind === "float" ? x.dtype : get_default_dtype();
    const src = d !== x.dtype ? x.to(d) : x;
    const dims = normalizeDims(x, dimList(dim));
    const f32 = d === float32;
    const r = f32 ? Math.fround : (v: number) => v;
    const out = reduceKernel(src, dims, keepdim, d, (s, pos, st, n) => {
      // shift by the max so exp never overflows; an infinite max shifts by 0
      let m = -Infinity;
      for (let i = 0; i < n; i++) if (s[pos[st + i]] > m) m = s[pos[st + i]];
      if (!Number.isFinite(m)) m = 0;
      let a = 0;
      for (let i = 0; i < n; i++) a += r(Math.exp(r(s[pos[st + i]] - m)));
      return r(r(Math.log(r(a))) + m);
    });
    if (ctx.op) ctx.save_for_backward(src, out);
    return out;
  },
  backward(ctx, g) {
    const [x, out] = ctx.saved_tensors;
    const dims = normalizeDims(x, dimList(ctx.args[1]));
    const keepdim = ctx.args[2] as boolean;
    return [unreduce(g, x._shape, dims, keepdim).mul(x.sub(unreduce(out, x._shape, dims, keepdim)).exp())];
  },
});

// ---- softmax / log_softmax ----------------------------------------------------------------------

function softmaxForward(x: T, dim: number, log: boolean): T {
  const nd = x._shape.length;
  const d = nd === 0 ? x._wrapDim(dim, 0) : x._wrapDim(dim);
  if (x.dtype.kind !== "float")
    throw new RuntimeError(
      `"${log ? "log_softmax" : "softmax"}_${nd === 0 || d === nd - 1 ? "lastdim_" : ""}kernel_impl" not implemented for '${scalarTypeName(x.dtype)}'`,
    );
  if (x.dtype === float32 && isHost(x)) return softmaxF32(x, d, log);
  const dims = nd === 0 ? [] : [d];
  const red = reduceKernel(x, dims, true, x.dtype, (s, pos, st, n) => {
    let m = -Infinity;
    for (let i = 0; i < n; i++) if (s[pos[st + i]] > m || s[pos[st + i]] !== s[pos[st + i]]) m = s[pos[st + i]];
    if (m === -Infinity || m === Infinity) m = m === Infinity ? m : 0;
    return m;
  }, { kind: "softmax_max" });
  // shift by the slice max (exp never overflows), sum the exps in double, then the result
  const shifted = x.sub(red);
  const sums = reduceKernel(shifted, dims, true, shifted.dtype, (s, pos, st, n) => {
    let a = 0;
    for (let i = 0; i < n; i++) a += Math.exp(s[pos[st + i]]);
    return a;
  }, { kind: "sumexp" });
  return log ? shifted.sub(sums.log()) : shifted.exp().div(sums);
}

/**
 * float32 softmax / log_softmax as PyTorch 1.13's CPU kernels compute them (the input made
 * contiguous first): over the last dim SoftMaxKernel.cpp's vectorized lastdim kernels, over another
 * dim _vec_softmax / _vec_logsoftmax. See sleef_f32.ts.
 */
function softmaxF32(x: T, d: number, log: boolean): T {
  const shape = x._shape;
  const numel = shape.reduce((a, b) => a * b, 1);
  const src = x._contiguousValues();
  const out = new Float32Array(numel);
  if (numel > 0) {
    const nd = shape.length;
    const dim = nd === 0 ? 1 : shape[d];
    let inner = 1;
    for (let i = d + 1; i < nd; i++) inner *= shape[i];
    // the lastdim kernels only for the last dim itself (trailing size-1 dims still take the other path)
    if (nd === 0 || d === nd - 1) (log ? logSoftmaxLastdim : softmaxLastdim)(src, out, numel / dim, dim);
    else if (log) logSoftmaxInner(src, out, numel / (dim * inner), dim, inner);
    else softmaxInner(src, out, numel / (dim * inner), dim, inner);
  }
  return Tensor.fromData(out, shape.slice(), float32, x._dialect);
}

function softmaxOp(name: "softmax" | "log_softmax") {
  const log = name === "log_softmax";
  defineOp(`_${name}`, {
    sig: `${name}(Tensor input, int dim)`,
    method: false,
    names: { torch: log ? "LogSoftmaxBackward0" : "SoftmaxBackward0", oneflow: `${name}_backward` },
    forward(ctx, x: T, dim: number) {
      const out = softmaxForward(x, Number(dim), log);
      if (ctx.op) ctx.save_for_backward(out);
      return out;
    },
    backward(ctx, g) {
      const [y] = ctx.saved_tensors;
      const x = ctx.args[0] as T;
      const dims = x._shape.length === 0 ? [] : [x._wrapDim(Number(ctx.args[1]))];
      const sum = (t: T) => (dims.length === 0 ? t : t.sum(dims, true));
      if (log) return [g.sub(y.exp().mul(sum(g)))];
      return [y.mul(g.sub(sum(g.mul(y))))];
    },
  });
  // The public op casts first when given a dtype (PyTorch records that cast as its own node).
  defineOp(name, {
    sig: `${name}(Tensor input, int dim, dtype? dtype=None)`,
    forward(_ctx, x: T, dim: unknown, dtype: DType | null) {
      const src = dtype && dtype !== x.dtype ? x.to(dtype) : x;
      return ops[`_${name}`].call(src, Number(dim));
    },
  });
}
softmaxOp("softmax");
softmaxOp("log_softmax");
