// The fast kernels onnxruntime provides to core: batched MatMul and NCHW Conv with its two
// gradients (input: ConvTranspose of dY; weight: a Conv over batch/channel-swapped operands).

import type { Conv2dArgs } from "@tsgrad/core";
import { buildModel } from "./model.ts";
import { runSync, session } from "./session.ts";

export function matmul(a: Float32Array, b: Float32Array, batch: number, m: number, k: number, n: number): Float32Array | null {
  const s = session("MatMul", () =>
    buildModel({
      op: "MatMul",
      inputs: [{ name: "A", dims: ["b", "m", "k"] }, { name: "B", dims: ["b", "k", "n"] }],
      output: { name: "Y", dims: ["b", "m", "n"] },
    }),
  );
  if (s === null) return null;
  return runSync(s, { A: [a, [batch, m, k]], B: [b, [batch, k, n]] }, "Y");
}

export function matmulNT(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array | null {
  const s = session("GemmNT", () =>
    buildModel({
      op: "Gemm",
      inputs: [{ name: "A", dims: ["m", "k"] }, { name: "B", dims: ["n", "k"] }],
      output: { name: "Y", dims: ["m", "n"] },
      attrs: [{ name: "transB", i: 1 }],
    }),
  );
  if (s === null) return null;
  return runSync(s, { A: [a, [m, k]], B: [b, [n, k]] }, "Y");
}

/**
 * out[m,n] = op(A) @ op(B) with Gemm's transA/transB: a transposed contiguous operand (a
 * Linear weight's .t(), a matmul backward's a.t()) is read in place instead of copied.
 * A is given as stored: [m,k], or [k,m] when transA; B as [k,n], or [n,k] when transB.
 */
export function gemm(a: Float32Array, b: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean): Float32Array | null {
  const s = session(`Gemm:${transA ? 1 : 0}${transB ? 1 : 0}`, () =>
    buildModel({
      op: "Gemm",
      inputs: [{ name: "A", dims: transA ? ["k", "m"] : ["m", "k"] }, { name: "B", dims: transB ? ["n", "k"] : ["k", "n"] }],
      output: { name: "Y", dims: ["m", "n"] },
      attrs: [{ name: "transA", i: transA ? 1 : 0 }, { name: "transB", i: transB ? 1 : 0 }],
    }),
  );
  if (s === null) return null;
  return runSync(s, { A: [a, transA ? [k, m] : [m, k]], B: [b, transB ? [n, k] : [k, n]] }, "Y");
}

function convAttrs(a: Conv2dArgs) {
  return [
    { name: "strides", ints: a.stride },
    { name: "pads", ints: [a.padding[0], a.padding[1], a.padding[0], a.padding[1]] },
    { name: "dilations", ints: a.dilation },
    { name: "group", i: a.groups },
  ];
}
const convKey = (op: string, a: Conv2dArgs, extra = "") => `${op}:${a.stride}:${a.padding}:${a.dilation}:${a.groups}:${extra}`;

export function conv2d(x: Float32Array, w: Float32Array, bias: Float32Array | null, a: Conv2dArgs): Float32Array | null {
  const inputs = [{ name: "X", dims: ["n", "c", "h", "w"] as (string | number)[] }, { name: "W", dims: ["o", "ci", "kh", "kw"] as (string | number)[] }];
  if (bias) inputs.push({ name: "B", dims: ["o"] });
  const s = session(convKey("Conv", a, bias ? "b" : ""), () =>
    buildModel({ op: "Conv", inputs, output: { name: "Y", dims: ["n", "o", "oh", "ow"] }, attrs: convAttrs(a) }),
  );
  if (s === null) return null;
  const feeds: Record<string, [Float32Array, number[]]> = {
    X: [x, [a.n, a.c, a.h, a.w]],
    W: [w, [a.o, a.c / a.groups, a.kh, a.kw]],
  };
  if (bias) feeds.B = [bias, [a.o]];
  return runSync(s, feeds, "Y");
}

/** dX = ConvTranspose(dY, W) with the forward's geometry; output_padding recovers the exact size. */
export function conv2dInputGrad(dy: Float32Array, w: Float32Array, a: Conv2dArgs, outH: number, outW: number): Float32Array | null {
  const opH = a.h - ((outH - 1) * a.stride[0] - 2 * a.padding[0] + a.dilation[0] * (a.kh - 1) + 1);
  const opW = a.w - ((outW - 1) * a.stride[1] - 2 * a.padding[1] + a.dilation[1] * (a.kw - 1) + 1);
  if (opH < 0 || opW < 0 || opH >= Math.max(a.stride[0], a.dilation[0]) || opW >= Math.max(a.stride[1], a.dilation[1])) return null;
  const s = session(convKey("ConvTranspose", a, `${opH},${opW}`), () =>
    buildModel({
      op: "ConvTranspose",
      inputs: [{ name: "DY", dims: ["n", "o", "oh", "ow"] }, { name: "W", dims: ["o", "ci", "kh", "kw"] }],
      output: { name: "DX", dims: ["n", "c", "h", "w"] },
      attrs: [...convAttrs(a), { name: "output_padding", ints: [opH, opW] }],
    }),
  );
  if (s === null) return null;
  return runSync(s, { DY: [dy, [a.n, a.o, outH, outW]], W: [w, [a.o, a.c / a.groups, a.kh, a.kw]] }, "DX");
}
