// The fast kernels onnxruntime provides to core: batched MatMul and NCHW Conv with its two
// gradients (input: ConvTranspose of dY; weight: a Conv over batch/channel-swapped operands).

import type { Conv2dArgs } from "@tsgrad/core";
import { buildModel } from "./model.ts";
import { runSync, session, threadsFor } from "./session.ts";

export function matmul(a: Float32Array, b: Float32Array, batch: number, m: number, k: number, n: number): Float32Array | null {
  const s = session("MatMul", () =>
    buildModel({
      op: "MatMul",
      inputs: [{ name: "A", dims: ["b", "m", "k"] }, { name: "B", dims: ["b", "k", "n"] }],
      output: { name: "Y", dims: ["b", "m", "n"] },
    }),
    threadsFor(batch * m * k * n),
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
    threadsFor(m * k * n),
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
    threadsFor(m * k * n),
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

/**
 * W[o, c/g, kh, kw] -> W'[c, o/g, kh, kw] with both kernel axes reversed: the weight of the
 * stride-1 convolution that equals ConvTranspose(., W), group by group.
 */
export function flipTransposeWeight(w: Float32Array, o: number, c: number, groups: number, kh: number, kw: number, out = new Float32Array(w.length)): Float32Array {
  const og = o / groups, cg = c / groups, kk = kh * kw;
  for (let gi = 0; gi < groups; gi++)
    for (let oo = 0; oo < og; oo++)
      for (let cc = 0; cc < cg; cc++) {
        const src = ((gi * og + oo) * cg + cc) * kk;
        const dst = ((gi * cg + cc) * og + oo) * kk;
        for (let t = 0; t < kk; t++) out[dst + t] = w[src + kk - 1 - t];
      }
  return out;
}

/** The flipped weight's buffer, reused: onnxruntime reads it during the synchronous call only. */
let flipped = new Float32Array(0);

/**
 * Output positions (n*outH*outW) from which the flipped-weight Conv beats ConvTranspose. The
 * Conv is 20-50% faster than ConvTranspose at vgg11's and W6b's shapes, but the flip is JS work
 * proportional to the weight alone (~3 ns per value: 7 ms for a 512x512x3x3 weight), so it only
 * pays on large images. Measured (this 2-core Xeon, loaded; min of 6): 64ch 56x56 flip+Conv 2.3 ms
 * vs ConvTranspose 2.9; 128->256 56x56 10.9 vs 13.9; 512ch 14x14 16.8 vs 5.4 (flip 12); at 28x28
 * (784 positions) the two are within noise, so the line is drawn at 32x32.
 */
export const inputGradTuning = { flipConvMinPositions: 1024 };

/**
 * dX = ConvTranspose(dY, W) with the forward's geometry; output_padding recovers the exact size.
 * With stride 1 (no output_padding) it is the plain Conv of dY with the flipped, transposed
 * weight and padding d*(k-1) - p, which onnxruntime runs much faster than its ConvTranspose
 * (measured on this 2-core Xeon, W6b's [1,64,56,56] x [64,64,3,3]: ConvTranspose 2.9 ms, Conv 1.7 ms).
 */
export function conv2dInputGrad(dy: Float32Array, w: Float32Array, a: Conv2dArgs, outH: number, outW: number): Float32Array | null {
  const opH = a.h - ((outH - 1) * a.stride[0] - 2 * a.padding[0] + a.dilation[0] * (a.kh - 1) + 1);
  const opW = a.w - ((outW - 1) * a.stride[1] - 2 * a.padding[1] + a.dilation[1] * (a.kw - 1) + 1);
  if (opH < 0 || opW < 0 || opH >= Math.max(a.stride[0], a.dilation[0]) || opW >= Math.max(a.stride[1], a.dilation[1])) return null;
  const padH = a.dilation[0] * (a.kh - 1) - a.padding[0], padW = a.dilation[1] * (a.kw - 1) - a.padding[1];
  if (a.stride[0] === 1 && a.stride[1] === 1 && opH === 0 && opW === 0 && padH >= 0 && padW >= 0 && a.n * outH * outW >= inputGradTuning.flipConvMinPositions) {
    if (flipped.length < w.length) flipped = new Float32Array(w.length);
    const wt = flipTransposeWeight(w, a.o, a.c, a.groups, a.kh, a.kw, flipped.length === w.length ? flipped : flipped.subarray(0, w.length));
    return conv2d(dy, wt, null, { ...a, n: a.n, c: a.o, h: outH, w: outW, o: a.c, padding: [padH, padW] });
  }
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
