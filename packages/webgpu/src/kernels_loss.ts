// Loss ops whose CPU forward loops over values (packages/nn/src/functional/ops_loss.ts), as
// compositions of GPU ops: gather picks the target log-probability, scatter_add spreads the
// gradient back. Nothing here reads values, so a training step never waits for the GPU.
//
// Two things the CPU checks by reading values are done differently:
// - the mean's divisor of nll_loss (the total weight of non-ignored targets) stays a 0-dim GPU
//   tensor, `ctx.totalT`; the op's backward (ops_loss.ts) divides the incoming gradient by it;
// - a target outside [0, C) (not ignore_index) makes its loss NaN instead of raising
//   IndexError (raising would need a read; PyTorch's CUDA kernel asserts on the device).

import { Tensor, filledOn, int64, type Ctx } from "@tsgrad/core";
import { RuntimeError } from "@tsgrad/py";
import { opKernels, onGpu } from "./backend.ts";

type T = Tensor;

function checkNll(x: T, t: T, w: T | null): void {
  if (t.dtype !== int64) throw new RuntimeError(`expected scalar type Long but found ${t.dtype.legacyName.replace(/Tensor$/, "")}`);
  if (x._shape.length < 1) throw new RuntimeError(`input tensor should be 1D or 2D`);
  if (x._shape.length >= 2 && t._shape[0] !== x._shape[0])
    throw new RuntimeError(`Expected input batch_size (${x._shape[0]}) to match target batch_size (${t._shape[0]}).`);
  const C = x._shape.length === 1 ? x._shape[0] : x._shape[1];
  if (w !== null && w.numel() !== C)
    throw new RuntimeError(`weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: [${w._shape.join(", ")}]`);
}

/** A CPU target with a GPU input: PyTorch's mixed-device error (0-dim targets are uploaded). */
function sameDevice(x: T, t: T | null): T | null {
  if (t === null) return null;
  if (t.device !== x.device && t._shape.length !== 0)
    throw new RuntimeError(`Expected all tensors to be on the same device, but found at least two devices, ${x.device} and ${t.device}!`);
  return onGpu(t);
}

interface Picked {
  x2: T; // input as [N, C, ...S]
  idx: T; // clamped target as [N, 1, ...S]
  wt: T; // weight of each target (0 where ignored), [N, ...S]
  bad: T; // target out of range and not ignored, [N, ...S]
}

function pick(x: T, t: T, w: T | null, ignore: number): Picked {
  const oneD = x._shape.length === 1;
  const x2 = oneD ? x.unsqueeze(0) : x;
  const t2 = oneD ? t.reshape([1]) : t;
  const C = x2._shape[1];
  // bigint bounds: a JS number is a Python float, which would make the clamp float32
  const idx = t2.clamp(0n, BigInt(C - 1)).unsqueeze(1);
  const kept = t2.ne(ignore);
  const wt = w === null ? kept.to(x.dtype) : w.gather(0, idx.flatten()).view(t2._shape).mul(kept);
  const bad = t2.lt(0).logical_or(t2.ge(C)).logical_and(kept);
  return { x2, idx, wt, bad };
}

opKernels.nll_loss = (ctx: Ctx, bound: unknown[]) => {
  const [x, tIn, wIn, reduction, ignoreIn] = bound as [T, T, T | null, string, number];
  const t = sameDevice(x, tIn)!, w = sameDevice(x, wIn);
  checkNll(x, t, w);
  const { x2, idx, wt, bad } = pick(x, t, w, Number(ignoreIn));
  let loss = x2.gather(1, idx).squeeze(1).mul(wt).neg().masked_fill(bad, NaN);
  if (x._shape.length === 1) loss = loss.reshape([]);
  if (reduction === "none") return loss;
  if (reduction === "sum") return loss.sum();
  const total = wt.sum();
  if (ctx.op) ctx.totalT = total;
  return loss.sum().div(total);
};

opKernels.nll_loss_backward = (_ctx: Ctx, bound: unknown[]) => {
  const [g, x, tIn, wIn, reduction, ignore, total] = bound as [T, T, T, T | null, string, number, number];
  const t = onGpu(tIn), w = wIn === null ? null : onGpu(wIn);
  const { x2, idx, wt } = pick(x, t, w, Number(ignore));
  // none: one incoming gradient per target; sum/mean: one for all (the mean's division by the
  // total weight already happened in the caller when the total is a GPU tensor)
  let gk = reduction === "none" ? (x._shape.length === 1 ? g.reshape([1]) : g) : reduction === "mean" ? g.div(Number(total)) : g;
  const val = wt.neg().mul(gk).unsqueeze(1);
  const zeros = filledOn(x2._shape.slice(), x.dtype, 0, x.device, x._dialect);
  const out = zeros.scatter_add(1, idx, val);
  return x._shape.length === 1 ? out.reshape(x._shape.slice()) : out;
};

opKernels.mse_loss = (ctx: Ctx, bound: unknown[]) => {
  const [x, y, reduction] = bound as [T, T, string];
  const d = x.sub(y);
  if (ctx.op) ctx.save_for_backward(d);
  const sq = d.mul(d);
  return reduction === "none" ? sq : reduction === "sum" ? sq.sum() : sq.mean();
};
