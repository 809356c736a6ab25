// The same autograd programs on both devices: gradients from the GPU equal the CPU's, grad_fn
// names are the same, and a W5-style MLP trains entirely on the GPU. Also the device plumbing:
// printing, .to/.cpu, device= in factories, mixed-device and synchronous-read errors.
import { describe, it, expect, beforeAll } from "vitest";
import torch from "@tsgrad/torch";
import { captureOutput, print } from "@tsgrad/py";
import * as webgpu from "../src/index.ts";
import { gpuReady, maxRelErr } from "./helpers.ts";

type T = any;
beforeAll(gpuReady);

async function values(t: T): Promise<number[]> {
  return Array.from((await t.cpu_async())._contiguousValues());
}

const programs: Array<[string, (dev: string) => { loss: T; leaves: T[] }]> = [
  ["seed 002 chain", (dev) => {
    const x = torch.ones(2, 2, { requires_grad: true, device: dev });
    const y = x.add(2);
    return { loss: y.mul(y).mul(3).mean(), leaves: [x] };
  }],
  ["broadcast arithmetic and unary ops", (dev) => {
    torch.manual_seed(3);
    const a = torch.randn(3, 4).to(dev).requires_grad_();
    const b = torch.randn(4).to(dev).requires_grad_();
    const z = a.mul(b).add(b.exp()).div(a.abs().add(1)).tanh().sigmoid().sub(a.pow(2)).sum();
    return { loss: z, leaves: [a, b] };
  }],
  ["matmul, relu, log_softmax, gather (a classifier's loss)", (dev) => {
    torch.manual_seed(4);
    const x = torch.randn(8, 5).to(dev);
    const w = torch.randn(5, 4).to(dev).requires_grad_();
    const bias = torch.zeros(4).to(dev).requires_grad_();
    const y = torch.randint(0, 4, [8, 1]).to(dev);
    const logp = x.matmul(w).add(bias).relu().log_softmax(1);
    return { loss: logp.gather(1, y).mean().neg(), leaves: [w, bias] };
  }],
  ["views, reductions over dims, softmax, where", (dev) => {
    torch.manual_seed(5);
    const a = torch.randn(4, 6).to(dev).requires_grad_();
    const v = a.t().reshape(3, 8).at(":", "1:7");
    const s = v.softmax(0).mul(v).sum(1);
    return { loss: torch.where(s.gt(0), s, s.mul(2)).mean(), leaves: [a] };
  }],
  ["retain_graph: backward twice accumulates", (dev) => {
    const x = torch.tensor([1.5, -2.0, 3.0], { requires_grad: true, device: dev });
    const y = x.mul(x).sum();
    y.backward({ retain_graph: true });
    return { loss: y, leaves: [x] };
  }],
];

describe("autograd on both devices", () => {
  for (const [name, prog] of programs)
    it(name, async () => {
      const cpu = prog("cpu");
      const gpu = prog("webgpu");
      expect(gpu.loss.device.__repr__()).toBe("device(type='webgpu', index=0)");
      expect(gpu.loss.grad_fn.name()).toBe(cpu.loss.grad_fn.name());
      cpu.loss.backward();
      gpu.loss.backward();
      expect(maxRelErr(await values(gpu.loss), await values(cpu.loss))).toBeLessThan(1e-5);
      for (let i = 0; i < cpu.leaves.length; i++) {
        expect(gpu.leaves[i].grad.device.type).toBe("webgpu");
        expect(maxRelErr(await values(gpu.leaves[i].grad), await values(cpu.leaves[i].grad))).toBeLessThan(1e-5);
      }
    });

  it("gradients flow back across .to(); a CPU leaf used on the GPU asks to be moved first", async () => {
    const g = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true, device: "webgpu" });
    const c = g.cpu();
    expect(c.grad_fn.name()).toBe("ToCopyBackward0");
    c.mul(2).sum().backward();
    expect(await g.grad.tolist_async()).toEqual([2, 2, 2]);
    const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
    const y = x.to("webgpu").mul(2).sum();
    expect(() => y.backward()).toThrow("move it there first");
  });
});

describe("W5 in raw ops (matmul, log_softmax, gather, sub_): trained entirely on the GPU", () => {
  it("784-256-10 with SGD: the loss falls, and matches the CPU run step by step", async () => {
    const run = async (dev: string) => {
      torch.manual_seed(0);
      const x = torch.rand(64, 784).to(dev);
      const y = torch.randint(0, 10, [64, 1]).to(dev);
      const w1 = torch.randn(784, 256).mul(0.05).to(dev).requires_grad_();
      const b1 = torch.zeros(256).to(dev).requires_grad_();
      const w2 = torch.randn(256, 10).mul(0.05).to(dev).requires_grad_();
      const b2 = torch.zeros(10).to(dev).requires_grad_();
      const params = [w1, b1, w2, b2];
      const losses: number[] = [];
      for (let step = 0; step < 8; step++) {
        for (const p of params) p.grad = null;
        const logits = x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
        const loss = logits.log_softmax(1).gather(1, y).mean().neg();
        loss.backward();
        torch.no_grad(() => {
          for (const p of params) p.sub_(p.grad.mul(0.1));
        });
        losses.push(Number(await loss.item_async()));
      }
      expect(w1.device.type).toBe(dev === "cpu" ? "cpu" : "webgpu");
      return losses;
    };
    const cpu = await run("cpu");
    const gpu = await run("webgpu");
    expect(gpu[7]).toBeLessThan(gpu[0]);
    for (let i = 0; i < cpu.length; i++) expect(Math.abs(gpu[i] - cpu[i])).toBeLessThan(1e-3);
  });
});

describe("device plumbing", () => {
  it("prints device= in the repr, and tensor.device as PyTorch prints a device", async () => {
    const x = torch.tensor([1.0, 2.0], { device: "webgpu" });
    const y = x.mul(2);
    await y.fetch_async();
    const out = captureOutput(() => print(y, y.device, x.device.type));
    expect(out).toBe("tensor([2., 4.], device='webgpu:0') webgpu:0 webgpu\n");
    expect(torch.device("webgpu:0").__repr__()).toBe("device(type='webgpu', index=0)");
  });
  it("synchronous reads of unfetched values raise, naming the awaitable forms", async () => {
    const y = torch.ones(3, { device: "webgpu" }).add(1);
    expect(() => y.item).toBeDefined();
    expect(() => y.tolist()).toThrow("await t.cpu_async()");
    expect(() => y.sum().item()).toThrow("reading them is asynchronous");
    expect(await y.sum().item_async()).toBe(6);
    expect(await y.tolist_async()).toEqual([2, 2, 2]);
    const f = await y.fetch_async();
    expect(f.tolist()).toEqual([2, 2, 2]); // fetched: synchronous reads work until the next write
    y.add_(1);
    expect(() => y.tolist()).toThrow("reading them is asynchronous");
  });
  it("mixing devices raises PyTorch's message; 0-dim CPU tensors mix as scalars", async () => {
    const g = torch.ones(2, { device: "webgpu" });
    expect(() => g.add(torch.ones(2))).toThrow("Expected all tensors to be on the same device, but found at least two devices, webgpu:0 and cpu!");
    expect(await g.mul(torch.tensor(3.0)).tolist_async()).toEqual([3, 3]);
  });
  it(".to / .cpu / cpu_async, dtype conversion on the way, float64 refused", async () => {
    const c = torch.arange(6n).view(2, 3);
    const g = c.to("webgpu", torch.float32);
    expect(g.dtype).toBe(torch.float32);
    expect(g.to("webgpu")).toBe(g);
    expect((await g.t().cpu_async()).tolist()).toEqual([[0, 3], [1, 4], [2, 5]]);
    expect(() => c.double().to("webgpu")).toThrow("WebGPU doesn't support float64");
    expect(() => g.to("cuda")).toThrow("device type at start of device string: cuda");
    const z = torch.zeros(2, 2, { device: "webgpu", requires_grad: true });
    expect(z.is_leaf && z.requires_grad && z.device.type === "webgpu").toBe(true);
  });
  it("factories with device= draw on the GPU generator: seeded and repeatable, a different stream from the CPU's", async () => {
    torch.manual_seed(7);
    const a = torch.randn(5);
    torch.manual_seed(7);
    const b = await torch.randn(5, { device: "webgpu" }).tolist_async();
    torch.manual_seed(7);
    expect(await torch.randn(5, { device: "webgpu" }).tolist_async()).toEqual(b);
    expect(b).not.toEqual(a.tolist());
  });
});
