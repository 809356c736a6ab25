/// <reference types="@webgpu/types" />
// Value-and-index reductions (core/src/ops/minmax.ts): argmax/argmin (int64 results), max/min
// over a dim (values + int64 indices, the torch.return_types.max tuple), and max/min of the
// whole tensor. One 256-thread workgroup per output element; each thread scans a strided share,
// then a tree in workgroup memory combines (value, index) pairs. The CPU's rule is kept exactly:
// NaN beats any number, and among equal values (or NaNs) the lowest index wins.

import { Tensor, int64, type Ctx, type Op } from "@tsgrad/core";
import { IndexError, RuntimeError } from "@tsgrad/py";
import { opKernels, gpu, emptyGpu, clone, onGpu } from "./backend.ts";
import { elemType } from "./storage.ts";

type T = Tensor;

/** Reduce contiguous x seen as [outer, len, inner] along len: values and indices, [outer*inner]. */
function argReduce(x: T, outer: number, len: number, inner: number, kind: "max" | "min", values: T | null, indices: T): void {
  const nOut = outer * inner;
  if (nOut === 0) return;
  const ty = elemType(x.dtype);
  const cmp = kind === "max" ? ">" : "<";
  const nanCheck = ty === "f32";
  const ctx = gpu();
  const p = ctx.pipeline(`argreduce|${kind}|${ty}|${values !== null}`, () => `
@group(0) @binding(0) var<storage, read_write> idxOut: array<i32>;
@group(0) @binding(1) var<storage, read> md: array<u32>;
@group(0) @binding(2) var<storage, read> src: array<${ty}>;
${values !== null ? `@group(0) @binding(3) var<storage, read_write> valOut: array<${ty}>;` : ""}
var<workgroup> sv: array<${ty}, 256>;
var<workgroup> si: array<i32, 256>;
fn isnan_(v: ${ty}) -> bool { return ${nanCheck ? "!(v == v)" : "false"}; }
// does (va, ia) beat (vb, ib)? NaN beats numbers; ties (equal, or both NaN) go to the lower index
fn beats(va: ${ty}, ia: i32, vb: ${ty}, ib: i32) -> bool {
  if (ib < 0) { return ia >= 0; }
  if (ia < 0) { return false; }
  let a_nan = isnan_(va); let b_nan = isnan_(vb);
  if (a_nan && !b_nan) { return true; }
  if (b_nan && !a_nan) { return false; }
  if (!a_nan && va ${cmp} vb) { return true; }
  if (!a_nan && vb ${cmp} va) { return false; }
  return ia < ib;
}
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let o = wid.x + wid.y * nwg.x;
  let valid = o < md[0];
  let len = select(0u, md[1], valid);
  let inner = md[2];
  let base = md[3] + (o / inner) * len * inner + o % inner;
  var bv = src[md[3]]; var bi = -1;
  for (var j = lid.x; j < len; j = j + 256u) {
    let v = src[base + j * inner];
    if (beats(v, i32(j), bv, bi)) { bv = v; bi = i32(j); }
  }
  sv[lid.x] = bv; si[lid.x] = bi;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s = s >> 1u) {
    if (lid.x < s && beats(sv[lid.x + s], si[lid.x + s], sv[lid.x], si[lid.x])) { sv[lid.x] = sv[lid.x + s]; si[lid.x] = si[lid.x + s]; }
    workgroupBarrier();
  }
  if (lid.x == 0u && valid) {
    idxOut[o] = si[0];
    ${values !== null ? "valOut[o] = sv[0];" : ""}
  }
}`);
  const md = new Uint32Array([nOut, len, inner, x._offset]);
  const mdBuf = ctx.bufferFrom(md);
  const buf = (t: T) => (t._storage as any).buffer as GPUBuffer;
  const groups: [number, number, number] = nOut <= 65535 ? [nOut, 1, 1] : [65535, Math.ceil(nOut / 65535), 1];
  ctx.dispatch(p, [buf(indices), mdBuf, buf(x), ...(values !== null ? [buf(values)] : [])], groups, [mdBuf]);
  (indices._storage as any).written();
  if (values !== null) (values._storage as any).written();
}

function dense(t: T): T {
  const g = onGpu(t);
  return g.is_contiguous() ? g : clone(g);
}

/** x as [outer, len, inner] around dim d (d = null: the whole tensor as one row). */
function geometry(x: T, d: number | null): { outer: number; len: number; inner: number } {
  if (d === null || x._shape.length === 0) return { outer: 1, len: x.numel(), inner: 1 };
  let outer = 1, inner = 1;
  for (let i = 0; i < d; i++) outer *= x._shape[i];
  for (let i = d + 1; i < x._shape.length; i++) inner *= x._shape[i];
  return { outer, len: x._shape[d], inner };
}
function reducedShape(x: T, d: number, keepdim: boolean): number[] {
  if (x._shape.length === 0) return [];
  return keepdim ? x._shape.map((s, i) => (i === d ? 1 : s)) : x._shape.filter((_, i) => i !== d);
}
function checkNotBool(x: T, name: string): void {
  if (x.dtype.kind === "bool") throw new RuntimeError(`"${name}_cuda" not implemented for 'Bool'`);
}

for (const kind of ["max", "min"] as const) {
  const arg = `arg${kind}`;
  opKernels[arg] = (_c: Ctx, [x, dim, keepdim]) => {
    const X = dense(x as T);
    checkNotBool(X, arg);
    if (dim === null || dim === undefined) {
      if (X.numel() === 0) throw new IndexError(`${arg}(): Expected reduction dim to be specified for input.numel() == 0.`);
      const out = emptyGpu(keepdim ? X._shape.map(() => 1) : [], int64, X._dialect);
      argReduce(X, 1, X.numel(), 1, kind, null, out);
      return out;
    }
    const d = X._shape.length === 0 ? X._wrapDim(Number(dim), 0) : X._wrapDim(Number(dim));
    if (X._shape.length > 0 && X._shape[d] === 0) throw new IndexError(`${arg}(): Expected reduction dim ${d} to have non-zero size.`);
    const g = geometry(X, d);
    const out = emptyGpu(reducedShape(X, d, !!keepdim), int64, X._dialect);
    argReduce(X, g.outer, g.len, g.inner, kind, null, out);
    return out;
  };

  opKernels[`_${kind}_dim`] = (ctx: Ctx, [x, dim, keepdim], op: Op) => {
    const X = dense(x as T);
    checkNotBool(X, kind);
    const d = X._shape.length === 0 ? X._wrapDim(Number(dim), 0) : X._wrapDim(Number(dim));
    if (X._shape.length > 0 && X._shape[d] === 0) throw new IndexError(`${kind}(): Expected reduction dim ${d} to have non-zero size.`);
    const g = geometry(X, d);
    const shape = reducedShape(X, d, !!keepdim);
    const values = emptyGpu(shape, X.dtype, X._dialect);
    const indices = emptyGpu(shape.slice(), int64, X._dialect);
    argReduce(X, g.outer, g.len, g.inner, kind, values, indices);
    if (ctx.op) ctx.save_for_backward(indices);
    // the CPU forward's named tuple (torch.return_types.max), built around our two tensors
    return makeReturn(op, values, indices);
  };

  opKernels[`_${kind}_all`] = (ctx: Ctx, [x]) => {
    const X = dense(x as T);
    checkNotBool(X, kind);
    if (X.numel() === 0)
      throw new RuntimeError(`${kind}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
    const values = emptyGpu([], X.dtype, X._dialect);
    const indices = emptyGpu([], int64, X._dialect);
    argReduce(X, 1, X.numel(), 1, kind, values, indices);
    if (ctx.op) ctx.save_for_backward(x as T, values);
    return values;
  };
}

/**
 * torch.return_types.max/min as the CPU forward makes it: core does not export its named-tuple
 * maker, so run the CPU forward on a one-element host tensor and put our two tensors in it.
 */
function makeReturn(op: Op, values: T, indices: T): unknown {
  const probe = Tensor.fromData(new values.dtype.ctor(1), [1], values.dtype, values._dialect);
  const r = op.forward({ op: null, save_for_backward() {} } as unknown as Ctx, probe, 0, false);
  r[0] = values;
  r[1] = indices;
  return r;
}

// The derivative pair of value-selecting reductions (minmax.ts): gather along a dim and its
// adjoint, a scatter-add into zeros; both are the gather / scatter_add kernels.
opKernels._gather_dim = (_c: Ctx, [x, dim, index]) => {
  const X = x as T;
  if (X._shape.length === 0) return X.reshape([1]).gather(0, (index as T).reshape([1])).reshape([]);
  return X.gather(X._wrapDim(Number(dim)), onGpu(index as T));
};
opKernels._scatter_add_zeros = (_c: Ctx, [src, dim, index, size]) => {
  const S = src as T;
  const shape = (size as number[]).map(Number);
  const zeros = emptyGpu(shape, S.dtype, S._dialect).zero_();
  if (shape.length === 0) return zeros.reshape([1]).scatter_add(0, (index as T).reshape([1]), S.reshape([1])).reshape([]);
  return zeros.scatter_add(zeros._wrapDim(Number(dim)), onGpu(index as T), S);
};
