// paddle.nn layers: @tsgrad/nn's Module under Paddle's names, argument conventions and default
// initialisers (paddle/nn/layer/*.py, fluid/initializer.py of 2.0):
//   Linear(in, out): weight [in, out], XavierUniform; bias zeros; y = x @ W + b
//   Conv2D: weight Normal(0, sqrt(2 / (k_h * k_w * in))); bias zeros (bias_attr=False: none)
//   BatchNorm2D: weight ones, bias zeros, buffers _mean / _variance; momentum 0.9 is the
//   running statistics' own weight (torch's momentum is 1 - 0.9)
// Parameters are paddle tensors with stop_gradient=False, printed `Parameter containing:`.

import { Tensor } from "@tsgrad/core";
import { Module, Parameter } from "@tsgrad/nn";
import * as TF from "@tsgrad/nn/functional";
import { bind, pyCallable, required } from "../args.ts";
import { inPaddle } from "../creation.ts";
import { defaultGenerator, fillUniformFloat, NormalFloat } from "../random.ts";
import { paddleDialect } from "@tsgrad/core";

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

export class BatchNorm2D extends Layer {
  constructor(...args: unknown[]) {
    super();
    const [n, momentum, eps] = bind("BatchNorm2D", [["num_features", required], ["momentum", 0.9], ["epsilon", 1e-5], ["weight_attr", null], ["bias_attr", null], ["data_format", "NCHW"], ["use_global_stats", null], ["name", null]], args);
    const c = Number(n);
    this.weight = onesParam([c]);
    this.bias = zerosParam([c]);
    this.register_buffer("_mean", Tensor.empty([c], undefined, paddleDialect));
    const v = Tensor.empty([c], undefined, paddleDialect);
    v._storage.fill(1);
    this.register_buffer("_variance", v);
    Object.assign(this, { _momentum: Number(momentum), _epsilon: Number(eps) });
  }
  override forward(x: T): T {
    return TF.batch_norm(x, this._mean, this._variance, this.weight, this.bias, this.training, 1 - this._momentum, this._epsilon);
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
  BatchNorm2D: pyCallable(BatchNorm2D),
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
