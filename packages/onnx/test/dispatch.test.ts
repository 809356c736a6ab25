// The fast path (onnxruntime) must compute what the plain TypeScript kernels compute, for
// every operand layout the dispatcher can see: transposed, sliced, broadcast batches.
import { describe, expect, it } from "vitest";
import torch from "@tsgrad/torch";
import { fastKernels, fastThresholds } from "@tsgrad/core";

function plain<T>(fn: () => T): T {
  const saved = fastKernels.matmul;
  delete fastKernels.matmul;
  try {
    return fn();
  } finally {
    fastKernels.matmul = saved;
  }
}

function maxRelDiff(a: any, b: any): number {
  const x = a._contiguousValues(), y = b._contiguousValues();
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / (1 + Math.abs(y[i])));
  return worst;
}

describe("matmul dispatch to onnxruntime", () => {
  it("is registered by the torch dialect", () => {
    expect(typeof fastKernels.matmul).toBe("function");
  });
  const cases: Array<[string, () => [any, any]]> = [
    ["2-D", () => [torch.randn(70, 80), torch.randn(80, 90)]],
    ["transposed operands", () => [torch.randn(80, 70).t(), torch.randn(90, 80).t()]],
    ["sliced rows and columns", () => [torch.randn(100, 100).at("5:75", "::1").at(":", "10:90"), torch.randn(80, 120).at(":", "::2")]],
    ["batched", () => [torch.randn(3, 40, 50), torch.randn(3, 50, 60)]],
    ["broadcast batch", () => [torch.randn(2, 1, 40, 50), torch.randn(3, 50, 60)]],
    ["batched x 2-D", () => [torch.randn(4, 40, 50), torch.randn(50, 64)]],
    // b = w.t() of a contiguous w goes to Gemm(transB) without a copy (each above the threshold)
    ["x @ w.t() (Linear)", () => [torch.randn(3, 700), torch.randn(900, 700).t()]],
    ["batched x shared w.t()", () => [torch.randn(4, 40, 50), torch.randn(64, 50).t()]],
    ["row x w.t() of a row slice (offset)", () => [torch.randn(8, 500), torch.randn(100, 500).at("10:90").t()]],
    ["column x row (K = 1)", () => [torch.randn(1000, 1), torch.randn(800, 1).t()]],
    // 2-D operands go to Gemm with transA/transB as stored, offsets included
    ["a.t() of a row slice (offset) x b", () => [torch.randn(100, 80).at("10:90").t(), torch.randn(80, 60)]],
    ["a.t() x b.t()", () => [torch.randn(64, 40).t(), torch.randn(30, 64).t()]],
    ["row vector x w.t() (M = 1)", () => [torch.randn(1, 700), torch.randn(90, 700).t()]],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const [a, b] = make();
      const fast = a.matmul(b);
      const ref = plain(() => a.matmul(b));
      expect(fast.shape.__repr__()).toBe(ref.shape.__repr__());
      // the plain path sums in float32 in k order as reference BLAS does; onnxruntime blocks its sums
      expect(maxRelDiff(fast, ref)).toBeLessThan(1e-4);
    });
  }
  it("gradients agree", () => {
    const a = torch.randn(64, 96, { requires_grad: true });
    const b = torch.randn(96, 80, { requires_grad: true });
    a.matmul(b).sum().backward();
    const [ga, gb] = [a.grad.clone(), b.grad.clone()];
    a.grad = null;
    b.grad = null;
    plain(() => a.matmul(b).sum().backward());
    expect(maxRelDiff(ga, a.grad)).toBeLessThan(1e-5);
    expect(maxRelDiff(gb, b.grad)).toBeLessThan(1e-5);
  });
  it("a Linear's x @ w.t() and both gradients use Gemm on the operands as stored", () => {
    const saved = fastKernels.gemm!;
    const calls: Array<[number, number, boolean, boolean]> = [];
    fastKernels.gemm = (a, b, m, k, n, ta, tb) => (calls.push([a.length, b.length, ta, tb]), saved(a, b, m, k, n, ta, tb));
    try {
      const w = torch.randn(960, 800, { requires_grad: true });
      const x = torch.randn(2, 800, { requires_grad: true });
      const dy = torch.randn(2, 960);
      x.matmul(w.t()).backward(dy);
      // forward x @ w^T (transB on w as stored); x.grad = g @ w; w.grad = (g^T @ x) with g^T as stored
      expect(calls).toEqual([
        [2 * 800, 960 * 800, false, true],
        [2 * 960, 960 * 800, false, false],
        [2 * 960, 2 * 800, true, false],
      ]);
      const gx = x.grad.clone(), gw = w.grad.clone();
      x.grad = null;
      w.grad = null;
      plain(() => x.matmul(w.t()).backward(dy));
      expect(maxRelDiff(gx, x.grad)).toBeLessThan(1e-4);
      expect(maxRelDiff(gw, w.grad)).toBeLessThan(1e-4);
    } finally {
      fastKernels.gemm = saved;
    }
  });
  it("tutorial-sized products stay in TypeScript; large ones go to the backend", () => {
    const saved = fastKernels.matmul!, savedGemm = fastKernels.gemm!;
    let calls = 0;
    fastKernels.matmul = (...args) => (calls++, saved(...args));
    fastKernels.gemm = (...args) => (calls++, savedGemm(...args));
    try {
      torch.randn(3, 3).matmul(torch.randn(3, 3));
      expect(calls).toBe(0);
      const n = Math.ceil(Math.cbrt(fastThresholds.matmulMacs)) + 1;
      torch.randn(n, n).matmul(torch.randn(n, n));
      expect(calls).toBe(1);
    } finally {
      fastKernels.matmul = saved;
      fastKernels.gemm = savedGemm;
    }
  });
});

describe("conv2d dispatch to onnxruntime", () => {
  const F = (torch as any).nn.functional;
  function plainConv<T>(fn: () => T): T {
    const saved = { ...fastKernels };
    for (const k of Object.keys(fastKernels)) delete (fastKernels as any)[k];
    try {
      return fn();
    } finally {
      Object.assign(fastKernels, saved);
    }
  }
  // every case is above fastThresholds.convMacs, so the fast paths run
  const cases: Array<[string, number[], number[], Record<string, unknown>]> = [
    ["3x3 padding 1", [2, 16, 20, 18], [24, 16, 3, 3], { padding: 1 }],
    ["stride 2, no padding", [1, 16, 21, 23], [32, 16, 3, 3], { stride: 2 }],
    ["dilation 2, padding 2", [1, 16, 19, 19], [16, 16, 3, 3], { padding: 2, dilation: 2 }],
    ["5x5 stride 3 padding 1", [2, 8, 31, 29], [16, 8, 5, 5], { stride: 3, padding: 1 }],
    // stride 1 on at least 1024 output positions: the input gradient is a Conv of dY with the
    // flipped weight (padding d*(k-1) - p)
    ["3x3 padding 1, 36x36 (flipped weight)", [1, 16, 36, 36], [16, 16, 3, 3], { padding: 1 }],
    ["3x3 no padding (flipped weight, padding 2)", [3, 16, 25, 21], [24, 16, 3, 3], {}],
    ["dilation 2, padding 1 (flipped weight, padding 3)", [1, 16, 35, 37], [16, 16, 3, 3], { padding: 1, dilation: 2 }],
    ["2x4 kernel, padding (1, 2)", [2, 16, 14, 18], [16, 16, 2, 4], { padding: [1, 2] }],
    ["padding beyond d*(k-1) (ConvTranspose fallback)", [1, 16, 12, 12], [16, 16, 3, 3], { padding: 3 }],
    // groups: the weight gradient runs one Gemm per group and image
    ["groups 2, padding 1", [2, 16, 25, 23], [24, 8, 3, 3], { padding: 1, groups: 2 }],
    ["groups 4, stride 2", [2, 32, 31, 29], [16, 8, 3, 3], { stride: 2, groups: 4 }],
    ["depthwise 3x3", [1, 32, 40, 40], [32, 1, 3, 3], { padding: 1, groups: 32 }],
    ["3x3 padding 1, 14x14 (ConvTranspose below the flip threshold)", [1, 64, 14, 14], [64, 64, 3, 3], { padding: 1 }],
    // 1x1 stride 1: x is its own im2col
    ["1x1", [2, 64, 12, 12], [48, 64, 1, 1], {}],
    ["1x1 stride 2", [1, 64, 13, 13], [48, 64, 1, 1], { stride: 2 }],
  ];
  for (const [name, xs, ws, kw] of cases) {
    it(`${name}: forward and both gradients agree`, () => {
      const x = torch.randn(...xs, { requires_grad: true });
      const w = torch.randn(...ws, { requires_grad: true });
      const b = torch.randn(ws[0], { requires_grad: true });
      const y = F.conv2d(x, w, b, kw);
      const dy = torch.randn(...y._shape);
      y.backward(dy);
      const fast = [y.detach(), x.grad.clone(), w.grad.clone(), b.grad.clone()];
      x.grad = null;
      w.grad = null;
      b.grad = null;
      const ref = plainConv(() => {
        const y2 = F.conv2d(x, w, b, kw);
        y2.backward(dy);
        return [y2.detach(), x.grad, w.grad, b.grad];
      });
      for (let i = 0; i < 4; i++) expect(maxRelDiff(fast[i], ref[i])).toBeLessThan(1e-4);
    });
  }
  it("non-contiguous input (a channel slice of a permuted tensor) and a transposed weight view", () => {
    const x = torch.randn(2, 20, 18, 24).permute(0, 3, 1, 2).at(":", "2:18").requires_grad_(); // [2, 16, 20, 18]
    const w = torch.randn(16, 24, 3, 3).transpose(0, 1).requires_grad_(); // [24, 16, 3, 3]
    const y = F.conv2d(x, w, null, { padding: 1 });
    const dy = torch.randn(...y._shape).expand(...y._shape); // broadcast-free but a fresh layout
    y.backward(dy);
    const fast = [y.detach(), x.grad.clone(), w.grad.clone()];
    x.grad = null;
    w.grad = null;
    const ref = plainConv(() => {
      const y2 = F.conv2d(x, w, null, { padding: 1 });
      y2.backward(dy);
      return [y2.detach(), x.grad, w.grad];
    });
    for (let i = 0; i < 3; i++) expect(maxRelDiff(fast[i], ref[i])).toBeLessThan(1e-4);
  });
  it("a broadcast upstream gradient (expanded, stride 0)", () => {
    const x = torch.randn(1, 16, 20, 20, { requires_grad: true });
    const w = torch.randn(16, 16, 3, 3, { requires_grad: true });
    const y = F.conv2d(x, w, null, { padding: 1 });
    const dy = torch.randn(1, 16, 1, 20).expand(1, 16, 20, 20);
    y.backward(dy);
    const fast = [x.grad.clone(), w.grad.clone()];
    x.grad = null;
    w.grad = null;
    const ref = plainConv(() => {
      F.conv2d(x, w, null, { padding: 1 }).backward(dy);
      return [x.grad, w.grad];
    });
    for (let i = 0; i < 2; i++) expect(maxRelDiff(fast[i], ref[i])).toBeLessThan(1e-4);
  });
  const tcases: Array<[string, number[], number[], Record<string, unknown>]> = [
    ["stride 1 padding 1 (a Conv of the flipped weight)", [2, 16, 24, 22], [16, 24, 3, 3], { padding: 1 }],
    ["stride 2 output_padding 1 (ConvTranspose)", [2, 32, 9, 11], [32, 16, 3, 3], { stride: 2, padding: 1, output_padding: 1 }],
    ["groups 2 stride 1", [2, 16, 24, 24], [16, 12, 3, 3], { groups: 2 }],
  ];
  for (const [name, xs, ws, kw] of tcases) {
    it(`conv_transpose2d ${name}: forward and gradients agree`, () => {
      const x = torch.randn(...xs, { requires_grad: true });
      const w = torch.randn(...ws, { requires_grad: true });
      const y = F.conv_transpose2d(x, w, null, kw);
      const dy = torch.randn(...y._shape);
      y.backward(dy);
      const fast = [y.detach(), x.grad.clone(), w.grad.clone()];
      x.grad = null;
      w.grad = null;
      const ref = plainConv(() => {
        const y2 = F.conv_transpose2d(x, w, null, kw);
        y2.backward(dy);
        return [y2.detach(), x.grad, w.grad];
      });
      for (let i = 0; i < 3; i++) expect(maxRelDiff(fast[i], ref[i])).toBeLessThan(1e-4);
    });
  }
  it("the fast paths are taken (weight gradient by Gemm, stride-1 input gradient by Conv)", () => {
    const saved = { ...fastKernels };
    const seen: string[] = [];
    fastKernels.conv2d = (...a) => (seen.push("conv2d"), saved.conv2d!(...a));
    fastKernels.conv2dInputGrad = (...a) => (seen.push("inputGrad"), saved.conv2dInputGrad!(...a));
    fastKernels.matmulNT = (...a) => (seen.push("matmulNT"), saved.matmulNT!(...a));
    try {
      const x = torch.randn(1, 16, 20, 20, { requires_grad: true });
      const w = torch.randn(16, 8, 3, 3, { requires_grad: true });
      F.conv2d(x, w, null, { padding: 1, groups: 2 }).sum().backward();
      expect(seen).toEqual(["conv2d", "inputGrad", "matmulNT", "matmulNT"]);
    } finally {
      Object.assign(fastKernels, saved);
    }
  });
});
