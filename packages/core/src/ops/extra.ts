// Ops added for tutorials the seeds do not cover: view_as, lerp, atan2, addcmul/addcdiv,
// logspace, tensor_split, diff, cummax/cummin, nan_to_num, bincount, histc,
// searchsorted/bucketize, kron, cdist, trace, t_, is_nonzero. Each follows PyTorch 1.13
// (values, grad_fn names, messages); composites are written as ATen composes them, so their
// grad_fns are those of the underlying ops (tensor_split: SliceBackward0, diff: SubBackward0,
// kron: UnsafeViewBackward0).

import { defineOp, defineMethod, ops } from "../op.ts";
import { Tensor } from "../tensor.ts";
import { RuntimeError, TypeError as PyTypeError, ValueError as ValueErrorCompat, PyTuple } from "@tsgrad/py";
import { binaryKernel, ternaryKernel, type Scalar } from "../kernels/elementwise.ts";
import { result_type, floatResult } from "../promote.ts";
import { bool, float32, float64, int32, int64, get_default_dtype, type DType } from "../dtype.ts";
import { isHost } from "../kernels/backends.ts";
import { dialectState } from "../dialect.ts";
import { atan2f as sleefAtan2f } from "../kernels/sleef_f32_more.ts";
import { atan2fGlibc } from "../kernels/glibc_atan2f.ts";
import { returnType } from "./minmax.ts";
import { scalarTypeName } from "./linalg.ts";
import { defineInplace } from "./inplace.ts";

type T = Tensor;
const isT = (v: unknown): v is Tensor => v instanceof Tensor;
const fr = Math.fround;

function tuple(items: T[]): PyTuple<T> {
  const t = new PyTuple<T>();
  for (const x of items) t.push(x);
  return t;
}
const typeName = (d: DType) => scalarTypeName(d);

defineMethod("view_as", function (this: T, other: T) {
  return this.view(other._shape);
});

// ---- lerp --------------------------------------------------------------------------------------

/** ATen's lerp (Lerp.h): weight < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight). */
function lerpScalar(f32: boolean) {
  if (f32)
    return (s: number, e: number, w: number) => {
      const d = fr(e - s);
      return Math.abs(w) < 0.5 ? fr(s + fr(w * d)) : fr(e - fr(d * fr(1 - w)));
    };
  return (s: number, e: number, w: number) => (Math.abs(w) < 0.5 ? s + w * (e - s) : e - (e - s) * (1 - w));
}

defineOp("lerp", {
  sig: "lerp(Tensor input, Tensor end, Tensor weight)",
  overloads: { fn: ["lerp(Tensor input, Tensor end, Tensor weight, *, Tensor out=None)", "lerp(Tensor input, Tensor end, Scalar weight, *, Tensor out=None)"], method: ["lerp(Tensor end, Tensor weight)", "lerp(Tensor end, Scalar weight)"] },
  names: { torch: (a) => (isT(a[2]) ? "LerpBackward1" : "LerpBackward0") },
  forward(ctx, s: T, e: T, w: T | Scalar) {
    if (s.dtype !== e.dtype) throw new RuntimeError(`expected dtype ${typeName(s.dtype)} for \`end\` but got dtype ${typeName(e.dtype)}`);
    if (isT(w) && w.dtype !== s.dtype) throw new RuntimeError(`expected dtype ${typeName(s.dtype)} for \`weight\` but got dtype ${typeName(w.dtype)}`);
    if (s.dtype.kind !== "float") throw new RuntimeError(`"lerp_kernel_scalar" not implemented for '${typeName(s.dtype)}'`);
    const f = lerpScalar(s.dtype === float32);
    if (ctx.op) ctx.save_for_backward(s, e, isT(w) ? w : null);
    if (isT(w)) return ternaryKernel(s, e, w, s.dtype, f);
    const wv = s.dtype === float32 ? fr(Number(w)) : Number(w);
    return binaryKernel(s, e, s.dtype, (a, b) => f(a, b, wv));
  },
  backward(ctx, g) {
    const [s, e, w] = ctx.saved_tensors;
    if (w === null) {
      const wv = Number(ctx.args[2]);
      return [g.mul(1 - wv), g.mul(wv), null];
    }
    return [g.mul(w.neg().add(1)), g.mul(w), g.mul(e.sub(s))];
  },
});

// ---- atan2 -------------------------------------------------------------------------------------

function denseSame(t: T, shape: number[]): boolean {
  return t.is_contiguous() && t._shape.length === shape.length && t._shape.every((s, i) => s === shape[i]);
}

/**
 * float32 atan2 as ATen's cpu_kernel_vec: Sleef_atan2f8_u10 on blocks of 16 and std::atan2 on the
 * rest (when both operands are dense with the output's shape, or one is a single value); other
 * layouts run the scalar function throughout: glibc 2.36's atan2f (kernels/glibc_atan2f.ts).
 */
function atan2F32(a: T, b: T): T {
  const scalar = atan2fGlibc;
  const out = binaryKernel(a, b, float32, scalar);
  const shape = out._shape;
  const n = out.numel();
  const aOk = denseSame(a, shape) || a.numel() === 1;
  const bOk = denseSame(b, shape) || b.numel() === 1;
  if (!(aOk && bOk) || (a.numel() === 1 && b.numel() === 1 && n === 1)) return out;
  const av = a.is_contiguous() ? a._storage : a._contiguousValues();
  const bv = b.is_contiguous() ? b._storage : b._contiguousValues();
  const ao = a.is_contiguous() ? a._offset : 0, bo = b.is_contiguous() ? b._offset : 0;
  const aStep = a.numel() === 1 ? 0 : 1, bStep = b.numel() === 1 ? 0 : 1;
  const o = out._storage;
  for (let i = 0; i + 16 <= n; i += 16)
    for (let j = i; j < i + 16; j++) o[j] = sleefAtan2f(av[ao + j * aStep], bv[bo + j * bStep]);
  return out;
}

defineInplace("lerp_", "lerp");

defineOp("atan2", {
  sig: "atan2(Tensor input, Tensor other)",
  overloads: { fn: ["atan2(Tensor input, Tensor other, *, Tensor out=None)"], method: ["atan2(Tensor other)"] },
  forward(ctx, a: T, b: T) {
    const d = floatResult(result_type(a, b));
    if (ctx.op) ctx.save_for_backward(a, b);
    if (d === float32 && isHost(a) && isHost(b)) {
      const a32 = a.dtype === float32 ? a : a.to(float32);
      const b32 = b.dtype === float32 ? b : b.to(float32);
      return atan2F32(a32, b32);
    }
    return binaryKernel(a, b, d, Math.atan2);
  },
  backward(ctx, g) {
    const [a, b] = ctx.saved_tensors;
    const recip = a.mul(a).add(b.mul(b)).reciprocal();
    return [ctx.needs_input_grad[0] ? g.mul(b).mul(recip) : null, ctx.needs_input_grad[1] ? g.mul(a.neg()).mul(recip) : null];
  },
});
defineInplace("atan2_", "atan2");
defineMethod("arctan2", function (this: T, other: T) {
  return (this as any).atan2(other);
});
defineMethod("arctan2_", function (this: T, other: T) {
  return (this as any).atan2_(other);
});

// ---- addcmul / addcdiv -------------------------------------------------------------------------

function pointwiseTernary(name: string, div: boolean) {
  const cap = name[0].toUpperCase() + name.slice(1);
  defineOp(name, {
    sig: `${name}(Tensor input, Tensor tensor1, Tensor tensor2, *, Scalar value=1)`,
    overloads: { fn: [`${name}(Tensor input, Tensor tensor1, Tensor tensor2, *, Scalar value=1, Tensor out=None)`, `${name}(Tensor input, Scalar value, Tensor tensor1, Tensor tensor2, *, Tensor out=None)|deprecated`], method: [`${name}(Tensor tensor1, Tensor tensor2, *, Scalar value=1)`, `${name}(Scalar value, Tensor tensor1, Tensor tensor2)|deprecated`] },
    names: { torch: `${cap}Backward0` },
    forward(ctx, s: T, t1: T, t2: T, value: Scalar) {
      if (div && t1.dtype.kind !== "float" && t2.dtype.kind !== "float")
        throw new RuntimeError(
          "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes.",
        );
      const d = result_type(s, t1, t2);
      const f32 = d === float32;
      const v = f32 ? fr(Number(value)) : Number(value);
      if (ctx.op) ctx.save_for_backward(t1, t2);
      // ATen: self + value * t1 * t2 (resp. / t2), left to right, in the compute type
      const f = div
        ? f32
          ? (a: number, b: number, c: number) => fr(a + fr(fr(v * b) / c))
          : (a: number, b: number, c: number) => a + (v * b) / c
        : f32
          ? (a: number, b: number, c: number) => fr(a + fr(fr(v * b) * c))
          : (a: number, b: number, c: number) => a + v * b * c;
      return ternaryKernel(s, t1, t2, d, f);
    },
    backward(ctx, g) {
      const [t1, t2] = ctx.saved_tensors;
      const v = Number(ctx.args[3]);
      if (!div) return [g, ctx.needs_input_grad[1] ? g.mul(t2.mul(v)) : null, ctx.needs_input_grad[2] ? g.mul(t1.mul(v)) : null];
      return [
        g,
        ctx.needs_input_grad[1] ? g.mul(t2.reciprocal().mul(v)) : null,
        ctx.needs_input_grad[2] ? g.neg().mul(t1.mul(v)).div(t2.mul(t2)) : null,
      ];
    },
  });
  defineInplace(`${name}_`, name);
}
pointwiseTernary("addcmul", false);
pointwiseTernary("addcdiv", true);

// ---- logspace ----------------------------------------------------------------------------------

defineOp("logspace", {
  sig: "logspace(Scalar start, Scalar end, int steps, float base=10.0, *, dtype? dtype=None, any layout=None, any device=None, bool requires_grad=False, bool pin_memory=False)",
  method: false,
  forward(_c, start: Scalar, end: Scalar, steps: unknown, base: number, dtype: DType | null, _l: unknown, _d: unknown, rg: boolean) {
    const n = Number(steps);
    if (n < 0) throw new RuntimeError("number of steps must be non-negative");
    const d: DType = dtype ?? get_default_dtype();
    const t = Tensor.empty([n], d, dialectState.current);
    const cast = (v: number) => (d.kind === "float" ? (d === float32 ? fr(v) : v) : Math.trunc(v));
    // RangeFactoriesKernel: start/end in the dtype, step and pow in double, halves from each end
    const s0 = cast(Number(start)), e0 = cast(Number(end));
    const b = Number(base);
    const out = t._storage;
    if (n === 1) out[0] = cast(Math.pow(b, s0));
    else if (n > 1) {
      const step = (e0 - s0) / (n - 1);
      const half = Math.floor(n / 2);
      for (let i = 0; i < n; i++) out[i] = cast(i < half ? Math.pow(b, s0 + step * i) : Math.pow(b, e0 - step * (n - i - 1)));
    }
    if (rg) t.requires_grad_(true);
    return t;
  },
});

// ---- tensor_split / diff -----------------------------------------------------------------------

defineOp("tensor_split", {
  sig: "tensor_split(Tensor input, any indices_or_sections, int dim=0)",
  forward(_ctx, x: T, ios: unknown, dim: unknown) {
    if (x._shape.length === 0) throw new RuntimeError("tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims");
    const d = x._wrapDim(Number(dim));
    const len = x._shape[d];
    const parts: T[] = [];
    let idx: number[] | null = null;
    if (isT(ios)) {
      if (ios.dtype.kind !== "int") throw new RuntimeError(`tensor_split expected tensor_indices_or_sections to have integer dtype, but got ${typeName(ios.dtype)}`);
      if (ios._shape.length > 1) throw new RuntimeError(`tensor_split expected tensor_indices_or_sections to be a zero-dimensional or one-dimensional tensor, but got a tensor with ${ios._shape.length} dims`);
      if (ios._shape.length === 0) ios = Number(ios.item());
      else idx = (ios.tolist() as unknown[]).map(Number);
    } else if (Array.isArray(ios)) idx = ios.map(Number);
    if (idx === null) {
      const n = Number(ios);
      if (n <= 0) throw new RuntimeError(`number of sections must be larger than 0, got ${n}`);
      const minSize = Math.floor(len / n), extra = len % n;
      let start = 0;
      for (let i = 0; i < n; i++) {
        const size = i < extra ? minSize + 1 : minSize;
        parts.push(ops.slice.call(x, d, start, start + size) as T);
        start += size;
      }
      return tuple(parts);
    }
    let start = 0;
    for (const i of idx) {
      parts.push(ops.slice.call(x, d, start, i) as T);
      start = i;
    }
    parts.push(ops.slice.call(x, d, start, len) as T);
    return tuple(parts);
  },
});

defineOp("diff", {
  sig: "diff(Tensor input, int n=1, int dim=-1, Tensor? prepend=None, Tensor? append=None)",
  forward(_ctx, x: T, n: unknown, dim: unknown, prepend: T | null, append: T | null) {
    const nn = Number(n);
    if (x._shape.length === 0) throw new RuntimeError("diff expects input to be at least one-dimensional");
    if (nn < 0) throw new RuntimeError(`order must be non-negative but got ${nn}`);
    const d = x._wrapDim(Number(dim));
    let t = x;
    if (prepend !== null || append !== null) {
      const items = [prepend, x, append].filter((v): v is T => v !== null);
      t = ops.cat.call(items, d) as T;
    }
    for (let k = 0; k < nn && t._shape[d] > 0; k++) {
      const len = t._shape[d];
      const hi = t.narrow(d, 1, len - 1), lo = t.narrow(d, 0, len - 1);
      t = t.dtype === bool ? hi.ne(lo) : hi.sub(lo);
    }
    return t;
  },
});

// ---- cummax / cummin ---------------------------------------------------------------------------

function cumExtreme(name: "cummax" | "cummin") {
  const better = name === "cummax" ? (v: number, o: number) => v >= o : (v: number, o: number) => v <= o;
  defineOp(name, {
    sig: `${name}(Tensor input, int dim)`,
    names: { torch: name === "cummax" ? "CummaxBackward0" : "CumminBackward0" },
    differentiableOutputs: [0],
    forward(ctx, x: T, dim: unknown) {
      const nd = x._shape.length;
      const d = nd === 0 ? 0 : x._wrapDim(Number(dim));
      if (x.dtype === bool) {
        // ATen runs bool through the same kernel
      }
      const vals = x._contiguousValues();
      const n = vals.length;
      const len = nd === 0 ? 1 : x._shape[d];
      const inner = nd === 0 ? 1 : x._shape.slice(d + 1).reduce((a, b) => a * b, 1);
      const outer = len === 0 ? 0 : n / (len * inner);
      const ov = new x.dtype.ctor(n);
      const oi = new Float64Array(n);
      for (let o = 0; o < outer; o++)
        for (let i = 0; i < inner; i++) {
          const base = o * len * inner + i;
          let best = vals[base], bi = 0;
          for (let k = 0; k < len; k++) {
            const p = base + k * inner;
            const v = vals[p];
            if (best === best && (v !== v || better(v, best))) {
              best = v;
              bi = k;
            }
            ov[p] = best;
            oi[p] = bi;
          }
        }
      const values = Tensor.fromData(ov, x._shape.slice(), x.dtype, x._dialect);
      const indices = Tensor.fromData(oi, x._shape.slice(), int64, x._dialect);
      if (ctx.op) ctx.save_for_backward(indices);
      return returnType(name, ["values", "indices"], [values, indices]);
    },
    backward(ctx, g) {
      const [indices] = ctx.saved_tensors;
      const x = ctx.args[0] as T;
      if (x._shape.length === 0) return [g];
      const d = x._wrapDim(Number(ctx.args[1]));
      return [ops.zeros.call(x._shape, { dtype: g.dtype }).scatter_add(d, indices, g)];
    },
  });
}
cumExtreme("cummax");
cumExtreme("cummin");

// ---- nan_to_num --------------------------------------------------------------------------------

defineOp("nan_to_num", {
  sig: "nan_to_num(Tensor input, float? nan=0.0, float? posinf=None, float? neginf=None)",
  forward(ctx, x: T, nan: number | null, posinf: number | null, neginf: number | null) {
    if (x.dtype.kind !== "float") return x.clone();
    const max = x.dtype === float32 ? 3.4028234663852886e38 : Number.MAX_VALUE;
    const c = (v: number) => (x.dtype === float32 ? fr(v) : v);
    const nv = c(nan ?? 0), pv = c(posinf ?? max), mv = c(neginf ?? -max);
    if (ctx.op) ctx.save_for_backward(x);
    return binaryKernel(x, 0, x.dtype, (v) => (v !== v ? nv : v === Infinity ? pv : v === -Infinity ? mv : v));
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    return [g.mul(x.isfinite())];
  },
});
defineInplace("nan_to_num_", "nan_to_num");

// ---- bincount / histc --------------------------------------------------------------------------

defineOp("bincount", {
  sig: "bincount(Tensor input, Tensor? weights=None, int minlength=0)",
  nondifferentiable: true,
  forward(_ctx, x: T, w: T | null, minlength: unknown) {
    if (x.dtype.kind !== "int" || x.dtype === bool) throw new RuntimeError(`"bincount_cpu" not implemented for '${typeName(x.dtype)}'`);
    const ml = Number(minlength);
    if (ml < 0) throw new RuntimeError("minlength should be >= 0");
    if (x._shape.length === 1 && x._shape[0] === 0) return ops.zeros.call([ml], { dtype: w ? (w.dtype === float32 ? float32 : float64) : int64 }) as T;
    const v = x._contiguousValues();
    if (x._shape.length !== 1 || v.some((e) => e < 0)) throw new RuntimeError("bincount only supports 1-d non-negative integral inputs.");
    if (w !== null && (w._shape.length !== 1 || w._shape[0] !== x._shape[0])) throw new RuntimeError("weights should be 1-d and have the same length as input");
    let nb = ml;
    for (const e of v) if (e + 1 > nb) nb = e + 1;
    if (w === null) {
      const out = new Float64Array(nb);
      for (const e of v) out[e]++;
      return Tensor.fromData(out, [nb], int64, x._dialect);
    }
    const od = w.dtype === float32 ? float32 : float64;
    const wv = w._contiguousValues();
    const out = new od.ctor(nb);
    for (let i = 0; i < v.length; i++) out[v[i]] = od === float32 ? fr(out[v[i]] + wv[i]) : out[v[i]] + wv[i];
    return Tensor.fromData(out, [nb], od, x._dialect);
  },
});

defineOp("histc", {
  sig: "histc(Tensor input, int bins=100, Scalar min=0, Scalar max=0)",
  nondifferentiable: true,
  forward(_ctx, x: T, bins: unknown, min: Scalar, max: Scalar) {
    if (x.dtype.kind !== "float") throw new RuntimeError(`"histogram_cpu" not implemented for '${typeName(x.dtype)}'`);
    const nb = Number(bins);
    if (nb <= 0) throw new RuntimeError(`torch.histc: bins must be > 0, but got ${nb} for dimension 0`);
    const c = (v: number) => (x.dtype === float32 ? fr(v) : v);
    const v = x._contiguousValues();
    let lo = Number(min), hi = Number(max);
    if (lo === hi && v.length > 0) {
      lo = Infinity;
      hi = -Infinity;
      for (const e of v) {
        if (e < lo) lo = e;
        if (e > hi) hi = e;
      }
    }
    if (lo === hi) {
      lo -= 1;
      hi += 1;
    }
    if (lo > hi) throw new RuntimeError(`torch.histc: max must be larger than min, but got min ${lo} max ${hi}`);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RuntimeError(`torch.histc: range of [${lo}, ${hi}] is not finite`);
    // the edges are linspace(min, max, bins + 1) in the input dtype; only the outer two are read
    const left = c(lo), right = c(hi);
    const out = new x.dtype.ctor(nb);
    for (const e of v) {
      if (!(e >= left && e <= right)) continue;
      let pos = Math.trunc(c(c(c(e - left) * nb) / c(right - left)));
      if (pos === nb) pos -= 1;
      out[pos] += 1;
    }
    return Tensor.fromData(out, [nb], x.dtype, x._dialect);
  },
});

// ---- searchsorted / bucketize ------------------------------------------------------------------

function lowerBound(seq: ArrayLike<number>, start: number, len: number, v: number, right: boolean): number {
  let lo = 0, hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = seq[start + mid];
    if (right ? !(m > v) : m < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function searchsortedImpl(seq: T, input: T | Scalar, outInt32: boolean, right: boolean, side: string | null, sorter: T | null, scalarResult: boolean): T {
  if (side !== null) {
    if (side !== "left" && side !== "right") throw new RuntimeError(`torch.searchsorted(): side can only be 'left' or 'right' but got ${side}`);
    if (right && side === "left") throw new RuntimeError("torch.searchsorted(): side and right can't be set to opposites, got side of left while right was True");
    right = side === "right";
  }
  const inp = isT(input) ? input : (ops.tensor.call(input) as T);
  const sv0 = seq._contiguousValues();
  const nd = seq._shape.length;
  if (nd === 0) throw new RuntimeError("torch.searchsorted(): boundaries tensor should have positive dimension, but got 0 dimension");
  const len = seq._shape[nd - 1];
  let sv = sv0;
  if (sorter !== null) {
    const so = sorter._contiguousValues();
    sv = new Float64Array(sv0.length);
    for (let r = 0; r < sv0.length / Math.max(len, 1); r++) for (let k = 0; k < len; k++) (sv as Float64Array)[r * len + k] = sv0[r * len + so[r * len + k]];
  }
  if (nd > 1) {
    const lead = seq._shape.slice(0, -1), ilead = inp._shape.slice(0, -1);
    if (inp._shape.length !== nd || lead.some((s, i) => s !== ilead[i]))
      throw new RuntimeError(
        `torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor [${seq._shape.join(", ")}] and input value tensor [${inp._shape.join(", ")}]`,
      );
  }
  const iv = inp._contiguousValues();
  const out = new Float64Array(iv.length);
  const inner = inp._shape.length === 0 ? 1 : inp._shape[inp._shape.length - 1];
  for (let i = 0; i < iv.length; i++) {
    const row = nd === 1 ? 0 : Math.floor(i / inner);
    out[i] = lowerBound(sv, row * len, len, iv[i], right);
  }
  const od = outInt32 ? int32 : int64;
  const res = Tensor.fromData(outInt32 ? Int32Array.from(out) : out, scalarResult ? [] : inp._shape.slice(), od, seq._dialect);
  return res;
}

defineOp("searchsorted", {
  sig: "searchsorted(Tensor sorted_sequence, any input, *, bool out_int32=False, bool right=False, str? side=None, Tensor? sorter=None)",
  method: false,
  nondifferentiable: true,
  forward: (_ctx, seq: T, input: T | Scalar, outInt32: boolean, right: boolean, side: string | null, sorter: T | null) =>
    searchsortedImpl(seq, input, outInt32, right, side, sorter, !isT(input)),
});
defineOp("bucketize", {
  sig: "bucketize(any input, Tensor boundaries, *, bool out_int32=False, bool right=False)",
  nondifferentiable: true,
  forward(_ctx, input: T | Scalar, boundaries: T, outInt32: boolean, right: boolean) {
    if (boundaries._shape.length !== 1) throw new RuntimeError(`boundaries tensor must be 1 dimension, but got dim(${boundaries._shape.length})`);
    return searchsortedImpl(boundaries, input, outInt32, right, null, null, !isT(input));
  },
});

// ---- kron / trace ------------------------------------------------------------------------------

defineOp("kron", {
  sig: "kron(Tensor input, Tensor other)",
  forward(_ctx, a: T, b: T) {
    // ATen's KronImpl: interleave the dims, multiply the views, view the product as the result
    const maxdim = Math.max(a._shape.length, b._shape.length);
    const padA = maxdim - a._shape.length, padB = maxdim - b._shape.length;
    const aShape: number[] = [], bShape: number[] = [], rShape: number[] = [];
    for (let i = 0; i < maxdim; i++) {
      const sa = i >= padA ? a._shape[i - padA] : 1;
      const sb = i >= padB ? b._shape[i - padB] : 1;
      aShape.push(sa, 1);
      bShape.push(1, sb);
      rShape.push(sa * sb);
    }
    const av = ops._unsafe_view.call(a, aShape) as T;
    const bv = ops._unsafe_view.call(b, bShape) as T;
    return ops._unsafe_view.call(av.mul(bv), rShape) as T;
  },
});

defineOp("trace", {
  sig: "trace(Tensor input)",
  forward(ctx, x: T) {
    if (x._shape.length !== 2) throw new RuntimeError(`trace: expected a matrix, but got tensor with dim ${x._shape.length}`);
    if (x.dtype === bool) throw new RuntimeError(`"trace" not implemented for 'Bool'`);
    const [n, m] = x._shape;
    const k = Math.min(n, m);
    // accumulated in the accumulate type (double for float, int64 for integers), as trace_cpu
    let s = 0;
    for (let i = 0; i < k; i++) s += x._storage[x._offset + i * (x._strides[0] + x._strides[1])];
    const od = x.dtype.kind === "float" ? x.dtype : int64;
    if (ctx.op) ctx.save_for_backward();
    return Tensor.fromData(new od.ctor([od === float32 ? fr(s) : s]), [], od, x._dialect);
  },
  backward(ctx, g) {
    const x = ctx.args[0] as T;
    return [(ops.eye.call(x._shape[0], x._shape[1], { dtype: g.dtype }) as T).mul(g)];
  },
});

// ---- t_ / is_nonzero ---------------------------------------------------------------------------

defineMethod("t_", function (this: T) {
  const nd = this._shape.length;
  if (nd > 2) throw new RuntimeError(`t_() expects a tensor with <= 2 dimensions, but self is ${nd}D`);
  if (nd === 2) {
    // the transposed view's metadata (and node, when recorded) become self's
    const y = this.transpose(0, 1);
    this._shape = y._shape.slice();
    this._strides = y._strides.slice();
    if (y._grad_fn !== null && !this.is_leaf) {
      this._grad_fn = y._grad_fn;
      this._output_nr = y._output_nr;
    }
  }
  return this;
});

defineOp("is_nonzero", {
  sig: "is_nonzero(Tensor input)",
  nondifferentiable: true,
  forward(_ctx, x: T) {
    const n = x.numel();
    if (n === 0) throw new RuntimeError("Boolean value of Tensor with no values is ambiguous");
    if (n > 1) throw new RuntimeError("Boolean value of Tensor with more than one value is ambiguous");
    const v = x._contiguousValues()[0];
    return v !== 0;
  },
});

void PyTypeError;

// ---- cdist -------------------------------------------------------------------------------------

function cdistValue(p: number, f32: boolean) {
  const c = f32 ? fr : (v: number) => v;
  return (a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, m: number): number => {
    let agg = 0;
    for (let x = 0; x < m; x++) {
      const d = Math.abs(c(a[ao + x] - b[bo + x]));
      if (p === 0) agg += d !== 0 ? 1 : 0;
      else if (p === 1) agg = c(agg + d);
      else if (p === 2) agg = c(agg + c(d * d));
      else if (p === Infinity) agg = d > agg || d !== d ? d : agg;
      else agg = c(agg + c(Math.pow(d, p)));
    }
    if (p === 2) return c(Math.sqrt(agg));
    if (p === 0 || p === 1 || p === Infinity) return agg;
    return c(Math.pow(agg, 1 / p));
  };
}

defineOp("_cdist_forward", {
  sig: "_cdist_forward(Tensor x1, Tensor x2, float p, int? compute_mode)",
  method: false,
  names: { torch: "CdistBackward0" },
  forward(ctx, x1: T, x2: T, pIn: number) {
    const p = Number(pIn);
    const r1 = x1._shape[x1._shape.length - 2], r2 = x2._shape[x2._shape.length - 2], m = x1._shape[x1._shape.length - 1];
    const batch = x1._shape.slice(0, -2);
    const a = x1._contiguousValues(), b = x2._contiguousValues();
    const nb = batch.reduce((s, v) => s * v, 1);
    const out = new x1.dtype.ctor(nb * r1 * r2);
    const fn = cdistValue(p, x1.dtype === float32);
    for (let k = 0; k < nb; k++)
      for (let i = 0; i < r1; i++)
        for (let j = 0; j < r2; j++) out[(k * r1 + i) * r2 + j] = fn(a, (k * r1 + i) * m, b, (k * r2 + j) * m, m);
    const res = Tensor.fromData(out, [...batch, r1, r2], x1.dtype, x1._dialect);
    if (ctx.op) ctx.save_for_backward(x1, x2, res);
    return res;
  },
  backward(ctx, g) {
    const [x1, x2, dist] = ctx.saved_tensors;
    const p = Number(ctx.args[2]);
    const diff = x1.unsqueeze(-2).sub(x2.unsqueeze(-3)); // [..., r1, r2, m]
    const d = dist.unsqueeze(-1);
    const gg = g.unsqueeze(-1);
    let term: T;
    if (p === 0) return [x1.mul(0), x2.mul(0)];
    if (p === 1) term = diff.sign();
    else if (p === 2) term = diff.div(d).masked_fill(d.eq(0), 0);
    else if (p === Infinity) term = diff.sign().mul(diff.abs().eq(d));
    else if (p < 2) term = diff.sign().mul(diff.abs().pow(p - 1)).div(d.pow(p - 1)).masked_fill(d.eq(0), 0);
    else term = diff.mul(diff.abs().pow(p - 2)).div(d.pow(p - 1)).masked_fill(d.eq(0), 0);
    const t = gg.mul(term);
    return [ctx.needs_input_grad[0] ? t.sum(-2) : null, ctx.needs_input_grad[1] ? t.sum(-3).neg() : null];
  },
});

defineOp("cdist", {
  sig: "cdist(Tensor x1, Tensor x2, float p=2.0, str? compute_mode=None)",
  method: false,
  forward(_ctx, x1: T, x2: T, pIn: number, mode: string | null) {
    const p = Number(pIn);
    if (x1._shape.length < 2) throw new RuntimeError(`cdist only supports at least 2D tensors, X1 got: ${x1._shape.length}D`);
    if (x2._shape.length < 2) throw new RuntimeError(`cdist only supports at least 2D tensors, X2 got: ${x2._shape.length}D`);
    const c1 = x1._shape[x1._shape.length - 1], c2 = x2._shape[x2._shape.length - 1];
    if (c1 !== c2) throw new RuntimeError(`X1 and X2 must have the same number of columns. X1: ${c1} X2: ${c2}`);
    if (x1.dtype.kind !== "float") throw new RuntimeError(`cdist only supports floating-point dtypes, X1 got: ${typeName(x1.dtype)}`);
    if (!(p >= 0)) throw new RuntimeError("cdist only supports non-negative p values");
    let modeNum: number;
    if (mode === null || mode === "use_mm_for_euclid_dist_if_necessary") modeNum = 0;
    else if (mode === "use_mm_for_euclid_dist") modeNum = 1;
    else if (mode === "donot_use_mm_for_euclid_dist") modeNum = 2;
    else throw new ValueErrorCompat(`${mode} is not a valid value for compute_mode`);
    const r1 = x1._shape[x1._shape.length - 2], r2 = x2._shape[x2._shape.length - 2];
    // broadcast the batch dims
    const b1 = x1._shape.slice(0, -2), b2 = x2._shape.slice(0, -2);
    const nb = Math.max(b1.length, b2.length);
    const batch: number[] = [];
    for (let i = 0; i < nb; i++) {
      const s1 = b1[b1.length - nb + i] ?? 1, s2 = b2[b2.length - nb + i] ?? 1;
      batch.push(Math.max(s1, s2));
    }
    const e1 = x1.expand([...batch, r1, c1]), e2 = x2.expand([...batch, r2, c2]);
    if (p === 2 && (modeNum === 1 || (modeNum === 0 && (r1 > 25 || r2 > 25)))) {
      // ATen's _euclidean_dist: a matmul of padded operands, clamped and square-rooted in place
      const n1 = e1.pow(2).sum(-1, true), n2 = e2.pow(2).sum(-1, true);
      const a = ops.cat.call([e1.mul(-2), n1, n1.mul(0).add(1)], -1) as T;
      const b = ops.cat.call([e2, n2.mul(0).add(1), n2], -1) as T;
      const r = (a.matmul(b.transpose(-2, -1)) as any).clamp_({ min: 1e-30 }).sqrt_() as T;
      return r.view([...batch, r1, r2]);
    }
    return ops._cdist_forward.call(e1.contiguous(), e2.contiguous(), p, null);
  },
});
