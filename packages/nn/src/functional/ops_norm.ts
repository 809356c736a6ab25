// Normalisation ops: native_batch_norm, native_layer_norm, native_group_norm (PyTorch 1.13's
// Native*Backward0 nodes). All three normalise groups of elements of an [N, C, S] view and
// apply a per-element affine, so they share one kernel and one backward op:
//   batch norm: statistic per channel c over (N, S), affine per c
//   layer norm: statistic per row n over (C*S) of the trailing dims, affine per trailing element
//   group norm: statistic per (n, group) over (C/G, S), affine per c

import { defineOp, type Tensor } from "@tsgrad/core";
import { fromValues, vals, type T } from "./util.ts";

type Kind = "batch" | "layer" | "group";

interface Layout {
  N: number; C: number; S: number;
  nStats: number;
  stat: (n: number, c: number) => number;
  aff: (c: number, s: number) => number;
}

function layout(kind: Kind, x: T, extra: number): Layout {
  const sh = x._shape;
  if (kind === "layer") {
    const inner = sh.slice(sh.length - extra).reduce((a, b) => a * b, 1);
    const N = sh.slice(0, sh.length - extra).reduce((a, b) => a * b, 1);
    return { N, C: 1, S: inner, nStats: N, stat: (n) => n, aff: (_c, s) => s };
  }
  const N = sh[0];
  const C = sh.length > 1 ? sh[1] : 1;
  const S = sh.slice(2).reduce((a, b) => a * b, 1);
  if (kind === "batch") return { N, C, S, nStats: C, stat: (_n, c) => c, aff: (c) => c };
  const G = extra;
  const per = C / G;
  return { N, C, S, nStats: N * G, stat: (n, c) => n * G + Math.floor(c / per), aff: (c) => c };
}

/** Mean and biased variance of each statistic group, in double. */
function moments(xv: ArrayLike<number>, L: Layout): { mean: Float64Array; varb: Float64Array; count: Float64Array } {
  const mean = new Float64Array(L.nStats);
  const count = new Float64Array(L.nStats);
  const { N, C, S } = L;
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++) {
      const k = L.stat(n, c);
      const o = (n * C + c) * S;
      let acc = 0;
      for (let s = 0; s < S; s++) acc += xv[o + s];
      mean[k] += acc;
      count[k] += S;
    }
  for (let k = 0; k < L.nStats; k++) mean[k] /= count[k];
  const varb = new Float64Array(L.nStats);
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++) {
      const k = L.stat(n, c);
      const m = mean[k];
      const o = (n * C + c) * S;
      let acc = 0;
      for (let s = 0; s < S; s++) {
        const d = xv[o + s] - m;
        acc += d * d;
      }
      varb[k] += acc;
    }
  for (let k = 0; k < L.nStats; k++) varb[k] /= count[k];
  return { mean, varb, count };
}

/** y = (x - mean) * invstd * w + b over the layout. */
function normalize(x: T, L: Layout, mean: ArrayLike<number>, invstd: ArrayLike<number>, w: T | null, b: T | null): T {
  const xv = vals(x);
  const wv = w === null ? null : vals(w);
  const bv = b === null ? null : vals(b);
  const out = new x.dtype.ctor(xv.length);
  const { N, C, S } = L;
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++) {
      const k = L.stat(n, c);
      const o = (n * C + c) * S;
      for (let s = 0; s < S; s++) {
        const a = L.aff(c, s);
        let y = (xv[o + s] - mean[k]) * invstd[k];
        if (wv !== null) y *= wv[a];
        if (bv !== null) y += bv[a];
        out[o + s] = y;
      }
    }
  return fromValues(out, x._shape.slice(), x.dtype, x);
}

function statTensor(v: Float64Array, like: T, shape: number[]): T {
  return fromValues(new like.dtype.ctor(v), shape, like.dtype, like);
}

defineOp("native_batch_norm", {
  sig: "native_batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps)",
  method: false,
  fn: false,
  differentiableOutputs: [0],
  names: { oneflow: "normalization_backward" },
  forward(ctx, x: T, w: T | null, b: T | null, rm: T | null, rv: T | null, training: boolean, momentum: number, eps: number) {
    const L = layout("batch", x, 0);
    let mean: ArrayLike<number>;
    let invstd: Float64Array;
    if (training) {
      const m = moments(vals(x), L);
      mean = m.mean;
      invstd = m.varb.map((v) => 1 / Math.sqrt(v + eps));
      // running stats take the unbiased variance, updated in place (they are buffers)
      if (rm !== null && rv !== null) {
        const rmv = rm._storage as any;
        const rvv = rv._storage as any;
        const cnt = m.count[0];
        for (let c = 0; c < L.C; c++) {
          const i = rm._offset + c * (rm._strides[0] ?? 1);
          const j = rv._offset + c * (rv._strides[0] ?? 1);
          rmv[i] = momentum * m.mean[c] + (1 - momentum) * rmv[i];
          rvv[j] = momentum * m.varb[c] * (cnt / (cnt - 1)) + (1 - momentum) * rvv[j];
        }
        rm._vc.v++;
        rv._vc.v++;
      }
    } else {
      mean = Float64Array.from(vals(rm!));
      invstd = Float64Array.from(vals(rv!), (v: number) => 1 / Math.sqrt(v + eps));
    }
    const y = normalize(x, L, mean, invstd, w, b);
    const meanT = statTensor(Float64Array.from(mean), x, [L.C]);
    const invT = statTensor(invstd, x, [L.C]);
    if (ctx.op) {
      ctx.save_for_backward(x, w);
      ctx.mean = Float64Array.from(mean);
      ctx.invstd = invstd;
    }
    return [y, meanT, invT];
  },
  backward(ctx, g) {
    const [x, w] = ctx.saved_tensors;
    const training = ctx.args[5] as boolean;
    const [gx, gw, gb] = normBackward.call(g, x, w, "batch", 0, training, ctx.mean, ctx.invstd) as Tensor[];
    const need = ctx.needs_input_grad;
    return [need[0] ? gx : null, need[1] ? gw : null, need[2] ? gb : null, null, null];
  },
});

defineOp("native_layer_norm", {
  sig: "native_layer_norm(Tensor input, int[] normalized_shape, Tensor? weight, Tensor? bias, float eps)",
  method: false,
  fn: false,
  differentiableOutputs: [0],
  names: { oneflow: "layer_norm_backward" },
  forward(ctx, x: T, shape: number[], w: T | null, b: T | null, eps: number) {
    const L = layout("layer", x, shape.length);
    const m = moments(vals(x), L);
    const invstd = m.varb.map((v) => 1 / Math.sqrt(v + eps));
    const y = normalize(x, L, m.mean, invstd, w, b);
    if (ctx.op) {
      ctx.save_for_backward(x, w);
      ctx.mean = m.mean;
      ctx.invstd = invstd;
    }
    const statShape = [...x._shape.slice(0, x._shape.length - shape.length), ...shape.map(() => 1)];
    return [y, statTensor(m.mean, x, statShape), statTensor(invstd, x, statShape)];
  },
  backward(ctx, g) {
    const [x, w] = ctx.saved_tensors;
    const shape = ctx.args[1] as number[];
    const [gx, gw, gb] = normBackward.call(g, x, w, "layer", shape.length, true, ctx.mean, ctx.invstd) as Tensor[];
    const need = ctx.needs_input_grad;
    return [need[0] ? gx : null, need[1] ? gw : null, need[2] ? gb : null];
  },
});

defineOp("native_group_norm", {
  sig: "native_group_norm(Tensor input, Tensor? weight, Tensor? bias, int group, float eps)",
  method: false,
  fn: false,
  differentiableOutputs: [0],
  names: { oneflow: "group_norm_backward" },
  forward(ctx, x: T, w: T | null, b: T | null, group: number, eps: number) {
    const L = layout("group", x, group);
    const m = moments(vals(x), L);
    const invstd = m.varb.map((v) => 1 / Math.sqrt(v + eps));
    const y = normalize(x, L, m.mean, invstd, w, b);
    if (ctx.op) {
      ctx.save_for_backward(x, w);
      ctx.mean = m.mean;
      ctx.invstd = invstd;
    }
    return [y, statTensor(m.mean, x, [x._shape[0], group]), statTensor(invstd, x, [x._shape[0], group])];
  },
  backward(ctx, g) {
    const [x, w] = ctx.saved_tensors;
    const [gx, gw, gb] = normBackward.call(g, x, w, "group", ctx.args[3], true, ctx.mean, ctx.invstd) as Tensor[];
    const need = ctx.needs_input_grad;
    return [need[0] ? gx : null, need[1] ? gw : null, need[2] ? gb : null];
  },
});

/**
 * Gradients of y = xhat * w + b, xhat = (x - mean) * invstd. With batch statistics
 * (`useStats`), gx = invstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) per group;
 * with fixed statistics (batch norm in eval mode), gx = dxhat * invstd.
 */
const normBackward = defineOp("native_norm_backward", {
  sig: "native_norm_backward(Tensor grad_out, Tensor input, Tensor? weight, str kind, int extra, bool use_stats, any mean, any invstd)",
  method: false,
  fn: false,
  forward(_ctx, g: T, x: T, w: T | null, kind: Kind, extra: number, useStats: boolean, mean: Float64Array, invstd: Float64Array) {
    const L = layout(kind, x, extra);
    const xv = vals(x);
    const gv = vals(g);
    const wv = w === null ? null : vals(w);
    const { N, C, S } = L;
    const sumD = new Float64Array(L.nStats);
    const sumDX = new Float64Array(L.nStats);
    const cnt = new Float64Array(L.nStats);
    const nAff = wv === null ? (kind === "layer" ? S : C) : wv.length;
    const gw = new Float64Array(nAff);
    const gb = new Float64Array(nAff);
    for (let n = 0; n < N; n++)
      for (let c = 0; c < C; c++) {
        const k = L.stat(n, c);
        const o = (n * C + c) * S;
        for (let s = 0; s < S; s++) {
          const a = L.aff(c, s);
          const xh = (xv[o + s] - mean[k]) * invstd[k];
          const gy = gv[o + s];
          gw[a] += gy * xh;
          gb[a] += gy;
          const d = wv === null ? gy : gy * wv[a];
          sumD[k] += d;
          sumDX[k] += d * xh;
          cnt[k] += 1;
        }
      }
    const gx = new x.dtype.ctor(xv.length);
    for (let n = 0; n < N; n++)
      for (let c = 0; c < C; c++) {
        const k = L.stat(n, c);
        const o = (n * C + c) * S;
        const md = sumD[k] / cnt[k];
        const mdx = sumDX[k] / cnt[k];
        for (let s = 0; s < S; s++) {
          const a = L.aff(c, s);
          const d = wv === null ? gv[o + s] : gv[o + s] * wv[a];
          if (!useStats) gx[o + s] = d * invstd[k];
          else {
            const xh = (xv[o + s] - mean[k]) * invstd[k];
            gx[o + s] = invstd[k] * (d - md - xh * mdx);
          }
        }
      }
    const affShape = w === null ? [nAff] : w._shape.slice();
    return [
      fromValues(gx, x._shape.slice(), x.dtype, x),
      fromValues(new x.dtype.ctor(gw), affShape, x.dtype, x),
      fromValues(new x.dtype.ctor(gb), affShape, x.dtype, x),
    ];
  },
});
