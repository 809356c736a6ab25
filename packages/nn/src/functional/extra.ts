// F.prelu, F.dropout1d / F.dropout2d (ATen's feature dropout), F.cosine_similarity and
// F.pairwise_distance as PyTorch 1.13 computes them (ATen Distance.cpp / Dropout.cpp, the
// Python wrappers' checks and warnings).

import { Tensor, defineOp, ops, float32, no_grad, result_type } from "@tsgrad/core";
import { RuntimeError, ValueError, warnings, UserWarning } from "@tsgrad/py";
import { parseArgs } from "../args.ts";

type T = Tensor;

// ---- prelu -------------------------------------------------------------------------------------

/** weight viewed to broadcast along the channel dim (dim 1, or dim 0 of a 1-D input). */
function preluWeight(x: T, w: T): T {
  const nw = w.numel();
  if (nw === 1) return w.reshape(x._shape.map(() => 1).length === 0 ? [] : x._shape.map(() => 1));
  const chDim = x._shape.length >= 2 ? 1 : 0;
  const ch = x._shape.length === 0 ? 1 : x._shape[chDim];
  if (nw !== ch)
    throw new RuntimeError(`Mismatch of parameter numbers and input channel size. Found parameter numbers = ${nw} and channel size = ${ch}.`);
  return w.reshape(x._shape.map((s, i) => (i === chDim ? s : 1)));
}

const preluOp = defineOp("prelu", {
  sig: "prelu(Tensor input, Tensor weight)",
  names: { torch: "PreluBackward0" },
  forward(ctx, x: T, w: T) {
    if (ctx.op) ctx.save_for_backward(x, w);
    const wv = preluWeight(x, w);
    const f32 = x.dtype === float32;
    return ops.where.call(x.gt(0), x, f32 ? wv.mul(x) : wv.mul(x)) as T;
  },
  backward(ctx, g) {
    const [x, w] = ctx.saved_tensors;
    const wv = preluWeight(x, w);
    const pos = x.gt(0);
    const gx = ops.where.call(pos, g, wv.mul(g)) as T;
    const contrib = ops.where.call(pos, x.mul(0), x.mul(g)) as T;
    let gw: T;
    if (w.numel() === 1) gw = contrib.sum().reshape(w._shape);
    else {
      const chDim = x._shape.length >= 2 ? 1 : 0;
      const dims = x._shape.map((_, i) => i).filter((i) => i !== chDim);
      gw = (dims.length ? contrib.sum(dims) : contrib).reshape(w._shape);
    }
    return [ctx.needs_input_grad[0] ? gx : null, ctx.needs_input_grad[1] ? gw : null];
  },
});

export function prelu(...args: unknown[]): T {
  const a = parseArgs("prelu", ["input", "weight"], args);
  return preluOp.call(a.input, a.weight) as T;
}

// ---- feature dropout ---------------------------------------------------------------------------

/** ATen's _dropout_impl<feature_dropout=true>: one Bernoulli draw per (sample, channel). */
function featureDropout(x: T, p: number, train: boolean, inplace: boolean): T {
  if (p === 0 || !train || x.numel() === 0) return x;
  if (p === 1) {
    const z = Tensor.empty([], x.dtype, x._dialect).zero_();
    return inplace ? x.mul_(z) : x.mul(z);
  }
  const shape = x._shape.map((s, i) => (i < 2 ? s : 1));
  const noise = (Tensor.empty(shape, x.dtype, x._dialect) as any).bernoulli_(1 - p) as T;
  noise.div_(1 - p);
  return inplace ? x.mul_(noise) : x.mul(noise);
}

function checkP(p: number): void {
  if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
}

export function dropout1d(...args: unknown[]): T {
  const a = parseArgs("dropout1d", ["input", ["p", 0.5], ["training", true], ["inplace", false]], args);
  const p = Number(a.p);
  checkP(p);
  let x = a.input as T;
  const nd = x._shape.length;
  if (nd !== 2 && nd !== 3)
    throw new RuntimeError(
      `dropout1d: Expected 2D or 3D input, but received a ${nd}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).`,
    );
  const batched = nd === 3;
  if (!batched) x = a.inplace ? (x as any).unsqueeze_(0) : x.unsqueeze(0);
  let r = featureDropout(x, p, a.training, a.inplace);
  if (!batched) r = a.inplace ? (r as any).squeeze_(0) : r.squeeze(0);
  return r;
}

export function dropout2d(...args: unknown[]): T {
  const a = parseArgs("dropout2d", ["input", ["p", 0.5], ["training", true], ["inplace", false]], args);
  const p = Number(a.p);
  checkP(p);
  const x = a.input as T;
  const nd = x._shape.length;
  if (nd !== 3 && nd !== 4)
    warnings.warn(
      `dropout2d: Received a ${nd}-D input to dropout2d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout2d exists to provide channel-wise dropout on inputs with 2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs).`,
      UserWarning,
    );
  if (nd === 3)
    warnings.warn(
      "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.",
      UserWarning,
    );
  return featureDropout(x, p, a.training, a.inplace);
}

// ---- distances ---------------------------------------------------------------------------------

/** ATen 1.13's cosine_similarity: x / sqrt(clamp_min(sum(x^2), eps^2)) for each side (the clamp
 *  under no_grad), multiplied and summed over dim. */
export function cosine_similarity(...args: unknown[]): T {
  const a = parseArgs("cosine_similarity", ["x1", "x2", ["dim", 1], ["eps", 1e-8]], args);
  const x1in = a.x1 as T, x2in = a.x2 as T;
  const d = result_type(x1in, x2in);
  if (d.kind !== "float") throw new RuntimeError(`expected common dtype to be floating point, yet common dtype is ${d.legacyName.replace("Tensor", "")}`);
  const shape = broadcastShape(x1in._shape, x2in._shape);
  const x1 = (x1in.dtype === d ? x1in : x1in.to(d)).expand(shape);
  const x2 = (x2in.dtype === d ? x2in : x2in.to(d)).expand(shape);
  const dim = Number(a.dim);
  const eps2 = Number(a.eps) * Number(a.eps);
  const n1 = x1.pow(2).sum(dim, true);
  const n2 = x2.pow(2).sum(dim, true);
  no_grad(() => {
    n1.clamp_({ min: eps2 });
    n2.clamp_({ min: eps2 });
  });
  return x1.div(n1.sqrt()).mul(x2.div(n2.sqrt())).sum(dim);
}

function broadcastShape(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1)
      throw new RuntimeError(`The size of tensor a (${x}) must match the size of tensor b (${y}) at non-singleton dimension ${i}`);
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** ATen 1.13's pairwise_distance: norm(x1 - x2 + eps, p, last dim, keepdim). */
export function pairwise_distance(...args: unknown[]): T {
  const a = parseArgs("pairwise_distance", ["x1", "x2", ["p", 2.0], ["eps", 1e-6], ["keepdim", false]], args);
  const x1 = a.x1 as T, x2 = a.x2 as T;
  const outDim = Math.max(x1._shape.length, x2._shape.length);
  const inner = Math.max(outDim - 1, 0);
  const diff = ops.add.callScalar(x1.sub(x2), Number(a.eps)) as T;
  return ops._norm.call(diff, Number(a.p), outDim === 0 ? [] : [inner], a.keepdim) as T;
}
