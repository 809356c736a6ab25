// Convolution as one op, `convolution` (PyTorch 1.13's ConvolutionBackward0 for conv1d/2d and
// conv_transpose2d alike). Forward is im2col + a row-streamed matrix product over contiguous
// typed arrays; conv1d runs as a conv2d of height 1. Derivatives are written in ops: the input
// gradient of a convolution is a transposed convolution of the incoming gradient (and the
// other way round), the weight gradient is its own op (im2col of the input times the gradient).

import { defineOp, fastKernels, fastThresholds, type Tensor } from "@tsgrad/core";
import { RuntimeError } from "@tsgrad/py";
import { fromValues, vals, type T } from "./util.ts";

export interface Geom {
  N: number; C: number; H: number; W: number;
  O: number; kh: number; kw: number;
  sh: number; sw: number; ph: number; pw: number; dh: number; dw: number;
  groups: number;
  Ho: number; Wo: number;
}

/** cols[(c*kh + i)*kw + j][oy*Wo + ox] = x[c][oy*sh - ph + i*dh][ox*sw - pw + j*dw] for one image. */
function im2col(x: ArrayLike<number>, xOff: number, C: number, g: Geom, cols: Float64Array): void {
  const { H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo } = g;
  const L = Ho * Wo;
  let row = 0;
  for (let c = 0; c < C; c++)
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++, row++) {
        const base = row * L;
        const cOff = xOff + c * H * W;
        for (let oy = 0; oy < Ho; oy++) {
          const iy = oy * sh - ph + i * dh;
          const rb = base + oy * Wo;
          if (iy < 0 || iy >= H) {
            for (let ox = 0; ox < Wo; ox++) cols[rb + ox] = 0;
            continue;
          }
          const ro = cOff + iy * W;
          for (let ox = 0; ox < Wo; ox++) {
            const ix = ox * sw - pw + j * dw;
            cols[rb + ox] = ix >= 0 && ix < W ? x[ro + ix] : 0;
          }
        }
      }
}

/**
 * im2col for float32 input into float32 columns (the fast weight gradient's Gemm operand): the
 * same layout as im2col, but monomorphic over Float32Arrays and with each output row's valid
 * range worked out once instead of bounds-checking every element. The W6b geometry (64 channels,
 * 56x56, 3x3) writes 1.8M values: ~22 ms through the generic loop, ~2 ms here.
 */
function im2colF32(x: Float32Array, xOff: number, C: number, g: Geom, cols: Float32Array): void {
  const { H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo } = g;
  const L = Ho * Wo;
  let row = 0;
  for (let c = 0; c < C; c++)
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++, row++) {
        const base = row * L;
        const cOff = xOff + c * H * W;
        // ox in [lo, hi) reads inside the row: 0 <= ox*sw - pw + j*dw < W
        const shift = j * dw - pw;
        let lo = shift >= 0 ? 0 : Math.ceil(-shift / sw);
        let hi = W - 1 - shift < 0 ? 0 : Math.floor((W - 1 - shift) / sw) + 1;
        if (lo > Wo) lo = Wo;
        if (hi > Wo) hi = Wo;
        if (hi < lo) hi = lo;
        for (let oy = 0; oy < Ho; oy++) {
          const iy = oy * sh - ph + i * dh;
          const rb = base + oy * Wo;
          if (iy < 0 || iy >= H) {
            cols.fill(0, rb, rb + Wo);
            continue;
          }
          for (let ox = 0; ox < lo; ox++) cols[rb + ox] = 0;
          const src = cOff + iy * W + shift;
          if (sw === 1) for (let ox = lo; ox < hi; ox++) cols[rb + ox] = x[src + ox];
          else for (let ox = lo; ox < hi; ox++) cols[rb + ox] = x[src + ox * sw];
          for (let ox = hi; ox < Wo; ox++) cols[rb + ox] = 0;
        }
      }
}

/** The adjoint of im2col: add each column entry back into its image position. */
function col2im(cols: Float64Array, C: number, g: Geom, out: Float64Array, outOff: number): void {
  const { H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo } = g;
  const L = Ho * Wo;
  let row = 0;
  for (let c = 0; c < C; c++)
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++, row++) {
        const base = row * L;
        const cOff = outOff + c * H * W;
        for (let oy = 0; oy < Ho; oy++) {
          const iy = oy * sh - ph + i * dh;
          if (iy < 0 || iy >= H) continue;
          const ro = cOff + iy * W;
          const rb = base + oy * Wo;
          for (let ox = 0; ox < Wo; ox++) {
            const ix = ox * sw - pw + j * dw;
            if (ix >= 0 && ix < W) out[ro + ix] += cols[rb + ox];
          }
        }
      }
}

function f64(t: T): Float64Array {
  const v = vals(t);
  return v instanceof Float64Array ? v : Float64Array.from(v);
}

/** y[N,O,Ho,Wo] = conv(x[N,C,H,W], w[O,C/groups,kh,kw]) (+ bias), in double. */
export function convForward(x: T, w: T, bias: T | null, g: Geom): Float64Array {
  const { N, C, H, W, O, kh, kw, groups, Ho, Wo } = g;
  const Cg = C / groups;
  const Og = O / groups;
  const K = Cg * kh * kw;
  const L = Ho * Wo;
  const xv = vals(x);
  const wv = f64(w);
  const bv = bias === null ? null : f64(bias);
  const out = new Float64Array(N * O * L);
  const cols = new Float64Array(K * L);
  for (let n = 0; n < N; n++)
    for (let gi = 0; gi < groups; gi++) {
      im2col(xv, (n * C + gi * Cg) * H * W, Cg, g, cols);
      for (let oc = 0; oc < Og; oc++) {
        const o = gi * Og + oc;
        const yo = (n * O + o) * L;
        const wo = o * K;
        if (bv !== null) for (let l = 0; l < L; l++) out[yo + l] = bv[o];
        for (let k = 0; k < K; k++) {
          const wk = wv[wo + k];
          if (wk === 0) continue;
          const co = k * L;
          for (let l = 0; l < L; l++) out[yo + l] += wk * cols[co + l];
        }
      }
    }
  return out;
}

/** The transposed convolution: x[N,C,Ho,Wo] (conv output space) -> y[N,O,H,W] (conv input space), w[C, O/groups, kh, kw]. */
export function convTransposeForward(x: T, w: T, bias: T | null, g: Geom): Float64Array {
  // Here g describes the forward conv whose adjoint this is: its input is [N, O, H, W] and
  // its output [N, C, Ho, Wo]; so "C" below is the conv's output channel count.
  const { N, C, H, W, O, kh, kw, groups, Ho, Wo } = g;
  const Cg = C / groups; // channels of x per group
  const Og = O / groups; // channels of y per group
  const K = Og * kh * kw;
  const L = Ho * Wo;
  const xv = f64(x);
  const wv = f64(w);
  const out = new Float64Array(N * O * H * W);
  const cols = new Float64Array(K * L);
  const geo: Geom = { ...g };
  for (let n = 0; n < N; n++)
    for (let gi = 0; gi < groups; gi++) {
      cols.fill(0);
      // cols[k][l] = sum_c w[c][k] * x[c][l]
      for (let cc = 0; cc < Cg; cc++) {
        const c = gi * Cg + cc;
        const xo = (n * C + c) * L;
        const wo = c * K;
        for (let k = 0; k < K; k++) {
          const wk = wv[wo + k];
          if (wk === 0) continue;
          const co = k * L;
          for (let l = 0; l < L; l++) cols[co + l] += wk * xv[xo + l];
        }
      }
      col2im(cols, Og, geo, out, (n * O + gi * Og) * H * W);
    }
  if (bias !== null) {
    const bv = f64(bias);
    const HW = H * W;
    for (let n = 0; n < N; n++) for (let o = 0; o < O; o++) for (let i = 0; i < HW; i++) out[(n * O + o) * HW + i] += bv[o];
  }
  return out;
}

/** dW[O, C/groups, kh, kw] = sum_n gy[n] @ im2col(x[n])^T for the conv x -> gy. */
export function convWeightGrad(x: T, gy: T, g: Geom): Float64Array {
  const { N, C, H, W, O, kh, kw, groups, Ho, Wo } = g;
  const Cg = C / groups;
  const Og = O / groups;
  const K = Cg * kh * kw;
  const L = Ho * Wo;
  const xv = vals(x);
  const gv = f64(gy);
  const out = new Float64Array(O * K);
  const cols = new Float64Array(K * L);
  for (let n = 0; n < N; n++)
    for (let gi = 0; gi < groups; gi++) {
      im2col(xv, (n * C + gi * Cg) * H * W, Cg, g, cols);
      for (let oc = 0; oc < Og; oc++) {
        const o = gi * Og + oc;
        const go = (n * O + o) * L;
        for (let k = 0; k < K; k++) {
          const co = k * L;
          let acc = 0;
          for (let l = 0; l < L; l++) acc += gv[go + l] * cols[co + l];
          out[o * K + k] += acc;
        }
      }
    }
  return out;
}

// ---- large float32 work goes to the registered backend (onnxruntime) ----------------------

const macsOf = (g: Geom) => g.N * g.O * g.Ho * g.Wo * (g.C / g.groups) * g.kh * g.kw;

/** The transposed conv (a conv's input gradient) as the backend's ConvTranspose. */
function fastTransposed(x: T, w: T, bias: T | null, g: Geom): Float32Array | null {
  const k = fastKernels.conv2dInputGrad;
  if (!k || x.dtype.name !== "float32" || w.dtype.name !== "float32" || macsOf(g) < fastThresholds.convMacs) return null;
  // in the backend's terms the conv goes from [N, O, H, W] (g's transposed output) to [N, C, Ho, Wo]
  const r = k(vals(x) as Float32Array, vals(w) as Float32Array, {
    n: g.N, c: g.O, h: g.H, w: g.W, o: g.C, kh: g.kh, kw: g.kw, stride: [g.sh, g.sw], padding: [g.ph, g.pw], dilation: [g.dh, g.dw], groups: g.groups,
  }, g.Ho, g.Wo);
  if (r === null || bias === null) return r;
  const bv = vals(bias);
  const HW = g.H * g.W;
  for (let n = 0; n < g.N; n++) for (let o = 0; o < g.O; o++) for (let i = 0, p = (n * g.O + o) * HW; i < HW; i++) r[p + i] += bv[o];
  return r;
}

/**
 * The im2col buffer of the fast weight gradient, kept between calls: it is consumed by the
 * synchronous backend call that follows, and fresh memory costs far more than the copy on this
 * VM (a new 7 MB Float32Array, W6b's columns, measured 15-100 ms to first touch vs 3-8 ms to
 * refill). Its size is the largest columns matrix seen (vgg11: 29 MB, for conv2's [576, 12544]).
 */
let cols32 = new Float32Array(0);
function colsScratch(n: number): Float32Array {
  if (cols32.length < n) cols32 = new Float32Array(n);
  return cols32.length === n ? cols32 : cols32.subarray(0, n);
}

/**
 * dW = sum_n gy[n] @ im2col(x[n])^T as one backend Gemm (B transposed) per image and group:
 * gy[n, group] is [Og, L], the columns [K, L], dW's group block [Og, K] (groups are stacked
 * along O in the weight, so each block lands in its own rows). A 1x1 conv with stride 1 and no
 * padding reads x itself as its columns.
 */
function fastWeightGrad(x: T, gy: T, g: Geom): Float32Array | null {
  const mm = fastKernels.matmulNT;
  if (!mm || x.dtype.name !== "float32" || gy.dtype.name !== "float32" || macsOf(g) < fastThresholds.convMacs) return null;
  const { N, C, H, W, O, kh, kw, Ho, Wo, groups } = g;
  const Cg = C / groups;
  const Og = O / groups;
  const K = Cg * kh * kw;
  const L = Ho * Wo;
  const xv = vals(x) as Float32Array;
  const gv = vals(gy) as Float32Array;
  const identity = kh === 1 && kw === 1 && g.sh === 1 && g.sw === 1 && g.ph === 0 && g.pw === 0 && Ho === H && Wo === W;
  // im2col writes whole output rows at a time, so the columns come out [K, L]: the Gemm reads them transposed
  const cols = identity ? null : colsScratch(K * L);
  const out = N === 1 && groups === 1 ? null : new Float32Array(O * K);
  for (let n = 0; n < N; n++)
    for (let gi = 0; gi < groups; gi++) {
      const xo = (n * C + gi * Cg) * H * W;
      let b: Float32Array;
      if (cols === null) b = xv.subarray(xo, xo + K * L);
      else {
        im2colF32(xv, xo, Cg, g, cols);
        b = cols;
      }
      const go = (n * O + gi * Og) * L;
      const part = mm(gv.length === Og * L ? gv : gv.subarray(go, go + Og * L), b, Og, L, K);
      if (part === null) return null;
      if (out === null) return part;
      const oo = gi * Og * K;
      if (n === 0) out.set(part, oo);
      else for (let i = 0; i < part.length; i++) out[oo + i] += part[i];
    }
  return out;
}

function outSize(inp: number, k: number, s: number, p: number, d: number): number {
  return Math.floor((inp + 2 * p - d * (k - 1) - 1) / s) + 1;
}

/** Geometry of the forward conv; for a transposed conv, of the conv it is the adjoint of. */
function geometry(x: T, w: T, stride: number[], padding: number[], dilation: number[], transposed: boolean, outputPadding: number[], groups: number): Geom {
  const [N, Cx, Hx, Wx] = x._shape;
  const [kh, kw] = [w._shape[2], w._shape[3]];
  const [sh, sw] = stride;
  const [ph, pw] = padding;
  const [dh, dw] = dilation;
  if (!transposed) {
    const O = w._shape[0];
    return { N, C: Cx, H: Hx, W: Wx, O, kh, kw, sh, sw, ph, pw, dh, dw, groups, Ho: outSize(Hx, kh, sh, ph, dh), Wo: outSize(Wx, kw, sw, pw, dw) };
  }
  // transposed: x is the conv's output [N, Cin, Ho, Wo]; y is [N, w1*groups, H, W]
  const O = w._shape[1] * groups;
  const H = (Hx - 1) * sh - 2 * ph + dh * (kh - 1) + outputPadding[0] + 1;
  const W = (Wx - 1) * sw - 2 * pw + dw * (kw - 1) + outputPadding[1] + 1;
  return { N, C: Cx, H, W, O, kh, kw, sh, sw, ph, pw, dh, dw, groups, Ho: Hx, Wo: Wx };
}

const convOp = defineOp("convolution", {
  sig: "convolution(Tensor input, Tensor weight, Tensor? bias, int[] stride, int[] padding, int[] dilation, bool transposed, int[] output_padding, int groups)",
  method: false,
  names: { oneflow: (a) => (a[6] ? "deconv_backward" : "conv2d_backward") },
  forward(ctx, x: T, w: T, bias: T | null, stride: number[], padding: number[], dilation: number[], transposed: boolean, outputPadding: number[], groups: number) {
    if (x.ndim === 3) {
      // conv1d: the same kernel with a height of 1 (PyTorch's conv1d is one ConvolutionBackward0 node too)
      if (ctx.op) ctx.save_for_backward(x, w);
      const r = convOp.forward(
        { op: null, save_for_backward() {} } as any, x.unsqueeze(2), w.unsqueeze(2), bias, [1, stride[0]], [0, padding[0]], [1, dilation[0]], transposed, [0, outputPadding[0] ?? 0], groups,
      ) as T;
      return r.squeeze(2);
    }
    if (x.dtype !== w.dtype) throw new RuntimeError(`expected scalar type ${x.dtype.legacyName.replace("Tensor", "")} but found ${w.dtype.legacyName.replace("Tensor", "")}`);
    if (ctx.op) ctx.save_for_backward(x, w);
    const g = geometry(x, w, stride, padding, dilation, transposed, outputPadding, groups);
    if (!transposed) {
      const macs = g.N * g.O * g.Ho * g.Wo * (g.C / groups) * g.kh * g.kw;
      if (fastKernels.conv2d && x.dtype.name === "float32" && macs >= fastThresholds.convMacs) {
        const r = fastKernels.conv2d(vals(x), vals(w), bias === null ? null : vals(bias), {
          n: g.N, c: g.C, h: g.H, w: g.W, o: g.O, kh: g.kh, kw: g.kw, stride: [g.sh, g.sw], padding: [g.ph, g.pw], dilation: [g.dh, g.dw], groups,
        });
        if (r !== null) return fromValues(r, [g.N, g.O, g.Ho, g.Wo], x.dtype, x);
      }
      const out = convForward(x, w, bias, g);
      return fromValues(x.dtype.name === "float64" ? out : new x.dtype.ctor(out), [g.N, g.O, g.Ho, g.Wo], x.dtype, x);
    }
    const fastT = fastTransposed(x, w, bias, g);
    if (fastT !== null) return fromValues(fastT, [g.N, g.O, g.H, g.W], x.dtype, x);
    const out = convTransposeForward(x, w, bias, g);
    return fromValues(x.dtype.name === "float64" ? out : new x.dtype.ctor(out), [g.N, g.O, g.H, g.W], x.dtype, x);
  },
  backward(ctx, gy) {
    const [x, w] = ctx.saved_tensors;
    if (x.ndim === 3) {
      // conv1d: differentiate the height-1 conv2d and drop the height again
      const [, , b, s, p, d, tr, op, gr] = ctx.args as [T, T, T | null, number[], number[], number[], boolean, number[], number];
      const [gx, gw, gb] = convBackward(ctx.needs_input_grad, x.unsqueeze(2), w.unsqueeze(2), b, gy.unsqueeze(2), [1, s[0]], [0, p[0]], [1, d[0]], tr, [0, op[0] ?? 0], gr);
      return [gx === null ? null : gx.squeeze(2), gw === null ? null : gw.squeeze(2), gb];
    }
    const [, , bias0, stride0, padding0, dilation0, transposed0, outputPadding0, groups0] = ctx.args as [T, T, T | null, number[], number[], number[], boolean, number[], number];
    return convBackward(ctx.needs_input_grad, x, w, bias0, gy, stride0, padding0, dilation0, transposed0, outputPadding0, groups0);
  },
});

function convBackward(need: boolean[], x: T, w: T, bias: T | null, gy: T, stride: number[], padding: number[], dilation: number[], transposed: boolean, _op: number[], groups: number): Array<T | null> {
    let gx: T | null = null;
    let gw: T | null = null;
    let gb: T | null = null;
    if (!transposed) {
      const g = geometry(x, w, stride, padding, dilation, false, [0, 0], groups);
      if (need[0]) {
        // the transposed conv maps gy back to the input size; output_padding makes up the rows
        // that the stride skipped
        const op = [g.H - ((g.Ho - 1) * g.sh - 2 * g.ph + g.dh * (g.kh - 1) + 1), g.W - ((g.Wo - 1) * g.sw - 2 * g.pw + g.dw * (g.kw - 1) + 1)];
        gx = convOp.call(gy, w, null, stride, padding, dilation, true, op, groups) as Tensor;
      }
      if (need[1]) gw = weightGradOp.call(x, gy, w, stride, padding, dilation, groups) as Tensor;
    } else {
      if (need[0]) gx = convOp.call(gy, w, null, stride, padding, dilation, false, [0, 0], groups) as Tensor;
      // convT(x, w) is the adjoint of conv(., w): its weight gradient is the conv weight
      // gradient with gy as the conv's input and x as the conv's output gradient
      if (need[1]) gw = weightGradOp.call(gy, x, w, stride, padding, dilation, groups) as Tensor;
    }
    if (bias !== null && need[2]) gb = gy.sum([0, 2, 3]);
    return [gx, gw, gb];
}

/** The weight gradient of conv(x, w) given the output gradient gy (shaped like w). */
const weightGradOp = defineOp("convolution_weight_grad", {
  sig: "convolution_weight_grad(Tensor input, Tensor grad_output, Tensor weight, int[] stride, int[] padding, int[] dilation, int groups)",
  method: false,
  fn: false,
  forward(_ctx, x: T, gy: T, w: T, stride: number[], padding: number[], dilation: number[], groups: number) {
    const g = geometry(x, w, stride, padding, dilation, false, [0, 0], groups);
    g.Ho = gy._shape[2];
    g.Wo = gy._shape[3];
    const fastW = fastWeightGrad(x, gy, g);
    if (fastW !== null) return fromValues(fastW, w._shape.slice(), x.dtype, x);
    const out = convWeightGrad(x, gy, g);
    return fromValues(x.dtype.name === "float64" ? out : new x.dtype.ctor(out), w._shape.slice(), x.dtype, x);
  },
});

export { convOp };
