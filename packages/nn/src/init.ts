// torch.nn.init: in-place initialisers, each under no_grad, drawing from the core generator
// (tensor.uniform_ / normal_) so a seeded model matches PyTorch's when the RNG is bit-exact.

import { Tensor, no_grad, float32 } from "@tsgrad/core";
import { UserWarning, ValueError, warnings } from "@tsgrad/py";
import { parseArgs } from "./args.ts";
import { erf, erfinvFloat, erfinvDouble } from "./erfinv.ts";

type T = Tensor;

export function calculate_gain(nonlinearity: string, param: number | null = null): number {
  const linear = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d"];
  if (linear.includes(nonlinearity) || nonlinearity === "sigmoid") return 1;
  if (nonlinearity === "tanh") return 5.0 / 3;
  if (nonlinearity === "relu") return Math.sqrt(2.0);
  if (nonlinearity === "leaky_relu") {
    let slope = 0.01;
    if (param !== null && param !== undefined) {
      if (typeof param !== "number") throw new ValueError(`negative_slope ${param} not a valid number`);
      slope = param;
    }
    return Math.sqrt(2.0 / (1 + slope * slope));
  }
  if (nonlinearity === "selu") return 3.0 / 4;
  throw new ValueError(`Unsupported nonlinearity ${nonlinearity}`);
}

export function _calculate_fan_in_and_fan_out(tensor: T): [number, number] {
  if (tensor.ndim < 2) throw new ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  let receptive = 1;
  for (const s of tensor._shape.slice(2)) receptive *= s;
  return [tensor._shape[1] * receptive, tensor._shape[0] * receptive];
}

function fanOf(tensor: T, mode: string): number {
  if (mode !== "fan_in" && mode !== "fan_out") throw new ValueError(`Mode ${mode} not supported, please use one of fan_in, fan_out`);
  const [fi, fo] = _calculate_fan_in_and_fan_out(tensor);
  return mode === "fan_in" ? fi : fo;
}

export function uniform_(...args: unknown[]): T {
  const a = parseArgs("uniform_", ["tensor", ["a", 0.0], ["b", 1.0]], args);
  return no_grad(() => a.tensor.uniform_(a.a, a.b));
}
export function normal_(...args: unknown[]): T {
  const a = parseArgs("normal_", ["tensor", ["mean", 0.0], ["std", 1.0]], args);
  return no_grad(() => a.tensor.normal_(a.mean, a.std));
}
export function constant_(tensor: T, val: number): T {
  return no_grad(() => tensor.fill_(val));
}
export function ones_(tensor: T): T {
  return no_grad(() => tensor.fill_(1));
}
export function zeros_(tensor: T): T {
  return no_grad(() => tensor.zero_());
}
export function eye_(tensor: T): T {
  if (tensor.ndim !== 2) throw new ValueError("Only tensors with 2 dimensions are supported");
  return no_grad(() => {
    tensor.zero_();
    const n = Math.min(tensor._shape[0], tensor._shape[1]);
    for (let i = 0; i < n; i++) tensor.select(0, i).select(0, i).fill_(1);
    return tensor;
  });
}
export function xavier_uniform_(...args: unknown[]): T {
  const a = parseArgs("xavier_uniform_", ["tensor", ["gain", 1.0]], args);
  const [fi, fo] = _calculate_fan_in_and_fan_out(a.tensor);
  const std = a.gain * Math.sqrt(2.0 / (fi + fo));
  const bound = Math.sqrt(3.0) * std;
  return no_grad(() => a.tensor.uniform_(-bound, bound));
}
export function xavier_normal_(...args: unknown[]): T {
  const a = parseArgs("xavier_normal_", ["tensor", ["gain", 1.0]], args);
  const [fi, fo] = _calculate_fan_in_and_fan_out(a.tensor);
  const std = a.gain * Math.sqrt(2.0 / (fi + fo));
  return no_grad(() => a.tensor.normal_(0, std));
}
export function kaiming_uniform_(...args: unknown[]): T {
  const a = parseArgs("kaiming_uniform_", ["tensor", ["a", 0], ["mode", "fan_in"], ["nonlinearity", "leaky_relu"]], args);
  const t = a.tensor as T;
  if (t._shape.includes(0)) return t;
  const fan = fanOf(t, a.mode);
  const std = calculate_gain(a.nonlinearity, a.a) / Math.sqrt(fan);
  const bound = Math.sqrt(3.0) * std;
  return no_grad(() => t.uniform_(-bound, bound));
}
export function kaiming_normal_(...args: unknown[]): T {
  const a = parseArgs("kaiming_normal_", ["tensor", ["a", 0], ["mode", "fan_in"], ["nonlinearity", "leaky_relu"]], args);
  const t = a.tensor as T;
  if (t._shape.includes(0)) return t;
  const std = calculate_gain(a.nonlinearity, a.a) / Math.sqrt(fanOf(t, a.mode));
  return no_grad(() => t.normal_(0, std));
}

/**
 * PyTorch's _no_grad_trunc_normal_: uniform_(2l-1, 2u-1) over the normal CDF of the bounds, then
 * erfinv_, mul_(std*sqrt(2)), add_(mean), clamp_(a, b), each in the tensor's dtype (float32
 * steps round the Python-double scalars to float first, as ATen's CPU kernels do).
 */
export function trunc_normal_(...args: unknown[]): T {
  const p = parseArgs("trunc_normal_", ["tensor", ["mean", 0.0], ["std", 1.0], ["a", -2.0], ["b", 2.0]], args);
  const t = p.tensor as T;
  const mean = Number(p.mean), std = Number(p.std), a = Number(p.a), b = Number(p.b);
  const normCdf = (x: number) => (1 + erf(x / Math.sqrt(2))) / 2;
  if (mean < a - 2 * std || mean > b + 2 * std)
    warnings.warn("mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.", UserWarning);
  return no_grad(() => {
    const l = normCdf((a - mean) / std);
    const u = normCdf((b - mean) / std);
    t.uniform_(2 * l - 1, 2 * u - 1);
    const single = t.dtype === float32;
    const r = single ? Math.fround : (v: number) => v;
    const k = r(std * Math.sqrt(2)), m = r(mean), lo = r(a), hi = r(b);
    const inv = single ? erfinvFloat : erfinvDouble;
    const vals = t._contiguousValues() as ArrayLike<number>;
    const out = new (single ? Float32Array : Float64Array)(vals.length);
    for (let i = 0; i < vals.length; i++) {
      const v = r(r(inv(vals[i]) * k) + m);
      out[i] = v !== v ? v : Math.min(Math.max(v, lo), hi);
    }
    t.copy_(Tensor.fromData(out, t._shape.slice(), t.dtype));
    return t;
  });
}

/** PyTorch's dirac_: zeros, then a 1 at the centre of each kept (out, in) pair per group. */
export function dirac_(...args: unknown[]): T {
  const p = parseArgs("dirac_", ["tensor", ["groups", 1]], args);
  const t = p.tensor as T;
  const dims = t.ndim;
  if (dims < 3 || dims > 5) throw new ValueError("Only tensors with 3, 4, or 5 dimensions are supported");
  const groups = Number(p.groups);
  if (t._shape[0] % groups !== 0) throw new ValueError("dim 0 must be divisible by groups");
  const perGroup = t._shape[0] / groups;
  const minDim = Math.min(perGroup, t._shape[1]);
  return no_grad(() => {
    t.zero_();
    for (let g = 0; g < groups; g++)
      for (let d = 0; d < minDim; d++) {
        let v = t.select(0, g * perGroup + d).select(0, d);
        for (let k = 2; k < dims; k++) v = v.select(0, Math.floor(t._shape[k] / 2));
        v.fill_(1);
      }
    return t;
  });
}

const init = {
  calculate_gain, _calculate_fan_in_and_fan_out, uniform_, normal_, constant_, ones_, zeros_, eye_, xavier_uniform_, xavier_normal_,
  kaiming_uniform_, kaiming_normal_, trunc_normal_, dirac_,
};
export default init;
