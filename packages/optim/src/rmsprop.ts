// torch.optim.RMSprop, PyTorch 1.13's _single_tensor_rmsprop (its step count is a Python int).

import { Tensor, withGradMode } from "@tsgrad/core";
import { PyDict, ValueError, pyStr } from "@tsgrad/py";
import { Optimizer, opt } from "./optimizer.ts";
import { bind, pyclass, REQUIRED, type Spec } from "./args.ts";
import { arith, values, store, like, addScaled, scale, addcmul, addcdiv, sqrt, addScalar, neg } from "./kernels.ts";
import { onDevice, zerosLike, rmspropDevice } from "./device.ts";

const SPEC: Spec = [
  ["params", REQUIRED], ["lr", 1e-2], ["alpha", 0.99], ["eps", 1e-8], ["weight_decay", 0], ["momentum", 0], ["centered", false],
  ["foreach", null], ["maximize", false], ["differentiable", false],
];

class RMSprop_ extends Optimizer {
  constructor(...args: unknown[]) {
    const a = bind("RMSprop.__init__", SPEC, args);
    if (!(0 <= a.lr)) throw new ValueError(`Invalid learning rate: ${pyStr(a.lr)}`);
    if (!(0 <= a.eps)) throw new ValueError(`Invalid epsilon value: ${pyStr(a.eps)}`);
    if (!(0 <= a.momentum)) throw new ValueError(`Invalid momentum value: ${pyStr(a.momentum)}`);
    if (!(0 <= a.weight_decay)) throw new ValueError(`Invalid weight_decay value: ${pyStr(a.weight_decay)}`);
    if (!(0 <= a.alpha)) throw new ValueError(`Invalid alpha value: ${pyStr(a.alpha)}`);
    const defaults = new PyDict(
      (["lr", "momentum", "alpha", "eps", "centered", "weight_decay", "foreach", "maximize", "differentiable"] as const).map((k) => [k, a[k]]),
    );
    super(a.params, defaults);
  }
  protected override _setstate(): void {
    for (const g of this.param_groups)
      for (const [k, v] of [["momentum", 0], ["centered", false], ["foreach", null], ["maximize", false], ["differentiable", false]] as const) g.setdefault(k, v);
  }
  override step(closure: unknown = null): unknown {
    const loss = this._closure(closure);
    withGradMode(false, () => {
      for (const group of this.param_groups) {
        const lr = Number(opt(group, "lr")), alpha = Number(opt(group, "alpha")), eps = Number(opt(group, "eps"));
        const wd = Number(opt(group, "weight_decay")), momentum = Number(opt(group, "momentum"));
        const centered = !!opt(group, "centered"), maximize = !!opt(group, "maximize");
        for (const p of opt<Tensor[]>(group, "params")) {
          if (p.grad === null) continue;
          const state = this._state(p);
          const dev = onDevice(p);
          const mk = () => (dev ? zerosLike(p) : like(p));
          if (state._map.size === 0) {
            state._map.set("step", 0);
            state._map.set("square_avg", mk());
            if (momentum > 0) state._map.set("momentum_buffer", mk());
            if (centered) state._map.set("grad_avg", mk());
          }
          state._map.set("step", state._map.get("step") + 1);
          if (dev) {
            rmspropDevice(p, state, { lr, alpha, eps, wd, momentum, centered, maximize });
            continue;
          }
          const A = arith(p);
          let grad = values(p.grad);
          if (maximize) neg(grad);
          if (wd !== 0) grad = addScaled(A, grad, values(p), wd);
          const sq: Tensor = state._map.get("square_avg");
          const sqv = addcmul(A, scale(A, values(sq), alpha), grad, grad, 1 - alpha);
          store(sq, sqv);
          let avg;
          if (centered) {
            const ga: Tensor = state._map.get("grad_avg");
            const gav = addScaled(A, scale(A, values(ga), alpha), grad, 1 - alpha);
            store(ga, gav);
            avg = sqrt(addcmul(A, sqv.slice(), gav, gav, -1));
          } else {
            avg = sqrt(sqv.slice());
          }
          addScalar(A, avg, eps);
          if (momentum > 0) {
            const buf: Tensor = state._map.get("momentum_buffer");
            const bv = addcdiv(A, scale(A, values(buf), momentum), grad, avg, 1);
            store(buf, bv);
            store(p, addScaled(A, values(p), bv, -lr));
          } else {
            store(p, addcdiv(A, values(p), grad, avg, -lr));
          }
        }
      }
    });
    return loss;
  }
}
Object.defineProperty(RMSprop_, "name", { value: "RMSprop" });
export const RMSprop = pyclass(RMSprop_);
export type RMSprop = RMSprop_;
