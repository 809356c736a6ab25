// Conv1d, Conv2d, ConvTranspose2d, pooling layers and the normalisation layers.

import { Tensor, get_default_dtype, int64, no_grad, type DType } from "@tsgrad/core";
import { pyRepr, ValueError } from "@tsgrad/py";
import { ntuple, parseArgs } from "../args.ts";
import { ModuleImpl } from "../module.ts";
import { Parameter } from "../parameter.ts";
import { pyclass } from "../pyclass.ts";
import * as F from "../functional/index.ts";
import * as init from "../init.ts";
import { fl, tup } from "./basic.ts";

type T = Tensor;

function empty(shape: number[], dtype: DType | null): T {
  return Tensor.empty(shape, dtype ?? get_default_dtype());
}

const convSpec = [
  "in_channels", "out_channels", "kernel_size", ["stride", 1], ["padding", 0], ["dilation", 1], ["groups", 1], ["bias", true], ["padding_mode", "zeros"],
  ["device", null], ["dtype", null],
] as const;
const convTSpec = [
  "in_channels", "out_channels", "kernel_size", ["stride", 1], ["padding", 0], ["output_padding", 0], ["groups", 1], ["bias", true], ["dilation", 1],
  ["padding_mode", "zeros"], ["device", null], ["dtype", null],
] as const;

class ConvNdImpl extends ModuleImpl {
  constructor(name: string, nd: number, transposed: boolean, args: unknown[]) {
    super();
    const a = parseArgs(`${name}.__init__`, transposed ? convTSpec : convSpec, args);
    if (a.groups <= 0) throw new ValueError("groups must be a positive integer");
    if (a.in_channels % a.groups !== 0) throw new ValueError("in_channels must be divisible by groups");
    if (a.out_channels % a.groups !== 0) throw new ValueError("out_channels must be divisible by groups");
    this.in_channels = a.in_channels;
    this.out_channels = a.out_channels;
    this.kernel_size = ntuple(a.kernel_size, nd);
    this.stride = ntuple(a.stride, nd);
    this.padding = typeof a.padding === "string" ? a.padding : ntuple(a.padding, nd);
    this.dilation = ntuple(a.dilation, nd);
    this.transposed = transposed;
    this.output_padding = ntuple(transposed ? a.output_padding : 0, nd);
    this.groups = a.groups;
    this.padding_mode = a.padding_mode;
    const wshape = transposed
      ? [a.in_channels, a.out_channels / a.groups, ...this.kernel_size]
      : [a.out_channels, a.in_channels / a.groups, ...this.kernel_size];
    this.weight = new Parameter(empty(wshape, a.dtype));
    if (a.bias) this.bias = new Parameter(empty([a.out_channels], a.dtype));
    else this.register_parameter("bias", null);
    this.reset_parameters();
  }
  reset_parameters(): void {
    init.kaiming_uniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const [fanIn] = init._calculate_fan_in_and_fan_out(this.weight);
      if (fanIn !== 0) init.uniform_(this.bias, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn));
    }
  }
  override extra_repr(): string {
    const nd = this.kernel_size.length;
    const zeros = (v: number[]) => v.every((x) => x === 0);
    const ones = (v: number[]) => v.every((x) => x === 1);
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${tup(this.kernel_size)}, stride=${tup(this.stride)}`;
    if (typeof this.padding === "string") s += `, padding=${this.padding}`;
    else if (!zeros(this.padding)) s += `, padding=${tup(this.padding)}`;
    if (!ones(this.dilation)) s += `, dilation=${tup(this.dilation)}`;
    if (!zeros(this.output_padding)) s += `, output_padding=${tup(this.output_padding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ", bias=False";
    if (this.padding_mode !== "zeros") s += `, padding_mode=${this.padding_mode}`;
    void nd;
    return s;
  }
}

class Conv1dImpl extends ConvNdImpl {
  constructor(...args: unknown[]) {
    super("Conv1d", 1, false, args);
  }
  override forward(x: T): T {
    return F.conv1d(x, this.weight, this.bias, this.stride, this.padding, this.dilation, this.groups);
  }
}
export const Conv1d = pyclass(Conv1dImpl, "Conv1d");

class Conv2dImpl extends ConvNdImpl {
  constructor(...args: unknown[]) {
    super("Conv2d", 2, false, args);
  }
  override forward(x: T): T {
    return F.conv2d(x, this.weight, this.bias, this.stride, this.padding, this.dilation, this.groups);
  }
}
export const Conv2d = pyclass(Conv2dImpl, "Conv2d");

class ConvTranspose2dImpl extends ConvNdImpl {
  constructor(...args: unknown[]) {
    super("ConvTranspose2d", 2, true, args);
  }
  override forward(x: T): T {
    return F.conv_transpose2d(x, this.weight, this.bias, this.stride, this.padding, this.output_padding, this.groups, this.dilation);
  }
}
export const ConvTranspose2d = pyclass(ConvTranspose2dImpl, "ConvTranspose2d");

// ---- pooling ------------------------------------------------------------------------------------

function maxPoolClass(name: string, fn: (...a: unknown[]) => any) {
  const cls = class extends ModuleImpl {
    constructor(...args: unknown[]) {
      super();
      const a = parseArgs(`${name}.__init__`, ["kernel_size", ["stride", null], ["padding", 0], ["dilation", 1], ["return_indices", false], ["ceil_mode", false]], args);
      this.kernel_size = a.kernel_size;
      this.stride = a.stride ?? a.kernel_size;
      this.padding = a.padding;
      this.dilation = a.dilation;
      this.return_indices = a.return_indices;
      this.ceil_mode = a.ceil_mode;
    }
    override forward(x: T): any {
      return fn(x, this.kernel_size, this.stride, this.padding, this.dilation, { ceil_mode: this.ceil_mode, return_indices: this.return_indices });
    }
    override extra_repr(): string {
      const r = (v: unknown) => (Array.isArray(v) ? tup(v) : pyRepr(v));
      return `kernel_size=${r(this.kernel_size)}, stride=${r(this.stride)}, padding=${r(this.padding)}, dilation=${r(this.dilation)}, ceil_mode=${this.ceil_mode ? "True" : "False"}`;
    }
  };
  return pyclass(cls, name);
}
export const MaxPool1d = maxPoolClass("MaxPool1d", F.max_pool1d);
export const MaxPool2d = maxPoolClass("MaxPool2d", F.max_pool2d);

class AvgPool2dImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs("AvgPool2d.__init__", ["kernel_size", ["stride", null], ["padding", 0], ["ceil_mode", false], ["count_include_pad", true], ["divisor_override", null]], args);
    this.kernel_size = a.kernel_size;
    this.stride = a.stride ?? a.kernel_size;
    this.padding = a.padding;
    this.ceil_mode = a.ceil_mode;
    this.count_include_pad = a.count_include_pad;
    this.divisor_override = a.divisor_override;
  }
  override forward(x: T): T {
    return F.avg_pool2d(x, this.kernel_size, this.stride, this.padding, this.ceil_mode, this.count_include_pad, this.divisor_override);
  }
  override extra_repr(): string {
    const r = (v: unknown) => (Array.isArray(v) ? tup(v) : pyRepr(v));
    return `kernel_size=${r(this.kernel_size)}, stride=${r(this.stride)}, padding=${r(this.padding)}`;
  }
}
export const AvgPool2d = pyclass(AvgPool2dImpl, "AvgPool2d");

class AdaptiveAvgPool2dImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    this.output_size = parseArgs("AdaptiveAvgPool2d.__init__", ["output_size"], args).output_size;
  }
  override forward(x: T): T {
    return F.adaptive_avg_pool2d(x, this.output_size);
  }
  override extra_repr(): string {
    return `output_size=${Array.isArray(this.output_size) ? tup(this.output_size) : pyRepr(this.output_size)}`;
  }
}
export const AdaptiveAvgPool2d = pyclass(AdaptiveAvgPool2dImpl, "AdaptiveAvgPool2d");

// ---- normalisation ------------------------------------------------------------------------------

class BatchNormImpl extends ModuleImpl {
  constructor(name: string, args: unknown[]) {
    super();
    const a = parseArgs(`${name}.__init__`, ["num_features", ["eps", 1e-5], ["momentum", 0.1], ["affine", true], ["track_running_stats", true], ["device", null], ["dtype", null]], args);
    this.num_features = a.num_features;
    this.eps = a.eps;
    this.momentum = a.momentum;
    this.affine = a.affine;
    this.track_running_stats = a.track_running_stats;
    if (a.affine) {
      this.weight = new Parameter(empty([a.num_features], a.dtype));
      this.bias = new Parameter(empty([a.num_features], a.dtype));
    } else {
      this.register_parameter("weight", null);
      this.register_parameter("bias", null);
    }
    if (a.track_running_stats) {
      this.register_buffer("running_mean", empty([a.num_features], a.dtype).zero_());
      this.register_buffer("running_var", empty([a.num_features], a.dtype).fill_(1));
      this.register_buffer("num_batches_tracked", Tensor.empty([], int64).zero_());
    } else {
      this.register_buffer("running_mean", null);
      this.register_buffer("running_var", null);
      this.register_buffer("num_batches_tracked", null);
    }
    if (a.affine) {
      init.ones_(this.weight);
      init.zeros_(this.bias);
    }
  }
  _check_input_dim(_x: T): void {}
  override forward(x: T): T {
    this._check_input_dim(x);
    let eaf = this.momentum === null ? 0.0 : this.momentum;
    if (this.training && this.track_running_stats && this.num_batches_tracked !== null) {
      no_grad(() => this.num_batches_tracked.add_(1n));
      if (this.momentum === null) eaf = 1.0 / Number(this.num_batches_tracked.item());
      else eaf = this.momentum;
    }
    const bnTraining = this.training ? true : this.running_mean === null && this.running_var === null;
    return F.batch_norm(
      x,
      !this.training || this.track_running_stats ? this.running_mean : null,
      !this.training || this.track_running_stats ? this.running_var : null,
      this.weight,
      this.bias,
      bnTraining,
      eaf,
      this.eps,
    );
  }
  override extra_repr(): string {
    return `${this.num_features}, eps=${fl(this.eps)}, momentum=${this.momentum === null ? "None" : fl(this.momentum)}, affine=${this.affine ? "True" : "False"}, track_running_stats=${this.track_running_stats ? "True" : "False"}`;
  }
}
class BatchNorm1dImpl extends BatchNormImpl {
  constructor(...args: unknown[]) {
    super("BatchNorm1d", args);
  }
  override _check_input_dim(x: T): void {
    if (x.ndim !== 2 && x.ndim !== 3) throw new ValueError(`expected 2D or 3D input (got ${x.ndim}D input)`);
  }
}
class BatchNorm2dImpl extends BatchNormImpl {
  constructor(...args: unknown[]) {
    super("BatchNorm2d", args);
  }
  override _check_input_dim(x: T): void {
    if (x.ndim !== 4) throw new ValueError(`expected 4D input (got ${x.ndim}D input)`);
  }
}
export const BatchNorm1d = pyclass(BatchNorm1dImpl, "BatchNorm1d");
export const BatchNorm2d = pyclass(BatchNorm2dImpl, "BatchNorm2d");

class LayerNormImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs("LayerNorm.__init__", ["normalized_shape", ["eps", 1e-5], ["elementwise_affine", true], ["device", null], ["dtype", null]], args);
    this.normalized_shape = Array.isArray(a.normalized_shape) ? a.normalized_shape.map(Number) : [Number(a.normalized_shape)];
    this.eps = a.eps;
    this.elementwise_affine = a.elementwise_affine;
    if (a.elementwise_affine) {
      this.weight = new Parameter(empty(this.normalized_shape, a.dtype).fill_(1));
      this.bias = new Parameter(empty(this.normalized_shape, a.dtype).zero_());
    } else {
      this.register_parameter("weight", null);
      this.register_parameter("bias", null);
    }
  }
  override forward(x: T): T {
    return F.layer_norm(x, this.normalized_shape, this.weight, this.bias, this.eps);
  }
  override extra_repr(): string {
    return `${tup(this.normalized_shape)}, eps=${fl(this.eps)}, elementwise_affine=${this.elementwise_affine ? "True" : "False"}`;
  }
}
export const LayerNorm = pyclass(LayerNormImpl, "LayerNorm");

class GroupNormImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs("GroupNorm.__init__", ["num_groups", "num_channels", ["eps", 1e-5], ["affine", true], ["device", null], ["dtype", null]], args);
    if (a.num_channels % a.num_groups !== 0) throw new ValueError("num_channels must be divisible by num_groups");
    this.num_groups = a.num_groups;
    this.num_channels = a.num_channels;
    this.eps = a.eps;
    this.affine = a.affine;
    if (a.affine) {
      this.weight = new Parameter(empty([a.num_channels], a.dtype).fill_(1));
      this.bias = new Parameter(empty([a.num_channels], a.dtype).zero_());
    } else {
      this.register_parameter("weight", null);
      this.register_parameter("bias", null);
    }
  }
  override forward(x: T): T {
    return F.group_norm(x, this.num_groups, this.weight, this.bias, this.eps);
  }
  override extra_repr(): string {
    return `${this.num_groups}, ${this.num_channels}, eps=${fl(this.eps)}, affine=${this.affine ? "True" : "False"}`;
  }
}
export const GroupNorm = pyclass(GroupNormImpl, "GroupNorm");
