// PReLU, Dropout1d/Dropout2d, CosineSimilarity, PairwiseDistance and the RNN cells (RNNCell,
// LSTMCell, GRUCell) with PyTorch 1.13's constructors, initialisation, reprs and forward code.

import { Tensor, get_default_dtype, ops, type DType } from "@tsgrad/core";
import { PyTuple, RuntimeError, ValueError } from "@tsgrad/py";
import { parseArgs } from "../args.ts";
import { ModuleImpl } from "../module.ts";
import { Parameter } from "../parameter.ts";
import { pyclass } from "../pyclass.ts";
import * as FX from "../functional/extra.ts";
import * as F from "../functional/index.ts";
import * as init from "../init.ts";
import { fl } from "./basic.ts";

type T = Tensor;

class PReLUImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs("PReLU.__init__", [["num_parameters", 1], ["init", 0.25], ["device", null], ["dtype", null]], args);
    this.num_parameters = a.num_parameters;
    this.weight = new Parameter((Tensor.empty([a.num_parameters], a.dtype ?? get_default_dtype()) as any).fill_(a.init));
  }
  override forward(x: T): T {
    return FX.prelu(x, this.weight);
  }
  override extra_repr(): string {
    return `num_parameters=${this.num_parameters}`;
  }
}
export const PReLU = pyclass(PReLUImpl, "PReLU");

function dropoutClass(name: string, fn: (x: T, p: number, training: boolean, inplace: boolean) => T) {
  class Impl extends ModuleImpl {
    constructor(...args: unknown[]) {
      super();
      const a = parseArgs(`${name}.__init__`, [["p", 0.5], ["inplace", false]], args);
      if (a.p < 0 || a.p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${fl(a.p)}`);
      this.p = a.p;
      this.inplace = a.inplace;
    }
    override forward(x: T): T {
      return fn(x, this.p, this.training, this.inplace);
    }
    override extra_repr(): string {
      return `p=${fl(this.p)}, inplace=${this.inplace ? "True" : "False"}`;
    }
  }
  return pyclass(Impl, name);
}
export const Dropout1d = dropoutClass("Dropout1d", (x, p, t, i) => FX.dropout1d(x, p, t, i));
export const Dropout2d = dropoutClass("Dropout2d", (x, p, t, i) => FX.dropout2d(x, p, t, i));

class CosineSimilarityImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs("CosineSimilarity.__init__", [["dim", 1], ["eps", 1e-8]], args);
    this.dim = a.dim;
    this.eps = a.eps;
  }
  override forward(x1: T, x2: T): T {
    return FX.cosine_similarity(x1, x2, this.dim, this.eps);
  }
}
export const CosineSimilarity = pyclass(CosineSimilarityImpl, "CosineSimilarity");

class PairwiseDistanceImpl extends ModuleImpl {
  constructor(...args: unknown[]) {
    super();
    const a = parseArgs("PairwiseDistance.__init__", [["p", 2.0], ["eps", 1e-6], ["keepdim", false]], args);
    this.norm = a.p;
    this.eps = a.eps;
    this.keepdim = a.keepdim;
  }
  override forward(x1: T, x2: T): T {
    return FX.pairwise_distance(x1, x2, this.norm, this.eps, this.keepdim);
  }
}
export const PairwiseDistance = pyclass(PairwiseDistanceImpl, "PairwiseDistance");

// ---- RNN cells -----------------------------------------------------------------------------

function tuple(...items: T[]): PyTuple<T> {
  const t = new PyTuple<T>();
  for (const x of items) t.push(x);
  return t;
}
const chunk = (x: T, n: number): T[] => ops._rnn_unsafe_chunk.call(x, n, 1) as T[];

class RNNCellBaseImpl extends ModuleImpl {
  constructor(name: string, chunks: number, args: unknown[]) {
    super();
    const spec: any[] = ["input_size", "hidden_size", ["bias", true]];
    if (name === "RNNCell") spec.push(["nonlinearity", "tanh"]);
    spec.push(["device", null], ["dtype", null]);
    const a = parseArgs(`${name}.__init__`, spec, args);
    this.input_size = a.input_size;
    this.hidden_size = a.hidden_size;
    this.bias = a.bias;
    if (name === "RNNCell") this.nonlinearity = a.nonlinearity;
    const dtype: DType = a.dtype ?? get_default_dtype();
    this.weight_ih = new Parameter(Tensor.empty([chunks * a.hidden_size, a.input_size], dtype));
    this.weight_hh = new Parameter(Tensor.empty([chunks * a.hidden_size, a.hidden_size], dtype));
    if (a.bias) {
      this.bias_ih = new Parameter(Tensor.empty([chunks * a.hidden_size], dtype));
      this.bias_hh = new Parameter(Tensor.empty([chunks * a.hidden_size], dtype));
    } else {
      this.register_parameter("bias_ih", null);
      this.register_parameter("bias_hh", null);
    }
    this.reset_parameters();
  }
  reset_parameters(): void {
    const stdv = this.hidden_size > 0 ? 1 / Math.sqrt(this.hidden_size) : 0;
    for (const w of this.parameters()) init.uniform_(w, -stdv, stdv);
  }
  override extra_repr(): string {
    let s = `${this.input_size}, ${this.hidden_size}`;
    if (this.bias !== true) s += `, bias=${this.bias ? "True" : "False"}`;
    return s;
  }
  /** ATen's check_rnn_cell_forward_input / _hidden. */
  _check(input: T, hx: T, name: string): void {
    if (input._shape[1] !== this.input_size)
      throw new RuntimeError(`input has inconsistent input_size: got ${input._shape[1]} expected ${this.input_size}`);
    if (hx._shape[0] !== input._shape[0])
      throw new RuntimeError(`Input batch size ${input._shape[0]} doesn't match hidden${name} batch size ${hx._shape[0]}`);
    if (hx._shape[1] !== this.hidden_size)
      throw new RuntimeError(`hidden${name} has inconsistent hidden_size: got ${hx._shape[1]}, expected ${this.hidden_size}`);
  }
  _gates(input: T, hx: T): [T, T] {
    const gi = F.linear(input, this.weight_ih, this.bias_ih);
    const gh = F.linear(hx, this.weight_hh, this.bias_hh);
    return [gi, gh];
  }
}

function unbatch(cls: string, input: T): boolean {
  if (input.ndim !== 1 && input.ndim !== 2) throw new (globalThis as any).Error(`${cls}: Expected input to be 1-D or 2-D but received ${input.ndim}-D tensor`);
  return input.ndim === 1;
}

class RNNCellImpl extends RNNCellBaseImpl {
  constructor(...args: unknown[]) {
    super("RNNCell", 1, args);
  }
  override extra_repr(): string {
    const s = super.extra_repr();
    return this.nonlinearity !== "tanh" ? `${s}, nonlinearity=${this.nonlinearity}` : s;
  }
  override forward(input: T, hx: T | null = null): T {
    const single = unbatch("RNNCell", input);
    const x = single ? input.unsqueeze(0) : input;
    const h = hx === null ? (Tensor.empty([x._shape[0], this.hidden_size], x.dtype, x._dialect) as T).zero_() : single ? hx.unsqueeze(0) : hx;
    this._check(x, h, "");
    const [gi, gh] = this._gates(x, h);
    let r: T;
    if (this.nonlinearity === "tanh") r = gh.add(gi).tanh();
    else if (this.nonlinearity === "relu") r = gh.add(gi).relu();
    else throw new RuntimeError(`Unknown nonlinearity: ${this.nonlinearity}`);
    return single ? r.squeeze(0) : r;
  }
}
class LSTMCellImpl extends RNNCellBaseImpl {
  constructor(...args: unknown[]) {
    super("LSTMCell", 4, args);
  }
  override forward(input: T, hx: T[] | null = null): PyTuple<T> {
    const single = unbatch("LSTMCell", input);
    const x = single ? input.unsqueeze(0) : input;
    let h: T, c: T;
    if (hx === null) {
      h = (Tensor.empty([x._shape[0], this.hidden_size], x.dtype, x._dialect) as T).zero_();
      c = (Tensor.empty([x._shape[0], this.hidden_size], x.dtype, x._dialect) as T).zero_();
    } else [h, c] = single ? [hx[0].unsqueeze(0), hx[1].unsqueeze(0)] : [hx[0], hx[1]];
    this._check(x, h, "[0]");
    this._check(x, c, "[1]");
    const [gi, gh] = this._gates(x, h);
    const [i, f, g, o] = chunk(gh.add(gi), 4);
    const cy = f.sigmoid().mul(c).add(i.sigmoid().mul(g.tanh()));
    const hy = o.sigmoid().mul(cy.tanh());
    return single ? tuple(hy.squeeze(0), cy.squeeze(0)) : tuple(hy, cy);
  }
}
class GRUCellImpl extends RNNCellBaseImpl {
  constructor(...args: unknown[]) {
    super("GRUCell", 3, args);
  }
  override forward(input: T, hx: T | null = null): T {
    const single = unbatch("GRUCell", input);
    const x = single ? input.unsqueeze(0) : input;
    const h = hx === null ? (Tensor.empty([x._shape[0], this.hidden_size], x.dtype, x._dialect) as T).zero_() : single ? hx.unsqueeze(0) : hx;
    this._check(x, h, "");
    const [gi, gh] = this._gates(x, h);
    const [ir, iz, inn] = chunk(gi, 3);
    const [hr, hz, hn] = chunk(gh, 3);
    const r = hr.add(ir).sigmoid();
    const z = hz.add(iz).sigmoid();
    const n = inn.add(hn.mul(r)).tanh();
    const hy = h.sub(n).mul(z).add(n);
    return single ? hy.squeeze(0) : hy;
  }
}
export const RNNCell = pyclass(RNNCellImpl, "RNNCell");
export const LSTMCell = pyclass(LSTMCellImpl, "LSTMCell");
export const GRUCell = pyclass(GRUCellImpl, "GRUCell");
