// Arithmetic, unary math and comparisons: each op's kernel and its derivative in ops.

import { defineOp, ops, type Ctx } from "../op.ts";
import { Tensor } from "../tensor.ts";
import { binaryKernel, unaryKernel, ternaryKernel, type Scalar } from "../kernels/elementwise.ts";
import { result_type, floatResult } from "../promote.ts";
import { overloadError } from "../signature.ts";
import { broadcastShapes } from "../kernels/strided.ts";
import { bool, float32, float64, get_default_dtype, type DType } from "../dtype.ts";
import { isHost } from "../kernels/backends.ts";
import { expf, logf, sigmoidScalar, sigmoidStrided, tanhf } from "../kernels/sleef_f32.ts";
import * as sleef from "../kernels/sleef_f32_more.ts";
import * as glibc from "../kernels/glibc_f32.ts";
import { cpuKernelVecF32, vmlTrigF32 } from "../kernels/unary_f32.ts";
import * as sleef64 from "../kernels/sleef_f64.ts";
import * as glibc64 from "../kernels/glibc_f64.ts";
import { cpuKernelVecF64, vmlTrigF64 } from "../kernels/unary_f64.ts";
import { erfinvDouble, erfinvFloat } from "../kernels/erf.ts";
import { digamma as digamma64, digammaf, lgamma as lgamma64, polygamma as polygamma64, trigamma, trigammaf } from "../kernels/special.ts";
import { RuntimeError, TypeError as PyTypeError } from "@tsgrad/py";

type T = Tensor;
const isT = (v: unknown): v is Tensor => v instanceof Tensor;
const num = (v: Scalar): number => (typeof v === "number" ? v : Number(v));

/**
 * OneFlow (v0.8) names a node `<op_type_name>_backward` after the user op its functional layer
 * dispatched: a Python number operand goes to scalar_add / scalar_mul / scalar_div (x - 2 is
 * ScalarAdd(x, -2)), a tensor operand to broadcast_<op> (any shapes, 0-dim included); Add of two
 * same-shaped tensors dispatches add_n (binary_functor.cpp AddFunctor). docs/oneflow.md.
 */
const flowBinary = (op: "add" | "sub" | "mul" | "div") => (args: unknown[]) => {
  const b = args[1];
  if (!isT(b)) return `scalar_${op === "sub" ? "add" : op}_backward`;
  const a = args[0] as Tensor;
  if (op === "add" && isT(a) && a._shape.length === b._shape.length && a._shape.every((s, i) => s === b._shape[i])) return "add_n_backward";
  return `broadcast_${op}_backward`;
};
/** OneFlow's pow: ScalarPow (tensor ** number), ScalarReversePow (number ** tensor), `pow` for
 *  same-shaped tensors, BroadcastPow otherwise (binary_functor.cpp PowFunctor). */
const flowPow = (args: unknown[]) => {
  const [a, b] = args;
  if (!isT(a)) return "scalar_reverse_pow_backward";
  if (!isT(b)) return "scalar_pow_backward";
  return a._shape.length === b._shape.length && a._shape.every((s, i) => s === b._shape[i]) ? "pow_backward" : "broadcast_pow_backward";
};

function boolSafe(d: DType, f: (x: number, y: number) => number) {
  return d === bool ? (x: number, y: number) => (f(x, y) !== 0 ? 1 : 0) : f;
}

defineOp("add", {
  sig: "add(Tensor input, Tensor other, *, Scalar alpha=1)",
  overloads: { fn: ["add(Tensor input, Scalar alpha, Tensor other, *, Tensor out=None)|deprecated", "add(Tensor input, Tensor other, *, Scalar alpha=1, Tensor out=None)"], method: ["add(Scalar alpha, Tensor other)|deprecated", "add(Tensor other, *, Scalar alpha=1)"] },
  names: { oneflow: flowBinary("add") },
  scalarNames: { torch: "AddBackward1" },
  forward(_ctx, a: T, b: T | Scalar, alpha: Scalar) {
    const d = result_type(a, b);
    const al = num(alpha);
    return binaryKernel(a, b, d, boolSafe(d, al === 1 ? (x, y) => x + y : (x, y) => x + al * y), al === 1 ? "a + b" : { e: "a + p0 * b", p: [al] });
  },
  backward(ctx, g) {
    const al = num(ctx.args[2] as Scalar);
    return [g, isT(ctx.args[1]) ? (al === 1 ? g : g.mul(al)) : null];
  },
});

defineOp("sub", {
  sig: "sub(Tensor input, Tensor other, *, Scalar alpha=1)",
  overloads: { fn: ["sub(Tensor input, Scalar alpha, Tensor other, *, Tensor out=None)|deprecated", "sub(Tensor input, Tensor other, *, Scalar alpha=1, Tensor out=None)"], method: ["sub(Scalar alpha, Tensor other)|deprecated", "sub(Tensor other, *, Scalar alpha=1)"] },
  names: { oneflow: flowBinary("sub") },
  scalarNames: { torch: "SubBackward1" },
  forward(_ctx, a: T, b: T | Scalar, alpha: Scalar) {
    // PyTorch's sub_check: a Python bool operand counts as a bool tensor
    const bBool = isT(b) ? b.dtype === bool : typeof b === "boolean";
    if (a.dtype === bool && bBool)
      throw new RuntimeError(
        "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.",
      );
    if (a.dtype === bool || bBool)
      throw new RuntimeError(
        "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
      );
    const al = num(alpha);
    return binaryKernel(a, b, result_type(a, b), al === 1 ? (x, y) => x - y : (x, y) => x - al * y, al === 1 ? "a - b" : { e: "a - p0 * b", p: [al] });
  },
  backward(ctx, g) {
    const al = num(ctx.args[2] as Scalar);
    return [g, isT(ctx.args[1]) ? g.mul(-al) : null];
  },
});

defineOp("rsub", {
  sig: "rsub(Tensor input, Tensor other, *, Scalar alpha=1)",
  names: { torch: (a) => (isT(a[1]) ? "RsubBackward0" : "RsubBackward1"), oneflow: "scalar_add_backward" },
  forward(_ctx, a: T, b: T | Scalar, alpha: Scalar) {
    const al = num(alpha);
    return binaryKernel(a, b, result_type(a, b), (x, y) => y - al * x, { e: "b - p0 * a", p: [al] });
  },
  backward(ctx, g) {
    return [g.mul(-num(ctx.args[2] as Scalar)), isT(ctx.args[1]) ? g : null];
  },
});

defineOp("mul", {
  sig: "mul(Tensor input, Tensor other)",
  overloads: { fn: ["mul(Tensor input, Tensor other, *, Tensor out=None)"], method: ["mul(Tensor other)"] },
  names: { oneflow: flowBinary("mul") },
  scalarNames: { torch: "MulBackward1" },
  forward(ctx, a: T, b: T | Scalar) {
    const d = result_type(a, b);
    if (ctx.op) ctx.save_for_backward(a, isT(b) ? b : null);
    return binaryKernel(a, b, d, d === bool ? (x, y) => (x && y ? 1 : 0) : (x, y) => x * y, "a * b");
  },
  backward(ctx, g) {
    const [a, b] = ctx.saved_tensors;
    const other = ctx.args[1] as T | Scalar;
    return [ctx.needs_input_grad[0] ? g.mul(b ?? other) : null, b && ctx.needs_input_grad[1] ? g.mul(a) : null];
  },
});

defineOp("div", {
  sig: "div(Tensor input, Tensor other, *, str? rounding_mode=None)",
  overloads: { fn: ["div(Tensor input, Tensor other, *, Tensor out=None)", "div(Tensor input, Tensor other, *, c10::string_view? rounding_mode, Tensor out=None)", "div(Tensor input, Scalar other, *, c10::string_view? rounding_mode)"], method: ["div(Tensor other)", "div(Tensor other, *, c10::string_view? rounding_mode)", "div(Scalar other, *, c10::string_view? rounding_mode)"] },
  // Python wraps a number operand, so div(Tensor, number) is div.Tensor (0) or div.Tensor_mode (2);
  // the Scalar overloads (1, 3) come from ATen's own code, through callScalar
  names: { torch: (a) => (a[2] == null ? "DivBackward0" : "DivBackward2"), oneflow: flowBinary("div") },
  scalarNames: { torch: (a) => (a[2] == null ? "DivBackward1" : "DivBackward3") },
  forward(ctx, a: T, b: T | Scalar, mode: string | null) {
    if (mode === null) {
      if (ctx.op) ctx.save_for_backward(a, isT(b) ? b : null);
      return binaryKernel(a, b, floatResult(result_type(a, b)), (x, y) => x / y, "a / b");
    }
    const d = result_type(a, b);
    if (d.kind !== "float" && (isT(b) ? b._contiguousValues().some((v) => v === 0) : num(b) === 0))
      throw new RuntimeError("ZeroDivisionError");
    if (mode === "trunc") return binaryKernel(a, b, d, (x, y) => Math.trunc(x / y), "trunc_(a / b)");
    if (mode === "floor") return binaryKernel(a, b, d, d.kind === "float" ? (x, y) => floorDiv(x, y) : (x, y) => Math.floor(x / y), "floordiv(a, b)");
    throw new RuntimeError(
      `div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${mode}'`,
    );
  },
  backward(ctx, g) {
    if (ctx.args[2] !== null) return [g.mul(0), isT(ctx.args[1]) ? g.mul(0) : null];
    const [a, b] = ctx.saved_tensors;
    const other = b ?? (ctx.args[1] as Scalar);
    return [
      ctx.needs_input_grad[0] ? g.div(other) : null,
      b && ctx.needs_input_grad[1] ? g.neg().mul(a).div(b.mul(b)) : null,
    ];
  },
});

/** Python's float floor division (the quotient of fmod, rounded down). */
function floorDiv(x: number, y: number): number {
  if (y === 0) return x / y;
  const mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0 && y < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0 * (x / y);
  const fl = Math.floor(div);
  return div - fl > 0.5 ? fl + 1 : fl;
}

defineOp("floor_divide", {
  sig: "floor_divide(Tensor input, Tensor other)",
  forward(_ctx, a: T, b: T | Scalar) {
    const d = result_type(a, b);
    if (d.kind !== "float" && (isT(b) ? b._contiguousValues().some((v) => v === 0) : num(b) === 0))
      throw new RuntimeError("ZeroDivisionError");
    return binaryKernel(a, b, d, d.kind === "float" ? floorDiv : (x, y) => Math.floor(x / y), "floordiv(a, b)");
  },
  backward: (ctx, g) => [g.mul(0), isT(ctx.args[1]) ? g.mul(0) : null],
});

defineOp("remainder", {
  sig: "remainder(Tensor input, Tensor other)",
  forward(_ctx, a: T, b: T | Scalar) {
    const d = result_type(a, b);
    if (d.kind !== "float" && (isT(b) ? b._contiguousValues().some((v) => v === 0) : num(b) === 0))
      throw new RuntimeError("ZeroDivisionError");
    return binaryKernel(a, b, d, (x, y) => {
      const r = x % y;
      return r !== 0 && r < 0 !== y < 0 ? r + y : r;
    }, "pymod(a, b)");
  },
  backward: (ctx, g) => {
    const b = ctx.args[1];
    return [g, isT(b) ? g.neg().mul((ctx.args[0] as T).floor_divide(b)) : null];
  },
});

defineOp("fmod", {
  sig: "fmod(Tensor input, Tensor other)",
  forward: (_ctx, a: T, b: T | Scalar) => binaryKernel(a, b, result_type(a, b), (x, y) => x % y, "a % b"),
  backward: (ctx, g) => [g, isT(ctx.args[1]) ? g.neg().mul((ctx.args[0] as T).div(ctx.args[1], { rounding_mode: "trunc" })) : null],
});

defineOp("pow", {
  sig: "pow(Tensor input, Tensor exponent)",
  overloads: { fn: ["pow(Tensor input, Tensor exponent, *, Tensor out=None)", "pow(Scalar self, Tensor exponent, *, Tensor out=None)", "pow(Tensor input, Scalar exponent, *, Tensor out=None)"], method: ["pow(Tensor exponent)", "pow(Scalar exponent)"] },
  names: { torch: (a) => (!isT(a[1]) ? "PowBackward0" : isT(a[0]) ? "PowBackward1" : "PowBackward2"), oneflow: flowPow },
  forward(ctx, a: T | Scalar, e: T | Scalar) {
    const d = result_type(a, e);
    if (d.kind === "int" && !isT(e) && num(e) < 0) throw new RuntimeError("Integers to negative integer powers are not allowed.");
    const out = binaryKernel(a, e, d, d.kind === "float" ? Math.pow : (x, y) => intPow(x, y), "pw(a, b)");
    if (ctx.op) ctx.save_for_backward(isT(a) ? a : null, isT(e) ? e : null, out);
    return out;
  },
  backward(ctx, g) {
    const [a, e, out] = ctx.saved_tensors;
    if (!a) {
      // pow(Scalar self, Tensor exponent): d/de base^e = base^e * log(base), 0 for base 0 and e >= 0
      const base = num(ctx.args[0] as Scalar);
      let ge = g.mul(out.mul(Math.log(base)));
      if (base === 0) ge = ge.masked_fill(e.ge(0), 0);
      return [null, ge];
    }
    const ex = e ?? (ctx.args[1] as Scalar);
    let ga: T | null = null;
    if (ctx.needs_input_grad[0]) {
      if (!isT(ex) && num(ex) === 0) ga = g.mul(0);
      else ga = g.mul(a.pow(isT(ex) ? ex.sub(1) : num(ex) - 1).mul(ex));
    }
    let ge: T | null = null;
    if (e && ctx.needs_input_grad[1]) {
      // d/de a^e = a^e * log(a), taken as 0 where a == 0 and e >= 0 (PyTorch's masking)
      const mask = a.eq(0).logical_and(e.ge(0));
      ge = g.mul(out.mul(a.log()).masked_fill(mask, 0));
    }
    return [ga, ge];
  },
});

function intPow(x: number, y: number): number {
  if (y < 0) return x === 1 ? 1 : x === -1 ? (y % 2 === 0 ? 1 : -1) : 0;
  return Math.pow(x, y);
}

// ---- unary ---------------------------------------------------------------------------------

interface UnaryDef {
  f: (x: number) => number;
  /**
   * The float32 element function when it differs from rounding `f` (PyTorch's float kernels use
   * SLEEF's vectorized float routines: src/kernels/sleef_f32.ts). Gets a float32 value.
   */
  f32?: (x: number) => number;
  /** A whole float32 host kernel, when the result depends on the layout (sigmoid's scalar tails). */
  f32Tensor?: (x: T) => T;
  /** A whole float64 host kernel, when the result depends on the layout (kernels/unary_f64.ts). */
  f64Tensor?: (x: T) => T;
  /** d(out)/d(in) * g, in ops; `x` is the input, `y` the output. */
  grad: (g: T, x: T, y: T) => T;
  /** Integer inputs keep their dtype (abs, neg, sign...) instead of becoming float. */
  keepInt?: boolean;
  oneflow?: string;
  /** Save the output (true) or the input (false) for backward. */
  method?: boolean;
  /** The same element function as a WGSL expression over `a` (T is the compute type). */
  expr?: string;
}

/** An integer input is converted to float32 first, as PyTorch's float kernel receives it. */
const f32Cache = new Map<Function, (x: number) => number>();
function f32Of(g: (x: number) => number): (x: number) => number {
  let h = f32Cache.get(g);
  if (h === undefined) f32Cache.set(g, (h = (x: number) => g(Math.fround(x))));
  return h;
}

// float64 sigmoid (ATen's cpu_kernel_vec): vector lanes 1 / ((0 - a).exp() + 1) with SLEEF's exp,
// scalar tails 1 / (1 + std::exp(-a)) with glibc's
const sigmoidVec64 = (a: number) => 1 / (sleef64.exp(0 - a) + 1);
const sigmoidScalar64 = (a: number) => 1 / (1 + glibc64.exp(-a));

function sigmoidF32(x: T): T {
  const out = sigmoidStrided(x._storage, x._offset, x._shape, x._strides);
  return Tensor.fromData(out, x._shape.slice(), float32, x._dialect);
}

function unary(name: string, def: UnaryDef) {
  defineOp(name, {
    sig: `${name}(Tensor input)`,
    names: { oneflow: def.oneflow ?? `${name}_backward` },
    forward(ctx, x: T) {
      if (x.dtype === bool && def.keepInt && name === "neg")
        throw new RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
      const d = def.keepInt ? x.dtype : floatResult(x.dtype);
      let y: T;
      if (d === float32 && def.f32Tensor !== undefined && x.dtype === float32 && isHost(x)) y = def.f32Tensor(x);
      else if (d === float64 && def.f64Tensor !== undefined && x.dtype === float64 && isHost(x)) y = def.f64Tensor(x);
      else if (d === float32 && def.f32 !== undefined) y = unaryKernel(x, d, x.dtype === float32 ? def.f32 : f32Of(def.f32), def.expr);
      else y = unaryKernel(x, d, def.f, def.expr);
      if (ctx.op) ctx.save_for_backward(x, y);
      return y;
    },
    backward(ctx, g) {
      const [x, y] = ctx.saved_tensors;
      return [def.grad(g, x, y)];
    },
  });
}

const zerosGrad = (g: T) => g.mul(0);
unary("neg", { expr: "-a", f: (x) => -x, grad: (g) => g.neg(), keepInt: true, oneflow: "negative_backward" });
unary("exp", { expr: "exp(a)", f: sleef64.exp, f32: expf, grad: (g, _x, y) => g.mul(y) });
unary("log", { expr: "log(a)", f: sleef64.log, f32: logf, grad: (g, x) => g.div(x) });
unary("log2", { expr: "log2(a)", f: sleef64.log2, f32: sleef.log2f, grad: (g, x) => g.div(x.mul(Math.LN2)) });
unary("log10", { expr: "log(a) * 0.43429448190325176", f: sleef64.log10, f32: sleef.log10f, grad: (g, x) => g.div(x.mul(Math.LN10)) });
unary("log1p", { expr: "log1p_(a)", f: sleef64.log1p, f32: sleef.log1pf, grad: (g, x) => g.div(x.add(1)) });
unary("expm1", { expr: "expm1_(a)", f: sleef64.expm1, f32: sleef.expm1f, grad: (g, _x, y) => g.mul(y.add(1)) });
unary("sqrt", { expr: "sqrt(a)", f: Math.sqrt, grad: (g, _x, y) => g.div(y.mul(2)) });
// ATen: 1 / sqrt(x) in float (vector lanes and scalar both round twice)
unary("rsqrt", { expr: "inverseSqrt(a)", f: (x) => 1 / Math.sqrt(x), f32: (x) => Math.fround(1 / Math.fround(Math.sqrt(x))), grad: (g, _x, y) => g.mul(y.pow(3).mul(-0.5)) });
unary("abs", { expr: "abs(a)", f: Math.abs, grad: (g, x) => g.mul(x.sign()), keepInt: true });
unary("sin", { expr: "sin(a)", f: (x) => sleef64.sin(x), f32: (x) => sleef.sinf(x), f32Tensor: (x) => vmlTrigF32(x, sleef.sinf), f64Tensor: (x) => vmlTrigF64(x, sleef64.sin), grad: (g, x) => g.mul(x.cos()) });
unary("cos", { expr: "cos(a)", f: (x) => sleef64.cos(x), f32: (x) => sleef.cosf(x), f32Tensor: (x) => vmlTrigF32(x, sleef.cosf), f64Tensor: (x) => vmlTrigF64(x, sleef64.cos), grad: (g, x) => g.mul(x.sin().neg()) });
unary("tan", { expr: "tan(a)", f: (x) => sleef64.tan(x), f32: (x) => sleef.tanf(x), f32Tensor: (x) => vmlTrigF32(x, sleef.tanf), f64Tensor: (x) => vmlTrigF64(x, sleef64.tan), grad: (g, _x, y) => g.mul(y.mul(y).add(1)) });
unary("asin", { expr: "asin(a)", f: sleef64.asin, f32: sleef.asinf, grad: (g, x) => g.div(x.mul(x).neg().add(1).sqrt()) });
unary("acos", { expr: "acos(a)", f: sleef64.acos, f32: sleef.acosf, grad: (g, x) => g.neg().div(x.mul(x).neg().add(1).sqrt()) });
unary("atan", { expr: "atan(a)", f: sleef64.atan, f32: sleef.atanf, grad: (g, x) => g.div(x.mul(x).add(1)) });
unary("sinh", { expr: "sinh(a)", f: glibc64.sinh, f32: glibc.sinhf, f32Tensor: (x) => cpuKernelVecF32(x, sleef.sinhf, glibc.sinhf), f64Tensor: (x) => cpuKernelVecF64(x, sleef64.sinh, glibc64.sinh), grad: (g, x) => g.mul(x.cosh()) });
unary("cosh", { expr: "cosh(a)", f: glibc64.cosh, f32: glibc.coshf, f32Tensor: (x) => cpuKernelVecF32(x, sleef.coshf, glibc.coshf), f64Tensor: (x) => cpuKernelVecF64(x, sleef64.cosh, glibc64.cosh), grad: (g, x) => g.mul(x.sinh()) });
// special functions: derivatives as in PyTorch's derivatives.yaml
const TWO_OVER_SQRTPI = 2 / Math.sqrt(Math.PI);
unary("erf", { f: sleef64.erf, f32: sleef.erff, grad: (g, x) => x.pow(2).neg().exp().mul(TWO_OVER_SQRTPI).mul(g) });
unary("erfc", { f: sleef64.erfc, f32: sleef.erfcf, grad: (g, x) => x.pow(2).neg().exp().mul(-TWO_OVER_SQRTPI).mul(g) });
unary("erfinv", { f: erfinvDouble, f32: erfinvFloat, grad: (g, _x, y) => y.pow(2).exp().mul(0.5 * Math.sqrt(Math.PI)).mul(g) });
unary("exp2", { expr: "exp2(a)", f: glibc64.exp2, f32: glibc.exp2f, grad: (g, _x, y) => ops.mul.callScalar(g.mul(y), Math.LN2) as T });
unary("lgamma", { f: sleef64.lgamma, f32: lgamma64, grad: (g, x) => g.mul(x.digamma()) });
unary("digamma", { f: digamma64, f32: digammaf, grad: (g, x) => g.mul(ops.polygamma.call(1, x) as T) });
unary("asinh", { expr: "asinh(a)", f: glibc64.asinh, f32: glibc.asinhf, grad: (g, x) => g.mul(x.pow(2).add(1).rsqrt()) });
unary("acosh", { expr: "acosh(a)", f: glibc64.acosh, f32: glibc.acoshf, grad: (g, x) => g.mul(x.pow(2).sub(1).rsqrt()) });
unary("atanh", { expr: "atanh(a)", f: glibc64.atanh, f32: glibc.atanhf, grad: (g, x) => g.mul(1).div(x.pow(2).neg().add(1)) });

defineOp("polygamma", {
  sig: "polygamma(int n, Tensor input)",
  method: false,
  forward(ctx, n: number | bigint, x: T) {
    const k = Number(n);
    if (k < 0) throw new RuntimeError("polygamma(n, x) does not support negative n.");
    const d = floatResult(x.dtype);
    if (ctx.op) ctx.save_for_backward(x);
    if (k === 0) return unaryKernel(x, d, d === float32 ? f32Of(digammaf) : digamma64);
    if (k === 1) return unaryKernel(x, d, d === float32 ? f32Of(trigammaf) : trigamma);
    return unaryKernel(x, d, d === float32 ? (v) => polygamma64(k, Math.fround(v)) : (v) => polygamma64(k, v));
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    return [null, g.mul(ops.polygamma.call(Number(ctx.args[0]) + 1, x) as T)];
  },
});
Object.defineProperty(Tensor.prototype, "polygamma", {
  value(this: T, n: number | bigint) {
    return ops.polygamma.call(n, this);
  },
  writable: true,
  configurable: true,
});
unary("tanh", { expr: "tanh_(a)", f: sleef64.tanh, f32: tanhf, grad: (g, _x, y) => g.mul(y.mul(y).neg().add(1)) });
unary("sigmoid", { expr: "T(1) / (T(1) + exp(-a))", f: (x) => 1 / (1 + Math.exp(-x)), f32: sigmoidScalar, f32Tensor: sigmoidF32, f64Tensor: (x) => cpuKernelVecF64(x, sigmoidVec64, sigmoidScalar64), grad: (g, _x, y) => g.mul(y.mul(y.neg().add(1))), oneflow: "sigmoid_v2_backward" }); // OneFlow v0.8 dispatches sigmoid_v2 (unary_functor.cpp); v0.9 renamed it sigmoid
/** relu of dense float32 values on the bits (x & -(x > 0): the same +0 for x <= 0 and NaN), without a branch that mispredicts on mixed signs. */
function reluF32(x: T): T {
  const n = x.numel();
  const s = x._storage;
  if (!(s instanceof Float32Array) || !x.is_contiguous() || n < 4096) return unaryKernel(x, float32, reluScalar, "select(T(0), a, a > T(0))");
  const out = new Float32Array(n);
  const xi = new Int32Array(s.buffer, s.byteOffset + 4 * x._offset, n);
  const oi = new Int32Array(out.buffer);
  for (let i = 0; i < n; i++) oi[i] = xi[i] & -(+(s[x._offset + i] > 0));
  return Tensor.fromData(out, x._shape.slice(), float32, x._dialect);
}
const reluScalar = (x: number) => (x > 0 ? x : 0);
unary("relu", { expr: "select(T(0), a, a > T(0))", f: reluScalar, f32Tensor: reluF32, grad: (g, _x, y) => ops.threshold_backward.call(g, y, 0) as T, keepInt: true });

/**
 * relu's gradient, as ATen's threshold_backward: `self <= threshold ? 0 : grad` (so +0 where the
 * output was clamped, whatever grad holds there). One loop over host values of one dtype:
 * g.mul(y.gt(0)) made a bool mask and a mixed-dtype product (vgg11's first relu, 3.2M values:
 * ~80 ms under load, against a few ms here). Device tensors keep the mask product.
 */
defineOp("threshold_backward", {
  sig: "threshold_backward(Tensor grad_output, Tensor self, Scalar threshold)",
  method: false,
  fn: false,
  forward(ctx, g: T, y: T, threshold: Scalar) {
    const t = num(threshold);
    if (ctx.op) ctx.save_for_backward(y);
    const same = g._shape.length === y._shape.length && g._shape.every((s, i) => s === y._shape[i]);
    if (!isHost(g) || !isHost(y) || g.dtype !== y.dtype || !same) return g.mul(y.gt(t));
    const gv = g._contiguousValues();
    const yv = y._contiguousValues();
    const out = new g.dtype.ctor(gv.length);
    if (gv instanceof Float32Array && yv instanceof Float32Array) thresholdF32(gv, yv, t, out as Float32Array);
    else for (let i = 0; i < gv.length; i++) out[i] = yv[i] <= t ? 0 : gv[i];
    return Tensor.fromData(out, g._shape.slice(), g.dtype, g._dialect);
  },
  backward(ctx, gg) {
    const [y] = ctx.saved_tensors;
    return [ops.threshold_backward.call(gg, y.detach(), ctx.args[2]) as T, null];
  },
});
/** Branch-free on the bits: (y <= t) - 1 is 0 or all ones, and mixed signs no longer mispredict (3.2M values: ~24 ms of CPU with the branch, ~3 ms). */
function thresholdF32(g: Float32Array, y: Float32Array, t: number, out: Float32Array): void {
  const gi = new Int32Array(g.buffer, g.byteOffset, g.length);
  const oi = new Int32Array(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < gi.length; i++) oi[i] = gi[i] & (+(y[i] <= t) - 1);
}
unary("floor", { expr: "floor_(a)", f: Math.floor, grad: zerosGrad, keepInt: true });
unary("ceil", { expr: "ceil_(a)", f: Math.ceil, grad: zerosGrad, keepInt: true });
unary("trunc", { expr: "trunc_(a)", f: Math.trunc, grad: zerosGrad, keepInt: true });
unary("frac", { expr: "a - trunc_(a)", f: (x) => x - Math.trunc(x), grad: (g) => g });
unary("sign", { expr: "sign_(a)", f: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), grad: zerosGrad, keepInt: true });
unary("reciprocal", { expr: "T(1) / a", f: (x) => 1 / x, grad: (g, _x, y) => g.mul(y.mul(y)).neg() });
unary("square", { expr: "a * a", f: (x) => x * x, grad: (g, x) => g.mul(x.mul(2)), keepInt: true });

/** round half to even, as C's nearbyint in PyTorch's kernel. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
defineOp("round", {
  sig: "round(Tensor input, *, int decimals=0)",
  forward(_ctx, x: T, decimals: number) {
    const dec = Number(decimals);
    if (dec === 0) return unaryKernel(x, x.dtype, roundHalfEven, "round_(a)");
    // PyTorch's kernel works in the dtype's opmath type (float for float32), so round there
    const r = x.dtype.name === "float32" ? Math.fround : (v: number) => v;
    const s = r(Math.pow(10, Math.abs(dec)));
    if (dec < 0) return unaryKernel(x, x.dtype, (v) => r(roundHalfEven(r(v / s)) * s));
    return unaryKernel(x, x.dtype, (v) => r(roundHalfEven(r(v * s)) / s));
  },
  backward: (_ctx, g) => [g.mul(0)],
});

// ---- clamp, maximum/minimum, where -----------------------------------------------------------

defineOp("clamp", {
  sig: "clamp(Tensor input, Tensor? min=None, Tensor? max=None)",
  overloads: { fn: ["clamp(Tensor input, Tensor? min=None, Tensor? max=None, *, Tensor out=None)", "clamp(Tensor input, Scalar? min=None, Scalar? max=None, *, Tensor out=None)"], method: ["clamp(Tensor? min=None, Tensor? max=None)", "clamp(Scalar? min=None, Scalar? max=None)"] },
  names: { torch: (a) => (isT(a[1]) || isT(a[2]) ? "ClampBackward0" : "ClampBackward1"), oneflow: "clip_by_scalar_backward" },
  forward(ctx, x: T, lo: T | Scalar | null, hi: T | Scalar | null) {
    if (lo === null && hi === null) throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
    if (ctx.op) ctx.save_for_backward(x);
    let d = x.dtype;
    for (const b of [lo, hi]) if (b !== null) d = result_type(x, b as any);
    if (isT(lo) || isT(hi)) {
      const L = isT(lo) ? lo : lo === null ? null : fullLike(x, num(lo));
      const H = isT(hi) ? hi : hi === null ? null : fullLike(x, num(hi));
      let out = x.to(d);
      if (L) out = ternaryKernel(out, L, out, d, (v, l) => (v < l ? l : v), "select(a, b, a < b)");
      if (H) out = ternaryKernel(out, H, out, d, (v, h) => (v > h ? h : v), "select(a, b, a > b)");
      return out;
    }
    const l = lo === null ? -Infinity : num(lo);
    const h = hi === null ? Infinity : num(hi);
    return unaryKernel(x, d, (v) => (v !== v ? v : Math.min(Math.max(v, l), h)), { e: "clamp_(a, p0, p1)", p: [l, h] });
  },
  backward(ctx, g) {
    const [x] = ctx.saved_tensors;
    const [, lo, hi] = ctx.args as [T, T | Scalar | null, T | Scalar | null];
    const pick = (m: T) => ops.where.call(m, g, 0);
    let mask: T = x.eq(x);
    if (lo !== null) mask = mask.logical_and(x.ge(lo));
    if (hi !== null) mask = mask.logical_and(x.le(hi));
    // tensor bounds get the gradient where they won (PyTorch's clamp_backward_min_max)
    let gLo: T | null = null;
    let gHi: T | null = null;
    if (isT(lo) && ctx.needs_input_grad[1]) gLo = pick(isT(hi) || hi !== null ? x.lt(lo).logical_and(lo.lt(hi as T | number)) : x.lt(lo));
    if (isT(hi) && ctx.needs_input_grad[2]) gHi = pick(lo !== null ? x.gt(hi).logical_or(hi.lt(lo as T | number)) : x.gt(hi));
    return [ctx.needs_input_grad[0] ? pick(mask) : null, gLo, gHi];
  },
});
function fullLike(x: T, v: number): T {
  return unaryKernel(x, x.dtype, () => v, { e: "p0", p: [v] });
}

function maxMin(name: "maximum" | "minimum", pick: (a: number, b: number) => number, better: "gt" | "lt", expr: string) {
  defineOp(name, {
    sig: `${name}(Tensor input, Tensor other)`,
    forward(ctx, a: T, b: T) {
      if (!isT(b)) throw new PyTypeError(`${name}(): argument 'other' (position 2) must be Tensor, not ${typeof b === "number" ? "float" : typeof b}`);
      if (ctx.op) ctx.save_for_backward(a, b);
      return binaryKernel(a, b, result_type(a, b), (x, y) => (x !== x || y !== y ? NaN : pick(x, y)), expr);
    },
    backward(ctx, g) {
      const [a, b] = ctx.saved_tensors;
      // ties share the gradient equally, as PyTorch's formula does
      const half = g.div(2);
      const tie = a.eq(b);
      const aWins = (a as any)[better](b);
      return [g.mul(aWins).add(half.mul(tie)), g.mul((b as any)[better](a)).add(half.mul(tie))];
    },
  });
}
maxMin("maximum", Math.max, "gt", "maxnan(a, b)");
maxMin("minimum", Math.min, "lt", "minnan(a, b)");

defineOp("where", {
  sig: "where(Tensor condition, Tensor? input=None, Tensor? other=None)",
  overloads: { fn: ["where(Tensor condition)", "where(Tensor condition, Tensor input, Tensor other, *, Tensor out=None)", "where(Tensor condition, Scalar self, Tensor other)", "where(Tensor condition, Tensor input, Scalar other)", "where(Tensor condition, Scalar self, Scalar other)"] },
  method: false,
  forward(_ctx, c: T, a: T | Scalar | null, b: T | Scalar | null) {
    // where(condition) is nonzero(condition, as_tuple=True); one of the two values alone binds no overload
    if (a === null && b === null) return ops.nonzero.call(c, { as_tuple: true });
    if (a === null || b === null) throw overloadError(ops.where.fnOverloads!, [c, a ?? b], null)!;
    if (c.dtype !== bool && c.dtype.name !== "uint8")
      throw new RuntimeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${c.dtype.legacyName.replace("Tensor", "")}`);
    const d = result_type(a, b);
    // a scalar side is filled in the result dtype (filled in the condition's bool it became 0/1: NaN read as 0)
    const A = isT(a) ? a : unaryKernel(c, d, () => num(a), { e: "p0", p: [num(a)] });
    const B = isT(b) ? b : unaryKernel(c, d, () => num(b), { e: "p0", p: [num(b)] });
    return ternaryKernel(c, A, B, d, (k, x, y) => (k ? x : y), "select(c, b, a != T(0))");
  },
  backward(ctx, g) {
    const c = ctx.args[0] as T;
    return [null, isT(ctx.args[1]) ? g.masked_fill(c.logical_not(), 0) : null, isT(ctx.args[2]) ? g.masked_fill(c, 0) : null];
  },
});
// Tensor.where(condition, other) has self first.
Object.defineProperty(Tensor.prototype, "where", {
  value(this: T, condition: T, other: T | Scalar) {
    return ops.where.call(condition, this, other);
  },
  writable: true,
  configurable: true,
});

defineOp("masked_fill", {
  sig: "masked_fill(Tensor input, Tensor mask, Tensor value)",
  overloads: { fn: ["masked_fill(Tensor input, Tensor mask, Tensor value)", "masked_fill(Tensor input, Tensor mask, Scalar value)"], method: ["masked_fill(Tensor mask, Tensor value)", "masked_fill(Tensor mask, Scalar value)"] },
  forward(_ctx, x: T, mask: T, value: T | Scalar) {
    if (mask.dtype !== bool) throw new RuntimeError(`masked_fill_ only supports boolean masks, but got mask with dtype ${mask.dtype.name === "uint8" ? "unsigned char" : mask.dtype.name}`);
    if (isT(value) && value._shape.length !== 0)
      throw new RuntimeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value._shape.length} dimension(s).`);
    const v = isT(value) ? Number(value.item()) : num(value);
    // PyTorch broadcasts (mask, self) in that order, which its size-mismatch message shows
    broadcastShapes(mask._shape, x._shape);
    return ternaryKernel(x, mask, x, x.dtype, (a, m) => (m ? v : a), { e: "select(a, p0, b != T(0))", p: [v] });
  },
  backward(ctx, g) {
    const mask = ctx.args[1] as T;
    const value = ctx.args[2];
    return [g.masked_fill(mask, 0), null, isT(value) ? g.mul(mask).sum() : null];
  },
});

// ---- comparisons and logic --------------------------------------------------------------------

function compare(name: string, f: (x: number, y: number) => boolean, wgslOp: string) {
  defineOp(name, {
    sig: `${name}(Tensor input, Tensor other)`,
    nondifferentiable: true,
    forward(_ctx, a: T, b: T | Scalar) {
      // `!=` as !(a == b): a NaN must compare unequal, and WGSL lets a driver lower `!=` to an
      // ordered compare (lavapipe does), which is false for NaN
      return binaryKernel(a, b, a._dialect.compareDtype, (x, y) => (f(x, y) ? 1 : 0), wgslOp === "!=" ? "b2t(!(a == b))" : `b2t(a ${wgslOp} b)`);
    },
  });
}
compare("eq", (x, y) => x === y, "==");
compare("ne", (x, y) => x !== y, "!=");
compare("lt", (x, y) => x < y, "<");
compare("le", (x, y) => x <= y, "<=");
compare("gt", (x, y) => x > y, ">");
compare("ge", (x, y) => x >= y, ">=");

function logical(name: string, f: (x: boolean, y: boolean) => boolean, expr: string) {
  defineOp(name, {
    sig: `${name}(Tensor input, Tensor other)`,
    nondifferentiable: true,
    forward: (_ctx, a: T, b: T) => binaryKernel(a, b, bool, (x, y) => (f(x !== 0, y !== 0) ? 1 : 0), expr),
  });
}
logical("logical_and", (x, y) => x && y, "b2t(a != T(0) && b != T(0))");
logical("logical_or", (x, y) => x || y, "b2t(a != T(0) || b != T(0))");
logical("logical_xor", (x, y) => x !== y, "b2t((a != T(0)) != (b != T(0)))");
defineOp("logical_not", {
  sig: "logical_not(Tensor input)",
  nondifferentiable: true,
  forward: (_ctx, a: T) => unaryKernel(a, bool, (x) => (x === 0 ? 1 : 0), "b2t(a == T(0))"),
});

function bitwise(name: string, f: (x: number, y: number) => number, expr: string) {
  defineOp(name, {
    sig: `${name}(Tensor input, Tensor other)`,
    nondifferentiable: true,
    forward(_ctx, a: T, b: T | Scalar) {
      const d = result_type(a, b);
      if (d.kind === "float") throw new RuntimeError(`"${name}_cpu" not implemented for '${d === result_type(a, b) && d.name === "float32" ? "Float" : "Double"}'`);
      return binaryKernel(a, b, d, d === bool ? (x, y) => f(x, y) & 1 : f, expr);
    },
  });
}
bitwise("bitwise_and", (x, y) => x & y, "a & b");
bitwise("bitwise_or", (x, y) => x | y, "a | b");
bitwise("bitwise_xor", (x, y) => x ^ y, "a ^ b");
defineOp("bitwise_not", {
  sig: "bitwise_not(Tensor input)",
  nondifferentiable: true,
  forward(_ctx, a: T) {
    if (a.dtype.kind === "float") throw new RuntimeError(`"bitwise_not_cpu" not implemented for '${a.dtype.name === "float32" ? "Float" : "Double"}'`);
    return unaryKernel(a, a.dtype, a.dtype === bool ? (x) => (x ? 0 : 1) : (x) => ~x, a.dtype === bool ? "T(1) - a" : "~a");
  },
});

// ---- isnan / isinf / isfinite, isclose / allclose / equal ----------------------------------------------

defineOp("isnan", {
  sig: "isnan(Tensor input)",
  nondifferentiable: true,
  forward: (_ctx, a: T) => unaryKernel(a, bool, (x) => (x !== x ? 1 : 0), "b2t(a != a)"),
});
defineOp("isinf", {
  sig: "isinf(Tensor input)",
  nondifferentiable: true,
  forward: (_ctx, a: T) => unaryKernel(a, bool, (x) => (x === Infinity || x === -Infinity ? 1 : 0)),
});
defineOp("isfinite", {
  sig: "isfinite(Tensor input)",
  nondifferentiable: true,
  forward: (_ctx, a: T) => unaryKernel(a, bool, (x) => (Number.isFinite(x) ? 1 : 0)),
});

const castNames: Record<string, string> = { float32: "Float", float64: "Double", int64: "Long", int32: "Int", int16: "Short", int8: "Char", uint8: "Byte", bool: "Bool" };

// ATen's isclose: equal, or (for a finite error) |a - b| <= atol + |rtol * b| in the inputs' dtype
// (integers compare in the default float dtype).
defineOp("isclose", {
  sig: "isclose(Tensor input, Tensor other, float rtol=1e-05, float atol=1e-08, bool equal_nan=False)",
  nondifferentiable: true,
  forward(_ctx, a: T, b: T, rtol: number, atol: number, equal_nan: boolean) {
    if (a.dtype !== b.dtype) throw new RuntimeError(`${castNames[a.dtype.name] ?? a.dtype.name} did not match ${castNames[b.dtype.name] ?? b.dtype.name}`);
    let close = a.eq(b);
    if (equal_nan && a.dtype.kind === "float") close = close.logical_or(a.isnan().logical_and(b.isnan()));
    rtol = Number(rtol);
    atol = Number(atol);
    if (rtol === 0 && atol === 0) return close;
    const fa = a.dtype.kind === "float" ? a : a.to(get_default_dtype());
    const fb = b.dtype.kind === "float" ? b : b.to(get_default_dtype());
    const allowed = fb.mul(rtol).abs().add(atol);
    const actual = fa.sub(fb).abs();
    return close.logical_or(actual.isfinite().logical_and(actual.le(allowed)));
  },
});

defineOp("allclose", {
  sig: "allclose(Tensor input, Tensor other, float rtol=1e-05, float atol=1e-08, bool equal_nan=False)",
  nondifferentiable: true,
  forward: (_ctx, a: T, b: T, rtol: number, atol: number, equal_nan: boolean) =>
    Boolean(ops.isclose.call(a, b, rtol, atol, equal_nan).all().item()),
});

// torch.equal: same sizes and the same values (dtypes may differ), a Python bool
defineOp("equal", {
  sig: "equal(Tensor input, Tensor other)",
  nondifferentiable: true,
  forward(_ctx, a: T, b: T) {
    const sa = a._shape, sb = b._shape;
    if (sa.length !== sb.length || sa.some((d, i) => d !== sb[i])) return false;
    return Boolean(a.eq(b).all().item());
  },
});

export type { Ctx };
