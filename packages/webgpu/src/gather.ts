/// <reference types="@webgpu/types" />
// gather and scatter_add along one dim (cross-entropy's pick and its gradient). scatter_add is
// written as a gather-side loop (each output element sums the source entries whose index
// points at it), which needs no float atomics and adds in a fixed order.

import { Tensor } from "@tsgrad/core";
import { RuntimeError } from "@tsgrad/py";
import type { GpuContext } from "./context.ts";
import { elemType } from "./storage.ts";
import { MAXD, groupsFor, WG } from "./elementwise.ts";

function meta(nd: number, d: number, shapes: number[][], strides: number[][], offsets: number[], n: number): Uint32Array {
  // n, nd, d, then per tensor: offset, shape[MAXD], strides[MAXD]
  const md = new Uint32Array(3 + shapes.length * (1 + 2 * MAXD));
  md[0] = n; md[1] = nd; md[2] = d;
  shapes.forEach((s, k) => {
    const b = 3 + k * (1 + 2 * MAXD);
    md[b] = offsets[k];
    s.forEach((v, i) => (md[b + 1 + i] = v));
    strides[k].forEach((v, i) => (md[b + 1 + MAXD + i] = v));
  });
  return md;
}
const B = (k: number) => 3 + k * (1 + 2 * MAXD);

/** out[k] = x[..., index[k], ...] with out shaped like index. */
export function runGather(ctx: GpuContext, x: Tensor, d: number, index: Tensor, out: Tensor): void {
  const n = out.numel();
  if (n === 0) return;
  if (x._shape.length > MAXD) throw new RuntimeError(`webgpu: tensors of more than ${MAXD} dims are not supported`);
  const nd = Math.max(x._shape.length, 1);
  const pad = (a: number[], v: number) => (a.length === 0 ? [v] : a);
  const md = meta(nd, d, [pad(index._shape, 1), pad(x._shape, 1)], [pad(index._strides, 0), pad(x._strides, 0)], [index._offset, x._offset], n);
  const ty = elemType(x.dtype);
  const p = ctx.pipeline(`gather|${ty}`, () => `
@group(0) @binding(0) var<storage, read_write> dst: array<${ty}>;
@group(0) @binding(1) var<storage, read> md: array<u32>;
@group(0) @binding(2) var<storage, read> src: array<${ty}>;
@group(0) @binding(3) var<storage, read> idx: array<i32>;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= md[0]) { return; }
  var rem = i; var pi = md[${B(0)}]; var px = md[${B(1)}];
  let d = i32(md[2]);
  for (var k = i32(md[1]) - 1; k >= 0; k = k - 1) {
    let sz = md[${B(0) + 1} + k]; let c = rem % sz; rem = rem / sz;
    pi = pi + c * md[${B(0) + 1 + MAXD} + k];
    if (k != d) { px = px + c * md[${B(1) + 1 + MAXD} + k]; }
  }
  let j = u32(clamp(idx[pi], 0, i32(md[${B(1) + 1} + d]) - 1));
  dst[i] = src[px + j * md[${B(1) + 1 + MAXD} + d]];
}`);
  const mdBuf = ctx.bufferFrom(md);
  ctx.dispatch(p, [(out._storage as any).buffer, mdBuf, (x._storage as any).buffer, (index._storage as any).buffer], groupsFor(n), [mdBuf]);
  (out._storage as any).written();
}

/** out = base + scatter of src along d at index (out contiguous, shaped like base). */
export function runScatterAdd(ctx: GpuContext, base: Tensor, d: number, index: Tensor, src: Tensor, out: Tensor): void {
  const n = out.numel();
  if (n === 0) return;
  const nd = Math.max(out._shape.length, 1);
  const pad = (a: number[], v: number) => (a.length === 0 ? [v] : a);
  const md = meta(nd, d, [pad(out._shape, 1), pad(base._shape, 1), pad(index._shape, 1), pad(src._shape, 1)], [pad(out._strides, 0), pad(base._strides, 0), pad(index._strides, 0), pad(src._strides, 0)], [0, base._offset, index._offset, src._offset], n);
  const ty = elemType(out.dtype);
  const p = ctx.pipeline(`scatter_add|${ty}`, () => `
@group(0) @binding(0) var<storage, read_write> dst: array<${ty}>;
@group(0) @binding(1) var<storage, read> md: array<u32>;
@group(0) @binding(2) var<storage, read> bse: array<${ty}>;
@group(0) @binding(3) var<storage, read> idx: array<i32>;
@group(0) @binding(4) var<storage, read> src: array<${ty}>;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= md[0]) { return; }
  let d = i32(md[2]);
  var rem = i; var pb = md[${B(1)}]; var pi = md[${B(2)}]; var ps = md[${B(3)}];
  var inside = true; var tgt = 0;
  for (var k = i32(md[1]) - 1; k >= 0; k = k - 1) {
    let sz = md[${B(0) + 1} + k]; let c = rem % sz; rem = rem / sz;
    pb = pb + c * md[${B(1) + 1 + MAXD} + k];
    if (k == d) { tgt = i32(c); }
    else {
      if (c >= md[${B(2) + 1} + k]) { inside = false; }
      pi = pi + c * md[${B(2) + 1 + MAXD} + k];
      ps = ps + c * md[${B(3) + 1 + MAXD} + k];
    }
  }
  var acc = bse[pb];
  if (inside) {
    for (var j = 0u; j < md[${B(2) + 1} + d]; j = j + 1u) {
      if (idx[pi + j * md[${B(2) + 1 + MAXD} + d]] == tgt) { acc = acc + src[ps + j * md[${B(3) + 1 + MAXD} + d]]; }
    }
  }
  dst[i] = acc;
}`);
  const mdBuf = ctx.bufferFrom(md);
  ctx.dispatch(p, [(out._storage as any).buffer, mdBuf, (base._storage as any).buffer, (index._storage as any).buffer, (src._storage as any).buffer], groupsFor(n), [mdBuf]);
  (out._storage as any).written();
}
