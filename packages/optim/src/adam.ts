// torch.optim.Adam and AdamW, PyTorch 1.13's _single_tensor_adam / _single_tensor_adamw
// (capturable=False path): the step count is a float32 tensor, bias corrections are Python
// floats, and the update is param.addcdiv_(exp_avg, denom, value=-step_size).

import { Tensor, float32, withGradMode } from "@tsgrad/core";
import { PyDict, ValueError, RuntimeError, pyStr, PyTuple } from "@tsgrad/py";
import { Optimizer, opt, type Group } from "./optimizer.ts";
import { bind, pyclass, REQUIRED, type Spec } from "./args.ts";
import { pyPow } from "./pymath.ts";
import { onDevice, adamDevice, zerosLike } from "./device.ts";
import { adam32, wasm, DECOUPLED, WEIGHT_DECAY } from "./wasm/fma_wasm.ts";
import { arith, values, store, like, addScaled, scale, addcmul, addcdiv, sqrt, divScalar, addScalar, maximum, neg, fma32 } from "./kernels.ts";

const betasDefault = (): PyTuple<number> => {
  const t = new PyTuple<number>();
  t.push(0.9, 0.999);
  return t;
};

function check(a: Record<string, any>): void {
  if (!(0 <= a.lr)) throw new ValueError(`Invalid learning rate: ${pyStr(a.lr)}`);
  if (!(0 <= a.eps)) throw new ValueError(`Invalid epsilon value: ${pyStr(a.eps)}`);
  const [b0, b1] = a.betas as number[];
  if (!(0 <= b0 && b0 < 1)) throw new ValueError(`Invalid beta parameter at index 0: ${pyStr(b0)}`);
  if (!(0 <= b1 && b1 < 1)) throw new ValueError(`Invalid beta parameter at index 1: ${pyStr(b1)}`);
  if (!(0 <= a.weight_decay)) throw new ValueError(`Invalid weight_decay value: ${pyStr(a.weight_decay)}`);
}

/** A 0-dim float32 step counter, `torch.tensor(0.)`. */
export function stepTensor(p: Tensor): Tensor {
  return Tensor.fromData(new Float32Array(1), [], float32, p._dialect);
}

/** `step_t += 1` on a float32 step tensor. */
export function bumpStep(t: Tensor): void {
  t._storage[t._offset] = Math.fround(t._storage[t._offset] + 1);
  t._vc.v++;
}

/** One Adam/AdamW step over a group; `decoupled` is AdamW's weight decay. */
function adamGroup(self: Optimizer, group: Group, decoupled: boolean): void {
  const [beta1, beta2] = (opt<number[]>(group, "betas")).map(Number);
  const lr = Number(opt(group, "lr")), wd = Number(opt(group, "weight_decay")), eps = Number(opt(group, "eps"));
  const amsgrad = !!opt(group, "amsgrad"), maximize = !!opt(group, "maximize");
  for (const p of opt<Tensor[]>(group, "params")) {
    if (p.grad === null) continue;
    const state = (self as any)._state(p) as PyDict<string, any>;
    const dev = onDevice(p);
    if (state._map.size === 0) {
      state._map.set("step", stepTensor(p));
      state._map.set("exp_avg", dev ? zerosLike(p) : like(p));
      state._map.set("exp_avg_sq", dev ? zerosLike(p) : like(p));
      if (amsgrad) state._map.set("max_exp_avg_sq", dev ? zerosLike(p) : like(p));
    }
    if (dev) {
      const stepT: Tensor = state._map.get("step");
      bumpStep(stepT);
      adamDevice(p, state, Number(stepT._storage[stepT._offset]), { lr, beta1, beta2, eps, wd, amsgrad, maximize, decoupled });
      continue;
    }
    if (!amsgrad && !maximize && adamFloat32(p, state, { lr, beta1, beta2, eps, wd, decoupled })) continue;
    const A = arith(p);
    let grad = values(p.grad);
    if (maximize) neg(grad);
    const stepT: Tensor = state._map.get("step");
    const expAvg: Tensor = state._map.get("exp_avg"), expAvgSq: Tensor = state._map.get("exp_avg_sq");
    let pv = values(p);
    bumpStep(stepT);
    // Adam folds weight decay into the gradient; AdamW shrinks the parameter first
    if (!decoupled && wd !== 0) grad = addScaled(A, grad, pv, wd);
    if (decoupled) pv = scale(A, pv, 1 - lr * wd);
    store(expAvg, addScaled(A, scale(A, values(expAvg), beta1), grad, 1 - beta1));
    store(expAvgSq, addcmul(A, scale(A, values(expAvgSq), beta2), grad, grad, 1 - beta2));
    const step = Number(stepT._storage[stepT._offset]);
    const bc1 = 1 - pyPow(beta1, step);
    const bc2 = 1 - pyPow(beta2, step);
    const stepSize = lr / bc1;
    const bc2sqrt = Math.sqrt(bc2);
    let denom;
    if (amsgrad) {
      const mx: Tensor = state._map.get("max_exp_avg_sq");
      const m = maximum(values(mx), values(expAvgSq));
      store(mx, m);
      denom = addScalar(A, divScalar(A, sqrt(m.slice()), bc2sqrt), eps);
    } else {
      denom = addScalar(A, divScalar(A, sqrt(values(expAvgSq)), bc2sqrt), eps);
    }
    store(p, addcdiv(A, pv, values(expAvg), denom, -stepSize));
  }
}

/** fma32 with its common case first (the double a*b + c is a float, or not a float midpoint:
 *  its fround is then the fused result; a and b are floats, so a*b is exact); midpoints go to
 *  fma32, which settles them. */
function fmaF(a: number, b: number, c: number): number {
  const s = a * b + c;
  const r = Math.fround(s);
  if (r === s) return r;
  const o = 2 * s - r; // the other float neighbour, when s is their midpoint
  return Math.fround(o) !== o ? r : fma32(a, b, c);
}

const contiguous32 = (t: Tensor) => t.dtype === float32 && t._storage instanceof Float32Array && t.is_contiguous();

/**
 * The same step as the array code of adamGroup for a contiguous float32 parameter without
 * amsgrad / maximize, in one pass and no copies (vgg11 has 133M parameters): each array store
 * of that code is a Math.fround here, each A.fma the same fma32, in the same order. Returns
 * false (nothing done) when the tensors are not laid out for it.
 */
function adamFloat32(p: Tensor, state: PyDict<string, any>, o: { lr: number; beta1: number; beta2: number; eps: number; wd: number; decoupled: boolean }): boolean {
  const expAvg: Tensor = state._map.get("exp_avg"), expAvgSq: Tensor = state._map.get("exp_avg_sq");
  if (!contiguous32(p) || !contiguous32(expAvg) || !contiguous32(expAvgSq) || p.grad!.dtype !== float32) return false;
  const stepT: Tensor = state._map.get("step");
  bumpStep(stepT);
  const step = Number(stepT._storage[stepT._offset]);
  const { lr, beta1, beta2, eps, wd, decoupled } = o;
  const r = Math.fround;
  const stepSize = lr / (1 - pyPow(beta1, step));
  const bc2sqrt = Math.sqrt(1 - pyPow(beta2, step));
  const wdF = r(wd), shrink = r(1 - lr * wd), b1 = r(beta1), omb1 = r(1 - beta1), b2 = r(beta2), omb2 = r(1 - beta2);
  const bc2F = r(bc2sqrt), epsF = r(eps), negStep = r(-stepSize);
  const l2 = !decoupled && wd !== 0;
  const g = p.grad!._contiguousValues() as Float32Array;
  const w = p._storage as Float32Array, m = expAvg._storage as Float32Array, v = expAvgSq._storage as Float32Array;
  const ow = p._offset, om = expAvg._offset, ov = expAvgSq._offset;
  const n = p.numel();
  if (wasm !== null && n >= 16) {
    // the same loop in WebAssembly SIMD (wasm/fma_kernels.wat `adam`), same bits
    const flags = l2 ? WEIGHT_DECAY : decoupled ? DECOUPLED : 0;
    adam32(w, ow, g, 0, m, om, v, ov, n, flags, decoupled ? shrink : wdF, b1, omb1, b2, omb2, bc2F, epsF, negStep);
  } else
  for (let i = 0; i < n; i++) {
    let gi = g[i];
    let pi = w[ow + i];
    if (l2) gi = fmaF(wdF, pi, gi); // grad = grad.add(param, alpha=wd)
    if (decoupled) pi = r(pi * shrink); // param.mul_(1 - lr * wd)
    const mi = fmaF(omb1, gi, r(m[om + i] * b1)); // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
    const vi = fmaF(r(omb2 * gi), gi, r(v[ov + i] * b2)); // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
    m[om + i] = mi;
    v[ov + i] = vi;
    const denom = r(r(r(Math.sqrt(vi)) / bc2F) + epsF); // (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
    w[ow + i] = pi + r(r(negStep * mi) / denom); // param.addcdiv_(exp_avg, denom, value=-step_size)
  }
  expAvg._vc.v++;
  expAvgSq._vc.v++;
  p._vc.v++;
  return true;
}

function stepTensorsFromNumbers(self: Optimizer): void {
  // __setstate__: state dicts saved before 1.12 hold `step` as a number
  const states = [...self.state._map.values()];
  if (states.length !== 0 && !(states[0]._map.get("step") instanceof Tensor))
    for (const s of states) s._map.set("step", Tensor.fromData(new Float32Array([Number(s._map.get("step"))]), [], float32));
}

const ADAM_SPEC: Spec = [
  ["params", REQUIRED], ["lr", 1e-3], ["betas", undefined], ["eps", 1e-8], ["weight_decay", 0], ["amsgrad", false],
  "*", ["foreach", null], ["maximize", false], ["capturable", false], ["differentiable", false], ["fused", false],
];

class Adam_ extends Optimizer {
  constructor(...args: unknown[]) {
    const a = bind("Adam.__init__", ADAM_SPEC, args);
    a.betas ??= betasDefault();
    check(a);
    const defaults = new PyDict(
      (["lr", "betas", "eps", "weight_decay", "amsgrad", "maximize", "foreach", "capturable", "differentiable", "fused"] as const).map((k) => [k, a[k]]),
    );
    super(a.params, defaults);
    if (a.fused) {
      if (a.differentiable) throw new RuntimeError("`fused` cannot be `differentiable`");
      throw new RuntimeError("FusedAdam requires all the params to be CUDA, floating point");
    }
  }
  protected override _setstate(): void {
    for (const g of this.param_groups) {
      for (const [k, v] of [["amsgrad", false], ["maximize", false], ["foreach", null], ["capturable", false], ["differentiable", false], ["fused", false]] as const)
        g.setdefault(k, v);
    }
    stepTensorsFromNumbers(this);
  }
  override step(closure: unknown = null): unknown {
    const loss = this._closure(closure);
    withGradMode(false, () => {
      for (const group of this.param_groups) adamGroup(this, group, false);
    });
    return loss;
  }
}
Object.defineProperty(Adam_, "name", { value: "Adam" });
export const Adam = pyclass(Adam_);
export type Adam = Adam_;

const ADAMW_SPEC: Spec = [
  ["params", REQUIRED], ["lr", 1e-3], ["betas", undefined], ["eps", 1e-8], ["weight_decay", 1e-2], ["amsgrad", false],
  "*", ["maximize", false], ["foreach", null], ["capturable", false],
];

class AdamW_ extends Optimizer {
  constructor(...args: unknown[]) {
    const a = bind("AdamW.__init__", ADAMW_SPEC, args);
    a.betas ??= betasDefault();
    check(a);
    const defaults = new PyDict(
      (["lr", "betas", "eps", "weight_decay", "amsgrad", "foreach", "maximize", "capturable"] as const).map((k) => [k, a[k]]),
    );
    super(a.params, defaults);
  }
  protected override _setstate(): void {
    for (const g of this.param_groups)
      for (const [k, v] of [["amsgrad", false], ["maximize", false], ["foreach", null], ["capturable", false]] as const) g.setdefault(k, v);
    stepTensorsFromNumbers(this);
  }
  override step(closure: unknown = null): unknown {
    const loss = this._closure(closure);
    withGradMode(false, () => {
      for (const group of this.param_groups) adamGroup(this, group, true);
    });
    return loss;
  }
}
Object.defineProperty(AdamW_, "name", { value: "AdamW" });
export const AdamW = pyclass(AdamW_);
export type AdamW = AdamW_;
