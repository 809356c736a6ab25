// constant_pad_nd (F.pad's constant mode; negative pads crop, so the derivative is the same op
// with the pads negated) and embedding (a row gather whose backward scatters rows back).

import { defineOp, int64, type Tensor } from "@tsgrad/core";
import { IndexError, RuntimeError } from "@tsgrad/py";
import { newTensor, numel, scalarName, vals, type T } from "./util.ts";

const padOp = defineOp("constant_pad_nd", {
  sig: "constant_pad_nd(Tensor input, int[] pad, Scalar value=0)",
  method: false,
  names: { oneflow: "pad_backward" },
  forward(_ctx, x: T, pad: number[], value: number) {
    const nd = x._shape.length;
    if (pad.length % 2 !== 0) throw new RuntimeError("Length of pad must be even but instead it equals " + pad.length);
    if (pad.length / 2 > nd)
      throw new RuntimeError(`Length of pad should be no more than twice the number of dimensions of the input. Pad length is ${pad.length} while the input has ${nd} dimensions.`);
    // pad lists (left, right) pairs starting from the last dim
    const before = new Array(nd).fill(0);
    const after = new Array(nd).fill(0);
    for (let i = 0; i < pad.length / 2; i++) {
      before[nd - 1 - i] = pad[2 * i];
      after[nd - 1 - i] = pad[2 * i + 1];
    }
    const outShape = x._shape.map((s, d) => s + before[d] + after[d]);
    for (const s of outShape)
      if (s < 0) throw new RuntimeError(`The input size ${x._shape.join(", ")}, plus negative padding results in a negative output size`);
    const out = newTensor(outShape, x.dtype, x);
    const o = out._storage as any;
    const v = Number(value);
    if (v !== 0) o.fill(typeof o[0] === "bigint" ? BigInt(v) : v);
    const xv = vals(x);
    const n = numel(outShape);
    const idx = new Array(nd).fill(0);
    const inStrides = new Array(nd);
    let st = 1;
    for (let d = nd - 1; d >= 0; d--) {
      inStrides[d] = st;
      st *= x._shape[d];
    }
    for (let i = 0; i < n; i++) {
      let src = 0;
      let inside = true;
      for (let d = 0; d < nd; d++) {
        const j = idx[d] - before[d];
        if (j < 0 || j >= x._shape[d]) {
          inside = false;
          break;
        }
        src += j * inStrides[d];
      }
      if (inside) o[i] = xv[src];
      for (let d = nd - 1; d >= 0; d--) {
        if (++idx[d] < outShape[d]) break;
        idx[d] = 0;
      }
    }
    return out;
  },
  backward(ctx, g) {
    return [padOp.call(g, (ctx.args[1] as number[]).map((p) => -p), 0) as Tensor];
  },
});

const embeddingOp = defineOp("embedding", {
  sig: "embedding(Tensor weight, Tensor indices, int padding_idx=-1, bool scale_grad_by_freq=False, bool sparse=False)",
  method: false,
  names: { oneflow: "embedding_backward" },
  forward(_ctx, w: T, idx: T, _pad: number) {
    if (idx.dtype !== int64 && idx.dtype.name !== "int32")
      throw new RuntimeError(`Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.${idx.dtype.legacyName} instead (while checking arguments for embedding)`);
    const [V, D] = w._shape;
    const iv = vals(idx);
    const wv = vals(w);
    const out = newTensor([...idx._shape, D], w.dtype, w);
    const o = out._storage as any;
    for (let i = 0; i < iv.length; i++) {
      const r = Number(iv[i]);
      if (r < 0 || r >= V) throw new IndexError("index out of range in self");
      for (let d = 0; d < D; d++) o[i * D + d] = wv[r * D + d];
    }
    void scalarName;
    return out;
  },
  backward(ctx, g) {
    const [w, idx, pad] = ctx.args as [T, T, number];
    return [embeddingBackward.call(g, idx, w._shape[0], pad) as Tensor, null];
  },
});

const embeddingBackward = defineOp("embedding_dense_backward", {
  sig: "embedding_dense_backward(Tensor grad_output, Tensor indices, int num_weights, int padding_idx)",
  method: false,
  fn: false,
  forward(_ctx, g: T, idx: T, V: number, pad: number) {
    const D = g._shape[g._shape.length - 1];
    const out = newTensor([V, D], g.dtype, g);
    const o = out._storage as any;
    const gv = vals(g);
    const iv = vals(idx);
    for (let i = 0; i < iv.length; i++) {
      const r = Number(iv[i]);
      if (r === pad) continue;
      for (let d = 0; d < D; d++) o[r * D + d] += gv[i * D + d];
    }
    return out;
  },
});

export { padOp, embeddingOp };
