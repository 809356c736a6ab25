// Normalisation, embedding and padding ops of packages/nn/src/functional (ops_norm.ts,
// ops_misc.ts) as compositions of GPU ops. The CPU kernels walk an [N, C, S] layout in double;
// here the same statistics come from GPU reductions over reshaped views:
//   batch norm: statistics per channel over (N, S), affine per channel
//   layer norm: statistics per row over the normalized trailing dims, affine per trailing element
//   group norm: statistics per (n, group), affine per channel
// The statistics saved for the backward (ctx.mean, ctx.invstd) are GPU tensors here, which the
// backward op (native_norm_backward, whose mean/invstd parameters are untyped) hands back to us.

import { Tensor, filledOn, int64, int32, type Ctx } from "@tsgrad/core";
import { RuntimeError } from "@tsgrad/py";
import { opKernels, onGpu, webgpuBackend } from "./backend.ts";

type T = Tensor;
type Kind = "batch" | "layer" | "group";

interface Views {
  V: number[]; // statistics view
  red: number[]; // its reduced dims
  statB: number[]; // statistics broadcast over V
  A: number[]; // affine view
  affB: number[]; // affine parameters broadcast over A
  affRed: number[]; // dims of A summed for the affine gradients
  nAff: number;
}

function views(kind: Kind, x: T, extra: number): Views {
  const sh = x._shape;
  const prod = (a: number[]) => a.reduce((p, v) => p * v, 1);
  if (kind === "layer") {
    const S = prod(sh.slice(sh.length - extra));
    const N = prod(sh.slice(0, sh.length - extra));
    return { V: [N, S], red: [1], statB: [N, 1], A: [N, S], affB: [1, S], affRed: [0], nAff: S };
  }
  const N = sh[0];
  const C = sh.length > 1 ? sh[1] : 1;
  const S = prod(sh.slice(2));
  if (kind === "batch") return { V: [N, C, S], red: [0, 2], statB: [1, C, 1], A: [N, C, S], affB: [1, C, 1], affRed: [0, 2], nAff: C };
  const G = extra;
  return { V: [N, G, (C / G) * S], red: [2], statB: [N, G, 1], A: [N, C, S], affB: [1, C, 1], affRed: [0, 2], nAff: C };
}

/** Mean, biased variance (keepdim, shaped statB) of x over the statistics view. */
function moments(xv: T, v: Views): { mean: T; varb: T } {
  const mean = xv.mean(v.red, true);
  const d = xv.sub(mean);
  return { mean, varb: d.mul(d).mean(v.red, true) };
}

/** y = xhat * w + b in the affine view, back in x's shape. */
function affine(xhat: T, x: T, v: Views, w: T | null, b: T | null): T {
  let y = xhat.reshape(v.A);
  if (w !== null) y = y.mul(w.reshape(v.affB));
  if (b !== null) y = y.add(b.reshape(v.affB));
  return y.reshape(x._shape.slice());
}

opKernels.native_batch_norm = (ctx: Ctx, bound: unknown[]) => {
  const [x, w, b, rm, rv, training, momentumIn, epsIn] = bound as [T, T | null, T | null, T | null, T | null, boolean, number, number];
  const momentum = Number(momentumIn), eps = Number(epsIn);
  const v = views("batch", x, 0);
  const xv = x.reshape(v.V);
  let mean: T, invstd: T;
  if (training) {
    const m = moments(xv, v);
    mean = m.mean;
    invstd = m.varb.add(eps).rsqrt();
    if (rm !== null && rv !== null) {
      // running stats take the unbiased variance, updated in place (they are buffers)
      const cnt = v.V[0] * v.V[2];
      rm.mul_(1 - momentum).add_(m.mean.reshape([v.V[1]]), { alpha: momentum });
      rv.mul_(1 - momentum).add_(m.varb.reshape([v.V[1]]), { alpha: (momentum * cnt) / (cnt - 1) });
    }
  } else {
    if (rm === null || rv === null) throw new RuntimeError("running_mean and running_var must be defined in evaluation mode");
    mean = onGpu(rm).reshape(v.statB);
    invstd = onGpu(rv).add(eps).rsqrt().reshape(v.statB);
  }
  const y = affine(xv.sub(mean).mul(invstd), x, v, w, b);
  if (ctx.op) {
    ctx.save_for_backward(x, w);
    ctx.mean = mean;
    ctx.invstd = invstd;
  }
  return [y, mean.reshape([v.V[1]]), invstd.reshape([v.V[1]])];
};

opKernels.native_layer_norm = (ctx: Ctx, bound: unknown[]) => {
  const [x, shape, w, b, epsIn] = bound as [T, number[], T | null, T | null, number];
  const v = views("layer", x, shape.length);
  const xv = x.reshape(v.V);
  const m = moments(xv, v);
  const invstd = m.varb.add(Number(epsIn)).rsqrt();
  const y = affine(xv.sub(m.mean).mul(invstd), x, v, w, b);
  if (ctx.op) {
    ctx.save_for_backward(x, w);
    ctx.mean = m.mean;
    ctx.invstd = invstd;
  }
  const statShape = [...x._shape.slice(0, x._shape.length - shape.length), ...shape.map(() => 1)];
  return [y, m.mean.reshape(statShape), invstd.reshape(statShape)];
};

opKernels.native_group_norm = (ctx: Ctx, bound: unknown[]) => {
  const [x, w, b, group, epsIn] = bound as [T, T | null, T | null, number, number];
  const G = Number(group);
  const v = views("group", x, G);
  const xv = x.reshape(v.V);
  const m = moments(xv, v);
  const invstd = m.varb.add(Number(epsIn)).rsqrt();
  const y = affine(xv.sub(m.mean).mul(invstd), x, v, w, b);
  if (ctx.op) {
    ctx.save_for_backward(x, w);
    ctx.mean = m.mean;
    ctx.invstd = invstd;
  }
  return [y, m.mean.reshape([x._shape[0], G]), invstd.reshape([x._shape[0], G])];
};

/**
 * gx = invstd * (d - mean(d) - xhat * mean(d * xhat)) per statistics group with batch
 * statistics, d * invstd with fixed ones (batch norm in eval mode); d = gy * w.
 */
opKernels.native_norm_backward = (_ctx: Ctx, bound: unknown[]) => {
  const [g, x, w, kind, extra, useStats, meanIn, invIn] = bound as [T, T, T | null, Kind, number, boolean, T, T];
  if (!(meanIn instanceof Tensor)) throw new RuntimeError("webgpu: normalisation backward needs the statistics of a GPU forward");
  const v = views(kind, x, Number(extra));
  const mean = meanIn.reshape(v.statB), invstd = invIn.reshape(v.statB);
  const xh = x.reshape(v.V).sub(mean).mul(invstd);
  const gyA = g.reshape(v.A);
  const affShape = w === null ? [v.nAff] : w._shape.slice();
  const gw = gyA.mul(xh.reshape(v.A)).sum(v.affRed).reshape(affShape);
  const gb = gyA.sum(v.affRed).reshape(affShape);
  const d = (w === null ? gyA : gyA.mul(w.reshape(v.affB))).reshape(v.V);
  let gx: T;
  if (!useStats) gx = d.mul(invstd);
  else {
    const md = d.mean(v.red, true);
    const mdx = d.mul(xh).mean(v.red, true);
    gx = invstd.mul(d.sub(md).sub(xh.mul(mdx)));
  }
  return [gx.reshape(x._shape.slice()), gw, gb];
};

// ---- embedding and padding ---------------------------------------------------------------------

opKernels.embedding = (_c: Ctx, [w, idx]) => {
  const W = w as T, I = onGpu(idx as T);
  if (I.dtype !== int64 && I.dtype !== int32)
    throw new RuntimeError(`Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.${I.dtype.legacyName} instead (while checking arguments for embedding)`);
  // rows by index_select (an index out of range reads a NaN row: no bounds check without a read)
  return W.index_select(0, I.reshape([-1])).view([...I._shape, W._shape[1]]);
};

opKernels.embedding_dense_backward = (_c: Ctx, [g, idx, V, pad]) => {
  const G = g as T, I = onGpu(idx as T).reshape([-1]);
  const D = G._shape[G._shape.length - 1];
  let rows = G.reshape([-1, D]);
  // rows of padding_idx get no gradient
  if (Number(pad) >= 0) rows = rows.mul(I.ne(Number(pad)).unsqueeze(1).to(G.dtype));
  const zeros = filledOn([Number(V), D], G.dtype, 0, G.device, G._dialect);
  return zeros.index_put([I], rows, true);
};

opKernels.constant_pad_nd = (_c: Ctx, [x, pad, value]) => {
  const X = x as T, p = (pad as number[]).map(Number);
  const nd = X._shape.length;
  if (p.length % 2 !== 0) throw new RuntimeError("Length of pad must be even but instead it equals " + p.length);
  if (p.length / 2 > nd)
    throw new RuntimeError(`Length of pad should be no more than twice the number of dimensions of the input. Pad length is ${p.length} while the input has ${nd} dimensions.`);
  const before = new Array(nd).fill(0), after = new Array(nd).fill(0);
  for (let i = 0; i < p.length / 2; i++) {
    before[nd - 1 - i] = p[2 * i];
    after[nd - 1 - i] = p[2 * i + 1];
  }
  const outShape = X._shape.map((s, d) => s + before[d] + after[d]);
  for (const s of outShape) if (s < 0) throw new RuntimeError(`The input size ${X._shape.join(", ")}, plus negative padding results in a negative output size`);
  const out = filledOn(outShape, X.dtype, Number(value), X.device, X._dialect);
  // the part of x that survives (negative pads crop it) goes to its place in out
  let src = X, dst = out;
  for (let d = 0; d < nd; d++) {
    const lo = Math.max(0, -before[d]), hi = X._shape[d] - Math.max(0, -after[d]);
    if (hi <= lo) return out;
    src = src.narrow(d, lo, hi - lo);
    dst = dst.narrow(d, Math.max(0, before[d]), hi - lo);
  }
  webgpuBackend.copy(dst, src);
  return out;
};
