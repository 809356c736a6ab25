// Activation ops that the core does not have: leaky_relu, elu, gelu, silu. Each kernel is a
// loop in double stored into the output's typed array (float32 rounds on store); derivatives
// are written in ops (gelu's through its own backward op, since it needs erf).

import { defineOp, type Tensor } from "@tsgrad/core";
import { RuntimeError } from "@tsgrad/py";
import { erf, fromValues, vals, type T } from "./util.ts";

function map(x: T, f: (v: number) => number): T {
  if (x.dtype.kind !== "float") throw new RuntimeError(`"${"kernel"}" not implemented for '${x.dtype.legacyName.replace("Tensor", "")}'`);
  const src = vals(x);
  const out = new x.dtype.ctor(src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  return fromValues(out, x._shape.slice(), x.dtype, x);
}
function map2(x: T, y: T, f: (a: number, b: number) => number): T {
  const a = vals(x);
  const b = vals(y);
  const out = new x.dtype.ctor(a.length);
  for (let i = 0; i < a.length; i++) out[i] = f(a[i], b[i]);
  return fromValues(out, x._shape.slice(), x.dtype, x);
}

defineOp("leaky_relu", {
  sig: "leaky_relu(Tensor input, Scalar negative_slope=0.01)",
  method: false,
  fn: false,
  names: { oneflow: "leaky_relu_backward" },
  forward(ctx, x: T, slope: number) {
    if (ctx.op) ctx.save_for_backward(x);
    const s = Number(slope);
    return map(x, (v) => (v > 0 ? v : v * s));
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    const s = Number(ctx.args[1]);
    return [g.mul(x.gt(0)).add(g.mul(x.le(0)).mul(s))];
  },
});

defineOp("elu", {
  sig: "elu(Tensor input, Scalar alpha=1.0, Scalar scale=1, Scalar input_scale=1)",
  method: false,
  fn: false,
  names: { oneflow: "elu_backward" },
  forward(ctx, x: T, alpha: number) {
    const a = Number(alpha);
    const y = map(x, (v) => (v > 0 ? v : a * Math.expm1(v)));
    if (ctx.op) ctx.save_for_backward(x, y);
    return y;
  },
  backward(ctx, g) {
    const [x, y] = ctx.saved_tensors;
    const a = Number(ctx.args[1]);
    const pos = x.gt(0);
    return [g.mul(pos).add(g.mul(y.add(a)).mul(pos.logical_not()))];
  },
});

const SQRT1_2 = Math.SQRT1_2;
const K_BETA = Math.sqrt(2 / Math.PI);
const K_KAPPA = 0.044715;

function geluValue(v: number, tanhApprox: boolean): number {
  if (tanhApprox) return 0.5 * v * (1 + Math.tanh(K_BETA * (v + K_KAPPA * v * v * v)));
  return v * 0.5 * (1 + erf(v * SQRT1_2));
}
function geluGrad(v: number, tanhApprox: boolean): number {
  if (tanhApprox) {
    const inner = K_BETA * (v + K_KAPPA * v * v * v);
    const t = Math.tanh(inner);
    return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * K_BETA * (1 + 3 * K_KAPPA * v * v);
  }
  const cdf = 0.5 * (1 + erf(v * SQRT1_2));
  const pdf = Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI);
  return cdf + v * pdf;
}

function checkApprox(a: string): boolean {
  if (a !== "none" && a !== "tanh") throw new RuntimeError("approximate argument must be either none or tanh.");
  return a === "tanh";
}

defineOp("gelu", {
  sig: "gelu(Tensor input, *, str approximate='none')",
  method: false,
  fn: false,
  names: { oneflow: "gelu_backward" },
  forward(ctx, x: T, approximate: string) {
    const th = checkApprox(approximate);
    if (ctx.op) ctx.save_for_backward(x);
    return map(x, (v) => geluValue(v, th));
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    return [geluBackward.call(g, x, { approximate: ctx.args[1] }) as Tensor];
  },
});

/** d gelu(x)/dx * g; its own derivative is not needed by the tests' first-order use. */
const geluBackward = defineOp("gelu_backward", {
  sig: "gelu_backward(Tensor grad_output, Tensor input, *, str approximate='none')",
  method: false,
  fn: false,
  forward(_ctx, g: T, x: T, approximate: string) {
    const th = checkApprox(approximate);
    return map2(g, x, (gv, v) => gv * geluGrad(v, th));
  },
});

defineOp("silu", {
  sig: "silu(Tensor input)",
  method: false,
  fn: false,
  names: { oneflow: "silu_backward" },
  forward(ctx, x: T) {
    if (ctx.op) ctx.save_for_backward(x);
    return map(x, (v) => v / (1 + Math.exp(-v)));
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    const s = x.sigmoid();
    return [g.mul(s.mul(x.mul(s.neg().add(1)).add(1)))];
  },
});
