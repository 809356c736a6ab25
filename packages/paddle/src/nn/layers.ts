// paddle.nn layers: @tsgrad/nn's Module under Paddle's names, argument conventions and default
// initialisers (paddle/nn/layer/*.py, fluid/initializer.py of 2.0):
//   Linear(in, out): weight [in, out], XavierUniform; bias zeros; y = x @ W + b
//   Conv2D: weight Normal(0, sqrt(2 / (k_h * k_w * in))); bias zeros (bias_attr=False: none)
//   BatchNorm1D/2D/3D: weight ones, bias zeros, buffers _mean / _variance; momentum 0.9 is the
//   running statistics' own weight, biased batch variance (BatchNormBase below)
// Parameters are paddle tensors with stop_gradient=False, printed `Parameter containing:`.

import { Tensor } from "@tsgrad/core";
import { Module, Parameter } from "@tsgrad/nn";
import * as TF from "@tsgrad/nn/functional";
import { bind, pyCallable, required } from "../args.ts";
import { inPaddle } from "../creation.ts";
import { defaultGenerator, fillUniformFloat, NormalFloat } from "../random.ts";
import { paddleDialect } from "@tsgrad/core";
import { ValueError } from "@tsgrad/py";

type T = Tensor;

function makeParam(shape: number[], fill: (s: Float32Array) => void): T {
  const t = Tensor.empty(shape, undefined, paddleDialect);
  const s = t._storage;
  if (s instanceof Float32Array) fill(s);
  else {
    // a float64 default dtype: the same float32 draws, widened
    const tmp = new Float32Array(s.length);
    fill(tmp);
    for (let i = 0; i < s.length; i++) s[i] = tmp[i];
  }
  const p = inPaddle(() => new Parameter(t)) as T;
  p._isParameter = true;
  return p;
}
const zerosParam = (shape: number[]) => makeParam(shape, (s) => s.fill(0));
const onesParam = (shape: number[]) => makeParam(shape, (s) => s.fill(1));
function xavierUniform(shape: number[], fanIn: number, fanOut: number): T {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return makeParam(shape, (s) => fillUniformFloat(defaultGenerator.engine, s, -limit, limit));
}
function normalParam(shape: number[], std: number): T {
  return makeParam(shape, (s) => new NormalFloat(0, std).fill(defaultGenerator.engine, s));
}
const pair = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : [Number(v), Number(v)]);

/** paddle.nn.Layer: Module with Paddle's method names. */
export class Layer extends Module {
  /** Paddle returns a list, not a generator. */
  // @ts-expect-error Paddle returns a list where torch returns a generator
  override parameters(include_sublayers: boolean = true): T[] {
    return [...(Module.prototype as any).parameters.call(this, include_sublayers)];
  }
  sublayers(include_self = false): unknown[] {
    const all = [...(this as any).modules()];
    return include_self ? all : all.slice(1);
  }
  clear_gradients(): void {
    for (const p of this.parameters()) if (p._grad !== null) p._grad._storage.fill(0);
  }
  set_state_dict(state: unknown): unknown {
    return (this as any).load_state_dict(state);
  }
  set_dict(state: unknown): unknown {
    return this.set_state_dict(state);
  }
}

export class Linear extends Layer {
  constructor(...args: unknown[]) {
    super();
    const [inF, outF, , biasAttr] = bind("Linear", [["in_features", required], ["out_features", required], ["weight_attr", null], ["bias_attr", null], ["name", null]], args);
    this.weight = xavierUniform([Number(inF), Number(outF)], Number(inF), Number(outF));
    this.bias = biasAttr === false ? null : zerosParam([Number(outF)]);
    this._in = Number(inF);
    this._out = Number(outF);
  }
  override forward(x: T): T {
    const y = x.matmul(this.weight);
    return this.bias === null ? y : y.add(this.bias);
  }
  override extra_repr(): string {
    return `in_features=${this._in}, out_features=${this._out}, dtype=float32`;
  }
}

export class Conv2D extends Layer {
  constructor(...args: unknown[]) {
    super();
    const [inC, outC, k, stride, padding, dilation, groups, , , biasAttr] = bind(
      "Conv2D",
      [["in_channels", required], ["out_channels", required], ["kernel_size", required], ["stride", 1], ["padding", 0], ["dilation", 1], ["groups", 1], ["padding_mode", "zeros"], ["weight_attr", null], ["bias_attr", null], ["data_format", "NCHW"]],
      args,
    );
    const ks = pair(k);
    const g = Number(groups);
    const fanIn = ks[0] * ks[1] * Number(inC);
    this.weight = normalParam([Number(outC), Number(inC) / g, ks[0], ks[1]], Math.sqrt(2 / fanIn));
    this.bias = biasAttr === false ? null : zerosParam([Number(outC)]);
    Object.assign(this, { _stride: pair(stride), _padding: pair(padding), _dilation: pair(dilation), _groups: g });
  }
  override forward(x: T): T {
    return TF.conv2d(x, this.weight, this.bias, this._stride, this._padding, this._dilation, this._groups);
  }
}

/** Paddle's batch norm layers (python/paddle/nn/layer/norm.py _BatchNormBase, 2.0): weight ones,
 *  bias zeros, buffers `_mean` (zeros) and `_variance` (ones), momentum 0.9, epsilon 1e-5.
 *
 *  Running statistics follow the CPU kernel (paddle/fluid/operators/batch_norm_op.cc,
 *  BatchNormKernel<CPUDeviceContext>; phi/kernels/cpu/batch_norm_kernel.cc in 2.4): the batch
 *  variance is the biased one (sum of squared deviations divided by N * sample_size, for NCHW
 *  and NHWC alike), and the update is running = running * momentum + batch * (1 - momentum), so
 *  momentum weighs the old value (torch's momentum weighs the batch). A channel with a single
 *  value (N * sample_size == 1) is copied through unnormalised and the statistics stay as they
 *  are. Normalisation in training uses the batch mean and biased variance, as torch does. */
class BatchNormBase extends Layer {
  constructor(name: string, formats: string[], args: unknown[]) {
    super();
    const [n, momentum, eps, , , format, useGlobal] = bind(name, [["num_features", required], ["momentum", 0.9], ["epsilon", 1e-5], ["weight_attr", null], ["bias_attr", null], ["data_format", formats[0]], ["use_global_stats", null], ["name", null]], args);
    // (Paddle checks data_format too; this wording is tsgrad's, not a verified Paddle text)
    if (!formats.includes(String(format)))
      throw new ValueError(`expected ${formats.map((f) => `'${f}'`).join(" or ")} for data_format input, but got ${String(format)}`);
    const c = Number(n);
    this.weight = onesParam([c]);
    this.bias = zerosParam([c]);
    this.register_buffer("_mean", Tensor.empty([c], undefined, paddleDialect));
    const v = Tensor.empty([c], undefined, paddleDialect);
    v._storage.fill(1);
    this.register_buffer("_variance", v);
    // the channel is the last axis in the channel-last formats (NHWC, NLC, NDHWC)
    Object.assign(this, { _momentum: Number(momentum), _epsilon: Number(eps), _data_format: String(format), _channelLast: /^N[^C]+C$/.test(String(format)), _useGlobal: useGlobal });
  }
  override forward(x: T): T {
    const last = this._channelLast && x.ndim > 2;
    // channel-last input: move the channel to axis 1 for the kernel and back after
    const xc = last ? x.movedim(-1, 1) : x;
    const global = this._useGlobal === null ? !this.training : Boolean(this._useGlobal);
    let y: T;
    if (global) y = TF.batch_norm(xc, this._mean, this._variance, this.weight, this.bias, false, 0, this._epsilon);
    else {
      const per = xc.numel() / (xc._shape[1] ?? 1);
      if (per === 1) return x.clone(); // the kernel's y = x for a single value per channel
      updateRunningStats(xc, this._mean, this._variance, this._momentum);
      y = TF.batch_norm(xc, null, null, this.weight, this.bias, true, 0, this._epsilon);
    }
    return last ? y.movedim(1, -1) : y;
  }
  override extra_repr(): string {
    return `num_features=${this.weight._shape[0]}, momentum=${this._momentum}, epsilon=${this._epsilon}, data_format=${this._data_format}`;
  }
}

/** running = running * momentum + batch * (1 - momentum), batch variance biased; x is [N, C, ...]. */
function updateRunningStats(x: T, mean: T, variance: T, momentum: number): void {
  const v = x.detach().contiguous()._contiguousValues() as ArrayLike<number>;
  const N = x._shape[0];
  const C = x._shape[1] ?? 1;
  const S = x.numel() / (N * C);
  const count = N * S;
  const rm = mean._storage as Float32Array | Float64Array;
  const rv = variance._storage as Float32Array | Float64Array;
  for (let c = 0; c < C; c++) {
    let sum = 0;
    for (let n = 0; n < N; n++) for (let s = 0, o = (n * C + c) * S; s < S; s++) sum += v[o + s];
    const m = sum / count;
    let sq = 0;
    for (let n = 0; n < N; n++)
      for (let s = 0, o = (n * C + c) * S; s < S; s++) {
        const d = v[o + s] - m;
        sq += d * d;
      }
    const i = mean._offset + c * (mean._strides[0] ?? 1);
    const j = variance._offset + c * (variance._strides[0] ?? 1);
    rm[i] = rm[i] * momentum + m * (1 - momentum);
    rv[j] = rv[j] * momentum + (sq / count) * (1 - momentum);
  }
  mean._vc.v++;
  variance._vc.v++;
}

export class BatchNorm1D extends BatchNormBase {
  constructor(...args: unknown[]) {
    super("BatchNorm1D", ["NCL", "NC", "NLC"], args);
  }
}
export class BatchNorm2D extends BatchNormBase {
  constructor(...args: unknown[]) {
    super("BatchNorm2D", ["NCHW", "NHWC"], args);
  }
}
export class BatchNorm3D extends BatchNormBase {
  constructor(...args: unknown[]) {
    super("BatchNorm3D", ["NCDHW", "NDHWC"], args);
  }
}
export const BatchNorm = BatchNorm2D;

export class MaxPool2D extends Layer {
  constructor(...args: unknown[]) {
    super();
    const [k, stride, padding, , ceil] = bind("MaxPool2D", [["kernel_size", required], ["stride", null], ["padding", 0], ["return_mask", false], ["ceil_mode", false], ["data_format", "NCHW"], ["name", null]], args);
    Object.assign(this, { _k: pair(k), _s: stride === null ? pair(k) : pair(stride), _p: pair(padding), _ceil: Boolean(ceil) });
  }
  override forward(x: T): T {
    return TF.max_pool2d(x, this._k, this._s, this._p, 1, { ceil_mode: this._ceil });
  }
}

export class AvgPool2D extends Layer {
  constructor(...args: unknown[]) {
    super();
    const [k, stride, padding, ceil, exclusive] = bind("AvgPool2D", [["kernel_size", required], ["stride", null], ["padding", 0], ["ceil_mode", false], ["exclusive", true], ["divisor_override", null], ["data_format", "NCHW"], ["name", null]], args);
    Object.assign(this, { _k: pair(k), _s: stride === null ? pair(k) : pair(stride), _p: pair(padding), _ceil: Boolean(ceil), _excl: Boolean(exclusive) });
  }
  override forward(x: T): T {
    return TF.avg_pool2d(x, this._k, this._s, this._p, this._ceil, !this._excl);
  }
}

export class AdaptiveAvgPool2D extends Layer {
  constructor(...args: unknown[]) {
    super();
    const [size] = bind("AdaptiveAvgPool2D", [["output_size", required], ["data_format", "NCHW"], ["name", null]], args);
    this._size = pair(size);
  }
  override forward(x: T): T {
    return TF.adaptive_avg_pool2d(x, this._size);
  }
}

export class ReLU extends Layer {
  override forward(x: T): T {
    return x.relu();
  }
}

export class Dropout extends Layer {
  constructor(...args: unknown[]) {
    super();
    const [p] = bind("Dropout", [["p", 0.5], ["axis", null], ["mode", "upscale_in_train"], ["name", null]], args);
    this.p = Number(p);
  }
  override forward(x: T): T {
    // Paddle's default mode "upscale_in_train" is torch's dropout
    return TF.dropout(x, this.p, this.training);
  }
}

export class Flatten extends Layer {
  constructor(...args: unknown[]) {
    super();
    const [s, e] = bind("Flatten", [["start_axis", 1], ["stop_axis", -1]], args);
    Object.assign(this, { _s: Number(s), _e: Number(e) });
  }
  override forward(x: T): T {
    return x.flatten(this._s, this._e);
  }
}

export class Sequential extends Layer {
  constructor(...layers: unknown[]) {
    super();
    layers.forEach((l, i) => {
      // Paddle also takes (name, layer) pairs
      if (Array.isArray(l)) (this as any).add_module(String(l[0]), l[1]);
      else (this as any).add_module(String(i), l);
    });
  }
  override forward(x: unknown): unknown {
    for (const m of (this as any)._modules.values()) x = m(x);
    return x;
  }
  override _getIndexed(key: string): { found: boolean; value?: unknown } {
    if (!/^-?\d+$/.test(key)) return { found: false };
    const mods = [...(this as any)._modules.values()];
    const i = Number(key) < 0 ? mods.length + Number(key) : Number(key);
    return i >= 0 && i < mods.length ? { found: true, value: mods[i] } : { found: false };
  }
  __len__(): number {
    return [...(this as any)._modules.values()].length;
  }
}

const layers = {
  Layer: pyCallable(Layer),
  Linear: pyCallable(Linear),
  Conv2D: pyCallable(Conv2D),
  BatchNorm1D: pyCallable(BatchNorm1D),
  BatchNorm2D: pyCallable(BatchNorm2D),
  BatchNorm3D: pyCallable(BatchNorm3D),
  BatchNorm: pyCallable(BatchNorm2D),
  MaxPool2D: pyCallable(MaxPool2D),
  AvgPool2D: pyCallable(AvgPool2D),
  AdaptiveAvgPool2D: pyCallable(AdaptiveAvgPool2D),
  ReLU: pyCallable(ReLU),
  Dropout: pyCallable(Dropout),
  Flatten: pyCallable(Flatten),
  Sequential: pyCallable(Sequential),
};
export default layers;
