/// <reference types="@webgpu/types" />
// Convolution and pooling (packages/nn/src/functional/ops_conv.ts, ops_pool.ts) as direct WGSL
// kernels. The op table's derivatives are kept as they are: a convolution's input gradient is
// the `convolution` op with transposed=true, its weight gradient the `convolution_weight_grad`
// op, and each pooling backward is an op of its own; here each of these ops gets a kernel.
//
// Backward kernels are written gather-side (each input element sums the outputs whose window
// holds it) so no float atomics are needed and sums run in a fixed order. The weight gradient
// sums over N*Ho*Wo per weight element: one 256-thread workgroup per weight element with a
// tree in workgroup memory, as the reductions do. Sums are float32 (the CPU sums in double).

import { Tensor, int64, type Ctx } from "@tsgrad/core";
import { RuntimeError } from "@tsgrad/py";
import { opKernels, gpu, emptyGpu, clone, onGpu } from "./backend.ts";
import { elemType } from "./storage.ts";
import { groupsFor, WG } from "./elementwise.ts";

type T = Tensor;

/** A contiguous GPU operand (its offset still travels in the metadata). */
function dense(t: T): T {
  const g = onGpu(t);
  return g.is_contiguous() ? g : clone(g);
}

/**
 * One thread per element of `outs[0]` (n elements). Bindings: outputs (read_write), the i32
 * metadata `md`, then inputs `in0`, `in1`... `body` computes from `i` (u32 -> i32 `ii`).
 */
function launch(key: string, outs: T[], ins: T[], md: number[], n: number, body: string, helpers = ""): void {
  if (n === 0) return;
  const ctx = gpu();
  const p = ctx.pipeline(key, () => `
${outs.map((o, k) => `@group(0) @binding(${k}) var<storage, read_write> out${k}: array<${elemType(o.dtype)}>;`).join("\n")}
@group(0) @binding(${outs.length}) var<storage, read> md: array<i32>;
${ins.map((t, k) => `@group(0) @binding(${outs.length + 1 + k}) var<storage, read> in${k}: array<${elemType(t.dtype)}>;`).join("\n")}
${helpers}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= u32(md[0])) { return; }
  let ii = i32(i);
${body}
}`);
  const mdBuf = ctx.bufferFrom(new Int32Array([n, ...md]));
  const buf = (t: T) => (t._storage as any).buffer as GPUBuffer;
  ctx.dispatch(p, [...outs.map(buf), mdBuf, ...ins.map(buf)], groupsFor(n), [mdBuf]);
  for (const o of outs) (o._storage as any).written();
}

function checkFloat(x: T, w: T): void {
  if (x.dtype !== w.dtype) throw new RuntimeError(`expected scalar type ${x.dtype.legacyName.replace("Tensor", "")} but found ${w.dtype.legacyName.replace("Tensor", "")}`);
  if (x.dtype.kind !== "float") throw new RuntimeError(`webgpu: convolution of ${x.dtype.name} tensors is not implemented (float32 only)`);
}

const outSize = (inp: number, k: number, s: number, p: number, d: number) => Math.floor((inp + 2 * p - d * (k - 1) - 1) / s) + 1;

// ---- convolution ------------------------------------------------------------------------------

/** y = conv(x, w) + bias: x [N,C,H,W], w [O,C/g,kh,kw]. */
function conv2d(x: T, w: T, bias: T | null, s: number[], p: number[], d: number[], groups: number): T {
  const [N, C, H, W] = x._shape;
  const [O, Cg, kh, kw] = w._shape;
  const Ho = outSize(H, kh, s[0], p[0], d[0]), Wo = outSize(W, kw, s[1], p[1], d[1]);
  if (Ho <= 0 || Wo <= 0) throw new RuntimeError(`Calculated output size: (${O}x${Ho}x${Wo}). Output size is too small`);
  const X = dense(x), Wt = dense(w), B = bias === null ? Wt : dense(bias);
  const out = emptyGpu([N, O, Ho, Wo], x.dtype, x._dialect);
  // md: 1 N 2 C 3 H 4 W 5 O 6 Cg 7 kh 8 kw 9 sh 10 sw 11 ph 12 pw 13 dh 14 dw 15 Ho 16 Wo 17 hasBias 18-20 offsets
  const md = [N, C, H, W, O, Cg, kh, kw, s[0], s[1], p[0], p[1], d[0], d[1], Ho, Wo, bias === null ? 0 : 1, X._offset, Wt._offset, B._offset];
  launch("conv2d", [out], [X, Wt, B], md, out.numel(), `
  let C = md[2]; let H = md[3]; let W = md[4]; let O = md[5]; let Cg = md[6]; let kh = md[7]; let kw = md[8];
  let Ho = md[15]; let Wo = md[16];
  let ox = ii % Wo; let oy = (ii / Wo) % Ho; let o = (ii / (Wo * Ho)) % O; let n = ii / (Wo * Ho * O);
  let gi = o / (O / (C / Cg));
  var acc = 0.0;
  if (md[17] != 0) { acc = in2[md[20] + o]; }
  for (var c = 0; c < Cg; c++) {
    let xc = md[18] + ((n * C + gi * Cg + c) * H) * W;
    let wc = md[19] + (o * Cg + c) * kh * kw;
    for (var a = 0; a < kh; a++) {
      let iy = oy * md[9] - md[11] + a * md[13];
      if (iy < 0 || iy >= H) { continue; }
      for (var b = 0; b < kw; b++) {
        let ix = ox * md[10] - md[12] + b * md[14];
        if (ix < 0 || ix >= W) { continue; }
        acc = acc + in0[xc + iy * W + ix] * in1[wc + a * kw + b];
      }
    }
  }
  out0[i] = acc;`);
  return out;
}

/**
 * The transposed convolution (a convolution's adjoint): x [N,C,Ho,Wo] in the conv's output
 * space, w [C, O/g, kh, kw], y [N,O,H,W] with H, W from the output_padding.
 */
function convTranspose2d(x: T, w: T, bias: T | null, s: number[], p: number[], d: number[], op: number[], groups: number): T {
  const [N, C, Ho, Wo] = x._shape;
  const [, Og, kh, kw] = w._shape;
  const O = Og * groups;
  const H = (Ho - 1) * s[0] - 2 * p[0] + d[0] * (kh - 1) + op[0] + 1;
  const W = (Wo - 1) * s[1] - 2 * p[1] + d[1] * (kw - 1) + op[1] + 1;
  const X = dense(x), Wt = dense(w), B = bias === null ? Wt : dense(bias);
  const out = emptyGpu([N, O, H, W], x.dtype, x._dialect);
  const md = [N, C, H, W, O, Og, kh, kw, s[0], s[1], p[0], p[1], d[0], d[1], Ho, Wo, bias === null ? 0 : 1, X._offset, Wt._offset, B._offset, groups];
  launch("conv_transpose2d", [out], [X, Wt, B], md, out.numel(), `
  let C = md[2]; let H = md[3]; let W = md[4]; let O = md[5]; let Og = md[6]; let kh = md[7]; let kw = md[8];
  let Ho = md[15]; let Wo = md[16]; let Cg = C / md[21];
  let xx = ii % W; let y = (ii / W) % H; let o = (ii / (W * H)) % O; let n = ii / (W * H * O);
  let gi = o / Og; let oo = o % Og;
  var acc = 0.0;
  if (md[17] != 0) { acc = in2[md[20] + o]; }
  for (var cc = 0; cc < Cg; cc++) {
    let c = gi * Cg + cc;
    let xc = md[18] + (n * C + c) * Ho * Wo;
    let wc = md[19] + (c * Og + oo) * kh * kw;
    for (var a = 0; a < kh; a++) {
      let ty = y + md[11] - a * md[13];
      if (ty < 0 || ty % md[9] != 0) { continue; }
      let oy = ty / md[9];
      if (oy >= Ho) { continue; }
      for (var b = 0; b < kw; b++) {
        let tx = xx + md[12] - b * md[14];
        if (tx < 0 || tx % md[10] != 0) { continue; }
        let ox = tx / md[10];
        if (ox >= Wo) { continue; }
        acc = acc + in0[xc + oy * Wo + ox] * in1[wc + a * kw + b];
      }
    }
  }
  out0[i] = acc;`);
  return out;
}

/** dW[o, c, a, b] = sum over n, oy, ox of gy[n,o,oy,ox] * x[n, g*Cg + c, oy*sh-ph+a*dh, ox*sw-pw+b*dw]. */
function convWeightGrad(x: T, gy: T, w: T, s: number[], p: number[], d: number[], groups: number): T {
  const [N, C, H, W] = x._shape;
  const [, O, Ho, Wo] = gy._shape;
  const [, Cg, kh, kw] = w._shape;
  const X = dense(x), G = dense(gy);
  const out = emptyGpu(w._shape.slice(), x.dtype, x._dialect);
  const nOut = out.numel();
  if (nOut === 0) return out;
  const md = new Int32Array([nOut, N, C, H, W, O, Cg, kh, kw, s[0], s[1], p[0], p[1], d[0], d[1], Ho, Wo, X._offset, G._offset, groups]);
  const ctx = gpu();
  const pl = ctx.pipeline("conv_weight_grad", () => `
@group(0) @binding(0) var<storage, read_write> dst: array<f32>;
@group(0) @binding(1) var<storage, read> md: array<i32>;
@group(0) @binding(2) var<storage, read> xs: array<f32>;
@group(0) @binding(3) var<storage, read> gs: array<f32>;
var<workgroup> sh: array<f32, 256>;
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let e = i32(wid.x + wid.y * nwg.x);
  let valid = e < md[0];
  let C = md[2]; let H = md[3]; let W = md[4]; let O = md[5]; let Cg = md[6]; let kh = md[7]; let kw = md[8];
  let Ho = md[15]; let Wo = md[16];
  let b = e % kw; let a = (e / kw) % kh; let c = (e / (kw * kh)) % Cg; let o = e / (kw * kh * Cg);
  let gi = o / (O / md[19]);
  let L = Ho * Wo;
  let total = select(0, md[1] * L, valid);
  var acc = 0.0;
  for (var j = i32(lid.x); j < total; j = j + 256) {
    let n = j / L; let l = j % L; let oy = l / Wo; let ox = l % Wo;
    let iy = oy * md[9] - md[11] + a * md[13];
    let ix = ox * md[10] - md[12] + b * md[14];
    if (iy >= 0 && iy < H && ix >= 0 && ix < W) {
      acc = acc + gs[md[18] + (n * O + o) * L + l] * xs[md[17] + ((n * C + gi * Cg + c) * H + iy) * W + ix];
    }
  }
  sh[lid.x] = acc;
  workgroupBarrier();
  for (var st = 128u; st > 0u; st = st >> 1u) {
    if (lid.x < st) { sh[lid.x] = sh[lid.x] + sh[lid.x + st]; }
    workgroupBarrier();
  }
  if (lid.x == 0u && valid) { dst[e] = sh[0]; }
}`);
  const mdBuf = ctx.bufferFrom(md);
  const groupsXY: [number, number, number] = nOut <= 65535 ? [nOut, 1, 1] : [65535, Math.ceil(nOut / 65535), 1];
  ctx.dispatch(pl, [(out._storage as any).buffer, mdBuf, (X._storage as any).buffer, (G._storage as any).buffer], groupsXY, [mdBuf]);
  (out._storage as any).written();
  return out;
}

function convolution(x: T, w: T, bias: T | null, s: number[], p: number[], d: number[], transposed: boolean, op: number[], groups: number): T {
  if (x.ndim === 3) {
    // conv1d: a conv2d of height 1, as the CPU runs it
    const r = convolution(x.unsqueeze(2), w.unsqueeze(2), bias, [1, s[0]], [0, p[0]], [1, d[0]], transposed, [0, op[0] ?? 0], groups);
    return r.squeeze(2);
  }
  checkFloat(x, w);
  return transposed ? convTranspose2d(x, w, bias, s, p, d, op, groups) : conv2d(x, w, bias, s, p, d, groups);
}

opKernels.convolution = (ctx: Ctx, bound: unknown[]) => {
  const [x, w, bias, s, p, d, transposed, op, groups] = bound as [T, T, T | null, number[], number[], number[], boolean, number[], number];
  if (ctx.op) ctx.save_for_backward(x, w);
  return convolution(x, w, bias, s, p, d, !!transposed, op, Number(groups));
};

opKernels.convolution_weight_grad = (_ctx: Ctx, bound: unknown[]) => {
  const [x, gy, w, s, p, d, groups] = bound as [T, T, T, number[], number[], number[], number];
  checkFloat(x, gy);
  return convWeightGrad(x, gy, w, s, p, d, Number(groups));
};

// ---- pooling -------------------------------------------------------------------------------------

/**
 * The window geometry behind an indices tensor: the backward op's signature carries only grad,
 * input and indices, and the gather-side backward needs the windows, so the GPU forward keeps
 * them beside the indices' storage (the indices given to the backward are the forward's own).
 */
const poolGeom = new WeakMap<object, number[]>();
function findMaxPoolArgs(indices: T): number[] {
  const g = poolGeom.get(indices._storage as object);
  if (g === undefined) throw new RuntimeError("webgpu: max_pool2d backward needs the indices made by max_pool2d_with_indices on the GPU");
  return g;
}

function poolOut(inp: number, k: number, s: number, p: number, d: number, ceil: boolean): number {
  const num = inp + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0);
  let o = Math.floor(num / s) + 1;
  if (ceil && (o - 1) * s >= inp + p) o--;
  return o;
}

function planes(x: T): { P: number; H: number; W: number; lead: number[] } {
  const nd = x._shape.length;
  if (nd !== 3 && nd !== 4) throw new RuntimeError(`non-empty 3D or 4D (batch mode) tensor expected for input`);
  const lead = x._shape.slice(0, nd - 2);
  return { P: lead.reduce((a, b) => a * b, 1), H: x._shape[nd - 2], W: x._shape[nd - 1], lead };
}

opKernels.max_pool2d_with_indices = (ctx: Ctx, bound: unknown[]) => {
  const [x, k, s, p, d, ceil] = bound as [T, number[], number[], number[], number[], boolean];
  const { H, W, lead } = planes(x);
  const [kh, kw] = k, [sh, sw] = s, [ph, pw] = p, [dh, dw] = d;
  if (ph > kh / 2 || pw > kw / 2)
    throw new RuntimeError(`pad should be at most half of kernel size, but got pad=${Math.max(ph, pw)} and kernel_size=${ph > kh / 2 ? kh : kw}`);
  const Ho = poolOut(H, kh, sh, ph, dh, ceil), Wo = poolOut(W, kw, sw, pw, dw, ceil);
  if (Ho <= 0 || Wo <= 0)
    throw new RuntimeError(`Given input size: (${lead.slice(-1)[0] ?? 1}x${H}x${W}). Calculated output size: (${lead.slice(-1)[0] ?? 1}x${Ho}x${Wo}). Output size is too small`);
  const X = dense(x);
  const out = emptyGpu([...lead, Ho, Wo], x.dtype, x._dialect);
  const idx = emptyGpu([...lead, Ho, Wo], int64, x._dialect);
  const isF = elemType(x.dtype) === "f32";
  launch(`max_pool2d|${elemType(x.dtype)}`, [out, idx], [X], [H, W, Ho, Wo, kh, kw, sh, sw, ph, pw, dh, dw, X._offset], out.numel(), `
  let H = md[1]; let W = md[2]; let Ho = md[3]; let Wo = md[4];
  let ox = ii % Wo; let oy = (ii / Wo) % Ho; let pl = ii / (Wo * Ho);
  let base = md[13] + pl * H * W;
  var best = in0[base]; var bi = -1;
  for (var a = 0; a < md[5]; a++) {
    let iy = oy * md[7] - md[9] + a * md[11];
    if (iy < 0 || iy >= H) { continue; }
    for (var b = 0; b < md[6]; b++) {
      let jx = ox * md[8] - md[10] + b * md[12];
      if (jx < 0 || jx >= W) { continue; }
      let v = in0[base + iy * W + jx];
      // NaN wins and stops the row, as the CPU kernel (and PyTorch's) scans
      let nan = ${isF ? "!(v == v)" : "false"};
      if (bi < 0 || v > best || nan) { best = v; bi = iy * W + jx; if (nan) { break; } }
    }
  }
  out0[i] = best;
  out1[i] = bi;`);
  poolGeom.set(idx._storage as object, [kh, kw, sh, sw, ph, pw, dh, dw]);
  if (ctx.op) ctx.indices = idx;
  return [out, idx];
};

opKernels.max_pool2d_with_indices_backward = (_ctx: Ctx, bound: unknown[]) => {
  const [g, x, indices] = bound as [T, T, T];
  const { H, W } = planes(x);
  const [kh, kw, sh, sw, ph, pw, dh, dw] = findMaxPoolArgs(indices);
  const G = dense(g), I = dense(indices);
  const Ho = I._shape[I._shape.length - 2], Wo = I._shape[I._shape.length - 1];
  const out = emptyGpu(x._shape.slice(), x.dtype, x._dialect);
  launch(`max_pool2d_backward|${elemType(x.dtype)}`, [out], [G, I], [H, W, Ho, Wo, kh, kw, sh, sw, ph, pw, dh, dw, G._offset, I._offset], out.numel(), `
  let H = md[1]; let W = md[2]; let Ho = md[3]; let Wo = md[4];
  let x = ii % W; let y = (ii / W) % H; let pl = ii / (W * H);
  let me = y * W + x;
  // outputs whose window can hold row y: oy*sh - ph <= y <= oy*sh - ph + (kh-1)*dh
  let ly = y + md[9] - (md[5] - 1) * md[11];
  let lx = x + md[10] - (md[6] - 1) * md[12];
  let oy0 = select(0, (ly + md[7] - 1) / md[7], ly > 0);
  let ox0 = select(0, (lx + md[8] - 1) / md[8], lx > 0);
  let oy1 = min(Ho - 1, (y + md[9]) / md[7]);
  let ox1 = min(Wo - 1, (x + md[10]) / md[8]);
  var acc = ${elemType(x.dtype)}(0);
  for (var oy = oy0; oy <= oy1; oy++) {
    for (var ox = ox0; ox <= ox1; ox++) {
      let q = (pl * Ho + oy) * Wo + ox;
      if (in1[md[14] + q] == me) { acc = acc + in0[md[13] + q]; }
    }
  }
  out0[i] = acc;`);
  return out;
};

interface AvgArgs { kh: number; kw: number; sh: number; sw: number; ph: number; pw: number; Ho: number; Wo: number; H: number; W: number; inc: boolean; div: number | null }
function avgArgs(x: T, k: number[], s: number[], p: number[], ceil: boolean, inc: boolean, div: number | null): AvgArgs {
  const { H, W } = planes(x);
  const [kh, kw] = k;
  const [sh, sw] = s.length === 0 ? k : s;
  const [ph, pw] = p;
  if (ph > kh / 2 || pw > kw / 2) throw new RuntimeError(`pad should be at most half of kernel size, but got pad=${Math.max(ph, pw)} and kernel_size=${kh}`);
  return { kh, kw, sh, sw, ph, pw, H, W, Ho: poolOut(H, kh, sh, ph, 1, ceil), Wo: poolOut(W, kw, sw, pw, 1, ceil), inc, div: div === null ? null : Number(div) };
}
const avgMd = (A: AvgArgs) => [A.H, A.W, A.Ho, A.Wo, A.kh, A.kw, A.sh, A.sw, A.ph, A.pw, A.inc ? 1 : 0, A.div ?? 0];
// the clipped window of output (oy, ox) and its divisor, as ops_pool.ts avgWindows computes them
const avgWindow = `
fn win(oy: i32, ox: i32) -> vec4i {
  let y0 = oy * md[7] - md[9]; let x0 = ox * md[8] - md[10];
  let y1 = min(y0 + md[5], md[1] + md[9]); let x1 = min(x0 + md[6], md[2] + md[10]);
  return vec4i(y0, y1, x0, x1);
}
fn divisor(wv: vec4i) -> f32 {
  if (md[12] != 0) { return f32(md[12]); }
  let pad = (wv.y - wv.x) * (wv.w - wv.z);
  if (md[11] != 0) { return f32(pad); }
  return f32((min(wv.y, md[1]) - max(wv.x, 0)) * (min(wv.w, md[2]) - max(wv.z, 0)));
}`;

opKernels.avg_pool2d = (_ctx: Ctx, bound: unknown[]) => {
  const [x, k, s, p, ceil, inc, div] = bound as [T, number[], number[], number[], boolean, boolean, number | null];
  const A = avgArgs(x, k, s, p, ceil, inc, div);
  const { lead } = planes(x);
  const X = dense(x);
  const out = emptyGpu([...lead, A.Ho, A.Wo], x.dtype, x._dialect);
  launch("avg_pool2d", [out], [X], [...avgMd(A), X._offset], out.numel(), `
  let H = md[1]; let W = md[2]; let Ho = md[3]; let Wo = md[4];
  let ox = ii % Wo; let oy = (ii / Wo) % Ho; let pl = ii / (Wo * Ho);
  let wv = win(oy, ox);
  var acc = 0.0;
  for (var y = max(wv.x, 0); y < min(wv.y, H); y++) {
    for (var xx = max(wv.z, 0); xx < min(wv.w, W); xx++) { acc = acc + in0[md[13] + (pl * H + y) * W + xx]; }
  }
  out0[i] = acc / divisor(wv);`, avgWindow);
  return out;
};

opKernels.avg_pool2d_backward = (_ctx: Ctx, bound: unknown[]) => {
  const [g, x, k, s, p, ceil, inc, div] = bound as [T, T, number[], number[], number[], boolean, boolean, number | null];
  const A = avgArgs(x, k, s, p, ceil, inc, div);
  const G = dense(g);
  const out = emptyGpu(x._shape.slice(), x.dtype, x._dialect);
  launch("avg_pool2d_backward", [out], [G], [...avgMd(A), G._offset], out.numel(), `
  let H = md[1]; let W = md[2]; let Ho = md[3]; let Wo = md[4];
  let x = ii % W; let y = (ii / W) % H; let pl = ii / (W * H);
  // windows start at oy*sh - ph <= y and end after y: oy in [ceil((y+ph-kh+1)/sh), (y+ph)/sh]
  let ly = y + md[9] - md[5] + 1; let lx = x + md[10] - md[6] + 1;
  let oy0 = select(0, (ly + md[7] - 1) / md[7], ly > 0);
  let ox0 = select(0, (lx + md[8] - 1) / md[8], lx > 0);
  let oy1 = min(Ho - 1, (y + md[9]) / md[7]);
  let ox1 = min(Wo - 1, (x + md[10]) / md[8]);
  var acc = 0.0;
  for (var oy = oy0; oy <= oy1; oy++) {
    for (var ox = ox0; ox <= ox1; ox++) {
      let wv = win(oy, ox);
      if (y >= max(wv.x, 0) && y < min(wv.y, H) && x >= max(wv.z, 0) && x < min(wv.w, W)) {
        acc = acc + in0[md[13] + (pl * Ho + oy) * Wo + ox] / divisor(wv);
      }
    }
  }
  out0[i] = acc;`, avgWindow);
  return out;
};

opKernels.adaptive_avg_pool2d = (_ctx: Ctx, bound: unknown[]) => {
  const [x, size] = bound as [T, number[]];
  const { H, W, lead } = planes(x);
  const [Ho, Wo] = size.map(Number);
  const X = dense(x);
  const out = emptyGpu([...lead, Ho, Wo], x.dtype, x._dialect);
  launch("adaptive_avg_pool2d", [out], [X], [H, W, Ho, Wo, X._offset], out.numel(), `
  let H = md[1]; let W = md[2]; let Ho = md[3]; let Wo = md[4];
  let ox = ii % Wo; let oy = (ii / Wo) % Ho; let pl = ii / (Wo * Ho);
  let y0 = (oy * H) / Ho; let y1 = ((oy + 1) * H + Ho - 1) / Ho;
  let x0 = (ox * W) / Wo; let x1 = ((ox + 1) * W + Wo - 1) / Wo;
  var acc = 0.0;
  for (var y = y0; y < y1; y++) { for (var xx = x0; xx < x1; xx++) { acc = acc + in0[md[5] + (pl * H + y) * W + xx]; } }
  out0[i] = acc / f32((y1 - y0) * (x1 - x0));`);
  return out;
};

opKernels.adaptive_avg_pool2d_backward = (_ctx: Ctx, bound: unknown[]) => {
  const [g, x] = bound as [T, T];
  const { H, W } = planes(x);
  const Ho = g._shape[g._shape.length - 2], Wo = g._shape[g._shape.length - 1];
  const G = dense(g);
  const out = emptyGpu(x._shape.slice(), x.dtype, x._dialect);
  launch("adaptive_avg_pool2d_backward", [out], [G], [H, W, Ho, Wo, G._offset], out.numel(), `
  let H = md[1]; let W = md[2]; let Ho = md[3]; let Wo = md[4];
  let x = ii % W; let y = (ii / W) % H; let pl = ii / (W * H);
  var acc = 0.0;
  // the outputs whose range [floor(o*H/Ho), ceil((o+1)*H/Ho)) holds y lie near y*Ho/H
  for (var oy = max(0, (y * Ho) / H - 1); oy <= min(Ho - 1, ((y + 1) * Ho) / H + 1); oy++) {
    let y0 = (oy * H) / Ho; let y1 = ((oy + 1) * H + Ho - 1) / Ho;
    if (y < y0 || y >= y1) { continue; }
    for (var ox = max(0, (x * Wo) / W - 1); ox <= min(Wo - 1, ((x + 1) * Wo) / W + 1); ox++) {
      let x0 = (ox * W) / Wo; let x1 = ((ox + 1) * W + Wo - 1) / Wo;
      if (x < x0 || x >= x1) { continue; }
      acc = acc + in0[md[5] + (pl * Ho + oy) * Wo + ox] / f32((y1 - y0) * (x1 - x0));
    }
  }
  out0[i] = acc;`);
  return out;
};
