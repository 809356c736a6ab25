// paddle.optimizer: SGD, Momentum, Adam, AdamW. Written here rather than over @tsgrad/optim
// because Paddle's update rules are its own ops (paddle/fluid/operators/optimizers/*_op.h):
// Adam scales the learning rate by sqrt(1 - beta2^t) / (1 - beta1^t) and puts epsilon inside
// that scaling, Momentum has no dampening, AdamW decays the weight by lr * coeff first, and a
// float `weight_decay` on the others is L2Decay (coeff * param added to the gradient).
// Arithmetic is float32, as the CPU kernels compute for float32 parameters.

import { Tensor, type TypedArray } from "@tsgrad/core";
import { TypeError as PyTypeError } from "@tsgrad/py";
import { bind, pyCallable } from "./args.ts";

type T = Tensor;
const f = Math.fround;

abstract class Optimizer {
  _parameter_list: T[];
  _learning_rate: number;
  regularization: number;
  _accumulators = new Map<T, Record<string, Float32Array | Float64Array>>();

  constructor(lr: unknown, parameters: unknown, weightDecay: unknown) {
    if (parameters === null || parameters === undefined)
      throw new PyTypeError("parameters argument given to the Optimizer should not be None in dygraph mode.");
    this._parameter_list = Array.from(parameters as Iterable<T>);
    if (typeof lr !== "number") throw new PyTypeError(`learning rate should be float or LRScheduler, got ${typeof lr} here`);
    this._learning_rate = lr;
    this.regularization = weightDecay === null || weightDecay === undefined ? 0 : Number(weightDecay);
  }

  get_lr(): number {
    return this._learning_rate;
  }
  set_lr(v: number): void {
    this._learning_rate = v;
  }

  /** Per-parameter state arrays, made zeroed on first use. */
  protected state(p: T, names: string[]): Record<string, Float32Array | Float64Array> {
    let s = this._accumulators.get(p);
    if (!s) {
      s = {};
      for (const n of names) s[n] = new (p._storage.constructor as Float32ArrayConstructor)(p.numel());
      this._accumulators.set(p, s);
    }
    return s;
  }

  step(): void {
    for (const p of this._parameter_list) {
      if (p.stop_gradient || p._grad === null) continue;
      if (!p.is_contiguous() || !p._grad.is_contiguous()) throw new PyTypeError("paddle.optimizer: parameters must be contiguous");
      const g = p._grad._contiguousValues();
      this.update(p, p._storage, p._offset, g);
      p._vc.v++;
    }
  }

  /** Dygraph minimize: gradients are already there (loss.backward()); apply them. */
  minimize(_loss: T): [unknown[], Array<[T, T | null]>] {
    this.step();
    return [[], this._parameter_list.map((p) => [p, p._grad] as [T, T | null])];
  }

  clear_grad(): void {
    for (const p of this._parameter_list) if (p._grad !== null) p._grad._storage.fill(0);
  }
  clear_gradients(): void {
    this.clear_grad();
  }

  state_dict(): Record<string, unknown> {
    return {};
  }

  protected abstract update(p: T, w: TypedArray, off: number, g: ArrayLike<number>): void;
}

export class SGD extends Optimizer {
  constructor(...args: unknown[]) {
    const [lr, parameters, wd] = bind("SGD", [["learning_rate", 0.001], ["parameters", null], ["weight_decay", null], ["grad_clip", null], ["name", null]], args);
    super(lr, parameters, wd);
  }
  protected update(_p: T, w: TypedArray, off: number, g: ArrayLike<number>): void {
    const lr = f(this._learning_rate), c = f(this.regularization);
    for (let i = 0; i < g.length; i++) w[off + i] = f(w[off + i] - f(lr * f(g[i] + f(c * w[off + i]))));
  }
}

export class Momentum extends Optimizer {
  momentum: number;
  use_nesterov: boolean;
  constructor(...args: unknown[]) {
    const [lr, momentum, parameters, nesterov, wd] = bind(
      "Momentum",
      [["learning_rate", 0.001], ["momentum", 0.9], ["parameters", null], ["use_nesterov", false], ["weight_decay", null], ["grad_clip", null], ["name", null]],
      args,
    );
    super(lr, parameters, wd);
    this.momentum = Number(momentum);
    this.use_nesterov = Boolean(nesterov);
  }
  protected update(p: T, w: TypedArray, off: number, g: ArrayLike<number>): void {
    const v = this.state(p, ["velocity"]).velocity;
    const lr = f(this._learning_rate), mu = f(this.momentum), c = f(this.regularization);
    for (let i = 0; i < g.length; i++) {
      const gi = f(g[i] + f(c * w[off + i]));
      v[i] = f(f(v[i] * mu) + gi);
      w[off + i] = this.use_nesterov ? f(w[off + i] - f(f(gi + f(v[i] * mu)) * lr)) : f(w[off + i] - f(lr * v[i]));
    }
  }
}

export class Adam extends Optimizer {
  _beta1: number;
  _beta2: number;
  _epsilon: number;
  /** beta1^t and beta2^t per parameter, starting at beta (Paddle's beta*_pow accumulators). */
  _pows = new Map<T, [number, number]>();
  decoupled = 0;

  constructor(...args: unknown[]) {
    const [lr, b1, b2, eps, parameters, wd] = bind(
      "Adam",
      [["learning_rate", 0.001], ["beta1", 0.9], ["beta2", 0.999], ["epsilon", 1e-8], ["parameters", null], ["weight_decay", null], ["grad_clip", null], ["name", null], ["lazy_mode", false]],
      args,
    );
    super(lr, parameters, wd);
    this._beta1 = Number(b1);
    this._beta2 = Number(b2);
    this._epsilon = Number(eps);
  }

  protected update(p: T, w: TypedArray, off: number, g: ArrayLike<number>): void {
    const s = this.state(p, ["moment1", "moment2"]);
    const m1 = s.moment1, m2 = s.moment2;
    const b1 = f(this._beta1), b2 = f(this._beta2), eps = f(this._epsilon);
    const [p1, p2] = this._pows.get(p) ?? [b1, b2];
    const lr = f(f(f(this._learning_rate) * f(Math.sqrt(f(1 - p2)))) / f(1 - p1));
    const epsHat = f(eps * f(Math.sqrt(f(1 - p2))));
    const c = f(this.regularization);
    if (this.decoupled) {
      const k = f(1 - f(f(this._learning_rate) * f(this.decoupled)));
      for (let i = 0; i < g.length; i++) w[off + i] = f(w[off + i] * k);
    }
    if (w instanceof Float32Array && g instanceof Float32Array && m1 instanceof Float32Array && m2 instanceof Float32Array)
      adamFloat32(w, off, g, m1, m2, b1, b2, lr, epsHat, this.decoupled ? null : c);
    else
      for (let i = 0; i < g.length; i++) {
        const gi = this.decoupled ? g[i] : f(g[i] + f(c * w[off + i]));
        m1[i] = f(f(b1 * m1[i]) + f(f(1 - b1) * gi));
        m2[i] = f(f(b2 * m2[i]) + f(f(f(1 - b2) * gi) * gi));
        w[off + i] = f(w[off + i] - f(lr * f(m1[i] / f(f(Math.sqrt(m2[i])) + epsHat))));
      }
    this._pows.set(p, [f(p1 * b1), f(p2 * b2)]);
  }
}

/** Adam's float32 loop, monomorphic (vgg11 has 133M parameters): the same roundings as the
 *  generic loop above, term for term. `c` is the L2 coefficient (added even when 0, as the generic
 *  loop does), null when decay is decoupled. */
function adamFloat32(w: Float32Array, off: number, g: Float32Array, m1: Float32Array, m2: Float32Array, b1: number, b2: number, lr: number, epsHat: number, c: number | null): void {
  const n = g.length;
  const omb1 = f(1 - b1), omb2 = f(1 - b2);
  const l2 = c !== null;
  const cc = c ?? 0;
  for (let i = 0; i < n; i++) {
    const wi = w[off + i];
    const gi = l2 ? f(g[i] + f(cc * wi)) : g[i];
    const a = f(f(b1 * m1[i]) + f(omb1 * gi));
    const v = f(f(b2 * m2[i]) + f(f(omb2 * gi) * gi));
    m1[i] = a;
    m2[i] = v;
    w[off + i] = f(wi - f(lr * f(a / f(f(Math.sqrt(v)) + epsHat))));
  }
}

export class AdamW extends Adam {
  constructor(...args: unknown[]) {
    const [lr, b1, b2, eps, parameters, wd, , , , , ] = bind(
      "AdamW",
      [["learning_rate", 0.001], ["beta1", 0.9], ["beta2", 0.999], ["epsilon", 1e-8], ["parameters", null], ["weight_decay", 0.01], ["apply_decay_param_fun", null], ["grad_clip", null], ["lazy_mode", false], ["multi_precision", false], ["name", null]],
      args,
    );
    super({ learning_rate: lr, beta1: b1, beta2: b2, epsilon: eps, parameters });
    this.decoupled = Number(wd);
  }
}

const optimizer = {
  SGD: pyCallable(SGD),
  Momentum: pyCallable(Momentum),
  Adam: pyCallable(Adam),
  AdamW: pyCallable(AdamW),
  Optimizer,
};
export default optimizer;
export { Optimizer };
