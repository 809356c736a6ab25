// Loss ops with their own grad_fn in PyTorch 1.13 (MseLossBackward0, NllLossBackward0,
// BinaryCrossEntropyBackward0, ...). Kernels are loops over contiguous values; derivatives are
// written in ops (the index-driven ones through small backward ops of their own).

import { defineOp, int64, type Tensor } from "@tsgrad/core";
import { IndexError, RuntimeError } from "@tsgrad/py";
import { fromValues, newTensor, numel, scalarName, vals, type T, type Reduction } from "./util.ts";

function reduce(loss: T, reduction: Reduction): T {
  if (reduction === "none") return loss;
  const v = vals(loss);
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  if (reduction === "mean") s /= v.length;
  const out = new loss.dtype.ctor(1);
  out[0] = s;
  return fromValues(out, [], loss.dtype, loss);
}

/** The incoming gradient of a reduced loss, spread back over the elementwise shape. */
function spread(g: T, shape: number[], reduction: Reduction, n: number): T {
  if (reduction === "none") return g;
  const e = g.expand(shape);
  return reduction === "mean" ? e.div(n) : e;
}

/** OneFlow's MseLossFunctor: Sub, Square, then ReduceSum or ReduceMean (a sum then ScalarMul(1/n),
 *  the sum alone for one element) (nn_functor.cpp LossFunctorBase). */
function flowName(r: unknown, x: T): string {
  if (r === "mean") return x.numel() <= 1 ? "reduce_sum_backward" : "scalar_mul_backward";
  return r === "sum" ? "reduce_sum_backward" : "square_backward";
}

function checkSameDtype(a: T, b: T): void {
  if (a.dtype !== b.dtype) throw new RuntimeError(`expected scalar type ${scalarName(a.dtype)} but found ${scalarName(b.dtype)}`);
}

defineOp("mse_loss", {
  sig: "mse_loss(Tensor input, Tensor target, str reduction='mean')",
  method: false,
  fn: false,
  names: { oneflow: (a) => flowName(a[2], a[0] as T) },
  forward(ctx, x: T, y: T, reduction: Reduction) {
    const d = x.sub(y);
    if (ctx.op) ctx.save_for_backward(d);
    return reduce(d.mul(d), reduction);
  },
  backward(ctx, g) {
    const [d] = ctx.saved_tensors;
    const r = ctx.args[2] as Reduction;
    const gi = spread(g, d._shape, r, numel(d._shape)).mul(d).mul(2);
    return [ctx.needs_input_grad[0] ? gi : null, ctx.needs_input_grad[1] ? gi.neg() : null];
  },
});

function smoothOp(name: "smooth_l1_loss" | "huber_loss", param: "beta" | "delta") {
  defineOp(name, {
    sig: `${name}(Tensor input, Tensor target, str reduction='mean', float ${param}=1.0)`,
    method: false,
    fn: false,
    forward(ctx, x: T, y: T, reduction: Reduction, b: number) {
      const beta = Number(b);
      const d = x.sub(y);
      if (ctx.op) ctx.save_for_backward(d);
      const dv = vals(d);
      const out = new x.dtype.ctor(dv.length);
      for (let i = 0; i < dv.length; i++) {
        const a = Math.abs(dv[i]);
        if (name === "smooth_l1_loss") out[i] = beta === 0 ? a : a < beta ? (0.5 * dv[i] * dv[i]) / beta : a - 0.5 * beta;
        else out[i] = a < beta ? 0.5 * dv[i] * dv[i] : beta * (a - 0.5 * beta);
      }
      return reduce(fromValues(out, d._shape.slice(), x.dtype, x), reduction);
    },
    backward(ctx, g) {
      const [d] = ctx.saved_tensors;
      const beta = Number(ctx.args[3]);
      const r = ctx.args[2] as Reduction;
      const gs = spread(g, d._shape, r, numel(d._shape));
      // inside the quadratic zone the slope is d/beta (smooth L1) or d (huber), else sign(d) (* delta)
      const inner = d.abs().lt(beta);
      let slope: T;
      if (name === "smooth_l1_loss") slope = beta === 0 ? d.sign() : d.div(beta).mul(inner).add(d.sign().mul(inner.logical_not()));
      else slope = d.mul(inner).add(d.sign().mul(beta).mul(inner.logical_not()));
      const gi = gs.mul(slope);
      return [ctx.needs_input_grad[0] ? gi : null, ctx.needs_input_grad[1] ? gi.neg() : null];
    },
  });
}
smoothOp("smooth_l1_loss", "beta");
smoothOp("huber_loss", "delta");

// ---- nll_loss ---------------------------------------------------------------------------------

interface NllGeom {
  N: number;
  C: number;
  S: number; // product of trailing dims (1 for [N, C])
}
function nllGeom(x: T): NllGeom {
  if (x._shape.length === 1) return { N: 1, C: x._shape[0], S: 1 };
  const [N, C] = x._shape;
  return { N, C, S: numel(x._shape.slice(2)) };
}

function checkNll(x: T, t: T, w: T | null): void {
  // OneFlow's nll takes int32 targets too (its CrossEntropyLoss docstring uses dtype=flow.int32)
  const flowInt32 = x._dialect.name === "oneflow" && t.dtype.name === "int32";
  if (t.dtype !== int64 && !flowInt32) throw new RuntimeError(`expected scalar type Long but found ${scalarName(t.dtype)}`);
  if (x._shape.length < 1) throw new RuntimeError(`input tensor should be 1D or 2D`);
  if (x._shape.length >= 2 && t._shape[0] !== x._shape[0])
    throw new RuntimeError(`Expected input batch_size (${x._shape[0]}) to match target batch_size (${t._shape[0]}).`);
  const C = x._shape.length === 1 ? x._shape[0] : x._shape[1];
  if (w !== null && w.numel() !== C)
    throw new RuntimeError(`weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: [${w._shape.join(", ")}]`);
}

/** Total weight of the non-ignored targets (the mean's divisor). */
function nllPick(x: T, t: T, w: T | null, ignore: number): { loss: Float64Array; weights: Float64Array; total: number } {
  const { N, C, S } = nllGeom(x);
  const xv = vals(x);
  const tv = vals(t);
  const wv = w === null ? null : vals(w);
  const loss = new Float64Array(N * S);
  const weights = new Float64Array(N * S);
  let total = 0;
  for (let n = 0; n < N; n++)
    for (let s = 0; s < S; s++) {
      const k = n * S + s;
      const cls = Number(tv[k]);
      if (cls === ignore) continue;
      if (cls < 0 || cls >= C) throw new IndexError(`Target ${cls} is out of bounds.`);
      const wt = wv === null ? 1 : wv[cls];
      loss[k] = -wt * xv[(n * C + cls) * S + s];
      weights[k] = wt;
      total += wt;
    }
  return { loss, weights, total };
}

/** OneFlow's NLLLossFunctor: the `nll` op, a reshape back to the target's shape for inputs above
 *  2-D, then ReduceSum, and for 'mean' Div(sum, total_weight) (broadcast_div) (nn_functor.cpp). */
function flowNll(a: unknown[]): string {
  const r = a[3];
  if (r === "mean") return "broadcast_div_backward";
  if (r === "sum") return "reduce_sum_backward";
  return (a[0] as T)._shape.length > 2 ? "view::reshape_backward" : "nll_backward";
}

defineOp("nll_loss", {
  // target and weight are not differentiable inputs: no graph edge (NllLossBackward0 has one)
  sig: "nll_loss(Tensor input, object target, object? weight=None, str reduction='mean', int ignore_index=-100)",
  method: false,
  fn: false,
  names: { torch: (a) => ((a[0] as T)._shape.length >= 3 ? "NllLoss2DBackward0" : "NllLossBackward0"), oneflow: flowNll },
  forward(ctx, x: T, t: T, w: T | null, reduction: Reduction, ignore: number) {
    checkNll(x, t, w);
    const { loss, total } = nllPick(x, t, w, Number(ignore));
    if (ctx.op) ctx.total = total;
    if (reduction === "none") {
      const out = new x.dtype.ctor(loss.length);
      out.set(loss);
      return fromValues(out, x._shape.length === 1 ? [] : [x._shape[0], ...x._shape.slice(2)], x.dtype, x);
    }
    let s = 0;
    for (let i = 0; i < loss.length; i++) s += loss[i];
    const out = new x.dtype.ctor(1);
    out[0] = reduction === "mean" ? s / total : s;
    return fromValues(out, [], x.dtype, x);
  },
  backward(ctx, g) {
    const [x, t, w, reduction, ignore] = ctx.args as [T, T, T | null, Reduction, number];
    // a device forward keeps the mean's total weight on the device (reading it would wait for
    // the GPU): divide the incoming gradient by it here and spread it as a sum
    if (ctx.totalT !== undefined && reduction === "mean") return [nllBackward.call(g.div(ctx.totalT), x, t, w, "sum", ignore, 1) as Tensor, null, null];
    return [nllBackward.call(g, x, t, w, reduction, ignore, ctx.total) as Tensor, null, null];
  },
});

/** d nll_loss / d input: -weight[target] at the target class, scaled by the incoming grad. */
const nllBackward = defineOp("nll_loss_backward", {
  sig: "nll_loss_backward(Tensor grad_output, Tensor self, Tensor target, Tensor? weight, str reduction, int ignore_index, float total_weight)",
  method: false,
  fn: false,
  forward(_ctx, g: T, x: T, t: T, w: T | null, reduction: Reduction, ignore: number, total: number) {
    const { N, C, S } = nllGeom(x);
    const out = newTensor(x._shape.slice(), x.dtype, x);
    const o = out._storage as any;
    const gv = vals(g);
    const tv = vals(t);
    const wv = w === null ? null : vals(w);
    for (let n = 0; n < N; n++)
      for (let s = 0; s < S; s++) {
        const k = n * S + s;
        const cls = Number(tv[k]);
        if (cls === Number(ignore)) continue;
        const wt = wv === null ? 1 : wv[cls];
        const gk = reduction === "none" ? gv[k] : reduction === "mean" ? gv[0] / total : gv[0];
        o[(n * C + cls) * S + s] = -wt * gk;
      }
    return out;
  },
});

// ---- binary cross-entropy ---------------------------------------------------------------------

defineOp("binary_cross_entropy", {
  // weight is not a differentiable input: edges for input and target only, as PyTorch's node
  sig: "binary_cross_entropy(Tensor input, Tensor target, object? weight=None, str reduction='mean')",
  method: false,
  fn: false,
  forward(ctx, x: T, y: T, w: T | null, reduction: Reduction) {
    checkSameDtype(x, y);
    if (ctx.op) ctx.save_for_backward(x, y);
    const xv = vals(x);
    const yv = vals(y);
    const wv = w === null ? null : vals(w.expand(x._shape).contiguous());
    const out = new x.dtype.ctor(xv.length);
    for (let i = 0; i < xv.length; i++) {
      const p = xv[i];
      if (!(p >= 0 && p <= 1)) throw new RuntimeError("all elements of input should be between 0 and 1");
      // PyTorch clamps each log at -100 so that 0 * log(0) stays finite
      const lp = Math.max(Math.log(p), -100);
      const lq = Math.max(Math.log(1 - p), -100);
      out[i] = (yv[i] - 1) * lq - yv[i] * lp;
      if (wv !== null) out[i] *= wv[i];
    }
    return reduce(fromValues(out, x._shape.slice(), x.dtype, x), reduction);
  },
  backward(ctx, g) {
    const [x, y] = ctx.saved_tensors;
    const w = ctx.args[2] as T | null;
    const r = ctx.args[3] as Reduction;
    const gs = spread(g, x._shape, r, numel(x._shape));
    // (x - y) / max(x (1 - x), 1e-12)
    let gi = gs.mul(x.sub(y)).div(x.mul(x.neg().add(1)).clamp(1e-12));
    if (w !== null) gi = gi.mul(w);
    return [gi, null, null];
  },
});

defineOp("binary_cross_entropy_with_logits", {
  // weight and pos_weight are not differentiable inputs: edges for input and target only
  sig: "binary_cross_entropy_with_logits(Tensor input, Tensor target, object? weight=None, object? pos_weight=None, str reduction='mean')",
  method: false,
  fn: false,
  forward(ctx, x: T, y: T, w: T | null, pw: T | null, reduction: Reduction) {
    if (ctx.op) ctx.save_for_backward(x, y);
    const xv = vals(x);
    const yv = vals(y);
    const wv = w === null ? null : vals(w.expand(x._shape).contiguous());
    const pv = pw === null ? null : vals(pw.expand(x._shape).contiguous());
    const out = new x.dtype.ctor(xv.length);
    for (let i = 0; i < xv.length; i++) {
      const v = xv[i];
      const t = yv[i];
      // log(1 + exp(-v)) computed stably
      const sp = Math.max(-v, 0) + Math.log(Math.exp(-Math.max(-v, 0)) + Math.exp(-v - Math.max(-v, 0)));
      const l = pv === null ? 1 : 1 + (pv[i] - 1) * t;
      let loss = (1 - t) * v + l * sp;
      if (wv !== null) loss *= wv[i];
      out[i] = loss;
    }
    return reduce(fromValues(out, x._shape.slice(), x.dtype, x), reduction);
  },
  backward(ctx, g) {
    const [x, y] = ctx.saved_tensors;
    const w = ctx.args[2] as T | null;
    const pw = ctx.args[3] as T | null;
    const r = ctx.args[4] as Reduction;
    const gs = spread(g, x._shape, r, numel(x._shape));
    const s = x.sigmoid();
    // d/dx [(1-y) x + l softplus(-x)] = (1 - y) - l (1 - sigmoid(x)), l = 1 + (pw - 1) y
    let d: T;
    if (pw === null) d = s.sub(y);
    else {
      const l = pw.sub(1).mul(y).add(1);
      d = y.neg().add(1).sub(l.mul(s.neg().add(1)));
    }
    let gi = gs.mul(d);
    if (w !== null) gi = gi.mul(w);
    return [gi, null, null, null];
  },
});
