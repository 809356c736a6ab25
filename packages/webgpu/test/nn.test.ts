// nn and optim unchanged on GPU tensors: Module.to(device) (Parameter identity kept, buffers and
// grads moved), layers and losses GPU vs CPU, optimizer steps GPU vs CPU, and bench-spec's W5
// MLP (784-256-10, ReLU, batch 64, cross_entropy, SGD lr 0.1) written with nn.Linear +
// F.cross_entropy + optim.SGD, trained entirely on the GPU.
import { describe, it, expect, beforeAll } from "vitest";
import torch from "@tsgrad/torch";
import { gpuReady, maxRelErr } from "./helpers.ts";

type T = any;
const nn = (torch as any).nn;
const F = nn.functional;
const optim = (torch as any).optim;
beforeAll(gpuReady);

async function values(t: T): Promise<number[]> {
  return Array.from((await t.cpu_async())._contiguousValues(), Number);
}
async function close(gpu: T, cpu: T, tol = 2e-5): Promise<void> {
  expect(gpu.device.type).toBe("webgpu");
  expect(gpu._shape).toEqual(cpu._shape);
  expect(maxRelErr(await values(gpu), await values(cpu))).toBeLessThan(tol);
}

describe("Module.to(device)", () => {
  it("moves parameters in place (param.data), their grads and buffers; optimizers keep working", async () => {
    torch.manual_seed(0);
    const m = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4));
    const w = m[0].weight;
    m(torch.randn(5, 3)).sum().backward();
    const g = w.grad;
    const rm = m[1].running_mean;
    const before = w.tolist();
    expect(m.to("webgpu") === m).toBe(true);
    expect(m[0].weight === w).toBe(true); // same Parameter object, as PyTorch's _apply
    expect(w.device.type).toBe("webgpu");
    expect(w.grad === g).toBe(true);
    expect(g.device.type).toBe("webgpu");
    expect(m[1].running_mean.device.type).toBe("webgpu");
    expect(m[1].running_mean === rm).toBe(false);
    expect(m[1].num_batches_tracked.dtype).toBe(torch.int64);
    expect(m[1].num_batches_tracked.device.type).toBe("webgpu");
    expect(await w.tolist_async()).toEqual(before);
    expect([...m.parameters()].every((p: T) => p.device.type === "webgpu" && p.requires_grad && p.is_leaf)).toBe(true);
  });
  it("to(device, dtype), to(tensor), to({device}), cpu() after a fetch", async () => {
    const m = nn.Linear(2, 2);
    m.to(torch.device("webgpu"), torch.float32);
    expect(m.weight.device.type).toBe("webgpu");
    const m2 = nn.Linear(2, 2).to({ device: "webgpu" });
    expect(m2.bias.device.type).toBe("webgpu");
    const m3 = nn.Linear(2, 2).to(torch.ones(1, { device: "webgpu" }));
    expect(m3.weight.device.type).toBe("webgpu");
    const vals = await m3.weight.tolist_async(); // fetched: cpu() may read synchronously
    m3.cpu();
    expect(m3.weight.device.type).toBe("cpu");
    expect(m3.weight.tolist()).toEqual(vals);
    expect(() => m.to("webgpu", torch.int64)).toThrow("only accepts floating point");
    expect(() => m.to(torch.float64)).toThrow("WebGPU doesn't support float64");
  });
});

describe("layers and losses, GPU vs CPU (forward and gradients)", () => {
  const cases: Array<[string, (dev: string) => { out: T; leaves: T[] }]> = [
    ["Linear + ReLU + Linear, CrossEntropyLoss", (dev) => {
      torch.manual_seed(1);
      const m = nn.Sequential(nn.Linear(7, 5), nn.ReLU(), nn.Linear(5, 3)).to(dev);
      const x = torch.randn(6, 7).to(dev);
      const y = torch.tensor([0n, 2n, 1n, 1n, 0n, 2n]).to(dev);
      return { out: nn.CrossEntropyLoss()(m(x), y), leaves: [...m.parameters()] };
    }],
    ["MSELoss (mean, sum, none), a 3-D Linear", (dev) => {
      torch.manual_seed(2);
      const lin = nn.Linear(4, 3).to(dev);
      const x = torch.randn(2, 5, 4).to(dev);
      const y = torch.randn(2, 5, 3).to(dev);
      const p = lin(x);
      const out = nn.MSELoss()(p, y).add(F.mse_loss(p, y, { reduction: "sum" }).mul(0.1)).add(F.mse_loss(p, y, { reduction: "none" }).at(0).sum());
      return { out, leaves: [lin.weight, lin.bias] };
    }],
    ["cross_entropy: class weights, ignore_index, sum / none, K-dim targets", (dev) => {
      torch.manual_seed(3);
      const x = torch.randn(5, 4).to(dev).requires_grad_();
      const img = torch.randn(2, 3, 4, 2).to(dev).requires_grad_();
      const y = torch.tensor([3n, -100n, 1n, 0n, 3n]).to(dev);
      const yi = torch.randint(0, 3, [2, 4, 2]).to(dev);
      const w = torch.tensor([0.5, 2.0, 1.0, 3.0]).to(dev);
      const a = F.cross_entropy(x, y, { weight: w });
      const b = F.cross_entropy(x, y, { reduction: "sum" });
      const c = F.cross_entropy(x, y, { reduction: "none" }).mul(torch.arange(5).float().to(dev)).sum();
      const d = F.cross_entropy(img, yi);
      return { out: a.add(b).add(c).add(d), leaves: [x, img] };
    }],
    ["nll_loss on a 1-D input; label smoothing off", (dev) => {
      torch.manual_seed(4);
      const x = torch.randn(6).to(dev).requires_grad_();
      return { out: F.nll_loss(x.log_softmax(0), torch.tensor(4n).to(dev)), leaves: [x] };
    }],
  ];
  for (const [name, make] of cases)
    it(name, async () => {
      const cpu = make("cpu");
      const gpu = make("webgpu");
      expect(gpu.out.grad_fn.name()).toBe(cpu.out.grad_fn.name());
      cpu.out.backward();
      gpu.out.backward();
      await close(gpu.out, cpu.out, 1e-5);
      for (let i = 0; i < cpu.leaves.length; i++) await close(gpu.leaves[i].grad, cpu.leaves[i].grad, 1e-5);
    });

  it("a target out of range gives NaN on the GPU (the CPU raises; the check would need a read)", async () => {
    const x = torch.randn(3, 4).to("webgpu");
    const l = F.cross_entropy(x, torch.tensor([0n, 7n, 1n]).to("webgpu"), { reduction: "none" });
    const v = await l.tolist_async();
    expect(Number.isNaN(v[1]) && Number.isFinite(v[0]) && Number.isFinite(v[2])).toBe(true);
    expect(() => F.cross_entropy(x, torch.tensor([0n, 1n, 2n]))).toThrow("Expected all tensors to be on the same device");
  });
});

describe("optimizers on GPU parameters, vs the CPU", () => {
  const configs: Array<[string, (ps: T[]) => T, number]> = [
    ["SGD", (ps) => optim.SGD(ps, { lr: 0.1 }), 1e-5],
    ["SGD momentum + nesterov + weight decay + maximize", (ps) => optim.SGD(ps, { lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 0.01, maximize: true }), 1e-5],
    ["SGD momentum + dampening", (ps) => optim.SGD(ps, { lr: 0.05, momentum: 0.8, dampening: 0.3 }), 1e-5],
    ["Adam", (ps) => optim.Adam(ps, { lr: 0.01 }), 1e-4],
    ["Adam amsgrad + weight decay", (ps) => optim.Adam(ps, { lr: 0.01, amsgrad: true, weight_decay: 0.1 }), 1e-4],
    ["AdamW", (ps) => optim.AdamW(ps, { lr: 0.01 }), 1e-4],
    ["RMSprop centered + momentum + weight decay", (ps) => optim.RMSprop(ps, { lr: 0.01, centered: true, momentum: 0.5, weight_decay: 0.1 }), 1e-4],
    ["RMSprop", (ps) => optim.RMSprop(ps, { lr: 0.01 }), 1e-4],
    ["Adagrad (lr_decay, initial accumulator; built after the move)", (ps) => optim.Adagrad(ps, { lr: 0.1, lr_decay: 0.01, initial_accumulator_value: 0.1 }), 1e-4],
  ];
  for (const [name, make, tol] of configs)
    it(name, async () => {
      const run = async (dev: string) => {
        torch.manual_seed(5);
        const m = nn.Linear(6, 3).to(dev);
        const x = torch.randn(8, 6).to(dev);
        const y = torch.randn(8, 3).to(dev);
        const o = make([...m.parameters()]);
        for (let s = 0; s < 5; s++) {
          o.zero_grad();
          F.mse_loss(m(x), y).backward();
          o.step();
        }
        return m;
      };
      const cpu = await run("cpu");
      const gpu = await run("webgpu");
      await close(gpu.weight, cpu.weight, tol);
      await close(gpu.bias, cpu.bias, tol);
    });
});

describe("W5: the MLP with nn.Linear + F.cross_entropy + optim.SGD, entirely on the GPU", () => {
  it("784-256-10, ReLU, batch 64, SGD lr 0.1: the loss trajectory matches the CPU's", async () => {
    const run = async (dev: string) => {
      torch.manual_seed(0);
      const model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10)).to(dev);
      const opt = optim.SGD(model.parameters(), { lr: 0.1 });
      const x = torch.rand(64, 784).to(dev);
      const y = torch.randint(0, 10, [64]).to(dev);
      const losses: number[] = [];
      for (let step = 0; step < 8; step++) {
        opt.zero_grad();
        const loss = F.cross_entropy(model(x), y);
        loss.backward();
        opt.step();
        expect(loss.device.type).toBe(dev === "cpu" ? "cpu" : "webgpu");
        losses.push(Number(await loss.item_async()));
      }
      for (const p of model.parameters()) expect(p.device.type).toBe(dev === "cpu" ? "cpu" : "webgpu");
      return { losses, w: model[2].weight };
    };
    const cpu = await run("cpu");
    const gpu = await run("webgpu");
    expect(gpu.losses[7]).toBeLessThan(gpu.losses[0]);
    for (let i = 0; i < cpu.losses.length; i++) expect(Math.abs(gpu.losses[i] - cpu.losses[i])).toBeLessThan(1e-5 * Math.max(1, cpu.losses[i]) * 10);
    await close(gpu.w, cpu.w, 1e-4);
  });
});
