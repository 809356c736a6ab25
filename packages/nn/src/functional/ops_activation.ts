// Activation ops that the core does not have: leaky_relu, elu, gelu, silu. Each kernel is a
// loop in double stored into the output's typed array (float32 rounds on store); derivatives
// are written in ops (gelu's through its own backward op, since it needs erf).

import { defineOp, ops, cpuKernelVecF32, cpuKernelVecF64, sleefF32, sleefF64, glibcF32, glibcF64, sleefExpf, expfGlibc, sleefTanhf, sleefLogf, float32, float64, isHost, type Tensor } from "@tsgrad/core";
import { RuntimeError } from "@tsgrad/py";
import { erf, fromValues, vals, type T } from "./util.ts";
import {
  onednnGeluErf, onednnGeluErfGrad, atenGeluVec, atenGeluScalar, atenGeluTanhVec, atenGeluTanhScalar,
  atenGeluGradVec, atenGeluGradScalar, atenGeluTanhGradVec, atenGeluTanhGradScalar,
} from "./gelu_f32.ts";

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
    const s = x.dtype === float32 ? Math.fround(Number(slope)) : Number(slope); // ATen: x * scalar_t(negative_slope)
    return map(x, (v) => (v > 0 ? v : v * s));
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    const s = Number(ctx.args[1]);
    return [g.mul(x.gt(0)).add(g.mul(x.le(0)).mul(s))];
  },
});

/** ATen's elu kernel: a <= 0 ? expm1(a * input_scale) * (alpha * scale) : a * scale. */
function eluForward(x: T, alpha: number, scale: number, inputScale: number): T {
  if (x.dtype === float32 && isHost(x)) {
    const f = Math.fround;
    const neg = f(f(alpha) * f(scale)), pos = f(scale), ins = f(inputScale);
    return cpuKernelVecF32(
      x,
      (a) => (a <= 0 ? f(f(sleefExpf(f(a * ins)) - 1) * neg) : f(a * pos)),
      (a) => (a <= 0 ? f(f(expfGlibc(f(a * ins)) - 1) * neg) : f(a * pos)),
    );
  }
  const neg = alpha * scale;
  if (x.dtype === float64 && isHost(x))
    return cpuKernelVecF64(
      x,
      (a) => (a > 0 ? a * scale : (sleefF64.exp(a * inputScale) - 1) * neg),
      (a) => (a <= 0 ? (glibcF64.exp(a * inputScale) - 1) * neg : a * scale),
    );
  return map(x, (v) => (v <= 0 ? Math.expm1(v * inputScale) * neg : v * scale));
}

defineOp("elu", {
  sig: "elu(Tensor input, Scalar alpha=1.0, Scalar scale=1, Scalar input_scale=1)",
  method: false,
  fn: false,
  names: { oneflow: "elu_backward" },
  forward(ctx, x: T, alpha: number, scale: number, inputScale: number) {
    const y = eluForward(x, Number(alpha), Number(scale), Number(inputScale));
    if (ctx.op) ctx.save_for_backward(x, y);
    return y;
  },
  backward(ctx, g) {
    const [x, y] = ctx.saved_tensors;
    const [, a, sc, is] = ctx.args.map(Number);
    // elu_backward (is_result=false): x <= 0 ? g * input_scale * (y + alpha * scale) : g * scale
    const pos = x.gt(0);
    return [g.mul(sc).mul(pos).add(g.mul(is).mul(y.add(a * sc)).mul(pos.logical_not()))];
  },
});

defineOp("celu", {
  sig: "celu(Tensor input, Scalar alpha=1.0)",
  method: false,
  fn: false,
  forward(ctx, x: T, alpha: number) {
    const a = Number(alpha);
    if (a === 0) throw new RuntimeError("ZeroDivisionError: alpha cannot be 0 for CELU");
    const y = eluForward(x, a, 1, 1 / a);
    if (ctx.op) ctx.save_for_backward(x, y);
    return y;
  },
  backward(ctx, g) {
    const [x, y] = ctx.saved_tensors;
    const a = Number(ctx.args[1]);
    const pos = x.gt(0);
    return [g.mul(pos).add(g.mul(1 / a).mul(y.add(a)).mul(pos.logical_not()))];
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

const F = Math.fround;

/** ATen's use_mkldnn(self) on this build: a contiguous float32 CPU tensor with numel > 1
 *  (torch.backends.mkldnn is always enabled here) takes oneDNN's eltwise_gelu_erf. */
function useOnednn(x: T): boolean {
  return x.is_contiguous() && x.numel() > 1;
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
    if (x.dtype === float32 && isHost(x)) {
      if (th) return cpuKernelVecF32(x, atenGeluTanhVec, atenGeluTanhScalar);
      if (useOnednn(x)) return map(x, onednnGeluErf);
      return cpuKernelVecF32(x, atenGeluVec, atenGeluScalar);
    }
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
    if (x.dtype === float32 && g.dtype === float32 && isHost(x) && isHost(g)) {
      if (!th && useOnednn(x)) return map2(g, x, (gv, v) => F(onednnGeluErfGrad(v) * gv));
      // cpu_kernel_vec over (grad, self): vector lambda on 16-blocks when self is row-major
      // contiguous and grad contiguous or a broadcast scalar (stride 0), scalar elsewhere (other
      // layouts: all scalar, an approximation of TensorIterator's dim reordering)
      const [vec, sc] = th ? [atenGeluTanhGradVec, atenGeluTanhGradScalar] : [atenGeluGradVec, atenGeluGradScalar];
      const n = x.numel();
      const nv = x.is_contiguous() && (g.is_contiguous() || g._strides.every((st) => st === 0)) ? n - (n % 16) : 0;
      let i = 0;
      return map2(g, x, (gv, v) => (i++ < nv ? vec(gv, v) : sc(gv, v)));
    }
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
    if (x.dtype === float32 && isHost(x)) return cpuKernelVecF32(x, (v) => F(v / F(1 + sleefExpf(-v))), (v) => F(v / F(1 + expfGlibc(-v))));
    if (x.dtype === float64 && isHost(x)) return cpuKernelVecF64(x, (v) => v / (1 + sleefF64.exp(-v)), (v) => v / (1 + glibcF64.exp(-v)));
    return map(x, (v) => v / (1 + Math.exp(-v)));
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    const s = x.sigmoid();
    return [g.mul(s.mul(x.mul(s.neg().add(1)).add(1)))];
  },
});

// ---- softplus, log_sigmoid, mish, hardswish, hardsigmoid, hardtanh, glu --------------------------

function floatOnly(x: T, kernel: string): void {
  if (x.dtype.kind !== "float") throw new RuntimeError(`"${kernel}" not implemented for '${x.dtype.legacyName.replace("Tensor", "")}'`);
}

defineOp("softplus", {
  sig: "softplus(Tensor input, Scalar beta=1, Scalar threshold=20)",
  method: false,
  fn: false,
  forward(ctx, x: T, beta: number, threshold: number) {
    floatOnly(x, "softplus_cpu");
    if (ctx.op) ctx.save_for_backward(x);
    const b = Number(beta), t = Number(threshold);
    if (x.dtype === float32 && isHost(x)) {
      const bf = F(b), tf = F(t);
      return cpuKernelVecF32(
        x,
        (a) => (F(a * bf) > tf ? a : F(sleefF32.log1pf(sleefExpf(F(a * bf))) / bf)),
        (a) => (F(a * bf) > tf ? a : F(glibcF32.log1pf(expfGlibc(F(a * bf))) / bf)),
      );
    }
    if (x.dtype === float64 && isHost(x))
      return cpuKernelVecF64(
        x,
        (a) => (a * b > t ? a : sleefF64.log1p(sleefF64.exp(a * b)) / b),
        (a) => (a * b > t ? a : glibcF64.log1p(glibcF64.exp(a * b)) / b),
      );
    return map(x, (a) => (a * b > t ? a : Math.log1p(Math.exp(a * b)) / b));
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    const b = Number(ctx.args[1]), t = Number(ctx.args[2]);
    // softplus_backward: z = exp(x * beta); x * beta > threshold ? g : g * z / (z + 1)
    const xb = x.mul(b);
    const z = xb.exp();
    return [ops.where.call(xb.gt(t), g, g.mul(z).div(z.add(1))) as T];
  },
});

defineOp("log_sigmoid", {
  sig: "log_sigmoid(Tensor input)",
  method: false,
  fn: false,
  forward(ctx, x: T) {
    floatOnly(x, "log_sigmoid_cpu");
    if (ctx.op) ctx.save_for_backward(x);
    // ATen 1.13: m = max(-x, 0), out = -(m + log(exp(-m) + exp(-x - m))), SLEEF on every element
    if (x.dtype === float32) return map(x, (a) => F(Math.min(a, 0) - sleefF32.log1pf(sleefExpf(-Math.abs(a)))));
    if (x.dtype === float64) return map(x, (a) => Math.min(a, 0) - sleefF64.log1p(sleefF64.exp(-Math.abs(a))));
    void sleefLogf;
    return map(x, (a) => {
      const m = Math.max(-a, 0);
      return -(m + Math.log(Math.exp(-m) + Math.exp(-a - m)));
    });
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    // d/dx log(sigmoid(x)) = 1 - sigmoid(x) = sigmoid(-x)
    return [g.mul(x.neg().sigmoid())];
  },
});

defineOp("mish", {
  sig: "mish(Tensor input)",
  method: false,
  fn: false,
  forward(ctx, x: T) {
    floatOnly(x, "mish_cpu");
    if (ctx.op) ctx.save_for_backward(x);
    if (x.dtype === float32 && isHost(x))
      return cpuKernelVecF32(
        x,
        (a) => F(a * sleefTanhf(sleefF32.log1pf(sleefExpf(a)))),
        (a) => F(a * glibcF32.tanhf(glibcF32.log1pf(expfGlibc(a)))),
      );
    if (x.dtype === float64 && isHost(x))
      return cpuKernelVecF64(
        x,
        (a) => a * sleefF64.tanh(sleefF64.log1p(sleefF64.exp(a))),
        (a) => a * glibcF64.tanh(glibcF64.log1p(glibcF64.exp(a))),
      );
    return map(x, (a) => a * Math.tanh(Math.log1p(Math.exp(a))));
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    // mish_backward: t = tanh(softplus(x)); g * (t + x * sigmoid(x) * (1 - t^2))
    const t = x.exp().log1p().tanh();
    return [g.mul(t.add(x.mul(x.sigmoid()).mul(t.mul(t).neg().add(1))))];
  },
});

defineOp("hardswish", {
  sig: "hardswish(Tensor input)",
  method: false,
  fn: false,
  forward(ctx, x: T) {
    floatOnly(x, "hardswish_cpu");
    if (ctx.op) ctx.save_for_backward(x);
    const r = x.dtype === float32 ? F : (v: number) => v;
    return map(x, (a) => r(r(a * Math.min(Math.max(r(a + 3), 0), 6)) / 6));
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    // x < -3: 0; x <= 3: g * (x / 3 + 0.5); else g
    const mid = g.mul(x.div(3).add(0.5));
    return [ops.where.call(x.lt(-3), 0, ops.where.call(x.le(3), mid, g)) as T];
  },
});

defineOp("hardsigmoid", {
  sig: "hardsigmoid(Tensor input)",
  method: false,
  fn: false,
  forward(ctx, x: T) {
    floatOnly(x, "hardsigmoid_cpu");
    if (ctx.op) ctx.save_for_backward(x);
    const r = x.dtype === float32 ? F : (v: number) => v;
    return map(x, (a) => r(Math.min(Math.max(r(a + 3), 0), 6) / 6));
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    return [ops.where.call(x.gt(-3).logical_and(x.lt(3)), g.div(6), 0) as T];
  },
});

defineOp("hardtanh", {
  sig: "hardtanh(Tensor input, Scalar min_val=-1, Scalar max_val=1)",
  method: false,
  fn: false,
  forward(ctx, x: T, lo: number, hi: number) {
    if (ctx.op) ctx.save_for_backward(x);
    const l = Number(lo), h = Number(hi);
    const src = vals(x);
    const out = new x.dtype.ctor(src.length);
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      out[i] = v !== v ? v : v < l ? l : v > h ? h : v;
    }
    return fromValues(out, x._shape.slice(), x.dtype, x);
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    const l = Number(ctx.args[1]), h = Number(ctx.args[2]);
    // hardtanh_backward: (x <= min || x >= max) ? 0 : g
    return [ops.where.call(x.le(l).logical_or(x.ge(h)), 0, g) as T];
  },
});

defineOp("glu", {
  sig: "glu(Tensor input, int dim=-1)",
  method: false,
  fn: false,
  forward(ctx, x: T, dim: number) {
    if (x.ndim === 0) throw new RuntimeError("glu does not support scalars because halving size must be even");
    let d = Number(dim);
    if (d < 0) d += x.ndim;
    const n = x._shape[d];
    if (n % 2 !== 0) throw new RuntimeError(`Halving dimension must be even, but dimension ${d} is size ${n}`);
    if (ctx.op) ctx.save_for_backward(x);
    const a = x.narrow(d, 0, n / 2).contiguous();
    const b = x.narrow(d, n / 2, n / 2).contiguous();
    const av = vals(a), bv = vals(b);
    const out = new x.dtype.ctor(av.length);
    if (x.dtype === float32) {
      const nv = av.length - (av.length % 16);
      for (let i = 0; i < nv; i++) out[i] = F(av[i] * F(1 / F(1 + sleefExpf(-bv[i]))));
      for (let i = nv; i < av.length; i++) out[i] = F(av[i] * F(1 / F(1 + expfGlibc(-bv[i]))));
    } else for (let i = 0; i < av.length; i++) out[i] = av[i] * (1 / (1 + Math.exp(-bv[i])));
    return fromValues(out, a._shape.slice(), x.dtype, x);
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    let d = Number(ctx.args[1]);
    if (d < 0) d += x.ndim;
    const h = x._shape[d] / 2;
    const a = x.narrow(d, 0, h);
    const s = x.narrow(d, h, h).sigmoid();
    return [ops.cat.call([g.mul(s), g.mul(a).mul(s).mul(s.neg().add(1))], d) as T];
  },
});
