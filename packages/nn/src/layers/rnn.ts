// RNN, LSTM, GRU (multi-layer, batch_first, bidirectional), composed of ops step by step: the
// gradients come from the ops' own derivatives. As in PyTorch's CPU path (_rnn_impl_with_concat),
// each direction's outputs are stacked over time (StackBackward0), a bidirectional layer
// concatenates forward and reverse outputs on the last dim (CatBackward0), h_n stacks every
// layer's and direction's final state, and a batch_first result is transposed back in place for
// RNN/GRU (transpose_, TransposeBackward1) but out of place for LSTM (TransposeBackward0).
// Parameters register per layer, then per direction (`..._l0`, `..._l0_reverse`, `..._l1`, ...),
// and are initialised in that order. Gate orders are PyTorch's: LSTM (i, f, g, o), GRU (r, z, n).

import { Tensor, defineOp, get_default_dtype, ops, type DType } from "@tsgrad/core";
import { PyTuple, RuntimeError, ValueError, pyRepr } from "@tsgrad/py";
import { parseArgs } from "../args.ts";
import { ModuleImpl } from "../module.ts";
import { Parameter } from "../parameter.ts";
import { pyclass } from "../pyclass.ts";
import * as F from "../functional/index.ts";
import * as init from "../init.ts";
import { fl } from "./basic.ts";

type T = Tensor;
type Mode = "RNN_TANH" | "RNN_RELU" | "LSTM" | "GRU";

function tuple(...items: unknown[]): PyTuple<any> {
  const t = new PyTuple<any>();
  for (const x of items) t.push(x);
  return t;
}
const stack = (ts: T[], dim = 0): T => ops.stack.call(ts, dim) as T;
const cat = (ts: T[], dim: number): T => ops.cat.call(ts, dim) as T;

/**
 * ATen's `output.transpose_(0, 1)` on the freshly stacked output: the result owns its storage
 * (no `_base`, as an in-place transpose of a non-view leaves none) and its grad_fn is the
 * in-place overload's node, TransposeBackward1.
 */
const transposeInplace = defineOp("_rnn_transpose_", {
  sig: "_rnn_transpose_(Tensor input, int dim0, int dim1)",
  method: false,
  fn: false,
  names: { torch: "TransposeBackward1" },
  forward(_ctx, x: T, d0: number, d1: number) {
    const v = x.transpose(d0, d1);
    v._base = null;
    return v;
  },
  backward: (ctx, g) => [g.transpose(ctx.args[1] as number, ctx.args[2] as number)],
});

/** ATen's `unsafe_chunk` in the cells: the chunks are not autograd views; UnsafeSplitBackward0. */
const unsafeChunk = defineOp("_rnn_unsafe_chunk", {
  sig: "_rnn_unsafe_chunk(Tensor input, int chunks, int dim)",
  method: false,
  fn: false,
  names: { torch: "UnsafeSplitBackward0" },
  forward(_ctx, x: T, n: number, dim: number) {
    const parts = x.chunk(n, dim) as T[];
    for (const p of parts) p._base = null;
    return parts;
  },
  backward(ctx, ...grads) {
    const x = ctx.args[0] as T;
    const n = ctx.args[1] as number;
    const dim = ctx.args[2] as number;
    const size = x._shape[dim] / n;
    const shape = x._shape.slice();
    shape[dim] = size;
    const full = grads.map((g) => g ?? Tensor.empty(shape, x.dtype, x._dialect).zero_());
    return [cat(full, dim)];
  },
});
const chunk = (x: T, n: number): T[] => unsafeChunk.call(x, n, 1) as T[];

class RNNBaseImpl extends ModuleImpl {
  constructor(name: string, mode: Mode | null, args: unknown[]) {
    super();
    const spec: any[] = ["input_size", "hidden_size", ["num_layers", 1]];
    if (mode === null) spec.push(["nonlinearity", "tanh"]);
    spec.push(["bias", true], ["batch_first", false], ["dropout", 0.0], ["bidirectional", false]);
    if (name === "LSTM") spec.push(["proj_size", 0]);
    spec.push(["device", null], ["dtype", null]);
    const a = parseArgs(`${name}.__init__`, spec, args);
    let m: Mode = mode ?? "RNN_TANH";
    if (mode === null) {
      if (a.nonlinearity === "relu") m = "RNN_RELU";
      else if (a.nonlinearity !== "tanh") throw new ValueError(`Unknown nonlinearity '${a.nonlinearity}'. Select from 'tanh' or 'relu'.`);
    }
    this.mode = m;
    this.nonlinearity = a.nonlinearity ?? "tanh";
    this.input_size = a.input_size;
    this.hidden_size = a.hidden_size;
    this.num_layers = a.num_layers;
    this.bias = a.bias;
    this.batch_first = a.batch_first;
    this.dropout = Number(a.dropout);
    this.bidirectional = Boolean(a.bidirectional);
    this.proj_size = a.proj_size ?? 0;
    const gates = m === "LSTM" ? 4 : m === "GRU" ? 3 : 1;
    const dtype: DType = a.dtype ?? get_default_dtype();
    const dirs = this.bidirectional ? 2 : 1;
    for (let l = 0; l < a.num_layers; l++) {
      for (let d = 0; d < dirs; d++) {
        const inSize = l === 0 ? a.input_size : a.hidden_size * dirs;
        const sfx = `l${l}${d === 1 ? "_reverse" : ""}`;
        const p = (shape: number[]) => new Parameter(Tensor.empty(shape, dtype));
        this.register_parameter(`weight_ih_${sfx}`, p([gates * a.hidden_size, inSize]));
        this.register_parameter(`weight_hh_${sfx}`, p([gates * a.hidden_size, a.hidden_size]));
        if (a.bias) {
          this.register_parameter(`bias_ih_${sfx}`, p([gates * a.hidden_size]));
          this.register_parameter(`bias_hh_${sfx}`, p([gates * a.hidden_size]));
        }
      }
    }
    const stdv = a.hidden_size > 0 ? 1 / Math.sqrt(a.hidden_size) : 0;
    for (const w of this.parameters()) init.uniform_(w, -stdv, stdv);
  }

  /**
   * One step of ATen's cells (RNN.cpp), given this step's precomputed input projection `gi`
   * (FullLayer projects the whole sequence at once on CPU): the same ops in the same order, with
   * the in-place ones (add_, sigmoid_, mul_) out of place, which names their nodes alike.
   */
  _cell(gi: T, h: T, c: T | null, sfx: string): [T, T | null] {
    const whh = this[`weight_hh_${sfx}`] as T;
    const bhh = this.bias ? (this[`bias_hh_${sfx}`] as T) : null;
    const gh = F.linear(h, whh, bhh);
    if (this.mode === "RNN_TANH") return [gh.add(gi).tanh(), null];
    if (this.mode === "RNN_RELU") return [gh.add(gi).relu(), null];
    if (this.mode === "LSTM") {
      const [i, f, g, o] = chunk(gh.add(gi), 4);
      const c2 = f.sigmoid().mul(c!).add(i.sigmoid().mul(g.tanh()));
      return [o.sigmoid().mul(c2.tanh()), c2];
    }
    const [ir, iz, inn] = chunk(gi, 3);
    const [hr, hz, hn] = chunk(gh, 3);
    const r = hr.add(ir).sigmoid();
    const z = hz.add(iz).sigmoid();
    const n = inn.add(hn.mul(r)).tanh();
    return [h.sub(n).mul(z).add(n), null];
  }

  override forward(input: T, hx: T | PyTuple<T> | T[] | null = null): any {
    const unbatched = input.ndim === 2;
    if (input.ndim !== 2 && input.ndim !== 3) throw new ValueError(`${this._get_name()}: Expected input to be 2-D or 3-D but received ${input.ndim}-D tensor`);
    let x = unbatched ? input.unsqueeze(1) : this.batch_first ? input.transpose(0, 1) : input;
    if (x._shape[2] !== this.input_size)
      throw new RuntimeError(`input.size(-1) must be equal to input_size. Expected ${this.input_size}, got ${x._shape[2]}`);
    const [Tn, N] = x._shape;
    const H = this.hidden_size;
    const dirs = this.bidirectional ? 2 : 1;
    const zeros = () => Tensor.empty([this.num_layers * dirs, N, H], x.dtype, x._dialect).zero_();
    let h0: T;
    let c0: T | null = null;
    if (this.mode === "LSTM") {
      if (hx === null) {
        h0 = zeros();
        c0 = zeros();
      } else {
        [h0, c0] = hx as T[];
        if (unbatched) {
          h0 = h0.unsqueeze(1);
          c0 = c0!.unsqueeze(1);
        }
      }
    } else {
      h0 = hx === null ? zeros() : unbatched ? (hx as T).unsqueeze(1) : (hx as T);
    }
    const hN: T[] = [];
    const cN: T[] = [];
    let layerIn = x;
    for (let l = 0; l < this.num_layers; l++) {
      const dirOuts: T[] = [];
      for (let d = 0; d < dirs; d++) {
        const sfx = `l${l}${d === 1 ? "_reverse" : ""}`;
        let h = h0.select(0, l * dirs + d);
        let c = c0 === null ? null : c0.select(0, l * dirs + d);
        const outs: T[] = new Array(Tn);
        const wih = this[`weight_ih_${sfx}`] as T;
        const bih = this.bias ? (this[`bias_ih_${sfx}`] as T) : null;
        const steps = F.linear(layerIn, wih, bih).unbind(0) as T[];
        // the reverse direction reads the sequence backwards and its outputs are put back in time order
        for (let s = 0; s < Tn; s++) {
          const t = d === 0 ? s : Tn - 1 - s;
          [h, c] = this._cell(steps[t], h, c, sfx);
          outs[t] = h;
        }
        hN.push(h);
        if (c !== null) cN.push(c);
        dirOuts.push(stack(outs));
      }
      layerIn = dirs === 1 ? dirOuts[0] : cat(dirOuts, dirOuts[0].ndim - 1);
      if (this.dropout > 0 && this.training && l < this.num_layers - 1) layerIn = F.dropout(layerIn, this.dropout, true);
    }
    let output = layerIn;
    let hn = stack(hN);
    let cn = cN.length > 0 ? stack(cN) : null;
    if (unbatched) {
      output = output.squeeze(1);
      hn = hn.squeeze(1);
      if (cn !== null) cn = cn.squeeze(1);
    } else if (this.batch_first) output = this.mode === "LSTM" ? output.transpose(0, 1) : (transposeInplace.call(output, 0, 1) as T);
    return this.mode === "LSTM" ? tuple(output, tuple(hn, cn)) : tuple(output, hn);
  }

  override extra_repr(): string {
    let s = `${this.input_size}, ${this.hidden_size}`;
    if (this.proj_size !== 0) s += `, proj_size=${this.proj_size}`;
    if (this.num_layers !== 1) s += `, num_layers=${this.num_layers}`;
    if (this.bias !== true) s += `, bias=${this.bias ? "True" : "False"}`;
    if (this.batch_first !== false) s += `, batch_first=${this.batch_first ? "True" : "False"}`;
    if (this.dropout !== 0) s += `, dropout=${fl(this.dropout)}`;
    if (this.bidirectional !== false) s += `, bidirectional=True`;
    void pyRepr;
    return s;
  }
}

class RNNImpl extends RNNBaseImpl {
  constructor(...args: unknown[]) {
    super("RNN", null, args);
  }
}
class LSTMImpl extends RNNBaseImpl {
  constructor(...args: unknown[]) {
    super("LSTM", "LSTM", args);
  }
}
class GRUImpl extends RNNBaseImpl {
  constructor(...args: unknown[]) {
    super("GRU", "GRU", args);
  }
}
export const RNN = pyclass(RNNImpl, "RNN");
export const LSTM = pyclass(LSTMImpl, "LSTM");
export const GRU = pyclass(GRUImpl, "GRU");
