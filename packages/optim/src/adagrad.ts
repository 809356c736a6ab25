// torch.optim.Adagrad, PyTorch 1.13's _single_tensor_adagrad (dense gradients). Its state is
// made for every parameter at construction, as 1.13 does.

import { Tensor, withGradMode } from "@tsgrad/core";
import { PyDict, ValueError, pyStr } from "@tsgrad/py";
import { Optimizer, opt } from "./optimizer.ts";
import { bind, pyclass, REQUIRED, type Spec } from "./args.ts";
import { arith, values, store, like, addScaled, addcmul, addcdiv, sqrt, addScalar, neg } from "./kernels.ts";
import { onDevice, fullLike, adagradDevice } from "./device.ts";
import { stepTensor, bumpStep } from "./adam.ts";

const SPEC: Spec = [
  ["params", REQUIRED], ["lr", 1e-2], ["lr_decay", 0], ["weight_decay", 0], ["initial_accumulator_value", 0], ["eps", 1e-10],
  ["foreach", null], "*", ["maximize", false],
];

class Adagrad_ extends Optimizer {
  constructor(...args: unknown[]) {
    const a = bind("Adagrad.__init__", SPEC, args);
    if (!(0 <= a.lr)) throw new ValueError(`Invalid learning rate: ${pyStr(a.lr)}`);
    if (!(0 <= a.lr_decay)) throw new ValueError(`Invalid lr_decay value: ${pyStr(a.lr_decay)}`);
    if (!(0 <= a.weight_decay)) throw new ValueError(`Invalid weight_decay value: ${pyStr(a.weight_decay)}`);
    if (!(0 <= a.initial_accumulator_value))
      throw new ValueError(`Invalid initial_accumulator_value value: ${pyStr(a.initial_accumulator_value)}`);
    if (!(0 <= a.eps)) throw new ValueError(`Invalid epsilon value: ${pyStr(a.eps)}`);
    const defaults = new PyDict(
      (["lr", "lr_decay", "eps", "weight_decay", "initial_accumulator_value", "foreach", "maximize"] as const).map((k) => [k, a[k]]),
    );
    super(a.params, defaults);
    for (const group of this.param_groups) {
      for (const p of opt<Tensor[]>(group, "params")) {
        const state = this._state(p);
        state._map.set("step", stepTensor(p));
        // full_like(p, initial_accumulator_value) on p's device
        if (onDevice(p)) state._map.set("sum", fullLike(p, Number(a.initial_accumulator_value)));
        else {
          const sum = like(p);
          (sum._storage as Float32Array).fill(Number(a.initial_accumulator_value));
          state._map.set("sum", sum);
        }
      }
    }
  }
  protected override _setstate(): void {
    for (const g of this.param_groups) {
      g.setdefault("foreach", null);
      g.setdefault("maximize", false);
    }
  }
  override step(closure: unknown = null): unknown {
    const loss = this._closure(closure);
    withGradMode(false, () => {
      for (const group of this.param_groups) {
        const lr = Number(opt(group, "lr")), wd = Number(opt(group, "weight_decay"));
        const lrDecay = Number(opt(group, "lr_decay")), eps = Number(opt(group, "eps")), maximize = !!opt(group, "maximize");
        for (const p of opt<Tensor[]>(group, "params")) {
          if (p.grad === null) continue;
          const state = this._state(p);
          const stepT: Tensor = state._map.get("step"), sum: Tensor = state._map.get("sum");
          bumpStep(stepT);
          const step = Number(stepT._storage[stepT._offset]);
          if (onDevice(p)) {
            adagradDevice(p, sum, step, { lr, wd, lrDecay, eps, maximize });
            continue;
          }
          const A = arith(p);
          let grad = values(p.grad);
          if (maximize) neg(grad);
          if (wd !== 0) grad = addScaled(A, grad, values(p), wd);
          const clr = lr / (1 + (step - 1) * lrDecay);
          const sv = addcmul(A, values(sum), grad, grad, 1);
          store(sum, sv);
          const std = addScalar(A, sqrt(sv.slice()), eps);
          store(p, addcdiv(A, values(p), grad, std, -clr));
        }
      }
    });
    return loss;
  }
}
Object.defineProperty(Adagrad_, "name", { value: "Adagrad" });
export const Adagrad = pyclass(Adagrad_);
export type Adagrad = Adagrad_;
