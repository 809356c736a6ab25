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
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const [a, b] = make();
      const fast = a.matmul(b);
      const ref = plain(() => a.matmul(b));
      expect(fast.shape.__repr__()).toBe(ref.shape.__repr__());
      expect(maxRelDiff(fast, ref)).toBeLessThan(1e-5);
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
  it("tutorial-sized products stay in TypeScript; large ones go to the backend", () => {
    const saved = fastKernels.matmul!;
    let calls = 0;
    fastKernels.matmul = (...args) => (calls++, saved(...args));
    try {
      torch.randn(3, 3).matmul(torch.randn(3, 3));
      expect(calls).toBe(0);
      const n = Math.ceil(Math.cbrt(fastThresholds.matmulMacs)) + 1;
      torch.randn(n, n).matmul(torch.randn(n, n));
      expect(calls).toBe(1);
    } finally {
      fastKernels.matmul = saved;
    }
  });
});
