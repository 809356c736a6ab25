// F.pad's reflect and replicate modes (ATen's reflection_pad{1,2,3}d / replication_pad{1,2,3}d,
// grad_fn ReflectionPad1DBackward0 ...), one op over the last k = pad.length / 2 dims, and the
// circular mode as 1.13's _pad_circular composes it: an empty tensor filled by slice copies
// (grad_fn CopySlices).

import { defineOp, type Tensor } from "@tsgrad/core";
import { RuntimeError, slice } from "@tsgrad/py";
import { newTensor, numel, scalarName, vals, type T } from "./util.ts";

type Mode = "reflect" | "replicate";

function atenName(mode: Mode, k: number): string {
  return mode === "reflect" ? `reflection_pad${k}d` : `replication_pad${k}d`;
}
function gradFnName(mode: Mode, k: number, backward: boolean): string {
  return `${mode === "reflect" ? "Reflection" : "Replication"}Pad${k}D${backward ? "Backward" : ""}Backward0`;
}

/** For each output element (row-major), the flat index of the input element it reads. */
function sourceIndex(inShape: number[], pad: number[], mode: Mode): { outShape: number[]; src: Int32Array } {
  const nd = inShape.length;
  const k = pad.length / 2;
  const outShape = inShape.slice();
  const maps: Int32Array[] = [];
  for (let d = 0; d < nd; d++) {
    const i = nd - 1 - d; // pad pair index for dim d
    const l = i < k ? pad[2 * i] : 0;
    const r = i < k ? pad[2 * i + 1] : 0;
    const n = inShape[d];
    outShape[d] = n + l + r;
    const m = new Int32Array(Math.max(outShape[d], 0));
    for (let o = 0; o < m.length; o++) {
      let j = o - l;
      if (mode === "reflect") {
        if (j < 0) j = -j;
        else if (j >= n) j = 2 * (n - 1) - j;
      } else j = j < 0 ? 0 : j >= n ? n - 1 : j;
      m[o] = j;
    }
    maps.push(m);
  }
  const total = numel(outShape);
  const src = new Int32Array(total);
  const inStrides = new Array(nd);
  let st = 1;
  for (let d = nd - 1; d >= 0; d--) {
    inStrides[d] = st;
    st *= inShape[d];
  }
  const idx = new Array(nd).fill(0);
  for (let i = 0; i < total; i++) {
    let s = 0;
    for (let d = 0; d < nd; d++) s += maps[d][idx[d]] * inStrides[d];
    src[i] = s;
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d] < outShape[d]) break;
      idx[d] = 0;
    }
  }
  return { outShape, src };
}

function checkPad(x: T, pad: number[], mode: Mode): void {
  const k = pad.length / 2;
  const nd = x._shape.length;
  if (!x.dtype.is_floating_point)
    throw new RuntimeError(`"${atenName(mode, k)}${mode === "replicate" ? "_cpu" : ""}" not implemented for '${scalarName(x.dtype)}'`);
  if (mode === "reflect") {
    for (let i = 0; i < k; i++) {
      const d = nd - 1 - i;
      const l = pad[2 * i];
      const r = pad[2 * i + 1];
      if (!(l < x._shape[d] && r < x._shape[d])) {
        const of = k === 2 ? String(nd) : `[${x._shape.join(", ")}]`;
        throw new RuntimeError(
          `Argument #${4 + 2 * i}: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${r}) at dimension ${d} of input ${of}`,
        );
      }
    }
  }
  const outShape = x._shape.map((s, d) => (nd - 1 - d < k ? s + pad[2 * (nd - 1 - d)] + pad[2 * (nd - 1 - d) + 1] : s));
  if (k === 1 && outShape[nd - 1] < 1) {
    const w = x._shape[nd - 1];
    throw new RuntimeError(mode === "reflect" ? `2input (W: ${w})is too small. Calculated output W: ${outShape[nd - 1]}` : `input (W: ${w}) is too small. Calculated output W: ${outShape[nd - 1]}`);
  }
  const neg = outShape.find((s) => s < 0);
  if (neg !== undefined) throw new RuntimeError(`Trying to create tensor with negative dimension ${neg}: [${outShape.join(", ")}]`);
}

const edgePadOp: any = defineOp("_edge_pad", {
  sig: "_edge_pad(Tensor input, int[] pad, str mode)",
  method: false,
  names: { torch: (a) => gradFnName(a[2] as Mode, (a[1] as number[]).length / 2, false) },
  forward(_ctx, x: T, pad: number[], mode: Mode) {
    checkPad(x, pad, mode);
    const { outShape, src } = sourceIndex(x._shape, pad, mode);
    const out = newTensor(outShape, x.dtype, x);
    const o = out._storage as any;
    const xv = vals(x);
    for (let i = 0; i < src.length; i++) o[i] = xv[src[i]];
    return out;
  },
  backward(ctx, g) {
    const x = ctx.args[0] as T;
    return [edgePadBackwardOp.call(g, x._shape.slice(), ctx.args[1], ctx.args[2]) as Tensor];
  },
});

// The gradient: each output element's gradient added into the input element it read, in output
// order, in the dtype (ATen's loops). Its own gradient is the forward op again.
const edgePadBackwardOp: any = defineOp("_edge_pad_backward", {
  sig: "_edge_pad_backward(Tensor grad_output, int[] input_size, int[] pad, str mode)",
  method: false,
  names: { torch: (a) => gradFnName(a[3] as Mode, (a[2] as number[]).length / 2, true) },
  forward(_ctx, g: T, inShape: number[], pad: number[], mode: Mode) {
    const { src } = sourceIndex(inShape, pad, mode);
    const out = newTensor(inShape, g.dtype, g);
    const o = out._storage as any;
    const gv = vals(g);
    for (let i = 0; i < src.length; i++) o[src[i]] += gv[i];
    return out;
  },
  backward(ctx, gg) {
    return [edgePadOp.call(gg, ctx.args[2], ctx.args[3]) as Tensor, null, null, null];
  },
});

export function edgePad(x: T, pad: number[], mode: Mode): T {
  return edgePadOp.call(x, pad, mode) as T;
}

/** 1.13's _pad_circular: the input copied into the middle, then each dim's left and right strips from the output. */
export function circularPad(x: T, padding: number[]): T {
  const inShape = x._shape;
  const ndim = inShape.length - 2;
  if (padding.length + 4 !== inShape.length * 2) throw new RuntimeError(`Invalid padding size, expected ${ndim * 2} but got ${padding.length}`);
  const outShape = inShape.slice();
  for (let i = 0; i < ndim; i++) {
    const l = padding[2 * (ndim - i - 1)];
    const r = padding[2 * (ndim - i - 1) + 1];
    const size = inShape[2 + i];
    outShape[2 + i] = size + l + r;
    if (!(l <= size && r <= size)) throw new RuntimeError("Padding value causes wrapping around more than once.");
    if (outShape[2 + i] < 0) throw new RuntimeError("Negative padding value is resulting in an empty dimension");
  }
  const out = (x as any).new_empty(outShape) as T;
  const full = () => inShape.map(() => slice(null));
  const outIdx = full();
  const inIdx = full();
  for (let i = 0; i < ndim; i++) {
    const dim = ndim - i + 1;
    const l = padding[2 * i];
    const r = padding[2 * i + 1];
    outIdx[dim] = slice(Math.max(l, 0), outShape[dim] - Math.max(r, 0));
    inIdx[dim] = slice(Math.max(-l, 0), inShape[dim] - Math.max(-r, 0));
  }
  (out as any).__setitem__(outIdx, (x as any).at(...inIdx));
  for (let i = 0; i < ndim; i++) {
    const dim = ndim - i + 1;
    const l = padding[2 * i];
    const r = padding[2 * i + 1];
    if (l > 0) {
      const o = full();
      const s = full();
      o[dim] = slice(0, l);
      s[dim] = slice(outShape[dim] - l - Math.max(r, 0), outShape[dim] - Math.max(r, 0));
      (out as any).__setitem__(o, (out as any).at(...s));
    }
    if (r > 0) {
      const o = full();
      const s = full();
      o[dim] = slice(outShape[dim] - r, outShape[dim]);
      s[dim] = slice(Math.max(l, 0), Math.max(l, 0) + r);
      (out as any).__setitem__(o, (out as any).at(...s));
    }
  }
  return out;
}
