// Outputs printed in the seed documents (OneFlow old numpy-style and newer
// torch-style printing, PyTorch) plus the device suffix, which the fixtures
// cannot produce on a CPU-only machine.
import { describe, expect, it } from "vitest";
import { formatNumpyArray, tensorRepr, type TensorReprInput } from "../src/printing/index.ts";

const f32 = (xs: number[]) => Float32Array.from(xs);
const oneflowOld: Omit<TensorReprInput, "values" | "shape"> = {
  kind: "float",
  dtypeName: "float32",
  dtypePrefix: "oneflow",
  defaultFloatDtype: "float32",
  alwaysShowDtype: true,
  style: "numpy",
  requiresGrad: false,
  gradFnName: null,
};
const oneflowNew = { ...oneflowOld, style: "torch" as const };
const torchBase = { ...oneflowOld, dtypePrefix: "torch", alwaysShowDtype: false, style: "torch" as const };

describe("seed 000 (old OneFlow, numpy formatting)", () => {
  it("leaf with requires_grad", () => {
    expect(tensorRepr({ ...oneflowOld, values: f32([1, 2, 3]), shape: [3], requiresGrad: true })).toBe(
      "tensor([1., 2., 3.], dtype=oneflow.float32, requires_grad=True)",
    );
  });
  it("scalar loss with grad_fn", () => {
    expect(tensorRepr({ ...oneflowOld, values: f32([396.66666]), shape: [], gradFnName: "scalar_mul_backward" })).toBe(
      "tensor(396.6667, dtype=oneflow.float32, grad_fn=<scalar_mul_backward>)",
    );
    expect(tensorRepr({ ...oneflowOld, values: f32([13.333333]), shape: [], gradFnName: "scalar_mul_backward" })).toBe(
      "tensor(13.3333, dtype=oneflow.float32, grad_fn=<scalar_mul_backward>)",
    );
  });
  it("aligned decimal points", () => {
    expect(tensorRepr({ ...oneflowOld, values: f32([8 / 3, 100, 704]), shape: [3] })).toBe(
      "tensor([  2.6667, 100.    , 704.    ], dtype=oneflow.float32)",
    );
    expect(tensorRepr({ ...oneflowOld, values: f32([2 / 3, 20, 110]), shape: [3] })).toBe(
      "tensor([  0.6667,  20.    , 110.    ], dtype=oneflow.float32)",
    );
  });
  it("0-d values switch to exponent form below 1e-4", () => {
    const loss = (v: number) => tensorRepr({ ...oneflowOld, values: f32([v]), shape: [], gradFnName: "reduce_sum_backward" });
    expect(loss(0.0004)).toBe("tensor(0.0004, dtype=oneflow.float32, grad_fn=<reduce_sum_backward>)");
    expect(loss(2.2268e-7)).toBe("tensor(2.2268e-07, dtype=oneflow.float32, grad_fn=<reduce_sum_backward>)");
    expect(loss(3.8654e-12)).toBe("tensor(3.8654e-12, dtype=oneflow.float32, grad_fn=<reduce_sum_backward>)");
  });
  it("column parameter", () => {
    expect(tensorRepr({ ...oneflowOld, values: f32([2, 3]), shape: [2, 1], gradFnName: "accumulate_grad" })).toBe(
      "tensor([[2.],\n        [3.]], dtype=oneflow.float32, grad_fn=<accumulate_grad>)",
    );
  });
  it("print(ndarray) of the numpy model", () => {
    expect(formatNumpyArray([2, 3], [2, 1], "float", { mode: "str" })).toBe("[[2.]\n [3.]]");
  });
});

describe("seeds 001/003 (newer OneFlow, torch formatting)", () => {
  it("arange and grads", () => {
    expect(tensorRepr({ ...oneflowNew, values: f32([0, 1, 2, 3]), shape: [4] })).toBe("tensor([0., 1., 2., 3.], dtype=oneflow.float32)");
    expect(tensorRepr({ ...oneflowNew, values: f32([0, 4, 8, 12]), shape: [4] })).toBe("tensor([ 0.,  4.,  8., 12.], dtype=oneflow.float32)");
    expect(tensorRepr({ ...oneflowNew, values: f32([28]), shape: [], gradFnName: "scalar_mul_backward" })).toBe(
      "tensor(28., dtype=oneflow.float32, grad_fn=<scalar_mul_backward>)",
    );
  });
  it("int8 comparison result", () => {
    expect(tensorRepr({ ...oneflowNew, kind: "int", dtypeName: "int8", values: [1, 1, 1, 1], shape: [4] })).toBe(
      "tensor([1, 1, 1, 1], dtype=oneflow.int8)",
    );
  });
  it("trained weights", () => {
    expect(tensorRepr({ ...oneflowNew, values: f32([1.9999999, 3.0000002]), shape: [2, 1], gradFnName: "accumulate_grad" })).toBe(
      "tensor([[2.0000],\n        [3.0000]], dtype=oneflow.float32, grad_fn=<accumulate_grad>)",
    );
  });
  it("numpy print of the trained weights", () => {
    expect(formatNumpyArray([2.00000001, 2.99999999], [2, 1], "float", { mode: "str" })).toBe("[[2.00000001]\n [2.99999999]]");
  });
});

describe("seed 002 (PyTorch) and devices", () => {
  it("requires_grad and grad_fn", () => {
    expect(tensorRepr({ ...torchBase, values: f32([1, 1, 1, 1]), shape: [2, 2], requiresGrad: true })).toBe(
      "tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)",
    );
    expect(tensorRepr({ ...torchBase, values: f32([2, 0.2, 0.02, 0.002]), shape: [4] })).toBe("tensor([2.0000, 0.2000, 0.0200, 0.0020])");
    expect(tensorRepr({ ...torchBase, values: f32([27]), shape: [], gradFnName: "MeanBackward1" })).toBe("tensor(27., grad_fn=<MeanBackward1>)");
  });
  it("device comes first, before dtype and grad", () => {
    expect(tensorRepr({ ...torchBase, values: f32([1, 2]), shape: [2], device: "cuda:0" })).toBe("tensor([1., 2.], device='cuda:0')");
    expect(tensorRepr({ ...torchBase, dtypeName: "float64", values: [1, 2], shape: [2], device: "cuda:1", requiresGrad: true })).toBe(
      "tensor([1., 2.], device='cuda:1', dtype=torch.float64, requires_grad=True)",
    );
    expect(tensorRepr({ ...torchBase, values: f32([1]), shape: [1], device: "cpu" })).toBe("tensor([1.])");
  });
  it("custom prefix indents continuation lines", () => {
    expect(tensorRepr({ ...torchBase, values: f32([1, 2, 3, 4]), shape: [2, 2], prefix: "Parameter(" })).toBe(
      "Parameter([[1., 2.],\n           [3., 4.]])",
    );
  });
});
