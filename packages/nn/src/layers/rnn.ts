// RNN, LSTM, GRU (multi-layer, batch_first, optional bidirectional=False only), composed of
// ops step by step: the gradients come from the ops' own derivatives. Outputs are stacked over
// time (StackBackward0 as PyTorch's), h_n over layers. Gate orders are PyTorch's:
// LSTM (i, f, g, o), GRU (r, z, n).

import { Tensor, get_default_dtype, ops, type DType } from "@tsgrad/core";
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
    if (a.bidirectional) throw new RuntimeError("bidirectional RNNs are not implemented in tsgrad yet");
    this.mode = m;
    this.nonlinearity = a.nonlinearity ?? "tanh";
    this.input_size = a.input_size;
    this.hidden_size = a.hidden_size;
    this.num_layers = a.num_layers;
    this.bias = a.bias;
    this.batch_first = a.batch_first;
    this.dropout = Number(a.dropout);
    this.bidirectional = false;
    this.proj_size = a.proj_size ?? 0;
    const gates = m === "LSTM" ? 4 : m === "GRU" ? 3 : 1;
    const dtype: DType = a.dtype ?? get_default_dtype();
    for (let l = 0; l < a.num_layers; l++) {
      const inSize = l === 0 ? a.input_size : a.hidden_size;
      const p = (shape: number[]) => new Parameter(Tensor.empty(shape, dtype));
      this.register_parameter(`weight_ih_l${l}`, p([gates * a.hidden_size, inSize]));
      this.register_parameter(`weight_hh_l${l}`, p([gates * a.hidden_size, a.hidden_size]));
      if (a.bias) {
        this.register_parameter(`bias_ih_l${l}`, p([gates * a.hidden_size]));
        this.register_parameter(`bias_hh_l${l}`, p([gates * a.hidden_size]));
      }
    }
    const stdv = a.hidden_size > 0 ? 1 / Math.sqrt(a.hidden_size) : 0;
    for (const w of this.parameters()) init.uniform_(w, -stdv, stdv);
  }

  _cell(x: T, h: T, c: T | null, l: number): [T, T | null] {
    const wih = this[`weight_ih_l${l}`] as T;
    const whh = this[`weight_hh_l${l}`] as T;
    const bih = this.bias ? (this[`bias_ih_l${l}`] as T) : null;
    const bhh = this.bias ? (this[`bias_hh_l${l}`] as T) : null;
    const gi = F.linear(x, wih, bih);
    const gh = F.linear(h, whh, bhh);
    if (this.mode === "RNN_TANH") return [gi.add(gh).tanh(), null];
    if (this.mode === "RNN_RELU") return [gi.add(gh).relu(), null];
    if (this.mode === "LSTM") {
      const [i, f, g, o] = gi.add(gh).chunk(4, 1) as T[];
      const c2 = f.sigmoid().mul(c!).add(i.sigmoid().mul(g.tanh()));
      return [o.sigmoid().mul(c2.tanh()), c2];
    }
    const [ir, iz, inn] = gi.chunk(3, 1) as T[];
    const [hr, hz, hn] = gh.chunk(3, 1) as T[];
    const r = ir.add(hr).sigmoid();
    const z = iz.add(hz).sigmoid();
    const n = inn.add(r.mul(hn)).tanh();
    return [n.sub(z.mul(n)).add(z.mul(h)), null];
  }

  override forward(input: T, hx: T | PyTuple<T> | T[] | null = null): any {
    const unbatched = input.ndim === 2;
    if (input.ndim !== 2 && input.ndim !== 3) throw new ValueError(`${this._get_name()}: Expected input to be 2-D or 3-D but received ${input.ndim}-D tensor`);
    let x = unbatched ? input.unsqueeze(1) : this.batch_first ? input.transpose(0, 1) : input;
    if (x._shape[2] !== this.input_size)
      throw new RuntimeError(`input.size(-1) must be equal to input_size. Expected ${this.input_size}, got ${x._shape[2]}`);
    const [Tn, N] = x._shape;
    const H = this.hidden_size;
    const zeros = () => Tensor.empty([this.num_layers, N, H], x.dtype, x._dialect).zero_();
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
      let h = h0.select(0, l);
      let c = c0 === null ? null : c0.select(0, l);
      const outs: T[] = [];
      for (let t = 0; t < Tn; t++) {
        [h, c] = this._cell(layerIn.select(0, t), h, c, l);
        outs.push(h);
      }
      hN.push(h);
      if (c !== null) cN.push(c);
      layerIn = stack(outs);
      if (this.dropout > 0 && this.training && l < this.num_layers - 1) layerIn = F.dropout(layerIn, this.dropout, true);
    }
    let output = layerIn;
    let hn = stack(hN);
    let cn = cN.length > 0 ? stack(cN) : null;
    if (unbatched) {
      output = output.squeeze(1);
      hn = hn.squeeze(1);
      if (cn !== null) cn = cn.squeeze(1);
    } else if (this.batch_first) output = output.transpose(0, 1);
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
