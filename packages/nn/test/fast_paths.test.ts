// The typed fast paths of vgg-sized layers must compute what the plain paths compute (issue 6):
// relu forward and backward (threshold_backward) on the bits, and max_pool2d's float32 forward
// and gradient scatter, against the generic loops (run on float64 copies of the same values) on
// random geometries, NaN/infinity/signed-zero/tie inputs, non-contiguous and broadcast operands.
// Nothing here is timed.
import { describe, expect, it } from "vitest";
import { Tensor, float32, float64, no_grad } from "@tsgrad/core";
import F from "../src/functional/index.ts";
import { torch } from "./helpers.ts";

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** float32 values with ties (a quarter are 0 or -0), some infinities and NaNs when asked. */
function values(n: number, seed: number, special = false): Float32Array {
  const r = lcg(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = r();
    if (u < 0.125) out[i] = 0;
    else if (u < 0.25) out[i] = -0;
    else if (special && u < 0.26) out[i] = NaN;
    else if (special && u < 0.27) out[i] = -Infinity;
    else if (special && u < 0.28) out[i] = Infinity;
    else out[i] = Math.round((r() - 0.5) * 64) / 8; // exact in float32, many ties
  }
  return out;
}

const t32 = (v: Float32Array, shape: number[]) => Tensor.fromData(v, shape, float32);
const t64 = (v: Float32Array, shape: number[]) => Tensor.fromData(Float64Array.from(v), shape, float64);

/** Same values bit for bit (+0 and -0 told apart, NaN equal to NaN). */
function sameBits(a: Tensor, b: Tensor): void {
  expect(a._shape).toEqual(b._shape);
  const x = a._contiguousValues(), y = b._contiguousValues();
  for (let i = 0; i < x.length; i++) {
    if (Object.is(x[i], y[i])) continue;
    throw new Error(`element ${i}: ${x[i]} vs ${y[i]}`);
  }
}

describe("relu fast paths", () => {
  it("forward: float32 on the bits equals the scalar rule (x > 0 ? x : 0), contiguous and strided", () => {
    for (const [shape, seed] of [[[3, 50, 70], 1], [[5000], 2], [[7], 3]] as Array<[number[], number]>) {
      const v = values(shape.reduce((a, b) => a * b, 1), seed, true);
      const x = t32(v, shape);
      const want = Float32Array.from(v, (e) => (e > 0 ? e : 0));
      sameBits(x.relu(), t32(want, shape));
      // a transposed (non-contiguous) view goes through the generic kernel
      if (shape.length === 3) sameBits(x.transpose(0, 2).relu(), t32(want, shape).transpose(0, 2).contiguous());
    }
    // an offset view of a larger storage
    const big = t32(values(20000, 4, true), [4, 5000]);
    const row = big.at(2);
    sameBits(row.relu(), t32(Float32Array.from(row._contiguousValues() as Float32Array, (e) => (e > 0 ? e : 0)), [5000]));
  });

  it("backward: threshold_backward is (y <= 0 ? 0 : g) for float32 and float64, dense, strided and broadcast gradients", () => {
    for (const dtype of [float32, float64]) {
      const shape = [4, 30, 41];
      const n = 4 * 30 * 41;
      const xv = values(n, 5, true);
      const gv = values(n, 6, true);
      const x: any = (dtype === float32 ? t32(xv, shape) : t64(xv, shape)).requires_grad_();
      const y = x.relu();
      const g = dtype === float32 ? t32(gv, shape) : t64(gv, shape);
      y.backward(g);
      const want = new Float64Array(n);
      const yv = y.detach()._contiguousValues() as ArrayLike<number>;
      for (let i = 0; i < n; i++) want[i] = yv[i] <= 0 ? 0 : gv[i];
      sameBits(x.grad, Tensor.fromData(dtype === float32 ? Float32Array.from(want) : want, shape, dtype));

      // a broadcast gradient (sum's backward expands a scalar) and a transposed one
      x.grad = null;
      x.relu().sum().backward();
      sameBits(x.grad, Tensor.fromData(dtype === float32 ? Float32Array.from(yv, (e: number) => (e <= 0 ? 0 : 1)) : Float64Array.from(yv, (e: number) => (e <= 0 ? 0 : 1)), shape, dtype));
      x.grad = null;
      const gT = (dtype === float32 ? t32(gv, [41, 30, 4]) : t64(gv, [41, 30, 4])).permute(2, 1, 0);
      x.relu().backward(gT);
      const gTv = gT._contiguousValues() as ArrayLike<number>;
      sameBits(x.grad, Tensor.fromData(dtype === float32 ? Float32Array.from(yv, (e: number, i: number) => (e <= 0 ? 0 : gTv[i])) : Float64Array.from(yv, (e: number, i: number) => (e <= 0 ? 0 : gTv[i])), shape, dtype));
    }
  });

  it("double backward through relu's gradient", () => {
    const x = torch.tensor([-1.5, 0.5, 2.0, -0.25], { requires_grad: true });
    const g = torch.tensor([1.0, 2.0, 3.0, 4.0], { requires_grad: true });
    const y = x.relu();
    y.backward(g, { create_graph: true });
    const gx = x.grad;
    expect(gx.tolist()).toEqual([0, 2, 3, 0]);
    expect(gx.requires_grad).toBe(true);
    gx.mul(torch.tensor([1.0, 10.0, 100.0, 1000.0])).sum().backward();
    expect(g.grad.tolist()).toEqual([0, 10, 100, 0]);
  });
});

describe("max_pool2d float32 fast path", () => {
  const geoms: Array<[string, number[], Record<string, unknown>]> = [
    ["2x2 stride 2 (vgg)", [2, 3, 16, 18], { kernel_size: 2, stride: 2 }],
    ["2x2 stride 2 odd size", [1, 4, 15, 17], { kernel_size: 2, stride: 2 }],
    ["3x3 stride 2 padding 1 (overlapping)", [2, 3, 17, 16], { kernel_size: 3, stride: 2, padding: 1 }],
    ["3x3 stride 1 padding 1", [1, 2, 9, 11], { kernel_size: 3, stride: 1, padding: 1 }],
    ["3x2 stride (2, 1) dilation 2", [1, 3, 20, 19], { kernel_size: [3, 2], stride: [2, 1], dilation: 2 }],
    ["3x3 stride 2 ceil_mode", [2, 2, 14, 15], { kernel_size: 3, stride: 2, ceil_mode: true }],
    ["4x4 stride 3 padding 2 ceil_mode", [1, 3, 19, 22], { kernel_size: 4, stride: 3, padding: 2, ceil_mode: true }],
    ["3-D input (no batch)", [5, 12, 13], { kernel_size: 2, stride: 2 }],
  ];
  for (const [name, shape, opts] of geoms) {
    for (const special of [false, true]) {
      it(`${name}${special ? ", with NaN and infinities" : ""}: values, indices and gradients equal the generic loop's`, () => {
        const n = shape.reduce((a, b) => a * b, 1);
        const v = values(n, shape.length * 7 + n, special);
        const x32: any = t32(v, shape).requires_grad_();
        const x64: any = t64(v, shape).requires_grad_();
        const [o32, i32] = F.max_pool2d(x32, { ...opts, return_indices: true });
        const [o64, i64] = F.max_pool2d(x64, { ...opts, return_indices: true });
        sameBits(o32.detach(), o64.detach().to(float32));
        sameBits(i32, i64);
        // integer-valued gradients: overlapping windows sum exactly in either precision
        const r = lcg(n);
        const gv = Float32Array.from({ length: o32.numel() }, () => Math.floor(r() * 9) - 4);
        o32.backward(t32(gv, o32._shape));
        o64.backward(t64(gv, o64._shape));
        sameBits(x32.grad, x64.grad.to(float32));
      });
    }
  }
  it("non-contiguous input (a permuted view) and a broadcast gradient", () => {
    const v = values(2 * 20 * 18 * 3, 11, false);
    const base32 = t32(v, [2, 20, 18, 3]);
    const base64 = t64(v, [2, 20, 18, 3]);
    const x32: any = base32.permute(0, 3, 1, 2).requires_grad_();
    const x64: any = base64.permute(0, 3, 1, 2).requires_grad_();
    const o32 = F.max_pool2d(x32, 3, { stride: 2, padding: 1 });
    const o64 = F.max_pool2d(x64, 3, { stride: 2, padding: 1 });
    sameBits(o32.detach(), o64.detach().to(float32));
    o32.sum().backward();
    o64.sum().backward();
    sameBits(x32.grad, x64.grad.to(float32));
  });
  it("the float32 path runs under no_grad too (indices only kept for autograd)", () => {
    const v = values(1 * 4 * 10 * 10, 12, false);
    const out = no_grad(() => F.max_pool2d(t32(v, [1, 4, 10, 10]), 2));
    sameBits(out, F.max_pool2d(t64(v, [1, 4, 10, 10]), 2).to(float32));
  });
});
