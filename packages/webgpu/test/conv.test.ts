// conv1d/conv2d/conv_transpose2d and pooling, GPU vs CPU: forward and every gradient (the input
// gradient runs the transposed-convolution kernel, the weight gradient the
// convolution_weight_grad kernel, each pooling backward its own op) on odd shapes, strides,
// padding, dilation, groups, ceil_mode, strided (non-contiguous) inputs.
import { describe, it, expect, beforeAll } from "vitest";
import torch from "@tsgrad/torch";
import { gpuReady, maxRelErr } from "./helpers.ts";

type T = any;
const nn = (torch as any).nn;
const F = nn.functional;
beforeAll(gpuReady);

async function values(t: T): Promise<number[]> {
  return Array.from((await t.cpu_async())._contiguousValues(), Number);
}

/** Run `make` on both devices, backprop a random cotangent, compare output and leaf grads. */
async function compare(make: (dev: string, leaf: (t: T) => T) => T, tol = 2e-5): Promise<void> {
  const run = (dev: string) => {
    const leaves: T[] = [];
    const out = make(dev, (t) => {
      const l = t.detach().to(dev).requires_grad_();
      leaves.push(l);
      return l;
    });
    return { out, leaves };
  };
  const c = run("cpu");
  const g = run("webgpu");
  expect(g.out.device.type).toBe("webgpu");
  expect(g.out._shape).toEqual(c.out._shape);
  expect(g.out.grad_fn.name()).toBe(c.out.grad_fn.name());
  const cot = torch.randn(...c.out._shape);
  c.out.mul(cot).sum().backward();
  g.out.mul(cot.to("webgpu")).sum().backward();
  expect(maxRelErr(await values(g.out), await values(c.out))).toBeLessThan(tol);
  for (let i = 0; i < c.leaves.length; i++) {
    expect(g.leaves[i].grad.device.type).toBe("webgpu");
    expect(maxRelErr(await values(g.leaves[i].grad), await values(c.leaves[i].grad))).toBeLessThan(tol);
  }
}

describe("convolution on the GPU vs the CPU", () => {
  const convs: Array<[string, number[], number[], Record<string, unknown>]> = [
    ["3x3, no padding", [2, 3, 8, 8], [5, 3, 3, 3], {}],
    ["odd sizes, stride 2, padding 1, bias", [3, 2, 7, 5], [4, 2, 3, 3], { stride: 2, padding: 1 }],
    ["rectangular kernel, stride [2,1], padding [1,2], dilation [2,1], groups 2", [2, 4, 9, 6], [6, 2, 3, 2], { stride: [2, 1], padding: [1, 2], dilation: [2, 1], groups: 2 }],
    ["depthwise, dilation 2", [1, 3, 11, 10], [3, 1, 3, 3], { padding: 2, dilation: 2, groups: 3 }],
    ["1x1 kernel, stride 3", [2, 5, 7, 7], [2, 5, 1, 1], { stride: 3 }],
    ["kernel as large as the input", [2, 2, 4, 5], [3, 2, 4, 5], {}],
  ];
  for (const [name, xs, ws, kw] of convs)
    it(`conv2d: ${name}`, async () => {
      torch.manual_seed(xs.reduce((a, b) => a + b, 0));
      const x0 = torch.randn(...xs), w0 = torch.randn(...ws), b0 = torch.randn(ws[0]);
      await compare((_dev, leaf) => F.conv2d(leaf(x0), leaf(w0), leaf(b0), kw));
    });

  it("conv2d on a non-contiguous input (a transposed view) and without bias", async () => {
    torch.manual_seed(11);
    const x0 = torch.randn(2, 3, 6, 7), w0 = torch.randn(4, 3, 2, 3);
    await compare((_dev, leaf) => F.conv2d(leaf(x0).transpose(2, 3), leaf(w0), null, { padding: 1 }));
  });

  it("conv1d (a height-1 conv2d), stride 2, padding 1, dilation 2", async () => {
    torch.manual_seed(12);
    const x0 = torch.randn(3, 4, 13), w0 = torch.randn(6, 2, 3), b0 = torch.randn(6);
    await compare((_dev, leaf) => F.conv1d(leaf(x0), leaf(w0), leaf(b0), { stride: 2, padding: 1, dilation: 2, groups: 2 }));
  });

  it("conv_transpose2d with stride, padding, output_padding, groups, dilation", async () => {
    torch.manual_seed(13);
    const x0 = torch.randn(2, 4, 5, 4), w0 = torch.randn(4, 3, 3, 2), b0 = torch.randn(6);
    await compare((_dev, leaf) => F.conv_transpose2d(leaf(x0), leaf(w0), leaf(b0), { stride: [2, 3], padding: [1, 0], output_padding: [1, 2], groups: 2, dilation: [1, 2] }));
  });

  it("nn.Conv2d + ReLU + MaxPool2d + Linear: a small CNN step on the GPU matches the CPU", async () => {
    const run = async (dev: string) => {
      torch.manual_seed(14);
      const model = nn.Sequential(nn.Conv2d(1, 4, 3, { padding: 1 }), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 6, 3, { stride: 2 }), nn.AdaptiveAvgPool2d([2, 2]), nn.Flatten(), nn.Linear(24, 3)).to(dev);
      const opt = (torch as any).optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
      const x = torch.randn(5, 1, 13, 11).to(dev);
      const y = torch.tensor([0n, 2n, 1n, 1n, 0n]).to(dev);
      const losses: number[] = [];
      for (let s = 0; s < 4; s++) {
        opt.zero_grad();
        const loss = F.cross_entropy(model(x), y);
        loss.backward();
        opt.step();
        losses.push(await loss.item_async());
      }
      return losses;
    };
    const c = await run("cpu");
    const g = await run("webgpu");
    for (let i = 0; i < c.length; i++) expect(Math.abs(g[i] - c[i])).toBeLessThan(1e-4);
  });

  it("float64 and mismatched dtypes are refused", () => {
    const x = torch.randn(1, 1, 3, 3).to("webgpu");
    expect(() => F.conv2d(x, torch.ones(1, 1, 2, 2, { dtype: torch.int64 }).to("webgpu"))).toThrow("expected scalar type Float but found Long");
  });
});

describe("pooling on the GPU vs the CPU", () => {
  const maxCases: Array<[string, number[], unknown, Record<string, unknown>]> = [
    ["2x2", [2, 3, 8, 8], 2, {}],
    ["3x2, stride [2,3], padding 1, dilation [1,2], ceil_mode", [2, 3, 9, 8], [3, 2], { stride: [2, 3], padding: 1, dilation: [1, 2], ceil_mode: true }],
    ["3x3 stride 2 padding 1 (ResNet stem), odd input", [1, 2, 11, 7], 3, { stride: 2, padding: 1 }],
    ["unbatched 3-D input, overlapping windows", [3, 7, 6], 3, { stride: 1 }],
  ];
  for (const [name, xs, k, kw] of maxCases)
    it(`max_pool2d: ${name}`, async () => {
      torch.manual_seed(xs.length * 7 + xs[1]);
      const x0 = torch.randn(...xs);
      await compare((_dev, leaf) => F.max_pool2d(leaf(x0), k, kw));
    });

  it("max_pool2d return_indices: the same indices (int64) on both devices; ties and NaN", async () => {
    const x0 = torch.tensor([[[[1, 1, 2, 2], [1, NaN, 0, 3], [5, 5, 5, 5], [4, 5, 6, 5]]]]);
    const [vc, ic] = F.max_pool2d(x0, 2, { return_indices: true });
    const [vg, ig] = F.max_pool2d(x0.to("webgpu"), 2, { return_indices: true });
    expect(ig.dtype).toBe(torch.int64);
    expect(await ig.tolist_async()).toEqual(ic.tolist());
    expect(await vg.tolist_async()).toEqual(vc.tolist());
    await compare((_dev, leaf) => F.max_pool2d(leaf(torch.tensor([[[[1, 3, 3, 2], [3, 0, 3, 1], [2, 2, 2, 2]]]])), 2, { stride: 1 }));
  });

  const avgCases: Array<[string, number[], unknown, Record<string, unknown>]> = [
    ["2x2", [2, 3, 8, 8], 2, {}],
    ["3x3 stride 2 padding 1 ceil_mode, count_include_pad", [2, 2, 9, 7], 3, { stride: 2, padding: 1, ceil_mode: true }],
    ["3x3 stride 2 padding 1 ceil_mode, exclude pad", [2, 2, 9, 7], 3, { stride: 2, padding: 1, ceil_mode: true, count_include_pad: false }],
    ["[3,2] stride [1,2], divisor_override 5", [1, 3, 6, 7], [3, 2], { stride: [1, 2], padding: [1, 1], divisor_override: 5 }],
  ];
  for (const [name, xs, k, kw] of avgCases)
    it(`avg_pool2d: ${name}`, async () => {
      torch.manual_seed(xs[2] * 3 + xs[3]);
      const x0 = torch.randn(...xs);
      await compare((_dev, leaf) => F.avg_pool2d(leaf(x0), k, kw));
    });

  for (const [xs, size] of [[[2, 3, 9, 7], [4, 5]], [[1, 2, 5, 5], [7, 3]], [[3, 6, 4], [2, 3]], [[2, 2, 8, 8], [1, 1]]] as Array<[number[], number[]]>)
    it(`adaptive_avg_pool2d ${xs.join("x")} -> ${size.join("x")}`, async () => {
      torch.manual_seed(xs[xs.length - 1] + size[0]);
      const x0 = torch.randn(...xs);
      await compare((_dev, leaf) => F.adaptive_avg_pool2d(leaf(x0), size));
    });

  it("pooling of a strided view", async () => {
    torch.manual_seed(21);
    const x0 = torch.randn(2, 3, 7, 9);
    await compare((_dev, leaf) => F.max_pool2d(leaf(x0).transpose(2, 3), 3, { stride: 2 }).add(F.avg_pool2d(leaf(x0).transpose(2, 3), 3, { stride: 2 })));
  });
});
