/// <reference types="@webgpu/types" />
// Reductions over a set of dims (sum, mean, max, softmax's pieces): one workgroup of 256
// threads per output element; each thread folds a strided share of the group, then a tree in
// workgroup memory combines the 256 partials.

import { Tensor, type DType } from "@tsgrad/core";
import { RuntimeError } from "@tsgrad/py";
import type { GpuContext } from "./context.ts";
import { elemType } from "./storage.ts";
import { MAXD } from "./elementwise.ts";

export type ReduceKind = "sum" | "max" | "min" | "softmax_max" | "sumexp";

interface KindDef {
  init: (A: string) => string;
  map: string; // over v (A)
  combine: string; // over x, y (A)
  fin: string; // over acc (A), may use `scale`
}
const kinds: Record<ReduceKind, KindDef> = {
  sum: { init: () => "0", map: "v", combine: "x + y", fin: "acc * scale" },
  sumexp: { init: () => "0", map: "exp(v)", combine: "x + y", fin: "acc * scale" },
  max: { init: (A) => (A === "f32" ? "-inf_()" : "-2147483647 - 1"), map: "v", combine: "mx(x, y)", fin: "acc" },
  min: { init: (A) => (A === "f32" ? "inf_()" : "2147483647"), map: "v", combine: "mn(x, y)", fin: "acc" },
  softmax_max: { init: () => "-inf_()", map: "v", combine: "mx(x, y)", fin: "select(acc, 0.0, acc == -inf_())" },
};

export function runReduce(ctx: GpuContext, x: Tensor, dims: number[], out: Tensor, kind: ReduceKind, scale = 1): void {
  const nd = x._shape.length;
  if (nd > MAXD) throw new RuntimeError(`webgpu: tensors of more than ${MAXD} dims are not supported`);
  const red = new Set(dims);
  const kept = [...Array(nd).keys()].filter((i) => !red.has(i));
  const redAxes = [...Array(nd).keys()].filter((i) => red.has(i));
  const nOut = kept.reduce((a, i) => a * x._shape[i], 1);
  const G = redAxes.reduce((a, i) => a * x._shape[i], 1);
  if (nOut === 0) return;
  const A = elemType(out.dtype) === "f32" || kind === "sumexp" || kind === "softmax_max" ? "f32" : "i32";
  const md = new Uint32Array(6 + 4 * MAXD);
  const f = new Float32Array(md.buffer);
  md[0] = nOut; md[1] = G; md[2] = kept.length; md[3] = redAxes.length; md[4] = x._offset; f[5] = scale;
  kept.forEach((a, i) => { md[6 + i] = x._shape[a]; md[6 + MAXD + i] = x._strides[a]; });
  redAxes.forEach((a, i) => { md[6 + 2 * MAXD + i] = x._shape[a]; md[6 + 3 * MAXD + i] = x._strides[a]; });
  const k = kinds[kind];
  const inTy = elemType(x.dtype);
  const outTy = elemType(out.dtype);
  const key = `red|${kind}|${A}|${inTy}|${outTy}${out.dtype.kind === "bool" ? "b" : ""}`;
  const pipeline = ctx.pipeline(key, () => `
alias A = ${A};
fn inf_() -> f32 { var bits = 0x7f800000u; return bitcast<f32>(bits); }
fn mx(x: A, y: A) -> A { ${A === "f32" ? "if (!(x == x) || !(y == y)) { return x + y; } " : ""}return max(x, y); }
fn mn(x: A, y: A) -> A { ${A === "f32" ? "if (!(x == x) || !(y == y)) { return x + y; } " : ""}return min(x, y); }
@group(0) @binding(0) var<storage, read_write> dst: array<${outTy}>;
@group(0) @binding(1) var<storage, read> md: array<u32>;
@group(0) @binding(2) var<storage, read> src: array<${inTy}>;
var<workgroup> sh: array<A, 256>;
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let o = wid.x + wid.y * nwg.x;
  let valid = o < md[0];
  let G = select(0u, md[1], valid);
  var base = md[4];
  var rem = o;
  for (var d = i32(md[2]) - 1; d >= 0; d = d - 1) {
    let sz = md[6 + d]; base = base + (rem % sz) * md[${6 + MAXD} + d]; rem = rem / sz;
  }
  var acc: A = ${k.init(A)};
  for (var j = lid.x; j < G; j = j + 256u) {
    var p = base; var r = j;
    for (var d = i32(md[3]) - 1; d >= 0; d = d - 1) {
      let sz = md[${6 + 2 * MAXD} + d]; p = p + (r % sz) * md[${6 + 3 * MAXD} + d]; r = r / sz;
    }
    let v = A(src[p]);
    let x = acc; let y = ${k.map};
    acc = ${k.combine};
  }
  sh[lid.x] = acc;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s = s >> 1u) {
    if (lid.x < s) { let x = sh[lid.x]; let y = sh[lid.x + s]; sh[lid.x] = ${k.combine}; }
    workgroupBarrier();
  }
  if (lid.x == 0u && valid) {
    let acc = sh[0]; let scale = A(bitcast<f32>(md[5]));
    let r = ${k.fin};
    dst[o] = ${out.dtype.kind === "bool" ? "select(0, 1, !(r == A(0)))" : `${outTy}(r)`};
  }
}`);
  const mdBuf = ctx.bufferFrom(md);
  const groups: [number, number, number] = nOut <= 65535 ? [nOut, 1, 1] : [65535, Math.ceil(nOut / 65535), 1];
  ctx.dispatch(pipeline, [(out._storage as any).buffer, mdBuf, (x._storage as any).buffer], groups, [mdBuf]);
  (out._storage as any).written();
}

export type { DType };
