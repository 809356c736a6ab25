// Linear, Bilinear, activations, Dropout, Flatten/Unflatten, Identity, Embedding: each a Module
// whose constructor takes Python's arguments and whose extra_repr prints as PyTorch's.

import { Tensor, float32, get_default_dtype, type DType } from "@tsgrad/core";
import { pyRepr, PyTuple, AssertionError } from "@tsgrad/py";
import { parseArgs } from "../args.ts";
import { ModuleImpl } from "../module.ts";
import { Parameter } from "../parameter.ts";
import { pyclass } from "../pyclass.ts";
import * as F from "../functional/index.ts";
import * as init from "../init.ts";

type T = Tensor;

function empty(shape: number[], dtype: DType | null): T {
  return Tensor.empty(shape, dtype ?? get_default_dtype());
}
void float32;

/** Python's repr of a float argument (`0.5`, `1.0`, `1e-05`). */
export function fl(v: number): string {
  return pyRepr(v, new Set(), true);
}
export function tup(v: number[]): string {
  const t = new PyTuple<number>();
  for (const x of v) t.push(x);
  return t.__repr__();
}

class LinearImpl extends ModuleImpl {
  declare in_features: number;
  declare out_features: number;
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs("Linear.__init__", ["in_features", "out_features", ["bias", true], ["device", null], ["dtype", null]], args);
    this.in_features = a.in_features;
    this.out_features = a.out_features;
    this.weight = new Parameter(empty([a.out_features, a.in_features], a.dtype));
    if (a.bias) this.bias = new Parameter(empty([a.out_features], a.dtype));
    else this.register_parameter("bias", null);
    this.reset_parameters();
  }
  reset_parameters(): void {
    init.kaiming_uniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const [fanIn] = init._calculate_fan_in_and_fan_out(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      init.uniform_(this.bias, -bound, bound);
    }
  }
  override forward(input: T): T {
    return F.linear(input, this.weight, this.bias);
  }
  override extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${this.bias !== null ? "True" : "False"}`;
  }
}
export const Linear = pyclass(LinearImpl, "Linear");

class BilinearImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs("Bilinear.__init__", ["in1_features", "in2_features", "out_features", ["bias", true], ["device", null], ["dtype", null]], args);
    this.in1_features = a.in1_features;
    this.in2_features = a.in2_features;
    this.out_features = a.out_features;
    this.weight = new Parameter(empty([a.out_features, a.in1_features, a.in2_features], a.dtype));
    if (a.bias) this.bias = new Parameter(empty([a.out_features], a.dtype));
    else this.register_parameter("bias", null);
    const bound = 1 / Math.sqrt(this.weight._shape[1]);
    init.uniform_(this.weight, -bound, bound);
    if (this.bias !== null) init.uniform_(this.bias, -bound, bound);
  }
  override forward(x1: T, x2: T): T {
    return F.bilinear(x1, x2, this.weight, this.bias);
  }
  override extra_repr(): string {
    return `in1_features=${this.in1_features}, in2_features=${this.in2_features}, out_features=${this.out_features}, bias=${this.bias !== null ? "True" : "False"}`;
  }
}
export const Bilinear = pyclass(BilinearImpl, "Bilinear");

class IdentityImpl extends ModuleImpl {
  constructor(..._args: unknown[]) {
    super();
  }
  override forward(x: T): T {
    return x;
  }
}
export const Identity = pyclass(IdentityImpl, "Identity");

function inplaceRepr(inplace: boolean): string {
  return inplace ? "inplace=True" : "";
}

class ReLUImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    this.inplace = parseArgs("ReLU.__init__", [["inplace", false]], args).inplace;
  }
  override forward(x: T): T {
    return F.relu(x, { inplace: this.inplace });
  }
  override extra_repr(): string {
    return inplaceRepr(this.inplace);
  }
}
export const ReLU = pyclass(ReLUImpl, "ReLU");

class LeakyReLUImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs("LeakyReLU.__init__", [["negative_slope", 0.01], ["inplace", false]], args);
    this.negative_slope = a.negative_slope;
    this.inplace = a.inplace;
  }
  override forward(x: T): T {
    return F.leaky_relu(x, this.negative_slope, this.inplace);
  }
  override extra_repr(): string {
    return `negative_slope=${fl(this.negative_slope)}${this.inplace ? ", inplace=True" : ""}`;
  }
}
export const LeakyReLU = pyclass(LeakyReLUImpl, "LeakyReLU");

class ELUImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs("ELU.__init__", [["alpha", 1.0], ["inplace", false]], args);
    this.alpha = a.alpha;
    this.inplace = a.inplace;
  }
  override forward(x: T): T {
    return F.elu(x, this.alpha, this.inplace);
  }
  override extra_repr(): string {
    return `alpha=${fl(this.alpha)}${this.inplace ? ", inplace=True" : ""}`;
  }
}
export const ELU = pyclass(ELUImpl, "ELU");

class GELUImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    this.approximate = parseArgs("GELU.__init__", [["approximate", "none"]], args).approximate;
  }
  override forward(x: T): T {
    return F.gelu(x, { approximate: this.approximate });
  }
  override extra_repr(): string {
    return `approximate=${pyRepr(this.approximate)}`;
  }
}
export const GELU = pyclass(GELUImpl, "GELU");

function simple(name: string, fn: (x: T) => T) {
  const cls = class extends ModuleImpl {
    constructor(...args: unknown[]) {
      super();
      if (name === "SiLU") this.inplace = parseArgs(`${name}.__init__`, [["inplace", false]], args).inplace;
      else parseArgs(`${name}.__init__`, [], args);
    }
    override forward(x: T): T {
      return fn(x);
    }
    override extra_repr(): string {
      return name === "SiLU" ? inplaceRepr(this.inplace) : "";
    }
  };
  return pyclass(cls, name);
}
export const SiLU = simple("SiLU", (x) => F.silu(x));
export const Sigmoid = simple("Sigmoid", (x) => x.sigmoid());
export const Tanh = simple("Tanh", (x) => x.tanh());

/** An activation module: constructor arguments by name, forward through F, PyTorch's extra_repr. */
function activation(name: string, params: Array<[string, unknown]>, fwd: (x: T, a: Record<string, any>) => T, repr: (a: Record<string, any>) => string, check?: (a: Record<string, any>) => void) {
  const cls = class extends ModuleImpl {
    constructor(...args: unknown[]) {
      super();
      const a = parseArgs(`${name}.__init__`, params as any, args);
      for (const [k] of params) (this as any)[k] = a[k];
      check?.(a);
    }
    override forward(x: T): T {
      return fwd(x, this as any);
    }
    override extra_repr(): string {
      return repr(this as any);
    }
  };
  return pyclass(cls, name);
}
const withInplace = (s: string, a: Record<string, any>) => (a.inplace ? (s ? `${s}, inplace=True` : "inplace=True") : s);
const num = (v: unknown) => (typeof v === "number" ? fl(v) : String(v)); // a bigint is a Python int
export const Softplus = activation("Softplus", [["beta", 1n], ["threshold", 20n]], (x, a) => F.softplus(x, a.beta, a.threshold), (a) => `beta=${num(a.beta)}, threshold=${num(a.threshold)}`);
export const SELU = activation("SELU", [["inplace", false]], (x) => F.selu(x), (a) => withInplace("", a));
export const CELU = activation("CELU", [["alpha", 1.0], ["inplace", false]], (x, a) => F.celu(x, a.alpha), (a) => withInplace(`alpha=${num(a.alpha)}`, a));
export const Hardtanh = activation("Hardtanh", [["min_val", -1.0], ["max_val", 1.0], ["inplace", false]], (x, a) => F.hardtanh(x, a.min_val, a.max_val), (a) => withInplace(`min_val=${num(a.min_val)}, max_val=${num(a.max_val)}`, a), (a) => {
  if (!(Number(a.max_val) > Number(a.min_val))) throw new AssertionError("");
});
export const ReLU6 = activation("ReLU6", [["inplace", false]], (x) => F.relu6(x), (a) => withInplace("", a));
export const LogSigmoid = activation("LogSigmoid", [], (x) => F.logsigmoid(x), () => "");
export const Mish = activation("Mish", [["inplace", false]], (x) => F.mish(x), (a) => withInplace("", a));
export const Hardswish = activation("Hardswish", [["inplace", false]], (x) => F.hardswish(x), () => "");
export const Hardsigmoid = activation("Hardsigmoid", [["inplace", false]], (x) => F.hardsigmoid(x), () => "");
export const Softsign = activation("Softsign", [], (x) => F.softsign(x), () => "");
export const Tanhshrink = activation("Tanhshrink", [], (x) => F.tanhshrink(x), () => "");
export const GLU = activation("GLU", [["dim", -1n]], (x, a) => F.glu(x, a.dim), (a) => `dim=${num(a.dim)}`);

function softmaxClass(name: "Softmax" | "LogSoftmax", fn: typeof F.softmax) {
  const cls = class extends ModuleImpl {
    constructor(...args: unknown[]) {
      super();
      this.dim = parseArgs(`${name}.__init__`, [["dim", null]], args).dim;
    }
    override forward(x: T): T {
      return fn(x, this.dim, { _stacklevel: 5 });
    }
    override extra_repr(): string {
      return `dim=${pyRepr(this.dim)}`;
    }
  };
  return pyclass(cls, name);
}
export const Softmax = softmaxClass("Softmax", F.softmax);
export const LogSoftmax = softmaxClass("LogSoftmax", F.log_softmax);

class DropoutImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs("Dropout.__init__", [["p", 0.5], ["inplace", false]], args);
    if (a.p < 0 || a.p > 1) throw new (globalThis as any).Error(`dropout probability has to be between 0 and 1, but got ${a.p}`);
    this.p = a.p;
    this.inplace = a.inplace;
  }
  override forward(x: T): T {
    return F.dropout(x, this.p, this.training, this.inplace);
  }
  override extra_repr(): string {
    return `p=${fl(this.p)}, inplace=${this.inplace ? "True" : "False"}`;
  }
}
export const Dropout = pyclass(DropoutImpl, "Dropout");

class FlattenImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs("Flatten.__init__", [["start_dim", 1], ["end_dim", -1]], args);
    this.start_dim = a.start_dim;
    this.end_dim = a.end_dim;
  }
  override forward(x: T): T {
    return x.flatten(this.start_dim, this.end_dim);
  }
  override extra_repr(): string {
    return `start_dim=${this.start_dim}, end_dim=${this.end_dim}`;
  }
}
export const Flatten = pyclass(FlattenImpl, "Flatten");

class UnflattenImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs("Unflatten.__init__", ["dim", "unflattened_size"], args);
    this.dim = a.dim;
    this.unflattened_size = a.unflattened_size;
  }
  override forward(x: T): T {
    return x.unflatten(this.dim, this.unflattened_size);
  }
  override extra_repr(): string {
    return `dim=${this.dim}, unflattened_size=${tup(this.unflattened_size)}`;
  }
}
export const Unflatten = pyclass(UnflattenImpl, "Unflatten");

class EmbeddingImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs(
      "Embedding.__init__",
      ["num_embeddings", "embedding_dim", ["padding_idx", null], ["max_norm", null], ["norm_type", 2.0], ["scale_grad_by_freq", false], ["sparse", false], ["_weight", null], ["device", null], ["dtype", null]],
      args,
    );
    this.num_embeddings = a.num_embeddings;
    this.embedding_dim = a.embedding_dim;
    let p = a.padding_idx;
    if (p !== null && p < 0) p += a.num_embeddings;
    this.padding_idx = p;
    this.max_norm = a.max_norm;
    this.norm_type = a.norm_type;
    this.scale_grad_by_freq = a.scale_grad_by_freq;
    this.sparse = a.sparse;
    if (a._weight !== null) this.weight = new Parameter(a._weight);
    else {
      this.weight = new Parameter(empty([a.num_embeddings, a.embedding_dim], a.dtype));
      init.normal_(this.weight);
      if (p !== null) init.zeros_(this.weight.select(0, p));
    }
  }
  override forward(x: T): T {
    return F.embedding(x, this.weight, this.padding_idx, this.max_norm, this.norm_type, this.scale_grad_by_freq, this.sparse);
  }
  override extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.padding_idx !== null) s += `, padding_idx=${this.padding_idx}`;
    if (this.max_norm !== null) s += `, max_norm=${fl(this.max_norm)}`;
    if (this.scale_grad_by_freq) s += ", scale_grad_by_freq=True";
    if (this.sparse) s += ", sparse=True";
    return s;
  }
}
export const Embedding = pyclass(EmbeddingImpl, "Embedding");
