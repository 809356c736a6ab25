// Optimizer steps for parameters on a device (webgpu). The CPU steps (kernels.ts) compute on the
// values to reproduce PyTorch 1.13's fused multiply-add rounding bit for bit; device values live
// on the GPU and reading them would make every step wait, so here the same update is written in
// tensor ops (PyTorch's own _single_tensor_* formulas) that enqueue GPU kernels. Each op rounds
// as WGSL does: float32 throughout, and `a + s * b` may or may not be fused (WGSL does not
// promise either), so device trajectories match the CPU's within float32 tolerance, not bitwise.
// The step counter stays a CPU float32 tensor, as PyTorch keeps it on the CPU unless capturable.

import { Tensor, filledOn, isHost } from "@tsgrad/core";
import type { PyDict } from "@tsgrad/py";
import { pyPow } from "./pymath.ts";

type T = Tensor;

export const onDevice = (p: T): boolean => !isHost(p);

const zerosLike = (p: T): T => filledOn(p._shape.slice(), p.dtype, 0, p.device, p._dialect);

/** _single_tensor_sgd for one device parameter. */
export function sgdDevice(
  p: T, state: PyDict<string, any>,
  o: { lr: number; momentum: number; dampening: number; wd: number; nesterov: boolean; maximize: boolean },
): void {
  let d_p: T = p.grad!;
  if (o.maximize) d_p = d_p.neg();
  if (o.wd !== 0) d_p = d_p.add(p, { alpha: o.wd });
  if (o.momentum !== 0) {
    let buf: T | null = state._map.get("momentum_buffer") ?? null;
    if (buf === null) buf = d_p.clone().detach();
    else buf.mul_(o.momentum).add_(d_p, { alpha: 1 - o.dampening });
    state._map.set("momentum_buffer", buf);
    d_p = o.nesterov ? d_p.add(buf, { alpha: o.momentum }) : buf;
  } else state._map.set("momentum_buffer", null);
  p.add_(d_p, { alpha: -o.lr });
}

/** _single_tensor_adam / _single_tensor_adamw (capturable=False) for one device parameter. */
export function adamDevice(
  p: T, state: PyDict<string, any>, step: number,
  o: { lr: number; beta1: number; beta2: number; eps: number; wd: number; amsgrad: boolean; maximize: boolean; decoupled: boolean },
): void {
  let grad: T = p.grad!;
  if (o.maximize) grad = grad.neg();
  if (!o.decoupled && o.wd !== 0) grad = grad.add(p, { alpha: o.wd });
  if (o.decoupled) p.mul_(1 - o.lr * o.wd);
  const expAvg: T = state._map.get("exp_avg"), expAvgSq: T = state._map.get("exp_avg_sq");
  expAvg.mul_(o.beta1).add_(grad, { alpha: 1 - o.beta1 });
  // addcmul_(grad, grad, value=1-beta2): no addcmul kernel, the product is one more GPU op
  expAvgSq.mul_(o.beta2).add_(grad.mul(grad), { alpha: 1 - o.beta2 });
  const bc1 = 1 - pyPow(o.beta1, step);
  const bc2 = 1 - pyPow(o.beta2, step);
  const stepSize = o.lr / bc1;
  const bc2sqrt = Math.sqrt(bc2);
  let sq = expAvgSq;
  if (o.amsgrad) {
    const mx: T = state._map.get("max_exp_avg_sq");
    mx.copy_(mx.maximum(expAvgSq));
    sq = mx;
  }
  const denom = sq.sqrt().div(bc2sqrt).add(o.eps);
  p.add_(expAvg.div(denom), { alpha: -stepSize });
}

export { zerosLike };

/** _single_tensor_rmsprop for one device parameter (state tensors already on the device). */
export function rmspropDevice(
  p: T, state: PyDict<string, any>,
  o: { lr: number; alpha: number; eps: number; wd: number; momentum: number; centered: boolean; maximize: boolean },
): void {
  let grad: T = p.grad!;
  if (o.maximize) grad = grad.neg();
  if (o.wd !== 0) grad = grad.add(p, { alpha: o.wd });
  const sq: T = state._map.get("square_avg");
  sq.mul_(o.alpha).add_(grad.mul(grad), { alpha: 1 - o.alpha });
  let avg: T;
  if (o.centered) {
    const ga: T = state._map.get("grad_avg");
    ga.mul_(o.alpha).add_(grad, { alpha: 1 - o.alpha });
    avg = sq.sub(ga.mul(ga)).sqrt().add(o.eps);
  } else avg = sq.sqrt().add(o.eps);
  if (o.momentum > 0) {
    const buf: T = state._map.get("momentum_buffer");
    buf.mul_(o.momentum).add_(grad.div(avg));
    p.add_(buf, { alpha: -o.lr });
  } else p.add_(grad.div(avg), { alpha: -o.lr });
}

/** _single_tensor_adagrad for one device parameter. */
export function adagradDevice(p: T, sum: T, step: number, o: { lr: number; wd: number; lrDecay: number; eps: number; maximize: boolean }): void {
  let grad: T = p.grad!;
  if (o.maximize) grad = grad.neg();
  if (o.wd !== 0) grad = grad.add(p, { alpha: o.wd });
  const clr = o.lr / (1 + (step - 1) * o.lrDecay);
  sum.add_(grad.mul(grad));
  p.add_(grad.div(sum.sqrt().add(o.eps)), { alpha: -clr });
}

/** A device tensor like p filled with v (Adagrad's initial accumulator). */
export function fullLike(p: T, v: number): T {
  return filledOn(p._shape.slice(), p.dtype, v, p.device, p._dialect);
}
