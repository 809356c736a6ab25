/// <reference types="@webgpu/types" />
// Batched matrix products out[b] = A[b] @ B[b] on strided float32 operands: 16x16 output tiles,
// each thread computing one element from 16-wide slabs of A and B staged in workgroup memory.
// Strides come in the metadata, so transposed operands (a.t(), b.mT) need no copy.

import { Tensor } from "@tsgrad/core";
import type { GpuContext } from "./context.ts";

const TILE = 16;

export function runMatmul(ctx: GpuContext, a: Tensor, b: Tensor, out: Tensor, batch: number, M: number, K: number, N: number): void {
  if (batch === 0 || M === 0 || N === 0) return;
  const na = a._shape.length, nb = b._shape.length;
  const md = new Uint32Array([
    M, K, N,
    a._offset, na === 3 ? a._strides[0] : 0, a._strides[na - 2], a._strides[na - 1],
    b._offset, nb === 3 ? b._strides[0] : 0, b._strides[nb - 2], b._strides[nb - 1],
  ]);
  const pipeline = ctx.pipeline("matmul16", () => `
@group(0) @binding(0) var<storage, read_write> dst: array<f32>;
@group(0) @binding(1) var<storage, read> md: array<u32>;
@group(0) @binding(2) var<storage, read> A: array<f32>;
@group(0) @binding(3) var<storage, read> B: array<f32>;
var<workgroup> As: array<array<f32, ${TILE}>, ${TILE}>;
var<workgroup> Bs: array<array<f32, ${TILE}>, ${TILE}>;
@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let M = md[0]; let K = md[1]; let N = md[2];
  let row = wid.y * ${TILE}u + lid.y;
  let col = wid.x * ${TILE}u + lid.x;
  let aBase = md[3] + wid.z * md[4];
  let bBase = md[7] + wid.z * md[8];
  var acc = 0.0;
  for (var t = 0u; t < K; t = t + ${TILE}u) {
    let ak = t + lid.x;
    var av = 0.0;
    if (row < M && ak < K) { av = A[aBase + row * md[5] + ak * md[6]]; }
    As[lid.y][lid.x] = av;
    let bk = t + lid.y;
    var bv = 0.0;
    if (bk < K && col < N) { bv = B[bBase + bk * md[9] + col * md[10]]; }
    Bs[lid.y][lid.x] = bv;
    workgroupBarrier();
    for (var k = 0u; k < ${TILE}u; k = k + 1u) { acc = acc + As[lid.y][k] * Bs[k][lid.x]; }
    workgroupBarrier();
  }
  if (row < M && col < N) { dst[wid.z * M * N + row * N + col] = acc; }
}`);
  const mdBuf = ctx.bufferFrom(md);
  ctx.dispatch(pipeline, [(out._storage as any).buffer, mdBuf, (a._storage as any).buffer, (b._storage as any).buffer], [Math.ceil(N / TILE), Math.ceil(M / TILE), batch], [mdBuf]);
  (out._storage as any).written();
}
