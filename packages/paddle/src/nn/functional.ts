// paddle.nn.functional (import F from "@tsgrad/paddle/nn/functional"): Paddle's names and
// arguments (x, axis, label, soft_label) over @tsgrad/nn's functional ops.
//
// cross_entropy follows Paddle 2.0 (python/paddle/nn/functional/loss.py): input [N, ..., C]
// (softmax over `axis`, default -1); a hard label is int64 of shape [N, ..., 1] or [N, ...];
// soft_label=True takes a label of the input's shape; weight and ignore_index apply to hard
// labels; reduction 'mean' divides by the summed weights of the counted labels. A reduced loss
// has shape [1].

import { Tensor, float32 } from "@tsgrad/core";
import * as TF from "@tsgrad/nn/functional";
import { ValueError } from "@tsgrad/py";
import { bind, required } from "../args.ts";
import { inPaddle } from "../creation.ts";
import "./core_mode.ts";

type T = Tensor;
const X: [string, unknown] = ["x", required];
const NAME: [string, unknown] = ["name", null];
const asOne = (t: T) => (t._shape.length === 0 ? t.reshape([1]) : t);
const pair = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : [Number(v), Number(v)]);

function fn(name: string, params: Array<[string, unknown]>, impl: (...a: any[]) => unknown) {
  return (...args: unknown[]) => inPaddle(() => impl(...bind(name, [...params, NAME], args)));
}

export const relu = fn("relu", [X], (x: T) => x.relu());
export const sigmoid = fn("sigmoid", [X], (x: T) => x.sigmoid());
export const tanh = fn("tanh", [X], (x: T) => x.tanh());
export const softmax = fn("softmax", [X, ["axis", -1], ["dtype", null]], (x: T, axis) => x.softmax(Number(axis)));
export const log_softmax = fn("log_softmax", [X, ["axis", -1], ["dtype", null]], (x: T, axis) => x.log_softmax(Number(axis)));
export const dropout = fn("dropout", [X, ["p", 0.5], ["axis", null], ["training", true], ["mode", "upscale_in_train"]], (x: T, p, _a, training) =>
  TF.dropout(x, Number(p), Boolean(training)),
);
/** Paddle's weight is [in_features, out_features]. */
export const linear = fn("linear", [X, ["weight", required], ["bias", null]], (x: T, w: T, b: T | null) => {
  const y = x.matmul(w);
  return b === null ? y : y.add(b);
});
export const conv2d = fn(
  "conv2d",
  [X, ["weight", required], ["bias", null], ["stride", 1], ["padding", 0], ["dilation", 1], ["groups", 1], ["data_format", "NCHW"]],
  (x: T, w: T, b: T | null, s, p, d, g) => TF.conv2d(x, w, b, pair(s), pair(p), pair(d), Number(g)),
);
export const max_pool2d = fn(
  "max_pool2d",
  [X, ["kernel_size", required], ["stride", null], ["padding", 0], ["return_mask", false], ["ceil_mode", false], ["data_format", "NCHW"]],
  (x: T, k, s, p, _m, ceil) => TF.max_pool2d(x, pair(k), s === null ? pair(k) : pair(s), pair(p), 1, { ceil_mode: Boolean(ceil) }),
);
export const avg_pool2d = fn(
  "avg_pool2d",
  [X, ["kernel_size", required], ["stride", null], ["padding", 0], ["ceil_mode", false], ["exclusive", true], ["divisor_override", null], ["data_format", "NCHW"]],
  (x: T, k, s, p, ceil, excl) => TF.avg_pool2d(x, pair(k), s === null ? pair(k) : pair(s), pair(p), Boolean(ceil), !excl),
);
export const adaptive_avg_pool2d = fn("adaptive_avg_pool2d", [X, ["output_size", required], ["data_format", "NCHW"]], (x: T, size) =>
  TF.adaptive_avg_pool2d(x, pair(size)),
);
export const mse_loss = fn("mse_loss", [["input", required], ["label", required], ["reduction", "mean"]], (x: T, y: T, r) => asOne(TF.mse_loss(x, y, { reduction: r })));
export const one_hot = fn("one_hot", [X, ["num_classes", required]], (x: T, n) => TF.one_hot(x.long(), Number(n)).to(float32));

export const cross_entropy = fn(
  "cross_entropy",
  [["input", required], ["label", required], ["weight", null], ["ignore_index", -100], ["reduction", "mean"], ["soft_label", false], ["axis", -1], ["use_softmax", true]],
  (input: T, label: T, weight: T | null, ignoreIndex, reduction: string, soft: boolean, axisArg, useSoftmax: boolean) => {
    if (!["sum", "mean", "none"].includes(reduction))
      throw new ValueError(`The value of 'reduction' in softmax_cross_entropyshould be 'sum', 'mean' or 'none', but received ${reduction}, which is not allowed.`);
    const axis = Number(axisArg) < 0 ? Number(axisArg) + input.ndim : Number(axisArg);
    const logp = useSoftmax ? input.log_softmax(axis) : input.log();
    let loss: T;
    if (soft) {
      if (label._shape.join() !== input._shape.join())
        throw new ValueError(`Input(Label) and Input(X) should have the same shape when soft_label is True, but received ${JSON.stringify(label._shape)} and ${JSON.stringify(input._shape)}`);
      loss = label.mul(logp).sum(axis, true).neg();
      if (reduction === "none") return loss;
      return asOne(reduction === "sum" ? loss.sum() : loss.mean());
    }
    let lab = label;
    if (lab.ndim === input.ndim && lab._shape[axis] === 1) lab = lab.squeeze(axis);
    else if (lab.ndim !== input.ndim - 1)
      throw new ValueError(
        `Expected input_dims - 1 = label_dims or input_dims == label_dims (got input_dims${input.ndim}, label_dims${label.ndim})`,
      );
    // nll over the class axis moved to position 1, as torch's nll_loss expects
    const lp = axis === 1 ? logp : logp.movedim(axis, 1);
    const per = TF.nll_loss(lp, lab.long(), weight, { ignore_index: Number(ignoreIndex), reduction: "none" });
    if (reduction === "none") return per.unsqueeze(per.ndim);
    if (reduction === "sum") return asOne(per.sum());
    if (weight === null && Number(ignoreIndex) < 0) return asOne(per.mean());
    return asOne(TF.nll_loss(lp, lab.long(), weight, { ignore_index: Number(ignoreIndex), reduction: "mean" }));
  },
);
export const softmax_with_cross_entropy = (logits: T, label: T, kw: Record<string, unknown> = {}) =>
  cross_entropy(logits, label, { reduction: "none", ...(kw.soft_label ? { soft_label: true } : {}) });

const F = {
  relu, sigmoid, tanh, softmax, log_softmax, dropout, linear, conv2d, max_pool2d, avg_pool2d, adaptive_avg_pool2d, mse_loss, one_hot,
  cross_entropy, softmax_with_cross_entropy,
};
export default F;
