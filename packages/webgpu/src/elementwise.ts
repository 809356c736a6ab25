/// <reference types="@webgpu/types" />
// Elementwise kernels generated from the op table's WGSL expressions (ops/arith.ts passes e.g.
// "a + p0 * b" beside its JS element function). One shader per (expression, operand types,
// which operands are dense, ranks up to MAXD): shapes, strides, offsets and scalars travel in a
// small metadata buffer, so broadcasting and views cost no copies and no new shaders.

import { Tensor, type DType, type ElementExpr, type Expr } from "@tsgrad/core";
import { NotImplementedError, RuntimeError } from "@tsgrad/py";
import type { GpuContext } from "./context.ts";
import { elemType, type ElemType } from "./storage.ts";
import { preludeF32, preludeI32 } from "./wgsl_prelude.ts";

export const MAXD = 8;
export const WG = 256;

/** An operand: a strided view of a GPU buffer, or a scalar. */
export type Operand = { kind: "tensor"; t: Tensor } | { kind: "scalar"; v: number };

export function normExpr(expr: Expr, op: string, device: string): ElementExpr {
  if (expr === null || expr === undefined)
    throw new NotImplementedError(`The operator '${op}' is not implemented for the ${device.split(":")[0]} device (${device}): its kernel has no WGSL expression; move its inputs to the CPU with .cpu() / await t.cpu_async()`);
  return typeof expr === "string" ? { e: expr } : expr;
}

function isDenseLike(t: Tensor, outShape: number[]): boolean {
  const s = t._shape;
  if (s.length !== outShape.length) return false;
  let st = 1;
  for (let i = s.length - 1; i >= 0; i--) {
    if (s[i] !== outShape[i]) return false;
    if (s[i] !== 1 && t._strides[i] !== st) return false;
    st *= s[i];
  }
  return true;
}

/** Strides of t read as `outShape` (0 on broadcast dims), right-aligned. */
function stridesFor(t: Tensor, outShape: number[]): number[] {
  const lead = outShape.length - t._shape.length;
  return outShape.map((o, i) => (i < lead || t._shape[i - lead] === 1 ? 0 : t._strides[i - lead]));
}

export function groupsFor(n: number): [number, number, number] {
  const g = Math.ceil(n / WG);
  if (g <= 65535) return [g, 1, 1];
  return [65535, Math.ceil(g / 65535), 1];
}

/** Write `expr` over `operands` (a, b, c in order) into dst, a strided view of shape dst._shape. */
export function runElementwise(ctx: GpuContext, dst: Tensor, dstDtype: DType, operands: Operand[], e: ElementExpr): void {
  const shape = dst._shape;
  if (shape.length > MAXD) throw new RuntimeError(`webgpu: tensors of more than ${MAXD} dims are not supported`);
  const n = shape.reduce((x, y) => x * y, 1);
  if (n === 0) return;
  const tensors = operands.filter((o): o is { kind: "tensor"; t: Tensor } => o.kind === "tensor").map((o) => o.t);
  const isFloat = (t: Tensor) => t.dtype.kind === "float";
  const T: ElemType =
    dstDtype.kind === "float" || tensors.some(isFloat) || operands.some((o) => o.kind === "scalar" && !Number.isInteger(o.v)) || (e.p ?? []).some((v) => !Number.isInteger(v))
      ? "f32"
      : "i32";
  const all = [dst, ...tensors];
  const dense = all.map((t) => isDenseLike(t, shape));
  const key = `ew|${e.e}|${T}|${elemType(dstDtype)}${dstDtype.kind === "bool" ? "b" : ""}|${operands.map((o) => (o.kind === "tensor" ? elemType(o.t.dtype) : "s")).join(",")}|${dense.map(Number).join("")}|${(e.p ?? []).length}`;

  // metadata: n, ndim, shape[MAXD], then per tensor (dst first) offset + strides[MAXD], then scalars
  const base = (k: number) => 2 + MAXD + k * (1 + MAXD);
  const scalarBase = base(all.length);
  const scalars: number[] = [];
  for (const o of operands) if (o.kind === "scalar") scalars.push(o.v);
  for (const v of e.p ?? []) scalars.push(v);
  const md = new Uint32Array(scalarBase + scalars.length);
  md[0] = n;
  md[1] = shape.length;
  shape.forEach((s, i) => (md[2 + i] = s));
  all.forEach((t, k) => {
    md[base(k)] = t._offset;
    stridesFor(t, shape).forEach((s, i) => (md[base(k) + 1 + i] = s));
  });
  const f32v = new Float32Array(md.buffer);
  const i32v = new Int32Array(md.buffer);
  scalars.forEach((v, i) => {
    if (T === "f32") f32v[scalarBase + i] = v;
    else i32v[scalarBase + i] = Number.isFinite(v) ? Math.max(-2147483648, Math.min(2147483647, Math.trunc(v))) : v > 0 ? 2147483647 : -2147483648;
  });

  const pipeline = ctx.pipeline(key, () => {
    const lines: string[] = [T === "f32" ? preludeF32 : preludeI32];
    const dstTy = elemType(dstDtype);
    lines.push(`@group(0) @binding(0) var<storage, read_write> dst: array<${dstTy}>;`);
    lines.push(`@group(0) @binding(1) var<storage, read> md: array<u32>;`);
    tensors.forEach((t, k) => lines.push(`@group(0) @binding(${k + 2}) var<storage, read> in${k}: array<${elemType(t.dtype)}>;`));
    lines.push(`@compute @workgroup_size(${WG})`);
    lines.push(`fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {`);
    lines.push(`  let i = gid.x + gid.y * nwg.x * ${WG}u;`);
    lines.push(`  if (i >= md[0]) { return; }`);
    all.forEach((_, k) => lines.push(`  var ix${k} = md[${base(k)}]${dense[k] ? " + i" : ""};`));
    if (dense.some((d) => !d)) {
      lines.push(`  var rem = i;`);
      lines.push(`  for (var d = i32(md[1]) - 1; d >= 0; d = d - 1) {`);
      lines.push(`    let sz = md[2 + d]; let c = rem % sz; rem = rem / sz;`);
      all.forEach((_, k) => {
        if (!dense[k]) lines.push(`    ix${k} = ix${k} + c * md[${base(k) + 1} + d];`);
      });
      lines.push(`  }`);
    }
    let tk = 0;
    let sk = 0;
    operands.forEach((o, j) => {
      const name = "abc"[j];
      if (o.kind === "tensor") {
        lines.push(`  let ${name} = T(in${tk}[ix${tk + 1}]);`);
        tk++;
      } else lines.push(`  let ${name} = bitcast<T>(md[${scalarBase + sk++}]);`);
    });
    (e.p ?? []).forEach((_, j) => lines.push(`  let p${j} = bitcast<T>(md[${scalarBase + sk + j}]);`));
    lines.push(`  let r: T = ${e.e};`);
    // !(r == 0) rather than r != 0: NaN is truthy, and a driver may lower `!=` to an ordered compare
    const store = dstDtype.kind === "bool" ? "select(0, 1, !(r == T(0)))" : `${dstTy}(r)`;
    lines.push(`  dst[ix0] = ${store};`);
    lines.push(`}`);
    return lines.join("\n");
  });
  const mdBuf = ctx.bufferFrom(md);
  const bufs = [(dst._storage as any).buffer as GPUBuffer, mdBuf, ...tensors.map((t) => (t._storage as any).buffer as GPUBuffer)];
  ctx.dispatch(pipeline, bufs, groupsFor(n), [mdBuf]);
  (dst._storage as any).written();
}
