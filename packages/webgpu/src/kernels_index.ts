/// <reference types="@webgpu/types" />
// Advanced indexing on the GPU: `x[idx]` (the `_index` op), `index_put` (also the derivative
// of `_index`, with accumulate=True), index_select, `_copy_slices` (x[...] = v while recording)
// and masked_select, following ops/indexing.ts's planIndex: index tensors broadcast together
// and their dims replace the indexed dims in place when adjacent, else go first.
//
// A long index tensor's values are only read by the kernel, so shapes come from metadata and
// nothing waits for the GPU. A bool mask is different: the result's size is its count of true
// values, which the host must know. A CPU mask, or a GPU mask whose values were fetched
// (`await mask.fetch_async()`), is turned into long coordinates on the host and uploaded; an
// unfetched GPU mask raises (PyTorch's CUDA backend synchronises here; we do not read behind
// the caller's back). Writes through a mask with a scalar or broadcast value need no count:
// use masked_fill / torch.where for those without a fetch.
//
// Without a read, indices cannot be bounds-checked: an out-of-range index reads NaN (floats)
// or 0 (integers) and writes nothing. index_put with accumulate=True adds with atomics (a
// compare-exchange loop for float32), so repeated indices are summed in an unspecified order.

import { Tensor, int64, int32, bool, uint8, hostStorage, type Ctx, type DType } from "@tsgrad/core";
import { IndexError, RuntimeError } from "@tsgrad/py";
import { opKernels, gpu, emptyGpu, clone, onGpu, webgpuBackend } from "./backend.ts";
import { elemType } from "./storage.ts";
import { groupsFor, MAXD, WG } from "./elementwise.ts";

type T = Tensor;
type Idx = T | null;
const MAXI = 4; // index tensors per kernel (storage-buffer bindings are limited to 8 per stage)
const dimsStr = (s: readonly number[]) => `[${s.join(", ")}]`;

function broadcastShapes(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new Error("broadcast");
    out.push(x === 1 ? y : x);
  }
  return out;
}
/** Strides of t read as `shape` (0 on broadcast dims), right-aligned. */
function bStrides(t: T, shape: number[]): number[] {
  const lead = shape.length - t._shape.length;
  return shape.map((s, i) => (i < lead || t._shape[i - lead] === 1 ? 0 : t._strides[i - lead]));
}

/** Masks become long coordinates (needs the mask's values on the host); long indices go to the GPU. */
function expand(self: T, indices: readonly Idx[]): Idx[] {
  const out: Idx[] = [];
  for (const t of indices) {
    if (t === null || t === undefined) out.push(null);
    else if (t.dtype === bool || t.dtype === uint8) {
      for (let j = 0; j < t._shape.length; j++) {
        const src = out.length + j;
        if (src >= self._shape.length || t._shape[j] !== self._shape[src])
          throw new IndexError(`The shape of the mask ${dimsStr(t._shape)} at index ${j} does not match the shape of the indexed tensor ${dimsStr(self._shape)} at index ${src}`);
      }
      let vals;
      try {
        vals = hostStorage(t, true);
      } catch {
        throw new RuntimeError(
          `indexing a ${self.device} tensor with a bool mask needs the mask's values on the host (the result's size is its number of true elements): ` +
            "`await mask.fetch_async()` first, or write through it without a size with masked_fill / torch.where",
        );
      }
      const host = new Tensor(vals, t._shape, t._strides, t._offset, t.dtype, t._dialect);
      const nz = host.nonzero(); // [count, ndim] on the CPU
      for (let j = 0; j < t._shape.length; j++) out.push(onGpu(nz.select(1, j).contiguous()));
    } else if (t.dtype === int64 || t.dtype === int32) out.push(onGpu(t));
    else throw new IndexError("tensors used as indices must be long, byte or bool tensors");
  }
  return out;
}

interface Plan {
  shape: number[]; // result shape
  xStrides: number[]; // per result dim: stride into self (0 on index dims)
  tensors: T[];
  idxStrides: number[][]; // per index tensor, per result dim
  sizes: number[]; // size of the indexed dim of each index tensor
  dimStrides: number[]; // self's stride of that dim
}

function plan(self: T, indices: readonly Idx[]): Plan {
  const nd = self._shape.length;
  if (indices.length > nd) throw new IndexError(`too many indices for tensor of dimension ${nd} (got ${indices.length})`);
  const idx = expand(self, indices);
  const dims: number[] = [];
  const tensors: T[] = [];
  idx.forEach((t, d) => {
    if (t !== null) {
      dims.push(d);
      tensors.push(t);
    }
  });
  if (tensors.length > MAXI) throw new RuntimeError(`webgpu: indexing with more than ${MAXI} index tensors is not implemented`);
  let bshape: number[] = [];
  try {
    for (const t of tensors) bshape = broadcastShapes(bshape, t._shape);
  } catch {
    throw new IndexError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${tensors.map((t) => dimsStr(t._shape)).join(", ")}`);
  }
  const adjacent = dims.length === 0 || dims[dims.length - 1] - dims[0] === dims.length - 1;
  const rest: number[] = [];
  for (let d = 0; d < nd; d++) if (!dims.includes(d)) rest.push(d);
  const before = adjacent && dims.length > 0 ? rest.filter((d) => d < dims[0]) : [];
  const after = adjacent && dims.length > 0 ? rest.filter((d) => d > dims[0]) : rest;
  const shape = [...before.map((d) => self._shape[d]), ...bshape, ...after.map((d) => self._shape[d])];
  if (shape.length > MAXD) throw new RuntimeError(`webgpu: tensors of more than ${MAXD} dims are not supported`);
  const xStrides = [...before.map((d) => self._strides[d]), ...bshape.map(() => 0), ...after.map((d) => self._strides[d])];
  const idxStrides = tensors.map((t) => {
    const bs = bStrides(t, bshape);
    return [...before.map(() => 0), ...bs, ...after.map(() => 0)];
  });
  return { shape, xStrides, tensors, idxStrides, sizes: dims.map((d) => self._shape[d]), dimStrides: dims.map((d) => self._strides[d]) };
}

/**
 * WGSL computing, for result element i: `pos` (position in self) and `ok` (every index in
 * range), plus `vp` (position of the broadcast value, when `withValue`).
 * md layout: 0 n, 1 nd, 2 J, 3 self offset, 4 value offset, 5.. shape[MAXD], xStrides[MAXD],
 * valueStrides[MAXD], then per index j: offset, size, dimStride, strides[MAXD].
 */
const SH = 5, XS = SH + MAXD, VS = XS + MAXD, IB = VS + MAXD, IW = 3 + MAXD;
function planMeta(p: Plan, self: T, value: T | null): Int32Array {
  const md = new Int32Array(IB + MAXI * IW);
  md[0] = p.shape.reduce((a, b) => a * b, 1);
  md[1] = p.shape.length;
  md[2] = p.tensors.length;
  md[3] = self._offset;
  md[4] = value === null ? 0 : value._offset;
  p.shape.forEach((s, i) => (md[SH + i] = s));
  p.xStrides.forEach((s, i) => (md[XS + i] = s));
  if (value !== null) bStrides(value, p.shape).forEach((s, i) => (md[VS + i] = s));
  p.tensors.forEach((t, j) => {
    const b = IB + j * IW;
    md[b] = t._offset;
    md[b + 1] = p.sizes[j];
    md[b + 2] = p.dimStrides[j];
    p.idxStrides[j].forEach((s, i) => (md[b + 3 + i] = s));
  });
  return md;
}
function positionWgsl(J: number): string {
  const lines = [
    `  var rem = i32(i); var pos = md[3]; var vp = md[4]; var ok = true;`,
    ...Array.from({ length: J }, (_, j) => `  var ip${j} = md[${IB + j * IW}];`),
    `  for (var d = md[1] - 1; d >= 0; d = d - 1) {`,
    `    let sz = md[${SH} + d]; let c = rem % sz; rem = rem / sz;`,
    `    pos = pos + c * md[${XS} + d]; vp = vp + c * md[${VS} + d];`,
    ...Array.from({ length: J }, (_, j) => `    ip${j} = ip${j} + c * md[${IB + j * IW + 3} + d];`),
    `  }`,
    ...Array.from({ length: J }, (_, j) => [
      `  { let size = md[${IB + j * IW + 1}]; var v = idx${j}[ip${j}];`,
      `    if (v < 0) { v = v + size; }`,
      `    if (v < 0 || v >= size) { ok = false; v = 0; }`,
      `    pos = pos + v * md[${IB + j * IW + 2}]; }`,
    ].join("\n")),
  ];
  return lines.join("\n");
}

const buf = (t: T) => (t._storage as any).buffer as GPUBuffer;

/** out = self[indices] (a fresh contiguous tensor). */
function indexGather(self: T, indices: readonly Idx[]): T {
  const p = plan(self, indices);
  const out = emptyGpu(p.shape, self.dtype, self._dialect);
  const n = out.numel();
  if (n === 0) return out;
  const J = p.tensors.length;
  const ty = elemType(self.dtype);
  const ctx = gpu();
  const pl = ctx.pipeline(`index|${ty}|${J}`, () => `
@group(0) @binding(0) var<storage, read_write> dst: array<${ty}>;
@group(0) @binding(1) var<storage, read> md: array<i32>;
@group(0) @binding(2) var<storage, read> src: array<${ty}>;
${Array.from({ length: J }, (_, j) => `@group(0) @binding(${3 + j}) var<storage, read> idx${j}: array<i32>;`).join("\n")}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= u32(md[0])) { return; }
${positionWgsl(J)}
  // out of range: no bounds check is possible without a read; NaN makes it visible
  var bad = ${ty === "f32" ? "0x7fc00000u" : "0u"}; // a runtime value: WGSL rejects a NaN constant
  dst[i] = select(bitcast<${ty}>(bad), src[pos], ok);
}`);
  const mdBuf = ctx.bufferFrom(planMeta(p, self, null));
  ctx.dispatch(pl, [buf(out), mdBuf, buf(self), ...p.tensors.map(buf)], groupsFor(n), [mdBuf]);
  (out._storage as any).written();
  return out;
}

/** dst[indices] = values (or += with accumulate), in place on dst (any strided GPU tensor). */
function indexPutInto(dst: T, indices: readonly Idx[], values: T, accumulate: boolean): void {
  const p = plan(dst, indices);
  const vs = values._shape;
  const lead = p.shape.length - vs.length;
  if (lead < 0 || vs.some((s, i) => s !== 1 && s !== p.shape[lead + i]))
    throw new RuntimeError(`shape mismatch: value tensor of shape ${dimsStr(vs)} cannot be broadcast to indexing result of shape ${dimsStr(p.shape)}`);
  const n = p.shape.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  let V = onGpu(values);
  if ((V._storage as any).buffer === buf(dst)) V = clone(V);
  const J = p.tensors.length;
  const ty = elemType(dst.dtype);
  const atomicTy = ty === "f32" ? "u32" : "i32";
  const store = accumulate
    ? ty === "f32"
      ? `  var old = atomicLoad(&dst[pos]);
  loop {
    let r = atomicCompareExchangeWeak(&dst[pos], old, bitcast<u32>(bitcast<f32>(old) + val));
    if (r.exchanged) { break; }
    old = r.old_value;
  }`
      : `  atomicAdd(&dst[pos], val);`
    : `  dst[pos] = val;`;
  const ctx = gpu();
  const pl = ctx.pipeline(`index_put|${ty}|${J}|${accumulate}`, () => `
@group(0) @binding(0) var<storage, read_write> dst: array<${accumulate ? `atomic<${atomicTy}>` : ty}>;
@group(0) @binding(1) var<storage, read> md: array<i32>;
@group(0) @binding(2) var<storage, read> vals: array<${ty}>;
${Array.from({ length: J }, (_, j) => `@group(0) @binding(${3 + j}) var<storage, read> idx${j}: array<i32>;`).join("\n")}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= u32(md[0])) { return; }
${positionWgsl(J)}
  if (!ok) { return; }
  let val = vals[vp];
${store}
}`);
  const mdBuf = ctx.bufferFrom(planMeta(p, dst, V));
  ctx.dispatch(pl, [buf(dst), mdBuf, buf(V), ...p.tensors.map(buf)], groupsFor(n), [mdBuf]);
  (dst._storage as any).written();
}

function checkPutDtypes(self: T, values: T): void {
  const names: Record<string, string> = { float32: "Float", float64: "Double", int64: "Long", int32: "Int", int16: "Short", int8: "Char", uint8: "Byte", bool: "Bool" };
  if (values.dtype !== self.dtype)
    throw new RuntimeError(`Index put requires the source and destination dtypes match, got ${names[self.dtype.name]} for the destination and ${names[values.dtype.name]} for the source.`);
}

function scalarTensor(v: number, dtype: DType, like: T): T {
  const s = new dtype.ctor(1);
  s[0] = dtype.kind === "bool" ? (v ? 1 : 0) : v;
  return Tensor.fromData(s, [], dtype, like._dialect);
}

opKernels._index = (_c: Ctx, [x, indices]) => indexGather(x as T, Array.from(indices as Idx[]));

opKernels.index_put = (_c: Ctx, [x, indices, values, accumulate]) => {
  const X = x as T;
  const v = values instanceof Tensor ? values : scalarTensor(Number(values), X.dtype, X);
  checkPutDtypes(X, v);
  const out = clone(X);
  indexPutInto(out, Array.from(indices as Idx[]), v, !!accumulate);
  return out;
};

/** x[...] = v while recording (ops/indexing.ts `_copy_slices`): a copy of x with the region written. */
opKernels._copy_slices = (_c: Ctx, [x, value, planArg]) => {
  const plan = planArg as { steps: Array<(t: T) => T>; indices: Idx[] | null };
  const out = clone(x as T);
  const region = plan.steps.reduce((t, s) => s(t), out);
  if (plan.indices) indexPutInto(region, plan.indices, value as T, false);
  else webgpuBackend.copy(region, value as T);
  return out;
};

opKernels.index_select = (_c: Ctx, [x, dim, index]) => {
  const X = x as T, I = index as T;
  if (I._shape.length > 1) throw new IndexError("index_select(): Index is supposed to be a vector");
  if (I.dtype !== int64 && I.dtype !== int32) throw new RuntimeError("index_select(): Expected dtype int32 or int64 for index");
  if (X._shape.length === 0) return indexGather(X.reshape([1]), [I.reshape([-1])]).reshape(I._shape.length === 0 ? [] : [I.numel()]);
  const d = X._wrapDim(Number(dim));
  const idx: Idx[] = Array.from({ length: d }, () => null);
  idx.push(I.reshape([-1]));
  return indexGather(X, idx);
};

opKernels.masked_select = (_c: Ctx, [x, mask]) => {
  const X = x as T, M = mask as T;
  if (M.dtype !== bool && M.dtype !== uint8) throw new RuntimeError("masked_select: expected BoolTensor or ByteTensor for mask");
  const shape = broadcastShapes(X._shape, M._shape);
  return indexGather(X.expand(shape), [M.expand(shape)]);
};
