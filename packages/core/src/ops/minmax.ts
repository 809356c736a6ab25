// Value-selecting reductions (max/min, argmax/argmin, amax/amin, sort, topk, kthvalue), products
// (prod, cumprod), cumsum, and the boolean reductions all/any/count_nonzero.
//
// max/min have three overloads in PyTorch (full, with dim, binary); each is its own op here so
// its node carries PyTorch's name (MaxBackward1, MaxBackward0, MaximumBackward0), and `max`
// itself is a composite that picks one. Results with indices are named tuples
// (torch.return_types.max) whose gradients scatter back through the indices.

import { defineOp, ops } from "../op.ts";
import { isHost } from "../kernels/backends.ts";
import { Tensor } from "../tensor.ts";
import { IndexError, PyTuple, RuntimeError } from "@tsgrad/py";
import { bool, float32, int64, uint8, type DType } from "../dtype.ts";
import { normalizeDims, reduceKernel } from "../kernels/reduce.ts";
import { numelOf } from "../kernels/strided.ts";
import { unreduce } from "./reduce.ts";

type T = Tensor;
const isT = (v: unknown): v is Tensor => v instanceof Tensor;

// ---- named tuples ------------------------------------------------------------------------------

/** torch.return_types.<name>: a tuple whose fields are also properties, printed as PyTorch does. */
export class ReturnType extends PyTuple<T> {
  _typeName = "";
  _fields: string[] = [];
  override __repr__(): string {
    const prefix = this.length > 0 && isT(this[0]) ? this[0]._dialect.dtypePrefix : "torch";
    const body = this._fields.map((f, i) => `${f}=${(this[i] as any).__repr__()}`).join(",\n");
    return `${prefix}.return_types.${this._typeName}(\n${body})`;
  }
  __str__(): string {
    return this.__repr__();
  }
  override toString(): string {
    return this.__repr__();
  }
}

export function returnType(name: string, fields: string[], items: T[]): ReturnType {
  const r = new ReturnType();
  for (const x of items) r.push(x);
  r._typeName = name;
  r._fields = fields;
  fields.forEach((f, i) => Object.defineProperty(r, f, { get: () => r[i], enumerable: false }));
  Object.defineProperty(r, "_typeName", { enumerable: false });
  Object.defineProperty(r, "_fields", { enumerable: false });
  return r;
}

// ---- single-dim helpers -------------------------------------------------------------------------

/** A tensor seen as [outer, len, inner] around `dim` (contiguous values). */
interface Split {
  vals: ArrayLike<number>;
  outer: number;
  len: number;
  inner: number;
  dim: number;
}
function split(x: T, dim: number): Split {
  const d = x._shape.length === 0 ? 0 : x._wrapDim(dim);
  const sh = x._shape.length === 0 ? [1] : x._shape;
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < d; i++) outer *= sh[i];
  for (let i = d + 1; i < sh.length; i++) inner *= sh[i];
  return { vals: x._contiguousValues(), outer, len: sh[d], inner, dim: d };
}
function reducedShape(x: T, dim: number, keepdim: boolean): number[] {
  if (x._shape.length === 0) return [];
  return keepdim ? x._shape.map((s, i) => (i === dim ? 1 : s)) : x._shape.filter((_, i) => i !== dim);
}
const dimList = (dim: unknown): number[] | null =>
  dim === null || dim === undefined ? null : Array.isArray(dim) ? dim.map(Number) : [Number(dim)];

/**
 * Gather along `dim` at `index` (index has input's shape except along dim). Its adjoint,
 * _scatter_add_zeros, is its derivative and vice versa, so gradients through value-selecting
 * reductions are themselves differentiable.
 */
defineOp("_gather_dim", {
  sig: "_gather_dim(Tensor input, int dim, Tensor index)",
  method: false,
  names: { torch: "GatherBackward0", oneflow: "dim_gather_backward" },
  forward(_ctx, x: T, dim: number, index: T) {
    const d = x._shape.length === 0 ? 0 : x._wrapDim(dim);
    const sx = split(x, d);
    const si = split(index, d);
    const out = new x.dtype.ctor(numelOf(index._shape));
    for (let o = 0; o < si.outer; o++)
      for (let j = 0; j < si.len; j++)
        for (let i = 0; i < si.inner; i++) {
          const k = (o * si.len + j) * si.inner + i;
          out[k] = sx.vals[(o * sx.len + si.vals[k]) * sx.inner + i];
        }
    return Tensor.fromData(out, index._shape.slice(), x.dtype, x._dialect);
  },
  backward(ctx, g) {
    const [x, dim, index] = ctx.args as [T, number, T];
    return [ops._scatter_add_zeros.call(g, dim, index, x._shape), null];
  },
});

defineOp("_scatter_add_zeros", {
  sig: "_scatter_add_zeros(Tensor src, int dim, Tensor index, int[] size)",
  method: false,
  names: { torch: "ScatterAddBackward0", oneflow: "dim_scatter_add_backward" },
  forward(_ctx, src: T, dim: number, index: T, size: number[]) {
    const shape = size.map(Number);
    const out = new src.dtype.ctor(numelOf(shape));
    const proto = Tensor.fromData(out, shape, src.dtype, src._dialect);
    const d = shape.length === 0 ? 0 : proto._wrapDim(dim);
    const so = split(proto, d);
    const si = split(index, d);
    const sv = src._contiguousValues();
    for (let o = 0; o < si.outer; o++)
      for (let j = 0; j < si.len; j++)
        for (let i = 0; i < si.inner; i++) {
          const k = (o * si.len + j) * si.inner + i;
          out[(o * so.len + si.vals[k]) * so.inner + i] += sv[k];
        }
    return proto;
  },
  backward(ctx, g) {
    const [, dim, index] = ctx.args as [T, number, T];
    return [ops._gather_dim.call(g, dim, index), null];
  },
});

/** Gradient of a value-selecting reduction over `dim`: g scattered to where the values came from. */
function selectBackward(g: T, x: T, dim: number, indices: T, keepdim: boolean): T {
  if (x._shape.length === 0) return g.reshape([]);
  if (!keepdim) {
    g = g.unsqueeze(dim);
    indices = indices.unsqueeze(dim);
  }
  return ops._scatter_add_zeros.call(g, dim, indices, x._shape);
}

// ---- max / min ---------------------------------------------------------------------------------

type Better = (a: number, b: number) => boolean;
// NaN wins (and the first one stays), as PyTorch propagates it.
const gtNan: Better = (a, b) => a > b || (a !== a && b === b);
const ltNan: Better = (a, b) => a < b || (a !== a && b === b);

function argBest(s: Split, o: number, i: number, better: Better): number {
  let bi = 0;
  let bv = s.vals[o * s.len * s.inner + i];
  for (let j = 1; j < s.len; j++) {
    const v = s.vals[(o * s.len + j) * s.inner + i];
    if (better(v, bv)) {
      bv = v;
      bi = j;
    }
  }
  return bi;
}

function fullMaxMin(name: "max" | "min", better: Better) {
  defineOp(`_${name}_all`, {
    sig: `${name}(Tensor input)`,
    method: false,
    names: { torch: name === "max" ? "MaxBackward1" : "MinBackward1", oneflow: `reduce_${name}_backward` },
    forward(ctx, x: T) {
      const n = x.numel();
      if (n === 0)
        throw new RuntimeError(
          `${name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
        );
      const v = x._contiguousValues();
      let b = v[0];
      for (let i = 1; i < n; i++) if (better(v[i], b)) b = v[i];
      const out = Tensor.fromData(new x.dtype.ctor([b]), [], x.dtype, x._dialect);
      if (ctx.op) ctx.save_for_backward(x, out);
      return out;
    },
    backward(ctx, g) {
      const [x, out] = ctx.saved_tensors;
      return [evenlyDistribute(g, x, out)];
    },
  });

  defineOp(`_${name}_dim`, {
    sig: `${name}(Tensor input, int dim, bool keepdim=False)`,
    method: false,
    names: { torch: name === "max" ? "MaxBackward0" : "MinBackward0", oneflow: `reduce_${name}_backward` }, // OneFlow v0.8 Max2Functor: ReduceMax over the dim plus an ArgMax
    forward(ctx, x: T, dim: number, keepdim: boolean) {
      const d = x._shape.length === 0 ? x._wrapDim(Number(dim), 0) : x._wrapDim(Number(dim));
      if (x._shape.length > 0 && x._shape[d] === 0)
        throw new IndexError(`${name}(): Expected reduction dim ${d} to have non-zero size.`);
      const s = split(x, d);
      const shape = reducedShape(x, d, keepdim);
      const vals = new x.dtype.ctor(s.outer * s.inner);
      const idx = new int64.ctor(s.outer * s.inner);
      for (let o = 0; o < s.outer; o++)
        for (let i = 0; i < s.inner; i++) {
          const j = argBest(s, o, i, better);
          vals[o * s.inner + i] = s.vals[(o * s.len + j) * s.inner + i];
          idx[o * s.inner + i] = j;
        }
      const indices = Tensor.fromData(idx, shape.slice(), int64, x._dialect);
      if (ctx.op) ctx.save_for_backward(indices);
      return returnType(name, ["values", "indices"], [Tensor.fromData(vals, shape, x.dtype, x._dialect), indices]);
    },
    backward(ctx, g) {
      const [indices] = ctx.saved_tensors;
      const [x, dim, keepdim] = ctx.args as [T, number, boolean];
      const d = x._shape.length === 0 ? 0 : x._wrapDim(Number(dim));
      return [selectBackward(g, x, d, indices, keepdim)];
    },
  });

  // The overload resolver: max(input), max(input, dim, keepdim=False), max(input, other).
  defineOp(name, {
    sig: `${name}(Tensor input, any dim=None, bool keepdim=False, *, any other=None)`,
    forward(_ctx, x: T, dim: unknown, keepdim: boolean, other: unknown) {
      if (isT(dim)) return ops[name === "max" ? "maximum" : "minimum"].call(x, dim);
      if (isT(other)) return ops[name === "max" ? "maximum" : "minimum"].call(x, other);
      if (dim === null || dim === undefined) return ops[`_${name}_all`].call(x);
      return ops[`_${name}_dim`].call(x, Number(dim), keepdim);
    },
  });
}

/** PyTorch's evenly_distribute_backward: ties (or all NaNs, if the result is NaN) share g. */
function evenlyDistribute(g: T, x: T, value: T): T {
  if (!isHost(value)) {
    // on a device the value is not read: NaN's "all NaNs share g" rule as a mask expression
    const mask = x.eq(value).logical_or(x.ne(x).logical_and(value.ne(value)));
    return g.div(mask.sum()).mul(mask);
  }
  const v = value.item() as number;
  const mask = v !== v ? x.ne(x) : x.eq(value);
  return g.div(mask.sum()).mul(mask);
}

fullMaxMin("max", gtNan);
fullMaxMin("min", ltNan);

function amaxMin(name: "amax" | "amin", better: Better) {
  defineOp(name, {
    sig: `${name}(Tensor input, int[] dim=[], bool keepdim=False)`,
    names: { oneflow: `reduce_${name.slice(1)}_backward` },
    forward(ctx, x: T, dim: unknown, keepdim: boolean) {
      const dl = dimList(dim);
      const dims = normalizeDims(x, dl && dl.length > 0 ? dl : null);
      if (x.numel() === 0) {
        if (!dl || dl.length === 0)
          throw new RuntimeError(
            `${name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
          );
        for (const d of dims)
          if (x._shape[d] === 0) throw new IndexError(`${name}(): Expected reduction dim ${d} to have non-zero size.`);
      }
      const out = reduceKernel(x, dims, keepdim, x.dtype, (s, pos, start, len) => {
        let b = s[pos[start]];
        for (let i = 1; i < len; i++) if (better(s[pos[start + i]], b)) b = s[pos[start + i]];
        return b;
      });
      if (ctx.op) ctx.save_for_backward(x, out);
      return out;
    },
    backward(ctx, g) {
      const [x, out] = ctx.saved_tensors;
      const dl = dimList(ctx.args[1]);
      const dims = normalizeDims(x, dl && dl.length > 0 ? dl : null);
      const keepdim = ctx.args[2] as boolean;
      // ties in a slice share its gradient equally, as PyTorch's scale_grad_by_count does
      const mask = x.eq(unreduce(out, x._shape, dims, keepdim));
      const count = mask.sum(dims, true);
      return [unreduce(g, x._shape, dims, keepdim).div(count).mul(mask)];
    },
  });
}
amaxMin("amax", gtNan);
amaxMin("amin", ltNan);

function argMaxMin(name: "argmax" | "argmin", better: Better) {
  defineOp(name, {
    sig: `${name}(Tensor input, int? dim=None, bool keepdim=False)`,
    nondifferentiable: true,
    forward(_ctx, x: T, dim: unknown, keepdim: boolean) {
      if (dim === null || dim === undefined) {
        const n = x.numel();
        if (n === 0) throw new IndexError(`${name}(): Expected reduction dim to be specified for input.numel() == 0.`);
        const v = x._contiguousValues();
        let bi = 0;
        for (let i = 1; i < n; i++) if (better(v[i], v[bi])) bi = i;
        const shape = keepdim ? x._shape.map(() => 1) : [];
        return Tensor.fromData(new int64.ctor([bi]), shape, int64, x._dialect);
      }
      const d = x._shape.length === 0 ? x._wrapDim(Number(dim), 0) : x._wrapDim(Number(dim));
      if (x._shape.length > 0 && x._shape[d] === 0) throw new IndexError(`${name}(): Expected reduction dim ${d} to have non-zero size.`);
      const s = split(x, d);
      const idx = new int64.ctor(s.outer * s.inner);
      for (let o = 0; o < s.outer; o++) for (let i = 0; i < s.inner; i++) idx[o * s.inner + i] = argBest(s, o, i, better);
      return Tensor.fromData(idx, reducedShape(x, d, keepdim), int64, x._dialect);
    },
  });
}
argMaxMin("argmax", gtNan);
argMaxMin("argmin", ltNan);

// ---- prod -----------------------------------------------------------------------------------------

function prodDtype(x: T, dtype: DType | null): DType {
  if (dtype) return dtype;
  return x.dtype.kind === "float" ? x.dtype : int64;
}

/** Product of a group; float32 rounds after every step, as PyTorch's float kernel does. */
function prodOf(d: DType) {
  const f32 = d === float32;
  return (s: ArrayLike<number>, pos: ArrayLike<number>, start: number, len: number): number => {
    let acc = 1;
    if (f32) for (let i = 0; i < len; i++) acc = Math.fround(acc * s[pos[start + i]]);
    else for (let i = 0; i < len; i++) acc *= s[pos[start + i]];
    return acc;
  };
}

/**
 * d prod / d x_i = product of the others, written so zeros are exact: with no zero in the
 * slice it is prod/x_i; with one zero only that element gets the product of the rest; with
 * more, everything is 0. Zeros are replaced by 1 before dividing so no inf/nan is ever formed
 * (it would leak through `where` into second derivatives).
 */
function prodBackward(g: T, x: T, dims: number[], keepdim: boolean): T {
  const z = x.eq(0);
  const nz = z.sum(dims, true);
  const x1 = x.masked_fill(z, 1);
  let p1: T = x1;
  for (const d of dims) p1 = p1.prod(d, true); // single-dim prods keep it differentiable
  const none = nz.eq(0);
  const one = nz.eq(1).logical_and(z);
  const local = p1.div(x1).mul(none).add(p1.mul(one));
  return unreduce(g, x._shape, dims, keepdim).mul(local);
}

defineOp("prod", {
  sig: "prod(Tensor input, int? dim=None, bool keepdim=False, *, dtype? dtype=None)",
  names: { torch: (a) => (a[1] === null || a[1] === undefined ? "ProdBackward0" : "ProdBackward1"), oneflow: "reduce_prod_backward" },
  forward(_ctx, x: T, dim: unknown, keepdim: boolean, dtype: DType | null) {
    const d = prodDtype(x, dtype);
    const src = d !== x.dtype ? x.to(d) : x;
    const dims = dim === null || dim === undefined ? normalizeDims(x, null) : [x._shape.length === 0 ? x._wrapDim(Number(dim), 0) : x._wrapDim(Number(dim))];
    const keep = dim === null || dim === undefined ? false : keepdim;
    return reduceKernel(src, x._shape.length === 0 ? [] : dims, keep, d, prodOf(d));
  },
  backward(ctx, g) {
    const x = ctx.args[0] as T;
    const dim = ctx.args[1];
    const full = dim === null || dim === undefined;
    const dims = full ? normalizeDims(x, null) : [x._shape.length === 0 ? 0 : x._wrapDim(Number(dim))];
    const xs = x.dtype !== g.dtype ? x.to(g.dtype) : x;
    if (x._shape.length === 0) return [g.mul(1)];
    return [prodBackward(g, xs, dims, full ? false : (ctx.args[2] as boolean))];
  },
});


// ---- cumulative ops -------------------------------------------------------------------------------

function cumulative(x: T, dim: number, d: DType, op: "sum" | "prod"): T {
  const src = d !== x.dtype ? x.to(d) : x;
  const s = split(src, dim);
  const out = new d.ctor(s.outer * s.len * s.inner);
  // accumulated in double (PyTorch's acc_type for float on CPU), each output rounded on store
  for (let o = 0; o < s.outer; o++)
    for (let i = 0; i < s.inner; i++) {
      let acc = op === "sum" ? 0 : 1;
      for (let j = 0; j < s.len; j++) {
        const k = (o * s.len + j) * s.inner + i;
        acc = op === "sum" ? acc + s.vals[k] : acc * s.vals[k];
        out[k] = acc;
      }
    }
  return Tensor.fromData(out, x._shape.slice(), d, x._dialect);
}

/** Sum from each position to the end along dim, in ops: total - cumsum + g. */
function reverseCumsum(g: T, dim: number): T {
  return g.sum(dim, true).sub(g.cumsum(dim)).add(g);
}

defineOp("cumsum", {
  sig: "cumsum(Tensor input, int dim, *, dtype? dtype=None)",
  names: { oneflow: "cumsum_backward" },
  forward(_ctx, x: T, dim: number, dtype: DType | null) {
    const d = x._shape.length === 0 ? x._wrapDim(Number(dim), 0) : x._wrapDim(Number(dim));
    return cumulative(x, d, prodDtype(x, dtype), "sum");
  },
  backward(ctx, g) {
    const x = ctx.args[0] as T;
    if (x._shape.length === 0) return [g];
    return [reverseCumsum(g, x._wrapDim(Number(ctx.args[1])))];
  },
});

defineOp("cumprod", {
  sig: "cumprod(Tensor input, int dim, *, dtype? dtype=None)",
  names: { oneflow: "cumprod_backward" },
  forward(ctx, x: T, dim: number, dtype: DType | null) {
    const d = x._shape.length === 0 ? x._wrapDim(Number(dim), 0) : x._wrapDim(Number(dim));
    const out = cumulative(x, d, prodDtype(x, dtype), "prod");
    if (ctx.op) ctx.save_for_backward(x, out);
    return out;
  },
  backward(ctx, g) {
    const [x, out] = ctx.saved_tensors;
    if (x._shape.length === 0) return [g];
    const d = x._wrapDim(Number(ctx.args[1]));
    const xs = x.dtype !== g.dtype ? x.to(g.dtype) : x;
    if (!xs.eq(0).any().item()) return [reverseCumsum(g.mul(out), d).div(xs)];
    // With zeros: d out_j / d x_k = prod_{i<=j, i!=k} x_i for j >= k (first-order kernel).
    return [ops._cumprod_grad_zeros.call(g, xs, d)];
  },
});

defineOp("_cumprod_grad_zeros", {
  sig: "_cumprod_grad_zeros(Tensor grad, Tensor input, int dim)",
  method: false,
  forward(_ctx, g: T, x: T, dim: number) {
    const sx = split(x, dim);
    const sg = split(g, dim);
    const out = new x.dtype.ctor(sx.outer * sx.len * sx.inner);
    const n = sx.len;
    for (let o = 0; o < sx.outer; o++)
      for (let i = 0; i < sx.inner; i++) {
        const at = (j: number) => (o * n + j) * sx.inner + i;
        for (let k = 0; k < n; k++) {
          let before = 1;
          for (let j = 0; j < k; j++) before *= sx.vals[at(j)];
          let acc = 0;
          let run = before;
          for (let j = k; j < n; j++) {
            if (j > k) run *= sx.vals[at(j)];
            acc += sg.vals[at(j)] * run;
          }
          out[at(k)] = acc;
        }
      }
    return Tensor.fromData(out, x._shape.slice(), x.dtype, x._dialect);
  },
});

// ---- sort, argsort, topk, kthvalue ------------------------------------------------------------------

/** NaN sorts above every number (PyTorch's order); ties keep their input order (stable). */
function sortSlice(s: Split, o: number, i: number, descending: boolean): number[] {
  const idx = Array.from({ length: s.len }, (_, j) => j);
  const v = (j: number) => s.vals[(o * s.len + j) * s.inner + i];
  idx.sort((a, b) => {
    const x = v(a);
    const y = v(b);
    const xn = x !== x;
    const yn = y !== y;
    let c = xn || yn ? (xn ? 1 : 0) - (yn ? 1 : 0) : x < y ? -1 : x > y ? 1 : 0;
    if (descending) c = -c;
    return c !== 0 ? c : a - b;
  });
  return idx;
}

/** Sorted values and indices of the first `k` along dim. */
function sortedK(x: T, d: number, k: number, descending: boolean, keepdimLen: number): [T, T] {
  const s = split(x, d);
  const shape = x._shape.length === 0 ? [] : x._shape.map((n, j) => (j === d ? keepdimLen : n));
  const vals = new x.dtype.ctor(s.outer * k * s.inner);
  const idx = new int64.ctor(s.outer * k * s.inner);
  for (let o = 0; o < s.outer; o++)
    for (let i = 0; i < s.inner; i++) {
      const order = sortSlice(s, o, i, descending);
      for (let j = 0; j < k; j++) {
        const dst = (o * k + j) * s.inner + i;
        vals[dst] = s.vals[(o * s.len + order[j]) * s.inner + i];
        idx[dst] = order[j];
      }
    }
  return [Tensor.fromData(vals, shape, x.dtype, x._dialect), Tensor.fromData(idx, shape.slice(), int64, x._dialect)];
}

const wrap0 = (x: T, dim: unknown) => (x._shape.length === 0 ? x._wrapDim(Number(dim), 0) : x._wrapDim(Number(dim)));

defineOp("sort", {
  sig: "sort(Tensor input, int dim=-1, bool descending=False, *, bool? stable=False)",
  forward(ctx, x: T, dim: unknown, descending: boolean) {
    const d = wrap0(x, dim);
    const len = x._shape.length === 0 ? 1 : x._shape[d];
    const [v, i] = sortedK(x, d, len, descending, len);
    if (ctx.op) ctx.save_for_backward(i);
    return returnType("sort", ["values", "indices"], [v, i]);
  },
  backward(ctx, g) {
    const [i] = ctx.saved_tensors;
    const x = ctx.args[0] as T;
    return [selectBackward(g, x, wrap0(x, ctx.args[1]), i, true)];
  },
});

defineOp("argsort", {
  sig: "argsort(Tensor input, int dim=-1, bool descending=False)",
  nondifferentiable: true,
  forward(_ctx, x: T, dim: unknown, descending: boolean) {
    const d = wrap0(x, dim);
    const len = x._shape.length === 0 ? 1 : x._shape[d];
    return sortedK(x, d, len, descending, len)[1];
  },
});

defineOp("topk", {
  sig: "topk(Tensor input, int k, int dim=-1, bool largest=True, bool sorted=True)",
  forward(ctx, x: T, k: unknown, dim: unknown, largest: boolean) {
    const d = wrap0(x, dim);
    const kk = Number(k);
    const len = x._shape.length === 0 ? 1 : x._shape[d];
    if (kk < 0 || kk > len) throw new RuntimeError("selected index k out of range");
    const [v, i] = sortedK(x, d, kk, largest, kk);
    if (ctx.op) ctx.save_for_backward(i);
    return returnType("topk", ["values", "indices"], [v, i]);
  },
  backward(ctx, g) {
    const [i] = ctx.saved_tensors;
    const x = ctx.args[0] as T;
    return [selectBackward(g, x, wrap0(x, ctx.args[2]), i, true)];
  },
});

defineOp("kthvalue", {
  sig: "kthvalue(Tensor input, int k, int dim=-1, bool keepdim=False)",
  forward(ctx, x: T, k: unknown, dim: unknown, keepdim: boolean) {
    const d = wrap0(x, dim);
    const kk = Number(k);
    const len = x._shape.length === 0 ? 1 : x._shape[d];
    if (kk < 1 || kk > len) throw new RuntimeError(`kthvalue(): selected number k out of range for dimension ${d}`);
    const s = split(x, d);
    const shape = reducedShape(x, d, keepdim);
    const vals = new x.dtype.ctor(s.outer * s.inner);
    const idx = new int64.ctor(s.outer * s.inner);
    for (let o = 0; o < s.outer; o++)
      for (let i = 0; i < s.inner; i++) {
        const j = sortSlice(s, o, i, false)[kk - 1];
        vals[o * s.inner + i] = s.vals[(o * s.len + j) * s.inner + i];
        idx[o * s.inner + i] = j;
      }
    const indices = Tensor.fromData(idx, shape.slice(), int64, x._dialect);
    if (ctx.op) ctx.save_for_backward(indices);
    return returnType("kthvalue", ["values", "indices"], [Tensor.fromData(vals, shape, x.dtype, x._dialect), indices]);
  },
  backward(ctx, g) {
    const [i] = ctx.saved_tensors;
    const x = ctx.args[0] as T;
    return [selectBackward(g, x, wrap0(x, ctx.args[2]), i, ctx.args[3] as boolean)];
  },
});

// ---- all / any / count_nonzero -----------------------------------------------------------------------

function logicalReduce(name: "all" | "any") {
  defineOp(name, {
    sig: `${name}(Tensor input, int? dim=None, bool keepdim=False)`,
    nondifferentiable: true,
    forward(_ctx, x: T, dim: unknown, keepdim: boolean) {
      // uint8 input keeps uint8 (a 1.13 legacy), everything else gives bool
      const d = x.dtype === uint8 ? uint8 : bool;
      const full = dim === null || dim === undefined;
      const dims = full ? normalizeDims(x, null) : [wrap0(x, dim)];
      const f =
        name === "all"
          ? (s: ArrayLike<number>, pos: ArrayLike<number>, start: number, len: number) => {
              for (let i = 0; i < len; i++) if (s[pos[start + i]] === 0) return 0;
              return 1;
            }
          : (s: ArrayLike<number>, pos: ArrayLike<number>, start: number, len: number) => {
              for (let i = 0; i < len; i++) if (s[pos[start + i]] !== 0) return 1;
              return 0;
            };
      return reduceKernel(x, x._shape.length === 0 ? [] : dims, full ? false : keepdim, d, f);
    },
  });
}
logicalReduce("all");
logicalReduce("any");

defineOp("count_nonzero", {
  sig: "count_nonzero(Tensor input, int[]? dim=None)",
  nondifferentiable: true,
  forward(_ctx, x: T, dim: unknown) {
    const dims = normalizeDims(x, dimList(dim));
    return reduceKernel(x, dims, false, int64, (s, pos, start, len) => {
      let c = 0;
      for (let i = 0; i < len; i++) if (s[pos[start + i]] !== 0) c++;
      return c;
    });
  },
});

// ---- median ------------------------------------------------------------------------------------------
// The lower median ((n - 1) / 2-th smallest; a NaN anywhere makes it NaN). Two overloads, as max:
// median(input) (MedianBackward0, gradient spread evenly over ties) and median(input, dim,
// keepdim) -> torch.return_types.median (MedianBackward1, gradient to the selected index).

defineOp("_median_all", {
  sig: "median(Tensor input)",
  method: false,
  names: { torch: "MedianBackward0" },
  forward(ctx, x: T) {
    const n = x.numel();
    const v = Array.from(x._contiguousValues() as ArrayLike<number>);
    let m = NaN;
    if (n > 0 && !v.some((a) => a !== a)) m = v.sort((a, b) => a - b)[Math.floor((n - 1) / 2)];
    const out = Tensor.fromData(new x.dtype.ctor([m]), [], x.dtype, x._dialect);
    if (ctx.op) ctx.save_for_backward(x, out);
    return out;
  },
  backward(ctx, g) {
    const [x, out] = ctx.saved_tensors;
    return [evenlyDistribute(g, x, out)];
  },
});

defineOp("_median_dim", {
  sig: "median(Tensor input, int dim, bool keepdim=False)",
  method: false,
  names: { torch: "MedianBackward1" },
  forward(ctx, x: T, dim: unknown, keepdim: boolean) {
    const d = wrap0(x, dim);
    const len = x._shape.length === 0 ? 1 : x._shape[d];
    if (len === 0) throw new IndexError(`median(): Expected reduction dim ${d} to have non-zero size.`);
    const s = split(x, d);
    const shape = reducedShape(x, d, keepdim);
    const vals = new x.dtype.ctor(s.outer * s.inner);
    const idx = new int64.ctor(s.outer * s.inner);
    for (let o = 0; o < s.outer; o++)
      for (let i = 0; i < s.inner; i++) {
        const order = sortSlice(s, o, i, false);
        // NaN sorts last: a slice holding one has it as its median
        const last = order[len - 1];
        const lastV = s.vals[(o * s.len + last) * s.inner + i];
        const j = lastV !== lastV ? order.find((q) => s.vals[(o * s.len + q) * s.inner + i] !== s.vals[(o * s.len + q) * s.inner + i])! : order[Math.floor((len - 1) / 2)];
        vals[o * s.inner + i] = s.vals[(o * s.len + j) * s.inner + i];
        idx[o * s.inner + i] = j;
      }
    const indices = Tensor.fromData(idx, shape.slice(), int64, x._dialect);
    if (ctx.op) ctx.save_for_backward(indices);
    return returnType("median", ["values", "indices"], [Tensor.fromData(vals, shape, x.dtype, x._dialect), indices]);
  },
  backward(ctx, g) {
    const [i] = ctx.saved_tensors;
    const x = ctx.args[0] as T;
    return [selectBackward(g, x, wrap0(x, ctx.args[1]), i, ctx.args[2] as boolean)];
  },
});

defineOp("median", {
  sig: "median(Tensor input, any dim=None, bool keepdim=False)",
  forward(_ctx, x: T, dim: unknown, keepdim: boolean) {
    if (dim === null || dim === undefined) return ops._median_all.call(x);
    return ops._median_dim.call(x, Number(dim), keepdim);
  },
});

// ---- unique / unique_consecutive ----------------------------------------------------------------

/** Total order of ATen's sort for unique: NaN after every number (values compare as numbers). */
const cmpNum = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : Number.isNaN(b) ? -1 : 0);

/** unique's outputs: the values tensor, then inverse and counts when asked, as PyTorch returns them. */
function uniqueResult(x: T, values: T, inverse: T, counts: T, returnInverse: boolean, returnCounts: boolean): T | PyTuple<T> {
  if (!returnInverse && !returnCounts) return values;
  const out = new PyTuple<T>();
  out.push(values);
  if (returnInverse) out.push(inverse);
  if (returnCounts) out.push(counts);
  void x;
  return out;
}

const noUniqueGrad = (name: string) => () => {
  throw new RuntimeError(`the derivative for '${name}' is not implemented.`);
};

// torch.unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None) (the
// Python wrapper over _unique2 / unique_dim). sorted=False follows the CPU kernel's
// std::unordered_set, whose iteration (libstdc++, no rehash, distinct buckets) is the reverse of
// first appearance: exact for small sets of small integers, an approximation otherwise.
defineOp("unique", {
  sig: "unique(Tensor input, bool sorted=True, bool return_inverse=False, bool return_counts=False, int? dim=None)",
  names: { torch: (a) => (a[4] == null ? "Unique2Backward0" : "UniqueDimBackward0") },
  differentiableOutputs: [0],
  forward(_ctx, x: T, sorted: boolean, returnInverse: boolean, returnCounts: boolean, dim: unknown) {
    if (!isHost(x)) throw new RuntimeError("unique: tensor on a device without this kernel");
    if (dim !== null && dim !== undefined) return uniqueDim(x, wrap0(x, dim), returnInverse, returnCounts);
    const vals = x._contiguousValues() as ArrayLike<number>;
    const n = vals.length;
    let order: number[]; // distinct values in output order
    if (sorted) {
      const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => cmpNum(vals[a], vals[b]) || a - b);
      order = [];
      for (const i of idx) if (order.length === 0 || cmpNum(order[order.length - 1], vals[i]) !== 0 || Number.isNaN(vals[i])) order.push(vals[i]);
    } else {
      const seen = new Set<number>();
      order = [];
      for (let i = 0; i < n; i++) {
        const v = vals[i];
        if (Number.isNaN(v) || !seen.has(v)) order.push(v);
        seen.add(v);
      }
      order.reverse();
    }
    const pos = new Map<number, number>();
    order.forEach((v, i) => { if (!Number.isNaN(v)) pos.set(v, i); });
    const inv = new int64.ctor(n);
    const cnt = new int64.ctor(order.length);
    let nanAt = order.findIndex((v) => Number.isNaN(v));
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      const p = Number.isNaN(v) ? nanAt++ : pos.get(v)!;
      inv[i] = p;
      cnt[p] += 1;
    }
    const values = Tensor.fromData(new x.dtype.ctor(order) as any, [order.length], x.dtype, x._dialect);
    return uniqueResult(x, values, Tensor.fromData(inv, x._shape.slice(), int64, x._dialect), Tensor.fromData(cnt, [order.length], int64, x._dialect), returnInverse, returnCounts);
  },
  backward: noUniqueGrad("_unique2"),
});

/** unique(dim=d): distinct slices along d, sorted lexicographically (unique_dim always sorts). */
function uniqueDim(x: T, d: number, returnInverse: boolean, returnCounts: boolean): T | PyTuple<T> {
  const s = split(x, d);
  const slice = (j: number): number[] => {
    const out: number[] = [];
    for (let o = 0; o < s.outer; o++) for (let i = 0; i < s.inner; i++) out.push(s.vals[(o * s.len + j) * s.inner + i]);
    return out;
  };
  const slices = Array.from({ length: s.len }, (_, j) => slice(j));
  const lex = (a: number[], b: number[]): number => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return cmpNum(a[k], b[k]);
    return 0;
  };
  const idx = Array.from({ length: s.len }, (_, j) => j).sort((a, b) => lex(slices[a], slices[b]) || a - b);
  const groups: number[] = []; // first index (in idx order) of each distinct slice
  const inv = new int64.ctor(s.len);
  const counts: number[] = [];
  for (let r = 0; r < idx.length; r++) {
    if (r === 0 || lex(slices[idx[r - 1]], slices[idx[r]]) !== 0) {
      groups.push(idx[r]);
      counts.push(0);
    }
    inv[idx[r]] = groups.length - 1;
    counts[counts.length - 1] += 1;
  }
  const shape = x._shape.slice();
  shape[d] = groups.length;
  const out = new x.dtype.ctor(numelOf(shape));
  for (let o = 0; o < s.outer; o++)
    groups.forEach((j, g) => {
      for (let i = 0; i < s.inner; i++) out[(o * groups.length + g) * s.inner + i] = s.vals[(o * s.len + j) * s.inner + i];
    });
  const values = Tensor.fromData(out, shape, x.dtype, x._dialect);
  return uniqueResult(x, values, Tensor.fromData(inv, [s.len], int64, x._dialect), Tensor.fromData(Float64Array.from(counts) as any, [counts.length], int64, x._dialect), returnInverse, returnCounts);
}

defineOp("unique_consecutive", {
  sig: "unique_consecutive(Tensor input, bool return_inverse=False, bool return_counts=False, int? dim=None)",
  names: { torch: "UniqueConsecutiveBackward0" },
  differentiableOutputs: [0],
  forward(_ctx, x: T, returnInverse: boolean, returnCounts: boolean, dim: unknown) {
    if (dim !== null && dim !== undefined) throw new RuntimeError("unique_consecutive with dim is not supported by tsgrad");
    const vals = x._contiguousValues() as ArrayLike<number>;
    const n = vals.length;
    const order: number[] = [];
    const counts: number[] = [];
    const inv = new int64.ctor(n);
    for (let i = 0; i < n; i++) {
      if (i === 0 || vals[i] !== vals[i - 1]) {
        order.push(vals[i]);
        counts.push(0);
      }
      counts[counts.length - 1] += 1;
      inv[i] = order.length - 1;
    }
    const values = Tensor.fromData(new x.dtype.ctor(order) as any, [order.length], x.dtype, x._dialect);
    return uniqueResult(x, values, Tensor.fromData(inv, x._shape.slice(), int64, x._dialect), Tensor.fromData(Float64Array.from(counts) as any, [counts.length], int64, x._dialect), returnInverse, returnCounts);
  },
  backward: noUniqueGrad("unique_consecutive"),
});
