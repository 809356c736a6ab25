// torch.optim.SGD, PyTorch 1.13's _single_tensor_sgd step for step.

import { Tensor, float32, withGradMode } from "@tsgrad/core";
import { PyDict, ValueError, pyStr } from "@tsgrad/py";
import { Optimizer, required, opt } from "./optimizer.ts";
import { bind, pyclass, REQUIRED, type Spec } from "./args.ts";
import { arith, values, readValues, addScaledInto, store, like, addScaled, scale, neg } from "./kernels.ts";
import { onDevice, sgdDevice } from "./device.ts";
import { wasm, sgd32, WEIGHT_DECAY, MOMENTUM, NESTEROV, FIRST, MAXIMIZE } from "./wasm/fma_wasm.ts";

const dense32 = (t: Tensor) => t.dtype === float32 && t._storage instanceof Float32Array && t.is_contiguous();

/**
 * The step below for a contiguous float32 parameter, fused into one WebAssembly pass
 * (wasm/fma_kernels.wat `sgd`: the same float32 operations in the same order, so the same bits).
 * Returns false when the tensors are not laid out for it.
 */
function sgdFloat32(p: Tensor, state: PyDict<string, any>, o: { lr: number; momentum: number; dampening: number; wd: number; nesterov: boolean; maximize: boolean }): boolean {
  const n = p.numel();
  if (wasm === null || n < 16 || !dense32(p) || p.grad!.dtype !== float32) return false;
  let buf: Tensor | null = state._map.get("momentum_buffer") ?? null;
  let flags = (o.wd !== 0 ? WEIGHT_DECAY : 0) | (o.maximize ? MAXIMIZE : 0);
  if (o.momentum !== 0) {
    flags |= MOMENTUM | (o.nesterov ? NESTEROV : 0);
    if (buf === null) {
      buf = like(p); // torch.clone(d_p).detach(): the kernel writes d_p into it
      flags |= FIRST;
    } else if (!dense32(buf)) return false;
  }
  const r = Math.fround;
  const g = p.grad!._contiguousValues() as Float32Array;
  sgd32(p._storage as Float32Array, p._offset, g, 0, buf && (buf._storage as Float32Array), buf ? buf._offset : 0, n,
    flags, r(o.wd), r(o.momentum), r(1 - o.dampening), r(-o.lr));
  p._vc.v++;
  if (buf !== null && (flags & FIRST) === 0) buf._vc.v++;
  state._map.set("momentum_buffer", buf);
  return true;
}

const SPEC: Spec = [
  ["params", REQUIRED], ["lr", required], ["momentum", 0], ["dampening", 0], ["weight_decay", 0], ["nesterov", false],
  "*", ["maximize", false], ["foreach", null], ["differentiable", false],
];

class SGD_ extends Optimizer {
  constructor(...args: unknown[]) {
    const a = bind("SGD.__init__", SPEC, args);
    if (a.lr !== required && a.lr < 0) throw new ValueError(`Invalid learning rate: ${pyStr(a.lr)}`);
    if (a.momentum < 0) throw new ValueError(`Invalid momentum value: ${pyStr(a.momentum)}`);
    if (a.weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${pyStr(a.weight_decay)}`);
    const defaults = new PyDict(
      (["lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach", "differentiable"] as const).map((k) => [k, a[k]]),
    );
    if (a.nesterov && (a.momentum <= 0 || Number(a.dampening) !== 0)) throw new ValueError("Nesterov momentum requires a momentum and zero dampening");
    super(a.params, defaults);
  }

  protected override _setstate(): void {
    for (const g of this.param_groups) {
      g.setdefault("nesterov", false);
      g.setdefault("maximize", false);
      g.setdefault("foreach", null);
      g.setdefault("differentiable", false);
    }
  }

  override step(closure: unknown = null): unknown {
    const loss = this._closure(closure);
    withGradMode(false, () => {
      for (const group of this.param_groups) {
        const wd = Number(opt(group, "weight_decay")), momentum = Number(opt(group, "momentum"));
        const lr = Number(opt(group, "lr")), dampening = Number(opt(group, "dampening"));
        const nesterov = !!opt(group, "nesterov"), maximize = !!opt(group, "maximize");
        for (const p of opt<Tensor[]>(group, "params")) {
          if (p.grad === null) continue;
          const state = this._state(p);
          if (onDevice(p)) {
            sgdDevice(p, state, { lr, momentum, dampening, wd, nesterov, maximize });
            continue;
          }
          if (sgdFloat32(p, state, { lr, momentum, dampening, wd, nesterov, maximize })) continue;
          let buf: Tensor | null = state._map.get("momentum_buffer") ?? null;
          const A = arith(p);
          // d_p is copied only when a step below writes into it
          const writesDp = maximize || wd !== 0 || (momentum !== 0 && nesterov);
          let d_p = writesDp ? values(p.grad) : readValues(p.grad);
          if (maximize) neg(d_p);
          if (wd !== 0) d_p = addScaled(A, d_p, values(p), wd);
          if (momentum !== 0) {
            if (buf === null) {
              buf = like(p, d_p.slice()); // torch.clone(d_p).detach()
            } else {
              const b = scale(A, values(buf), momentum);
              store(buf, addScaled(A, b, d_p, 1 - dampening));
            }
            if (nesterov) d_p = addScaled(A, d_p, values(buf), momentum);
            else d_p = readValues(buf);
          }
          addScaledInto(A, p, d_p, -lr);
          state._map.set("momentum_buffer", buf);
        }
      }
    });
    return loss;
  }
}
Object.defineProperty(SGD_, "name", { value: "SGD" });
export const SGD = pyclass(SGD_);
export type SGD = SGD_;
