// torch.nn.functional: Python's argument handling in front of the ops (the ops take fully
// normalised arguments: lists for sizes, strings for reductions).

import { Tensor, ops, int64, dropout as coreDropout } from "@tsgrad/core";
import { RuntimeError, NotImplementedError, ValueError, TypeError as PyTypeError, warnings, UserWarning } from "@tsgrad/py";
import { parseArgs, ntuple } from "../args.ts";
import { checkReduction, isT, numel, sizeText, type T } from "./util.ts";
import "./ops_activation.ts";
import "./ops_loss.ts";
import { convOp } from "./ops_conv.ts";
import { maxPool } from "./ops_pool.ts";
import "./ops_norm.ts";
import { padOp, embeddingOp } from "./ops_misc.ts";
import { edgePad, circularPad } from "./ops_pad.ts";
import * as FX from "./extra.ts";
export { prelu, dropout1d, dropout2d, cosine_similarity, pairwise_distance } from "./extra.ts";

const call = (name: string, ...args: unknown[]) => ops[name].call(...args) as any;

/** PyTorch's legacy size_average/reduce arguments folded into `reduction`. */
function reductionOf(a: Record<string, any>): string {
  if (a.size_average != null || a.reduce != null) {
    const sa = a.size_average ?? true;
    const rd = a.reduce ?? true;
    return !rd ? "none" : sa ? "mean" : "sum";
  }
  return checkReduction(a.reduction);
}

// ---- activations ----------------------------------------------------------------------------------

export function relu(...args: unknown[]): T {
  const a = parseArgs("relu", ["input", ["inplace", false]], args);
  return a.inplace ? a.input.relu_() : a.input.relu();
}
export function leaky_relu(...args: unknown[]): T {
  const a = parseArgs("leaky_relu", ["input", ["negative_slope", 0.01], ["inplace", false]], args);
  return call("leaky_relu", a.input, a.negative_slope);
}
export function elu(...args: unknown[]): T {
  const a = parseArgs("elu", ["input", ["alpha", 1.0], ["inplace", false]], args);
  return call("elu", a.input, a.alpha);
}
export function gelu(...args: unknown[]): T {
  const a = parseArgs("gelu", ["input", "*", ["approximate", "none"]], args);
  return call("gelu", a.input, { approximate: a.approximate });
}
export function silu(...args: unknown[]): T {
  const a = parseArgs("silu", ["input", ["inplace", false]], args);
  return call("silu", a.input);
}
export function softplus(...args: unknown[]): T {
  const a = parseArgs("softplus", ["input", ["beta", 1], ["threshold", 20]], args);
  return call("softplus", a.input, a.beta, a.threshold);
}
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;
export function selu(...args: unknown[]): T {
  const a = parseArgs("selu", ["input", ["inplace", false]], args);
  return call("elu", a.input, SELU_ALPHA, SELU_SCALE, 1);
}
export function celu(...args: unknown[]): T {
  const a = parseArgs("celu", ["input", ["alpha", 1.0], ["inplace", false]], args);
  return call("celu", a.input, a.alpha);
}
export function logsigmoid(input: T): T {
  return call("log_sigmoid", input);
}
export function mish(...args: unknown[]): T {
  const a = parseArgs("mish", ["input", ["inplace", false]], args);
  return call("mish", a.input);
}
export function hardswish(...args: unknown[]): T {
  const a = parseArgs("hardswish", ["input", ["inplace", false]], args);
  return call("hardswish", a.input);
}
export function hardsigmoid(...args: unknown[]): T {
  const a = parseArgs("hardsigmoid", ["input", ["inplace", false]], args);
  return call("hardsigmoid", a.input);
}
export function hardtanh(...args: unknown[]): T {
  const a = parseArgs("hardtanh", ["input", ["min_val", -1.0], ["max_val", 1.0], ["inplace", false]], args);
  return call("hardtanh", a.input, a.min_val, a.max_val);
}
export function relu6(...args: unknown[]): T {
  const a = parseArgs("relu6", ["input", ["inplace", false]], args);
  return call("hardtanh", a.input, 0, 6);
}
export function softsign(input: T): T {
  return input.div(input.abs().add(1));
}
export function tanhshrink(input: T): T {
  return input.sub(input.tanh());
}
export function glu(...args: unknown[]): T {
  const a = parseArgs("glu", ["input", ["dim", -1]], args);
  return call("glu", a.input, a.dim);
}
export function sigmoid(input: T): T {
  return input.sigmoid();
}
export function tanh(input: T): T {
  return input.tanh();
}
/** PyTorch's implicit softmax dim for dim=None (with its deprecation warning). */
function softmaxDim(name: string, ndim: number): number {
  warnings.warn(`Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`, UserWarning);
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}
export function softmax(...args: unknown[]): T {
  const a = parseArgs("softmax", ["input", ["dim", null], ["_stacklevel", 3], ["dtype", null]], args);
  const dim = a.dim ?? softmaxDim("softmax", a.input.ndim);
  return a.dtype ? a.input.softmax(dim, { dtype: a.dtype }) : a.input.softmax(dim);
}
export function log_softmax(...args: unknown[]): T {
  const a = parseArgs("log_softmax", ["input", ["dim", null], ["_stacklevel", 3], ["dtype", null]], args);
  const dim = a.dim ?? softmaxDim("log_softmax", a.input.ndim);
  return a.dtype ? a.input.log_softmax(dim, { dtype: a.dtype }) : a.input.log_softmax(dim);
}
export function dropout(...args: unknown[]): T {
  const a = parseArgs("dropout", ["input", ["p", 0.5], ["training", true], ["inplace", false]], args);
  return coreDropout(a.input, a.p, a.training, a.inplace);
}

// ---- linear -----------------------------------------------------------------------------------

export function linear(...args: unknown[]): T {
  const a = parseArgs("linear", ["input", "weight", ["bias", null]], args);
  const x = a.input as T;
  const w = a.weight as T;
  const b = a.bias as T | null;
  // OneFlow's linear (nn/modules/linear.py): `res = flow._C.matmul(x, w, transpose_b=True);
  // res += bias`, so the output's node is the bias add's (broadcast_add_backward) or matmul's
  if (x._dialect.gradNames === "oneflow") {
    const res = x.matmul(w.t());
    return b !== null ? res.add(b) : res;
  }
  // PyTorch's linear: addmm for 2-D input with bias (and for contiguous 3-D input, viewed as
  // 2-D and back), else matmul (+ bias)
  if (x.ndim === 2 && b !== null) return ops.addmm.call(b, x, w.t()) as T;
  if (x.ndim === 3 && b !== null && x.is_contiguous()) {
    const [s0, s1, s2] = x._shape;
    const out = ops.addmm.call(b, x.view([s0 * s1, s2]), w.t()) as T;
    return out.view([s0, s1, out._shape[1]]);
  }
  const out = x.matmul(w.t());
  return b !== null ? out.add(b) : out;
}

export function bilinear(...args: unknown[]): T {
  const a = parseArgs("bilinear", ["input1", "input2", "weight", ["bias", null]], args);
  const x1 = a.input1 as T;
  const x2 = a.input2 as T;
  const w = a.weight as T;
  const [O, I, J] = w._shape;
  // y[n,o] = sum_ij x1[n,i] W[o,i,j] x2[n,j]
  const lead = x1._shape.slice(0, -1);
  const t = x1.reshape([-1, I]).matmul(w.permute(1, 0, 2).reshape([I, O * J])).view([-1, O, J]);
  let y = t.mul(x2.reshape([-1, 1, J])).sum(-1).view([...lead, O]);
  if (a.bias !== null) y = y.add(a.bias);
  return y;
}

// ---- convolution ------------------------------------------------------------------------------

function convNd(nd: 1 | 2, name: string, args: unknown[]): T {
  const a = parseArgs(name, ["input", "weight", ["bias", null], ["stride", 1], ["padding", 0], ["dilation", 1], ["groups", 1]], args);
  let x = a.input as T;
  const w = a.weight as T;
  const expect = nd + 2;
  if (x.ndim !== expect && x.ndim !== expect - 1)
    throw new RuntimeError(`Expected ${expect - 1}D (unbatched) or ${expect}D (batched) input to ${name}, but got input of size: [${x._shape.join(", ")}]`);
  const unbatched = x.ndim === expect - 1;
  if (unbatched) x = x.unsqueeze(0);
  const stride = ntuple(a.stride, nd);
  const dilation = ntuple(a.dilation, nd);
  const groups = Number(a.groups);
  const k = w._shape.slice(2);
  let padding: number[];
  if (a.padding === "same") {
    if (stride.some((s) => s !== 1)) throw new ValueError("padding='same' is not supported for strided convolutions");
    padding = k.map((kk, i) => Math.floor((dilation[i] * (kk - 1)) / 2));
    // odd total padding: PyTorch pads the extra on the right before convolving
    const extra = k.map((kk, i) => (dilation[i] * (kk - 1)) % 2);
    if (extra.some((e) => e !== 0)) {
      const pads: number[] = [];
      for (let i = nd - 1; i >= 0; i--) pads.push(0, extra[i]);
      x = padOp.call(x, pads, 0) as T;
    }
  } else if (a.padding === "valid") padding = new Array(nd).fill(0);
  else padding = ntuple(a.padding, nd);
  const C = x._shape[1];
  if (w._shape[1] * groups !== C)
    throw new RuntimeError(
      `Given groups=${groups}, weight of size [${w._shape.join(", ")}], expected input[${x._shape.join(", ")}] to have ${w._shape[1] * groups} channels, but got ${C} channels instead`,
    );
  const spatial = x._shape.slice(2);
  const padded = spatial.map((s, i) => s + 2 * padding[i]);
  const eff = k.map((kk, i) => dilation[i] * (kk - 1) + 1);
  if (padded.some((p, i) => p < eff[i]))
    throw new RuntimeError(
      `Calculated padded input size per channel: (${padded.join(" x ")}). Kernel size: (${eff.join(" x ")}). Kernel size can't be greater than actual input size`,
    );
  let out: T;
  out = convOp.call(x, w, a.bias, stride, padding, dilation, false, new Array(nd).fill(0), groups) as T;
  return unbatched ? out.squeeze(0) : out;
}
export function conv1d(...args: unknown[]): T {
  return convNd(1, "conv1d", args);
}
export function conv2d(...args: unknown[]): T {
  return convNd(2, "conv2d", args);
}
export function conv_transpose2d(...args: unknown[]): T {
  const a = parseArgs("conv_transpose2d", ["input", "weight", ["bias", null], ["stride", 1], ["padding", 0], ["output_padding", 0], ["groups", 1], ["dilation", 1]], args);
  let x = a.input as T;
  const unbatched = x.ndim === 3;
  if (unbatched) x = x.unsqueeze(0);
  const out = convOp.call(x, a.weight, a.bias, ntuple(a.stride, 2), ntuple(a.padding, 2), ntuple(a.dilation, 2), true, ntuple(a.output_padding, 2), Number(a.groups)) as T;
  return unbatched ? out.squeeze(0) : out;
}

// ---- pooling ----------------------------------------------------------------------------------

function poolArgs(name: string, args: unknown[]) {
  return parseArgs(name, ["input", "kernel_size", ["stride", null], ["padding", 0], ["dilation", 1], ["ceil_mode", false], ["return_indices", false]], args);
}
export function max_pool2d(...args: unknown[]): any {
  const a = poolArgs("max_pool2d", args);
  const k = ntuple(a.kernel_size, 2);
  const s = a.stride === null || (Array.isArray(a.stride) && a.stride.length === 0) ? k : ntuple(a.stride, 2);
  const [out, idx] = maxPool.call(a.input, k, s, ntuple(a.padding, 2), ntuple(a.dilation, 2), a.ceil_mode) as T[];
  return a.return_indices ? tuple2(out, idx) : out;
}
export function max_pool1d(...args: unknown[]): any {
  const a = poolArgs("max_pool1d", args);
  const k = ntuple(a.kernel_size, 1)[0];
  const s = a.stride === null ? k : ntuple(a.stride, 1)[0];
  const [out, idx] = maxPool.call(a.input.unsqueeze(-2), [1, k], [1, s], [0, ntuple(a.padding, 1)[0]], [1, ntuple(a.dilation, 1)[0]], a.ceil_mode) as T[];
  return a.return_indices ? tuple2(out.squeeze(-2), idx.squeeze(-2)) : out.squeeze(-2);
}
export function avg_pool2d(...args: unknown[]): T {
  const a = parseArgs("avg_pool2d", ["input", "kernel_size", ["stride", null], ["padding", 0], ["ceil_mode", false], ["count_include_pad", true], ["divisor_override", null]], args);
  const k = ntuple(a.kernel_size, 2);
  const s = a.stride === null ? k : ntuple(a.stride, 2);
  return call("avg_pool2d", a.input, k, s, ntuple(a.padding, 2), a.ceil_mode, a.count_include_pad, a.divisor_override);
}
export function adaptive_avg_pool2d(...args: unknown[]): T {
  const a = parseArgs("adaptive_avg_pool2d", ["input", "output_size"], args);
  const x = a.input as T;
  const size = ntuple(a.output_size, 2).map((v, i) => (v === null || Number.isNaN(v) ? x._shape[x.ndim - 2 + i] : v));
  // PyTorch takes the mean for a 1x1 output (MeanBackward1)
  if (size[0] === 1 && size[1] === 1) return x.mean([-1, -2], true);
  return call("adaptive_avg_pool2d", x, size);
}

function tuple2(a: unknown, b: unknown): any {
  const t: any = new (class extends Array {})();
  t.push(a, b);
  return t;
}

// ---- normalisation ----------------------------------------------------------------------------

export function batch_norm(...args: unknown[]): T {
  const a = parseArgs("batch_norm", ["input", "running_mean", "running_var", ["weight", null], ["bias", null], ["training", false], ["momentum", 0.1], ["eps", 1e-5]], args);
  const x = a.input as T;
  if (a.training) {
    const size = x._shape;
    let per = 1;
    for (let i = 0; i < size.length; i++) if (i !== 1) per *= size[i];
    if (per === 1) throw new ValueError(`Expected more than 1 value per channel when training, got input size ${sizeText(size)}`);
  }
  const [y] = call("native_batch_norm", x, a.weight, a.bias, a.running_mean, a.running_var, a.training, a.momentum, a.eps) as T[];
  return y;
}
export function layer_norm(...args: unknown[]): T {
  const a = parseArgs("layer_norm", ["input", "normalized_shape", ["weight", null], ["bias", null], ["eps", 1e-5]], args);
  const x = a.input as T;
  const shape: number[] = Array.isArray(a.normalized_shape) ? a.normalized_shape.map(Number) : [Number(a.normalized_shape)];
  const tail = x._shape.slice(x.ndim - shape.length);
  if (x.ndim < shape.length || tail.some((s, i) => s !== shape[i]))
    throw new RuntimeError(`Given normalized_shape=[${shape.join(", ")}], expected input with shape [*, ${shape.join(", ")}], but got input of size[${x._shape.join(", ")}]`);
  const [y] = call("native_layer_norm", x, shape, a.weight, a.bias, a.eps) as T[];
  return y;
}
export function group_norm(...args: unknown[]): T {
  const a = parseArgs("group_norm", ["input", "num_groups", ["weight", null], ["bias", null], ["eps", 1e-5]], args);
  const x = a.input as T;
  if (x._shape[1] % a.num_groups !== 0)
    throw new RuntimeError(`Expected number of channels in input to be divisible by num_groups, but got input of shape [${x._shape.join(", ")}] and num_groups=${a.num_groups}`);
  const [y] = call("native_group_norm", x, a.weight, a.bias, Number(a.num_groups), a.eps) as T[];
  return y;
}

// ---- misc -------------------------------------------------------------------------------------

export function pad(...args: unknown[]): T {
  const a = parseArgs("pad", ["input", "pad", ["mode", "constant"], ["value", null]], args);
  // 1.13's at::pad (PadNd.cpp): the checks in its order, then the mode's op
  const x = a.input as T;
  const p = (a.pad as number[]).map(Number);
  const mode = a.mode as string;
  if (mode !== "constant" && mode !== "reflect" && mode !== "replicate" && mode !== "circular")
    throw new NotImplementedError(`Unrecognised padding mode ${mode}`);
  if (p.length % 2 !== 0) throw new RuntimeError("Padding length must be divisible by 2");
  if (p.length > x.ndim * 2) throw new RuntimeError("Padding length too large");
  if (mode === "constant") return padOp.call(x, p, a.value ?? 0) as T;
  if (a.value !== null && Number(a.value) !== 0) throw new RuntimeError(`Padding mode "${mode}" doesn't take in value argument`);
  const k = p.length / 2;
  if (k >= 1 && k <= 3 && (x.ndim === k + 1 || x.ndim === k + 2)) return mode === "circular" ? circularPad(x, p) : edgePad(x, p, mode as "reflect" | "replicate");
  throw new NotImplementedError("Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now");
}
export function one_hot(...args: unknown[]): T {
  const a = parseArgs("one_hot", ["tensor", ["num_classes", -1]], args);
  const t = a.tensor as T;
  if (t.dtype !== int64) throw new RuntimeError("one_hot is only applicable to index tensor.");
  const v = t._contiguousValues();
  let n = Number(a.num_classes);
  if (n === -1) {
    n = 0;
    for (let i = 0; i < v.length; i++) n = Math.max(n, Number(v[i]) + 1);
  }
  const out = Tensor.empty([...t._shape, n], int64, t._dialect);
  const o = out._storage as any;
  for (let i = 0; i < v.length; i++) {
    const c = Number(v[i]);
    if (c < 0) throw new RuntimeError("Class values must be non-negative.");
    if (c >= n) throw new RuntimeError("Class values must be smaller than num_classes.");
    o[i * n + c] = typeof o[0] === "bigint" ? 1n : 1;
  }
  return out;
}
export function embedding(...args: unknown[]): T {
  const a = parseArgs("embedding", ["input", "weight", ["padding_idx", null], ["max_norm", null], ["norm_type", 2.0], ["scale_grad_by_freq", false], ["sparse", false]], args);
  let p = a.padding_idx === null ? -1 : Number(a.padding_idx);
  if (p < 0 && a.padding_idx !== null) p += a.weight._shape[0];
  return embeddingOp.call(a.weight, a.input, p, a.scale_grad_by_freq, a.sparse) as T;
}

// ---- losses -----------------------------------------------------------------------------------

const lossSpec = ["input", "target", ["size_average", null], ["reduce", null], ["reduction", "mean"]] as const;

function checkSize(name: string, x: T, y: T): void {
  const same = x.ndim === y.ndim && x._shape.every((s, i) => s === y._shape[i]);
  if (!same)
    warnings.warn(
      `Using a target size (${sizeText(y._shape)}) that is different to the input size (${sizeText(x._shape)}). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`,
      UserWarning,
    );
  void name;
}

export function mse_loss(...args: unknown[]): T {
  const a = parseArgs("mse_loss", lossSpec, args);
  checkSize("mse_loss", a.input, a.target);
  let [x, y] = [a.input as T, a.target as T];
  if (x.dtype !== y.dtype) {
    const d = ops.result_type ? null : null;
    void d;
  }
  return call("mse_loss", x, y, reductionOf(a));
}
export function l1_loss(...args: unknown[]): T {
  const a = parseArgs("l1_loss", lossSpec, args);
  checkSize("l1_loss", a.input, a.target);
  const d = (a.input as T).sub(a.target).abs();
  const r = reductionOf(a);
  return r === "none" ? d : r === "sum" ? d.sum() : d.mean();
}
export function smooth_l1_loss(...args: unknown[]): T {
  const a = parseArgs("smooth_l1_loss", [...lossSpec, ["beta", 1.0]], args);
  checkSize("smooth_l1_loss", a.input, a.target);
  return call("smooth_l1_loss", a.input, a.target, reductionOf(a), a.beta);
}
export function huber_loss(...args: unknown[]): T {
  const a = parseArgs("huber_loss", ["input", "target", ["reduction", "mean"], ["delta", 1.0]], args);
  checkSize("huber_loss", a.input, a.target);
  return call("huber_loss", a.input, a.target, checkReduction(a.reduction), a.delta);
}

function checkBatch(x: T, t: T): void {
  if (x.ndim >= 2 && t.ndim >= 1 && x._shape[0] !== t._shape[0])
    throw new ValueError(`Expected input batch_size (${x._shape[0]}) to match target batch_size (${t._shape[0]}).`);
}

export function nll_loss(...args: unknown[]): T {
  const a = parseArgs("nll_loss", ["input", "target", ["weight", null], ["size_average", null], ["ignore_index", -100], ["reduce", null], ["reduction", "mean"]], args);
  checkBatch(a.input, a.target);
  return call("nll_loss", a.input, a.target, a.weight, reductionOf(a), Number(a.ignore_index));
}

export function cross_entropy(...args: unknown[]): T {
  const a = parseArgs(
    "cross_entropy",
    ["input", "target", ["weight", null], ["size_average", null], ["ignore_index", -100], ["reduce", null], ["reduction", "mean"], ["label_smoothing", 0.0]],
    args,
  );
  const x = a.input as T;
  const t = a.target as T;
  const w = a.weight as T | null;
  const r = reductionOf(a);
  const ls = Number(a.label_smoothing);
  const ignore = Number(a.ignore_index);
  const classDim = x.ndim === 1 ? 0 : 1;
  const C = x._shape[classDim];
  const logp = x.log_softmax(classDim);
  const sameShape = x.ndim === t.ndim && x._shape.every((s, i) => s === t._shape[i]);
  // ATen's cross_entropy_loss_prob_target / _label_smoothing, node for node: its C++ `x / n`
  // and `(1 - ls) * loss` take a c10::Scalar (DivBackward1, MulBackward1), hence callScalar
  const wv = w !== null ? w.view(weightShape(x.ndim, classDim, C)) : null;
  if (sameShape && t.is_floating_point()) {
    // class probabilities
    let target = t;
    if (ls > 0) target = target.mul(1 - ls).add(ls / C);
    let prod = logp.mul(target);
    if (wv !== null) prod = prod.mul(wv);
    if (r === "none") return prod.sum(classDim).neg();
    if (r === "sum") return prod.sum().neg();
    return ops.div.callScalar(prod.sum().neg(), x.numel() / C) as T;
  }
  checkBatch(x, t);
  const nll = call("nll_loss", logp, t, w, r, ignore) as T;
  // OneFlow's CrossEntropyFunctor reshapes the per-sample losses to the target's shape before
  // reducing them (nn_functor.cpp), so reduction='none' ends in that reshape's node
  if (r === "none" && x._dialect.gradNames === "oneflow" && nll._grad_fn) (nll._grad_fn as any)._name = "view::reshape_backward";
  if (ls <= 0) return nll;
  let smooth = (wv !== null ? logp.mul(wv) : logp).sum(classDim).neg();
  const ignoreMask = t.eq(ignore);
  smooth = ops.index_put.call(smooth, [ignoreMask], Tensor.empty([], smooth.dtype, smooth._dialect).zero_(), false) as T;
  let ret: T;
  if (r === "mean") {
    if (w !== null) {
      const kept = t.masked_select(ignoreMask.logical_not()).flatten();
      ret = smooth.sum().div(w.gather(0, kept).sum());
    } else ret = smooth.masked_select(ignoreMask.logical_not()).mean();
  } else ret = r === "sum" ? smooth.sum() : smooth;
  return (ops.mul.callScalar(nll, 1 - ls) as T).add(ops.mul.callScalar(ret, ls / C) as T);
}
function weightShape(nd: number, classDim: number, C: number): number[] {
  const s = new Array(nd).fill(1);
  s[classDim] = C;
  return s;
}

export function binary_cross_entropy(...args: unknown[]): T {
  const a = parseArgs("binary_cross_entropy", ["input", "target", ["weight", null], ["size_average", null], ["reduce", null], ["reduction", "mean"]], args);
  const x = a.input as T;
  const y = a.target as T;
  if (!(x.ndim === y.ndim && x._shape.every((s, i) => s === y._shape[i])))
    throw new ValueError(
      `Using a target size (${sizeText(y._shape)}) that is different to the input size (${sizeText(x._shape)}) is deprecated. Please ensure they have the same size.`,
    );
  return call("binary_cross_entropy", x, y, a.weight, reductionOf(a));
}
export function binary_cross_entropy_with_logits(...args: unknown[]): T {
  const a = parseArgs(
    "binary_cross_entropy_with_logits",
    ["input", "target", ["weight", null], ["size_average", null], ["reduce", null], ["reduction", "mean"], ["pos_weight", null]],
    args,
  );
  const x = a.input as T;
  const y = a.target as T;
  if (!(x.ndim === y.ndim && x._shape.every((s, i) => s === y._shape[i])))
    throw new ValueError(`Target size (${sizeText(y._shape)}) must be the same as input size (${sizeText(x._shape)})`);
  return call("binary_cross_entropy_with_logits", x, y, a.weight, a.pos_weight, reductionOf(a));
}
export function kl_div(...args: unknown[]): T {
  const a = parseArgs("kl_div", ["input", "target", ["size_average", null], ["reduce", null], ["reduction", "mean"], ["log_target", false]], args);
  const x = a.input as T;
  const t = a.target as T;
  const r = a.size_average != null || a.reduce != null ? reductionOf(a) : a.reduction;
  if (r === "mean")
    warnings.warn(
      "reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the same as 'batchmean' in the next major release.",
      UserWarning,
    );
  const out = a.log_target ? t.exp().mul(t.sub(x)) : t.mul(t.log()).masked_fill(t.eq(0), 0).sub(t.mul(x));
  if (r === "batchmean") return x.ndim !== 0 ? out.sum().div(x._shape[0]) : out.sum();
  if (r === "mean") return out.mean();
  if (r === "sum") return out.sum();
  return out;
}

/** F.normalize(input, p=2.0, dim=1, eps=1e-12): input / max(||input||_p over dim, eps), as
 *  PyTorch 1.13's functional.py computes it (norm keepdim, clamp_min, expand_as, div). */
export function normalize(...args: unknown[]): T {
  const a = parseArgs("normalize", ["input", ["p", 2.0], ["dim", 1], ["eps", 1e-12], ["out", null]], args);
  const x = a.input as T;
  const denom = (x as any).norm(a.p, a.dim, { keepdim: true }).clamp({ min: a.eps }).expand_as(x) as T;
  if (a.out != null) return (ops.div as any).call(x, denom, { out: a.out });
  return x.div(denom);
}

void isT;
void numel;
void PyTypeError;

const F = {
  relu, leaky_relu, elu, gelu, silu, sigmoid, tanh, softplus, selu, celu, logsigmoid, mish, hardswish, hardsigmoid, hardtanh,
  relu6, softsign, tanhshrink, glu, softmax, log_softmax, dropout, linear, bilinear, conv1d, conv2d,
  conv_transpose2d, max_pool1d, max_pool2d, avg_pool2d, adaptive_avg_pool2d, batch_norm, layer_norm, group_norm, pad, one_hot,
  embedding, mse_loss, l1_loss, smooth_l1_loss, huber_loss, nll_loss, cross_entropy, binary_cross_entropy,
  binary_cross_entropy_with_logits, kl_div, normalize,
  prelu: FX.prelu, dropout1d: FX.dropout1d, dropout2d: FX.dropout2d, cosine_similarity: FX.cosine_similarity, pairwise_distance: FX.pairwise_distance,
};
export type Functional = typeof F & Record<string, any>;
export default F as Functional;
